package dev.courier.client.app;

import java.time.Duration;

/** 429: over the plan's request rate; {@link #retryAfter()} says when to come back (retried within the policy). */
public final class RateLimitedException extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    RateLimitedException(Problem problem, Duration retryAfter) {
        super(problem);
        this.retryAfter = retryAfter;
    }

    /** Courier's {@code Retry-After}, or {@code null} when it gave none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
