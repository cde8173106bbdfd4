package dev.courier.client.device;

import java.time.Duration;
import java.util.Random;

/**
 * Waits between reconnect attempts: {@code initial}, doubling per failed attempt up to {@code max}, each shortened
 * by a random share of up to {@code jitter} so that many devices cut off at once spread their returns.
 */
final class Backoff {

    private static final int MAX_DOUBLINGS = 30;

    private final long initialMillis;
    private final long maxMillis;
    private final double jitter;
    private final Random random;
    private int failures;

    Backoff(Duration initial, Duration max, double jitter, Random random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
        this.random = random;
    }

    /** The wait before the next attempt; each call counts one more failure. */
    synchronized Duration next() {
        long ceiling = Math.min(maxMillis, initialMillis << Math.min(failures, MAX_DOUBLINGS));
        failures++;
        long cut = (long) (ceiling * jitter * random.nextDouble());
        return Duration.ofMillis(ceiling - cut);
    }

    /** A connection held: the next loss starts again from the first wait. */
    synchronized void reset() {
        failures = 0;
    }
}
