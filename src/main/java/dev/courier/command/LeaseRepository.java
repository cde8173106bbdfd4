package dev.courier.command;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery side of the queue in SQL: claim a device's queue heads, ack, nack, release a closed
 * connection's hand-overs (the sweep's SQL is in {@link SweepRepository}). Each is one statement, run on
 * {@link DeliveryConnections}.
 * A command is the head of its (device, name) queue while it is the oldest unfinished one, so one name
 * delivers strictly in send order, one at a time, and names never wait for each other.
 */
@Repository
class LeaseRepository {

    /**
     * Leases every head that is due. Row locks with SKIP LOCKED keep two claimers off one command, and the
     * due-check sits on the locked row so a claim that lost a race re-checks the winner's lease and backs off.
     */
    private static final String CLAIM = """
            WITH heads AS (
                SELECT head.id
                FROM unnest(?::text[]) AS listened (name)
                CROSS JOIN LATERAL (
                    SELECT id FROM pending_command
                    WHERE device_id = ? AND name = listened.name AND (expires_at IS NULL OR expires_at > now())
                    ORDER BY seq
                    LIMIT 1
                ) head
            ), due AS (
                SELECT p.id FROM pending_command p JOIN heads h ON h.id = p.id
                WHERE p.available_at <= now() AND p.attempts < ?
                FOR UPDATE OF p SKIP LOCKED
            ), leased AS (
                UPDATE pending_command p
                SET attempts = p.attempts + 1, available_at = now() + ? * interval '1 millisecond',
                    leased_until = now() + ? * interval '1 millisecond'
                FROM due WHERE p.id = due.id
                RETURNING p.id, p.created_at, p.attempts
            )
            UPDATE command c SET status = 'delivered', attempts = leased.attempts, delivered_at = now()
            FROM leased WHERE c.id = leased.id AND c.created_at = leased.created_at
            RETURNING c.id, c.name, c.data::text AS data, c.created_at, c.attempts
            """;

    private static final String ACK = """
            WITH acked AS (
                DELETE FROM pending_command
                WHERE id = ? AND created_at = ? AND device_id = ? AND attempts > 0
                  AND (expires_at IS NULL OR expires_at > now())
                RETURNING id, created_at
            )
            UPDATE command c SET status = 'acked', acked_at = now()
            FROM acked WHERE c.id = acked.id AND c.created_at = acked.created_at
            RETURNING c.name, EXISTS (
                SELECT 1 FROM pending_command p WHERE p.device_id = c.device_id AND p.name = c.name AND p.id <> c.id
            ) AS more_queued
            """;

    private static final String BELONGS_TO = """
            SELECT count(*) FROM command WHERE id = ? AND created_at = ? AND device_id = ?
            """;

    /** A nack of the last allowed attempt fails the command; an earlier one puts it back after the delay. */
    private static final String NACK = """
            WITH target AS (
                SELECT id, created_at, attempts FROM pending_command
                WHERE id = ? AND created_at = ? AND device_id = ? AND leased_until IS NOT NULL
                  AND (?::int IS NULL OR attempts = ?::int)
                FOR UPDATE
            ), failed AS (
                DELETE FROM pending_command p USING target t WHERE p.id = t.id AND t.attempts >= ?
                RETURNING p.id, p.created_at
            ), retried AS (
                UPDATE pending_command p SET leased_until = NULL, available_at = now() + ? * interval '1 millisecond'
                FROM target t WHERE p.id = t.id AND t.attempts < ?
                RETURNING p.id, p.created_at
            )
            UPDATE command c SET status = outcome.status, error = ?
            FROM (SELECT id, created_at, 'failed' AS status FROM failed
                  UNION ALL SELECT id, created_at, 'queued' FROM retried) outcome
            WHERE c.id = outcome.id AND c.created_at = outcome.created_at
            RETURNING c.status
            """;

    /**
     * Ends the leases of commands handed over on a connection that closed, so a reconnect gets them at once.
     * Only the very hand-overs of that connection: a later attempt leased to another connection is left alone.
     */
    private static final String RELEASE = """
            UPDATE pending_command p SET available_at = now(), leased_until = now()
            FROM unnest(?::uuid[], ?::int[]) AS handed (id, attempt)
            WHERE p.id = handed.id AND p.attempts = handed.attempt AND p.device_id = ?
              AND p.leased_until IS NOT NULL
            """;

    private final JdbcClient jdbc;

    LeaseRepository(DeliveryConnections connections) {
        this.jdbc = connections.jdbc();
    }

    List<Delivery> claim(long deviceId, String[] names, Duration lease, int maxAttempts) {
        return jdbc.sql(CLAIM)
                .params(names, deviceId, maxAttempts, interval(lease), interval(lease))
                .query((rs, row) -> new Delivery(
                        rs.getString("id"),
                        rs.getString("name"),
                        rs.getString("data"),
                        rs.getTimestamp("created_at").getTime(),
                        rs.getInt("attempts")))
                .list();
    }

    /** An ack that moved a queue on: the queue's name, and whether more commands wait in it. */
    record Acked(String name, boolean moreQueued) {}

    /** Empty when the command was not awaiting an ack. */
    Optional<Acked> ack(long deviceId, UUID id) {
        return jdbc.sql(ACK)
                .params(id, createdAt(id), deviceId)
                .query((rs, row) -> new Acked(rs.getString("name"), rs.getBoolean("more_queued")))
                .optional();
    }

    boolean belongsTo(long deviceId, UUID id) {
        return jdbc.sql(BELONGS_TO)
                        .params(id, createdAt(id), deviceId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The command's status after the nack, or null when it was not awaiting an ack. */
    String nack(long deviceId, UUID id, Integer attempt, String error, Duration retryDelay, int maxAttempts) {
        return jdbc.sql(NACK)
                .params(
                        id,
                        createdAt(id),
                        deviceId,
                        attempt,
                        attempt,
                        maxAttempts,
                        interval(retryDelay),
                        maxAttempts,
                        error)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    void release(long deviceId, List<Delivery> handedOver) {
        String[] ids = handedOver.stream().map(Delivery::id).toArray(String[]::new);
        Integer[] attempts = handedOver.stream().map(Delivery::attempt).toArray(Integer[]::new);
        jdbc.sql(RELEASE).params(ids, attempts, deviceId).update();
    }

    /** The device of each command failed, one entry per command. */
    private static Timestamp createdAt(UUID id) {
        return Timestamp.from(CommandIds.createdAt(id));
    }

    private static long interval(Duration duration) {
        return duration.toMillis();
    }
}
