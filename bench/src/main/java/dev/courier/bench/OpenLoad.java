package dev.courier.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-model load: requests are due at a fixed rate whatever the service does. A fixed set of threads takes
 * the due slots in turn (one connection each), and each request carries its intended start time, so a slow
 * service shows up as latency measured from when the request should have gone out (no coordinated omission),
 * not as a lower request rate.
 */
final class OpenLoad {

    interface Request {
        void send(long slot, long intendedNanos) throws Exception;
    }

    private OpenLoad() {}

    static void run(int ratePerSecond, long total, int threads, Request request) throws InterruptedException {
        long start = System.nanoTime() + 100_000_000;
        AtomicLong next = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                for (long slot = next.getAndIncrement(); slot < total; slot = next.getAndIncrement()) {
                    long intended = start + slot * 1_000_000_000L / ratePerSecond;
                    // parkNanos may return early: a request must never leave before its slot
                    for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        request.send(slot, intended);
                    } catch (Exception e) {
                        // counted by the request itself
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }
}
