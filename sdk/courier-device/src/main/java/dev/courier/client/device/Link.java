package dev.courier.client.device;

import java.util.concurrent.CompletableFuture;

/** One open way of receiving commands from Courier, and of answering them: a WebSocket or long-polls. */
interface Link extends Answers {

    Transport transport();

    /** The device now listens to this name (also sent for every name when a link opens). */
    void listen(String name);

    void off(String name);

    /** Completes when the link has ended: normally when closed, exceptionally with what broke it. */
    CompletableFuture<Void> ended();

    /** Ends the link; what it has received but not answered comes again on the next one. */
    void close();
}
