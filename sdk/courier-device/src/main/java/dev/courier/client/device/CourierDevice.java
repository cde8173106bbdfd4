package dev.courier.client.device;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A device's connection to Courier. Connect with the device's token, then say which command names it handles:
 *
 * <pre>{@code
 * CourierDevice device = CourierDevice.connect("http://localhost:8080", token);
 * device.listen("reboot", command -> reboot(command.data().path("delay").asInt()));
 * }</pre>
 *
 * A handler that returns acks its command; one that throws nacks it with the exception's message (Courier hands
 * it over again after its retry delay). Commands of one name are handled one at a time, in send order; different
 * names in parallel, on at most {@link DeviceOptions#handlerThreads()} threads. The client reconnects by itself
 * (WebSocket, else long-poll), and a command that comes again after it was handled is acked again, not handled
 * twice. A refused token stops it: {@link #connect} throws {@link TokenRefusedException}, or later
 * {@link #stopped()} completes with it.
 */
public final class CourierDevice implements AutoCloseable {

    private static final System.Logger log = System.getLogger(CourierDevice.class.getName());
    private static final AtomicInteger DEVICES = new AtomicInteger();

    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final DeviceOptions options;
    private final ExecutorService handlers;
    private final ScheduledExecutorService timer;
    private final Dispatcher dispatcher;
    private final Connection connection;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();

    private CourierDevice(URI base, String token, DeviceOptions options) {
        int number = DEVICES.incrementAndGet();
        this.options = options;
        this.handlers = Executors.newFixedThreadPool(options.handlerThreads(), Threads.daemon("courier-handler-" + number));
        this.timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("courier-connection-" + number));
        // HTTP/1.1: the JDK's default asks every first request to upgrade to h2c, which proxies may refuse
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .build();
        this.connection = new Connection(http, base, token, options, () -> Set.copyOf(names), this::received, timer);
        this.dispatcher = new Dispatcher(new RecentAcks(options.recentIds()), connection.link(), handlers);
        connection.stopped().whenComplete((ok, error) -> {
            if (error != null) {
                shutDown();
                stopped.completeExceptionally(error);
            }
        });
    }

    private void received(Command command) {
        dispatcher.offer(command);
    }

    /** Connects with the default options. */
    public static CourierDevice connect(String url, String token) {
        return connect(url, token, DeviceOptions.defaults());
    }

    /**
     * Connects and returns once the first attempt has connected, or failed for a reason that a retry may mend
     * (Courier unreachable: the client goes on trying in the background).
     *
     * @throws TokenRefusedException when Courier refuses the token
     */
    public static CourierDevice connect(String url, String token, DeviceOptions options) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        var device = new CourierDevice(URI.create(url.endsWith("/") ? url : url + "/"), token, options);
        try {
            device.connection.start().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof TokenRefusedException refused) {
                throw refused;
            }
            throw e;
        }
        return device;
    }

    /** Handles the commands of this name; returning acks, throwing nacks. */
    public CourierDevice listen(String name, CommandHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return listenAsync(name, command -> {
            handler.handle(command);
            return null;
        });
    }

    /** Handles the commands of this name; the value returned is sent with the ack as the command's result. */
    public CourierDevice listenForResult(String name, ResultHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return listenAsync(name, command -> CompletableFuture.completedFuture(handler.handle(command)));
    }

    /** Handles the commands of this name without holding a thread: acks when the returned stage completes. */
    public CourierDevice listenAsync(String name, AsyncCommandHandler handler) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        dispatcher.handle(name, handler);
        if (names.add(name)) {
            connection.link().listen(name);
        }
        return this;
    }

    /** Stops receiving this name; its commands wait in Courier's queue. A running handler finishes. */
    public CourierDevice off(String name) {
        if (names.remove(name)) {
            connection.link().off(name);
        }
        dispatcher.remove(name);
        return this;
    }

    /** How commands are arriving right now. */
    public Transport transport() {
        return connection.link().transport();
    }

    /**
     * Completes when the client has stopped: normally after {@link #close()}, exceptionally with a
     * {@link TokenRefusedException} when Courier refused the token.
     */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /**
     * Takes no new commands, waits up to {@link DeviceOptions#shutdownTimeout()} for running handlers (their acks
     * go out), then closes the connection. What was not handled waits in Courier for the next connect.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        dispatcher.stopAccepting();
        try {
            if (!dispatcher.awaitIdle(options.shutdownTimeout())) {
                log.log(Level.WARNING, "Handlers still running after {0}: closing anyway; their commands come again",
                        options.shutdownTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
        shutDown();
        stopped.complete(null);
    }

    private void shutDown() {
        dispatcher.stopAccepting();
        handlers.shutdownNow();
        timer.shutdown();
    }
}
