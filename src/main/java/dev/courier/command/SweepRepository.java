package dev.courier.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sweep's SQL: leases that lapsed, commands out of attempts, retries that came due. */
@Repository
class SweepRepository {

    /**
     * Whether the sweep has anything to do, answered from the partial indexes alone. The sweep's updates join
     * the history, and for an empty batch the planner may still choose to scan it: they run only when needed.
     */
    private static final String SWEEP_WORK = """
            SELECT EXISTS (SELECT 1 FROM pending_command WHERE expires_at <= now()) AS expired,
                   EXISTS (SELECT 1 FROM pending_command WHERE attempts > 0 AND attempts >= ? AND available_at <= now()) AS exhausted,
                   EXISTS (SELECT 1 FROM pending_command WHERE leased_until <= now() AND attempts < ?) AS lapsed,
                   EXISTS (SELECT 1 FROM pending_command WHERE attempts > 0 AND leased_until IS NULL
                             AND available_at <= now() AND available_at > now() - ? * interval '1 millisecond')
                       AS retries
            """;

    record SweepWork(boolean expired, boolean exhausted, boolean lapsed, boolean retries) {}

    /**
     * Fails commands that used their last attempt and are due again (lease lapsed or released), whatever
     * their lease column says, so a command can never be stuck at the head of its queue.
     */
    private static final String FAIL_EXHAUSTED = """
            WITH exhausted AS (
                DELETE FROM pending_command
                WHERE id IN (SELECT id FROM pending_command WHERE attempts > 0 AND attempts >= ? AND available_at <= now()
                             LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, created_at, device_id
            )
            UPDATE command c SET status = 'failed', error = coalesce(c.error, 'no ack within the lease')
            FROM exhausted WHERE c.id = exhausted.id AND c.created_at = exhausted.created_at
            RETURNING exhausted.device_id
            """;

    private static final String REQUEUE_LAPSED = """
            WITH lapsed AS (
                UPDATE pending_command SET leased_until = NULL
                WHERE id IN (SELECT id FROM pending_command WHERE leased_until <= now() AND attempts < ?
                             LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, created_at, device_id
            )
            UPDATE command c SET status = 'queued'
            FROM lapsed WHERE c.id = lapsed.id AND c.created_at = lapsed.created_at
            RETURNING lapsed.device_id
            """;

    /** Devices whose nacked commands came due since the last sweep, for wake-ups a crash may have lost. */
    private static final String RETRIES_DUE = """
            SELECT DISTINCT device_id FROM pending_command
            WHERE leased_until IS NULL AND attempts > 0 AND available_at <= now() AND available_at > now() - ? * interval '1 millisecond'
            """;

    private final JdbcClient jdbc;

    SweepRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    SweepWork sweepWork(int maxAttempts, Duration retryWindow) {
        return jdbc.sql(SWEEP_WORK)
                .params(maxAttempts, maxAttempts, interval(retryWindow))
                .query((rs, row) -> new SweepWork(
                        rs.getBoolean("expired"),
                        rs.getBoolean("exhausted"),
                        rs.getBoolean("lapsed"),
                        rs.getBoolean("retries")))
                .single();
    }

    List<Long> failExhausted(int maxAttempts, int batch) {
        return jdbc.sql(FAIL_EXHAUSTED)
                .params(maxAttempts, batch)
                .query(Long.class)
                .list();
    }

    Set<Long> requeueLapsed(int maxAttempts, int batch) {
        return new HashSet<>(jdbc.sql(REQUEUE_LAPSED)
                .params(maxAttempts, batch)
                .query(Long.class)
                .list());
    }

    List<Long> retriesDue(Duration window) {
        return new ArrayList<>(
                jdbc.sql(RETRIES_DUE).param(interval(window)).query(Long.class).list());
    }

    private static long interval(Duration duration) {
        return duration.toMillis();
    }
}
