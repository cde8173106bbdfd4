package dev.courier.command;

import dev.courier.system.InvalidRequestException;

final class IdempotencyKeys {

    private static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {}

    static String check(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_LENGTH) {
            throw InvalidRequestException.of(
                    "Idempotency-Key", "Idempotency-Key must be 1 to " + MAX_LENGTH + " characters");
        }
        return key;
    }
}
