package dev.courier.client.app;

/** 400: the request was invalid (bad JSON, a wrong type, a name with invalid characters, start after end); {@link #field()} names the field. */
public final class InvalidRequestException extends ProblemException {

    private static final long serialVersionUID = 1L;

    InvalidRequestException(Problem problem) {
        super(problem);
    }
}
