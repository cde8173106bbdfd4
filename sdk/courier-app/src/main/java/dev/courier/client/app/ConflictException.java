package dev.courier.client.app;

/** 409: the request conflicts with what is there (a device that exists, a cancel of a command already acked, an idempotency key used with another body). */
public final class ConflictException extends ProblemException {

    private static final long serialVersionUID = 1L;

    ConflictException(Problem problem) {
        super(problem);
    }
}
