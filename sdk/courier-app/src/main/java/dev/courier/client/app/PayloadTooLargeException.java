package dev.courier.client.app;

/** 413: the command's data is larger than the plan allows. */
public final class PayloadTooLargeException extends ProblemException {

    private static final long serialVersionUID = 1L;

    PayloadTooLargeException(Problem problem) {
        super(problem);
    }
}
