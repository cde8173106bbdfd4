package dev.courier.client.device;

import java.util.concurrent.CompletionStage;

/**
 * Starts handling one command and returns at once. The command is acked when the stage completes (its value, if
 * not {@code null}, is sent as the ack's result) and nacked with the error's message when it fails or when this
 * method throws. The next command of the same name is handed over only after that.
 */
@FunctionalInterface
public interface AsyncCommandHandler {

    CompletionStage<?> handle(Command command) throws Exception;
}
