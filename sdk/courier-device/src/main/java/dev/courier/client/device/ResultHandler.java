package dev.courier.client.device;

/**
 * Handles one command and says how it went: the value returned is sent with the ack as the command's
 * {@code result} (any value Jackson writes as JSON; {@code null}: no result). Throwing nacks, as for
 * {@link CommandHandler}. A Courier that keeps no results ignores them.
 */
@FunctionalInterface
public interface ResultHandler {

    Object handle(Command command) throws Exception;
}
