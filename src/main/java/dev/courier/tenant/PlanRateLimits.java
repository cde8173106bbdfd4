package dev.courier.tenant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.courier.system.SideConnections;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A Bucket4j token bucket per app, refilled at its plan's requests per second and holding at most one second's
 * worth, shared by the instances through PostgreSQL ({@code rate_limit_bucket}). Bucket4j's delaying
 * optimization keeps nearly every consumption local: an instance writes what it consumed at most every {@link
 * #SYNC_EVERY}, or once it consumed a twentieth of a second's worth, so the send path pays no database round
 * trip per request. Keyed by the rate too, so a changed plan starts a bucket of its own. When the table cannot
 * be reached the instance falls back to local buckets for {@link #STORE_RETRY}.
 */
@Component
class PlanRateLimits implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PlanRateLimits.class);
    private static final Duration SYNC_EVERY = Duration.ofMillis(100);
    private static final Duration STORE_RETRY = Duration.ofSeconds(5);

    private record Key(long appId, int requestsPerSecond) {
        String id() {
            return appId + ":" + requestsPerSecond;
        }
    }

    /**
     * How long a sync waits for a connection. The buckets have a pool of their own so that a sync never waits
     * behind the main pool's users, and never long: in an outage the first request would otherwise wait the
     * main pool's whole connection timeout here before its own 503.
     */
    private static final long CONNECTION_TIMEOUT_MILLIS = 250;

    private final SideConnections.SidePool connections;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> store;
    private final Cache<Key, Bucket> shared = newCache();
    private final Cache<Key, Bucket> local = newCache();
    private volatile long storeDownUntil = System.nanoTime();

    PlanRateLimits(DataSource dataSource) {
        this.connections = SideConnections.pool(dataSource, "courier-rate-limit", 4, null);
        connections.pool().setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        this.store = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(connections.dataSource())
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                // a sync stuck on a lock or a dead connection gives up and falls back to local buckets
                .requestTimeout(Duration.ofSeconds(1))
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
    }

    ConsumptionProbe consume(CallingApp app) {
        int rate = app.plan().requestsPerSecond();
        Key key = new Key(app.id().value(), rate);
        if (System.nanoTime() - storeDownUntil < 0) {
            return local.get(key, any -> Bucket.builder().addLimit(limit(rate)).build())
                    .tryConsumeAndReturnRemaining(1);
        }
        try {
            return shared.get(key, this::sharedBucket).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException storeDown) {
            log.warn(
                    "Rate-limit buckets unavailable, limiting per instance for {}: {}",
                    STORE_RETRY,
                    storeDown.toString());
            storeDownUntil = System.nanoTime() + STORE_RETRY.toNanos();
            return local.get(key, any -> Bucket.builder().addLimit(limit(rate)).build())
                    .tryConsumeAndReturnRemaining(1);
        }
    }

    /** Buckets of apps idle for a minute are full again: their rows go. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void removeExpired() {
        try {
            store.removeExpired(1_000);
        } catch (RuntimeException storeDown) {
            log.debug("Expired rate-limit buckets not removed: {}", storeDown.toString());
        }
    }

    private Bucket sharedBucket(Key key) {
        var delay = new DelayParameters(Math.max(1, key.requestsPerSecond() / 20), SYNC_EVERY);
        return store.builder()
                .withOptimization(Optimizations.delaying(delay))
                .build(
                        key.id(),
                        () -> BucketConfiguration.builder()
                                .addLimit(limit(key.requestsPerSecond()))
                                .build());
    }

    private static io.github.bucket4j.Bandwidth limit(int rate) {
        return io.github.bucket4j.Bandwidth.builder()
                .capacity(rate)
                .refillGreedy(rate, Duration.ofSeconds(1))
                .build();
    }

    private static Cache<Key, Bucket> newCache() {
        return Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(1))
                .build();
    }

    @Override
    public void destroy() {
        connections.close();
    }
}
