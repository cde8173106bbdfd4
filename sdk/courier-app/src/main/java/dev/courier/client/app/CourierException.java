package dev.courier.client.app;

/** Anything that kept a call to Courier from succeeding: a refused request, or no answer at all. */
public class CourierException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CourierException(String message, Throwable cause) {
        super(message, cause);
    }
}
