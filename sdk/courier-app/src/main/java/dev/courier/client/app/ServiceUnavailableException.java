package dev.courier.client.app;

import java.time.Duration;

/** 503: Courier is up but cannot serve now (its database is unavailable, say); retried when safe. */
public final class ServiceUnavailableException extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    ServiceUnavailableException(Problem problem, Duration retryAfter) {
        super(problem);
        this.retryAfter = retryAfter;
    }

    /** Courier's {@code Retry-After}, or {@code null} when it gave none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
