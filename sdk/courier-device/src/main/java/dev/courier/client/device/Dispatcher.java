package dev.courier.client.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Takes each command that arrives, from either transport, to its name's {@link Lane}, and answers it when the
 * handler is done. A repeat of a command handled lately is acked again without the handler; a repeat of one that
 * is being handled is dropped (its ack follows when the handler is done).
 */
final class Dispatcher {

    private static final System.Logger log = System.getLogger(Dispatcher.class.getName());

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final RecentAcks recent;
    private final Answers answers;
    private final Executor executor;
    private volatile boolean accepting = true;

    Dispatcher(RecentAcks recent, Answers answers, Executor executor) {
        this.recent = recent;
        this.answers = answers;
        this.executor = executor;
    }

    void handle(String name, AsyncCommandHandler handler) {
        lanes.compute(name, (key, lane) -> {
            if (lane == null) {
                return new Lane(handler, executor, this::finished);
            }
            lane.handler(handler);
            return lane;
        });
    }

    void remove(String name) {
        lanes.remove(name);
    }

    void offer(Command command) {
        var acked = recent.resultOf(command.id());
        if (acked.isPresent()) {
            log.log(Level.DEBUG, "Command {0} was handled already (attempt {1}): acking it again", command.id(),
                    command.attempt());
            answers.ack(command.id(), acked.get());
            return;
        }
        // stopping: no new work; unanswered, the command comes again when the device is back
        if (!accepting || !inFlight.add(command.id())) {
            return;
        }
        Lane lane = lanes.get(command.name());
        if (lane == null) {
            inFlight.remove(command.id());
            answers.nack(command.id(), "the device does not listen to " + command.name() + " any more");
            return;
        }
        lane.add(command);
    }

    private void finished(Command command, Object value, Throwable error) {
        try {
            if (error == null) {
                JsonNode result = value == null ? null : Json.MAPPER.valueToTree(value);
                recent.add(command.id(), result);
                answers.ack(command.id(), result);
            } else {
                answers.nack(command.id(), messageOf(error));
            }
        } catch (IllegalArgumentException notJson) {
            answers.nack(command.id(), "the handler's result is not writable as JSON: " + notJson.getMessage());
        } finally {
            inFlight.remove(command.id());
            synchronized (inFlight) {
                inFlight.notifyAll();
            }
        }
    }

    static String messageOf(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
    }

    /** From now on, commands that arrive are left unanswered; those being handled finish. */
    void stopAccepting() {
        accepting = false;
    }

    /** Waits until no handler runs; false when some still did after the timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inFlight) {
            while (!inFlight.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                inFlight.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
