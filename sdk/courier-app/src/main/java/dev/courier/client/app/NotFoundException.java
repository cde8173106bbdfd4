package dev.courier.client.app;

/** 404: no such command or device in this app. */
public final class NotFoundException extends ProblemException {

    private static final long serialVersionUID = 1L;

    NotFoundException(Problem problem) {
        super(problem);
    }
}
