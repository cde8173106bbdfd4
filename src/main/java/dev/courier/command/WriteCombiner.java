package dev.courier.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers concurrent requests into batches that one statement (and one commit) serves. Natural batching:
 * a worker takes whatever has arrived, runs it as one batch, and meanwhile the next batch gathers; at low load
 * a batch is one request and nothing waits for company. Callers block until their own request is answered.
 * A batch that fails is run again one request at a time, so one bad request fails alone.
 *
 * @param <R> a request
 * @param <T> its answer
 */
final class WriteCombiner<R, T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteCombiner.class);

    /** Runs a batch; it answers each request it can, and any it leaves unanswered is run again on its own. */
    interface BatchAction<R, T> extends Consumer<List<Waiting<R, T>>> {}

    /** A request waiting in a batch for its answer. */
    static final class Waiting<R, T> {
        private final R request;
        private final CompletableFuture<T> answer = new CompletableFuture<>();

        Waiting(R request) {
            this.request = request;
        }

        R request() {
            return request;
        }

        void answer(T value) {
            answer.complete(value);
        }

        void fail(Throwable failure) {
            answer.completeExceptionally(failure);
        }

        boolean answered() {
            return answer.isDone();
        }

        CompletableFuture<T> answerFuture() {
            return answer;
        }
    }

    private final BlockingQueue<Waiting<R, T>> arrived = new LinkedBlockingQueue<>();
    private final BatchAction<R, T> action;
    private final ToIntFunction<R> weight;
    private final int maxWeight;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param workers how many batches may run at once (each holds a connection while it runs)
     * @param weight a request's share of a batch (a send: its devices)
     * @param maxWeight a batch's most; a request heavier than that runs alone
     */
    WriteCombiner(String name, int workers, ToIntFunction<R> weight, int maxWeight, BatchAction<R, T> action) {
        this.action = action;
        this.weight = weight;
        this.maxWeight = maxWeight;
        for (int i = 1; i <= workers; i++) {
            Thread worker = new Thread(this::work, name + "-" + i);
            worker.setDaemon(true);
            worker.start();
            this.workers.add(worker);
        }
    }

    /** Runs the request in the next batch and returns its answer; a failure is rethrown as it was raised. */
    T submit(R request) {
        if (closed) {
            throw new IllegalStateException("shutting down");
        }
        var waiting = new Waiting<R, T>(request);
        arrived.add(waiting);
        try {
            return waiting.answer.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    private void work() {
        Waiting<R, T> carried = null;
        while (!closed) {
            List<Waiting<R, T>> batch = new ArrayList<>();
            try {
                Waiting<R, T> first = carried != null ? carried : arrived.take();
                carried = null;
                batch.add(first);
                int total = weight.applyAsInt(first.request());
                Waiting<R, T> next;
                while (total < maxWeight && (next = arrived.poll()) != null) {
                    int more = weight.applyAsInt(next.request());
                    if (total + more > maxWeight) {
                        carried = next; // heads the next batch
                        break;
                    }
                    batch.add(next);
                    total += more;
                }
            } catch (InterruptedException stopping) {
                break;
            }
            run(batch);
        }
        failAll(carried);
    }

    /** Runs one batch on the calling thread: a failed batch is run again one request at a time. */
    void run(List<Waiting<R, T>> batch) {
        try {
            action.accept(batch);
        } catch (RuntimeException | Error failure) {
            if (batch.size() == 1) {
                batch.get(0).fail(failure);
                return;
            }
            log.debug("A batch of {} failed; running its requests one by one", batch.size(), failure);
        }
        for (Waiting<R, T> waiting : batch) {
            if (!waiting.answered()) {
                run(List.of(waiting));
            }
        }
    }

    private void failAll(Waiting<R, T> carried) {
        List<Waiting<R, T>> left = new ArrayList<>();
        if (carried != null) {
            left.add(carried);
        }
        arrived.drainTo(left);
        left.forEach(waiting -> waiting.fail(new IllegalStateException("shutting down")));
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
    }
}
