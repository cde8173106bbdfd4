package dev.courier.client.app;

/** 401: the API key is wrong or was revoked. */
public final class AuthenticationException extends ProblemException {

    private static final long serialVersionUID = 1L;

    AuthenticationException(Problem problem) {
        super(problem);
    }
}
