package dev.courier.system;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Remembers answers for a short time, so a hot path does not ask the database the same question on every
 * request. The time bounds how stale an answer may get (credentials: revocation within 2 s). Misses are
 * remembered too, apart, so repeating a bad key costs one lookup a period; {@link #forget} drops an answer at
 * once (the instance that deleted a device or changed a plan applies it to its next request).
 */
public final class ShortLivedCache<K, V> {

    private final long ttlNanos;
    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Map<K, Long> misses = new ConcurrentHashMap<>();

    private record Entry<V>(V value, long expiresAt) {}

    public ShortLivedCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    public Optional<V> get(K key, Function<K, Optional<V>> load) {
        long now = System.nanoTime();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.expiresAt() < 0) {
            return Optional.of(entry.value());
        }
        Long missExpires = misses.get(key);
        if (missExpires != null && now - missExpires < 0) {
            return Optional.empty();
        }
        Optional<V> loaded = load.apply(key);
        if (loaded.isPresent()) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(loaded.get(), now + ttlNanos));
            misses.remove(key);
        } else {
            if (misses.size() >= maxEntries) {
                misses.clear();
            }
            entries.remove(key);
            misses.put(key, now + ttlNanos);
        }
        return loaded;
    }

    /** The remembered positive answer, without asking anyone. */
    public Optional<V> peek(K key) {
        Entry<V> entry = entries.get(key);
        return entry != null && System.nanoTime() - entry.expiresAt() < 0
                ? Optional.of(entry.value())
                : Optional.empty();
    }

    /** Forgets every answer whose value matches, so the next request asks the database again. */
    public void forget(Predicate<V> stale) {
        entries.values().removeIf(entry -> stale.test(entry.value()));
    }
}
