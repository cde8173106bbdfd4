package dev.courier.tenant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * A Bucket4j token bucket per app, refilled at its plan's requests per second and holding at most one second's
 * worth. Keyed by the rate too, so a changed plan starts a bucket of its own. An idle bucket is full again
 * after a second, so dropping it from the (bounded) cache changes nothing.
 */
@Component
class PlanRateLimits {

    private record Key(long appId, int requestsPerSecond) {}

    private final Cache<Key, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(1))
            .build();

    ConsumptionProbe consume(CallingApp app) {
        int rate = app.plan().requestsPerSecond();
        return buckets.get(new Key(app.id().value(), rate), key -> newBucket(rate))
                .tryConsumeAndReturnRemaining(1);
    }

    private static Bucket newBucket(int rate) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)))
                .build();
    }
}
