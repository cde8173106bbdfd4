package dev.courier.client.app;

import java.time.Duration;

/**
 * Which failed calls are tried again, and how often. A 429 is retried after its {@code Retry-After} (Courier did
 * nothing with the request); a connection error or a 503 only for a call that is safe to repeat: reads, cancel,
 * purge, delete, and sends, which always carry an idempotency key (the same on every try of one send).
 *
 * @param maxAttempts tries in all, the first included (1: no retries)
 * @param initialBackoff the wait before the first retry of a connection error; it doubles per retry
 * @param maxBackoff the longest such wait
 * @param maxRetryAfter the longest {@code Retry-After} waited for; a longer one is thrown at once
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("backoffs must not be negative, the maximum at least the first");
        }
    }

    /** 4 tries, 200 ms doubling up to 5 s, a {@code Retry-After} of up to 10 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** Every call is tried once. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** The wait before retry number {@code retry} (1 for the first) after a connection error. */
    Duration backoff(int retry) {
        long millis = initialBackoff.toMillis() << Math.min(retry - 1, 30);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
