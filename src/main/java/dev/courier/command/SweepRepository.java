package dev.courier.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sweep's SQL: leases that lapsed, commands out of attempts, due commands whose wake-up was lost. */
@Repository
class SweepRepository {

    /**
     * Whether the sweep has anything to do, answered from the partial indexes alone. Some of the sweep's
     * statements join the history, and for an empty batch the planner may still choose to scan it: they run
     * only when needed.
     */
    private static final String SWEEP_WORK = """
            SELECT EXISTS (SELECT 1 FROM pending_command WHERE expires_at <= now()) AS expired,
                   EXISTS (SELECT 1 FROM pending_command WHERE attempts > 0 AND attempts >= ? AND available_at <= now()) AS exhausted,
                   EXISTS (SELECT 1 FROM pending_command WHERE leased_until <= now() AND attempts < ?) AS lapsed,
                   EXISTS (SELECT 1 FROM pending_command WHERE leased_until IS NULL
                             AND available_at <= now() - ? * interval '1 millisecond'
                             AND available_at > now() - ? * interval '1 millisecond') AS overdue
            """;

    record SweepWork(boolean expired, boolean exhausted, boolean lapsed, boolean overdue) {}

    /**
     * Fails commands that used their last attempt and are due again (lease lapsed or released), whatever
     * their lease column says, so a command can never be stuck at the head of its queue.
     */
    private static final String FAIL_EXHAUSTED = """
            WITH f AS (
                DELETE FROM pending_command
                WHERE id IN (SELECT id FROM pending_command WHERE attempts > 0 AND attempts >= ? AND available_at <= now()
                             LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, created_at, app_id, device_id, name, attempts, delivered_at,
                          coalesce(error, 'no ack within the lease') AS error
            ), recorded AS (
                UPDATE command c SET status = 'failed', %s
                FROM f WHERE c.id = f.id AND c.created_at = f.created_at
            ), events AS (
                %s
                SELECT app_id, id, device_id, name, 'failed', attempts, error, NULL::jsonb FROM f
            )
            SELECT device_id FROM f
            """.formatted(CommandRepository.FINISH, EventSequencer.RECORD_EVENTS);

    private static final String REQUEUE_LAPSED = """
            WITH lapsed AS (
                UPDATE pending_command SET leased_until = NULL
                WHERE id IN (SELECT id FROM pending_command WHERE leased_until <= now() AND attempts < ?
                             LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING app_id, id, device_id, name, attempts
            ), events AS (
                %s
                SELECT app_id, id, device_id, name, 'queued', attempts, NULL, NULL::jsonb FROM lapsed
            )
            SELECT device_id FROM lapsed
            """.formatted(EventSequencer.RECORD_EVENTS);

    /**
     * Devices with a command that has been due for a little while (the grace) but is still not handed over:
     * new sends and retries whose wake-up was lost (a crash between commit and NOTIFY, a LISTEN outage).
     * The window is a few sweeps wide, so each command is looked at a couple of times, not on every sweep:
     * the cost follows the send rate, not the number of devices or of commands waiting for offline devices.
     */
    private static final String OVERDUE = """
            SELECT DISTINCT device_id FROM pending_command
            WHERE leased_until IS NULL
              AND available_at <= now() - ? * interval '1 millisecond'
              AND available_at > now() - ? * interval '1 millisecond'
            """;

    private final JdbcClient jdbc;

    SweepRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    SweepWork sweepWork(int maxAttempts, Duration grace, Duration window) {
        return jdbc.sql(SWEEP_WORK)
                .params(maxAttempts, maxAttempts, interval(grace), interval(grace.plus(window)))
                .query((rs, row) -> new SweepWork(
                        rs.getBoolean("expired"),
                        rs.getBoolean("exhausted"),
                        rs.getBoolean("lapsed"),
                        rs.getBoolean("overdue")))
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

    List<Long> overdue(Duration grace, Duration window) {
        return new ArrayList<>(jdbc.sql(OVERDUE)
                .params(interval(grace), interval(grace.plus(window)))
                .query(Long.class)
                .list());
    }

    private static long interval(Duration duration) {
        return duration.toMillis();
    }
}
