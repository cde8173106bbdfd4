package dev.courier.client.device;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One command name's commands, handled one at a time in the order they arrived, on the shared executor. A lane
 * holds a thread only while its handler runs; an async handler's lane waits for its stage without one.
 */
final class Lane {

    /** What became of one command: the handler's value, or why it failed. */
    interface Finish {
        void finished(Command command, Object value, Throwable error);
    }

    private final Executor executor;
    private final Finish finish;
    private final Queue<Command> waiting = new ArrayDeque<>();
    private volatile AsyncCommandHandler handler;
    private boolean busy;

    Lane(AsyncCommandHandler handler, Executor executor, Finish finish) {
        this.handler = handler;
        this.executor = executor;
        this.finish = finish;
    }

    /** A new handler for the name: it takes the next command; one that is running finishes first. */
    void handler(AsyncCommandHandler handler) {
        this.handler = handler;
    }

    void add(Command command) {
        synchronized (this) {
            waiting.add(command);
            if (busy) {
                return;
            }
            busy = true;
        }
        schedule();
    }

    private void schedule() {
        try {
            executor.execute(this::runNext);
        } catch (RejectedExecutionException shutDown) {
            // the device has stopped: what waits here is never answered, so Courier hands it over again later
            synchronized (this) {
                waiting.clear();
                busy = false;
            }
        }
    }

    private void runNext() {
        Command command;
        synchronized (this) {
            command = waiting.poll();
            if (command == null) {
                busy = false;
                return;
            }
        }
        start(command).whenComplete((value, error) -> {
            finish.finished(command, value, error);
            schedule();
        });
    }

    private CompletionStage<?> start(Command command) {
        try {
            CompletionStage<?> stage = handler.handle(command);
            return stage == null ? CompletableFuture.completedFuture(null) : stage;
        } catch (Throwable e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
