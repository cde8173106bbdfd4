package dev.courier.delivery;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's hand-over loop with coalesced wake-ups: at most one pass runs at a time, and a wake-up during a
 * pass makes it look once more, so no wake-up is lost and none piles up.
 */
final class Drain {

    private static final Logger log = LoggerFactory.getLogger(Drain.class);

    /** One look for due commands. */
    interface Pass {
        void run() throws Exception;
    }

    private final Executor executor;
    private final Pass pass;
    private final String owner;
    private final AtomicInteger wakeups = new AtomicInteger();
    private final AtomicLong woken = new AtomicLong();

    /** {@code owner} names the listener in the log. */
    Drain(Executor executor, Pass pass, String owner) {
        this.executor = executor;
        this.pass = pass;
        this.owner = owner;
    }

    /** Looks on the executor: never blocks the caller. */
    void wake() {
        woken.incrementAndGet();
        if (wakeups.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    /** How many wake-ups it has had, coalesced or not. */
    long woken() {
        return woken.get();
    }

    private void drain() {
        int seen;
        do {
            seen = wakeups.get();
            try {
                pass.run();
            } catch (Exception e) {
                log.warn("Hand-over to {} failed; the lease, the sweep or the next wake-up retries", owner, e);
            }
        } while (wakeups.addAndGet(-seen) != 0);
    }
}
