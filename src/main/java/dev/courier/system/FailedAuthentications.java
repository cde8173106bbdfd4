package dev.courier.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Failed authentications per client address, so that guessing keys or tokens (or just sending bad ones) costs
 * the server little: each failure takes a token from the address's Bucket4j bucket, which refills at {@link
 * #FAILURES_PER_SECOND}; an address with an empty bucket gets 429 without its credentials being looked up.
 * Good credentials never take a token, so a client that authenticates is never slowed by this. The buckets
 * live in a bounded Caffeine cache; one untouched for {@link #REFILLED} is full again, so it is dropped.
 */
@Component
public final class FailedAuthentications {

    static final int FAILURES_PER_SECOND = 10;
    static final int BURST = 20;
    private static final Duration REFILLED = Duration.ofSeconds(BURST / FAILURES_PER_SECOND);
    private static final int MAX_ADDRESSES = 100_000;

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_ADDRESSES)
            .expireAfterAccess(REFILLED)
            .build();

    /** Refuses, before any lookup, an address that has presented invalid credentials too often lately. */
    public void check(String clientAddress) {
        if (refuses(clientAddress)) {
            throw new TooManyFailedAuthentications();
        }
    }

    /** Whether the address has presented invalid credentials too often lately. */
    public boolean refuses(String clientAddress) {
        Bucket bucket = buckets.getIfPresent(clientAddress);
        return bucket != null && bucket.getAvailableTokens() < 1;
    }

    /** The address's credentials were missing or invalid. */
    public void failed(String clientAddress) {
        buckets.get(clientAddress, any -> newBucket()).tryConsume(1);
    }

    private static Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(BURST).refillGreedy(FAILURES_PER_SECOND, Duration.ofSeconds(1)))
                .build();
    }
}
