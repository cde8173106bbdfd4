package dev.courier.system;

import java.util.Optional;

/**
 * A bearer secret that names its own row: {@code <prefix><id>_<secret>} (API keys {@code ck_}, device
 * tokens {@code dt_}). The id finds the stored SHA-256 hash of the secret, which is then compared in constant
 * time; the secret itself is never stored.
 */
public record IdentifiedSecret(long id, String secret) {

    public String render(String prefix) {
        return prefix + id + "_" + secret;
    }

    public boolean matches(byte[] storedHash) {
        return Secrets.matches(secret, storedHash);
    }

    public static Optional<IdentifiedSecret> parse(String prefix, String presented) {
        if (!presented.startsWith(prefix)) {
            return Optional.empty();
        }
        int end = presented.indexOf('_', prefix.length());
        if (end < 0 || end == presented.length() - 1) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(presented, prefix.length(), end, 10);
            return Optional.of(new IdentifiedSecret(id, presented.substring(end + 1)));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }
}
