package dev.courier.client.app;

import java.io.IOException;

/**
 * Courier could not be reached, or the connection broke before an answer (after the retries that were safe; a
 * call that is not safe to repeat, like registering a device, is tried once).
 */
public final class CourierConnectionException extends CourierException {

    private static final long serialVersionUID = 1L;

    private CourierConnectionException(String message, IOException cause) {
        super(message, cause);
    }

    static CourierConnectionException after(String call, int attempts, IOException cause) {
        return new CourierConnectionException(
                call + " got no answer from Courier after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ")
                        + cause,
                cause);
    }
}
