package dev.courier.tenant;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** A token bucket per app, refilled at the plan's requests per second, holding at most one second's worth. */
@Component
class RateLimiter {

    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    boolean tryAcquire(CallingApp app) {
        int rate = app.plan().requestsPerSecond();
        return buckets.computeIfAbsent(app.id().value(), id -> new Bucket(rate)).tryTake(rate, System.nanoTime());
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int rate) {
            this.tokens = rate;
        }

        synchronized boolean tryTake(int rate, long now) {
            tokens = Math.min(rate, tokens + (now - refilledAt) * rate / 1e9);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
