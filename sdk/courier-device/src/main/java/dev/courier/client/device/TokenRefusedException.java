package dev.courier.client.device;

/**
 * Courier refused the device token (401): it is wrong, was rotated, or the device was deleted. The client stops
 * instead of retrying; only a new token helps.
 */
public final class TokenRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private TokenRefusedException(String message) {
        super(message);
    }

    static TokenRefusedException at(String where) {
        return new TokenRefusedException("Courier refused the device token (401) at " + where
                + ": the token is wrong, was rotated or the device was deleted; the device client has stopped");
    }
}
