package dev.courier.client.device;

/**
 * Handles one command. Returning acks it; throwing nacks it with the exception's message, and Courier hands it
 * over again after its retry delay.
 */
@FunctionalInterface
public interface CommandHandler {

    void handle(Command command) throws Exception;
}
