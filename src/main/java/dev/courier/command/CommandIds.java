package dev.courier.command;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Command ids are UUIDv7 (RFC 9562) whose 48-bit timestamp is the command's {@code created_at} in epoch
 * milliseconds: a lookup by id knows which daily partition of the history to read.
 */
final class CommandIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CommandIds() {}

    static UUID next(Instant createdAt) {
        long millis = createdAt.toEpochMilli();
        long randA = RANDOM.nextInt(1 << 12);
        long most = (millis << 16) | (0x7L << 12) | randA;
        long least = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    static Instant createdAt(UUID id) {
        return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
    }

    /** The id in a path, or empty when it is not a command id at all. */
    static Optional<UUID> parse(String text) {
        try {
            UUID id = UUID.fromString(text);
            return id.version() == 7 ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
