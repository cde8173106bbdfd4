package dev.courier.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.security.authentication.BadCredentialsException;

/**
 * The callers presented secrets stand for, remembered for a second (the revocation promise is 2 s) in a bounded
 * Caffeine cache, misses included, so that neither a hot key nor a repeated bad one asks the database on every
 * request. An address that failed too often ({@link FailedAuthentications}) is refused before any lookup,
 * unless its secret is already known good. {@link #forget} drops answers at once (the instance that revoked a
 * key or changed a plan applies it to its next request).
 */
public final class CachedCredentials<V> {

    static final Duration REMEMBERED = Duration.ofSeconds(1);
    private static final int MAX_SECRETS = 100_000;

    private final Cache<String, Optional<V>> answers = Caffeine.newBuilder()
            .expireAfterWrite(REMEMBERED)
            .maximumSize(MAX_SECRETS)
            .build();
    private final Function<String, Optional<V>> lookup;
    private final FailedAuthentications failures;

    public CachedCredentials(Function<String, Optional<V>> lookup, FailedAuthentications failures) {
        this.lookup = lookup;
        this.failures = failures;
    }

    /** The caller the presented secret stands for; an {@code AuthenticationException} for none or a bad one. */
    public V authenticate(BearerAuthentication presented) {
        String secret = presented.secret();
        Optional<V> known = secret == null ? null : answers.getIfPresent(secret);
        if (known != null && known.isPresent()) {
            return known.get();
        }
        failures.check(presented.clientAddress());
        if (secret == null) {
            throw new BadCredentialsException("no credentials presented");
        }
        if (known == null) {
            // looked up outside the cache's lock: a slow database must not hold other secrets' lookups
            known = lookup.apply(secret);
            answers.put(secret, known);
        }
        return known.orElseThrow(() -> new BadCredentialsException("invalid credentials"));
    }

    /** Forgets every positive answer whose caller matches, so the next request asks the database again. */
    public void forget(Predicate<V> stale) {
        answers.asMap().values().removeIf(answer -> answer.isPresent() && stale.test(answer.get()));
    }
}
