package dev.courier.command;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery side of the queue in SQL: claim queue heads, ack, nack, release a closed connection's
 * hand-overs (the sweep's SQL is in {@link SweepRepository}). Claims, acks and nacks take a whole batch of
 * devices in one statement; all run as single auto-committed statements on {@link AsyncCommitPool}.
 * A command is the head of its (device, name) queue while it is the oldest unfinished one, so one name
 * delivers strictly in send order, one at a time, and names never wait for each other. A pending command's
 * delivery state lives in its queue row: only a command that finishes writes its history row.
 *
 * <p>These statements keep one generic plan per connection, planned once, maybe while the queue was empty, and
 * then used at any size: they must look rows up by key only. The pool allows no sequential scans and no hash or
 * merge joins ({@link dev.courier.system.SideConnections#KEY_LOOKUPS}), and conditions a partial index of the
 * sweep's could serve are written so that it cannot ({@code attempts + 0 > 0} for {@code attempts > 0},
 * {@code (leased_until IS NULL) IS FALSE} for {@code leased_until IS NOT NULL}): planned on an empty table, the
 * partial index looks cheaper than the primary key, and later it is a scan of every leased command.
 */
@Repository
class LeaseRepository {

    /** The lease a hand-over takes: counts the attempt and records when it was handed over. */
    private static final String LEASE = """
            attempts = p.attempts + 1, available_at = now() + ? * interval '1 millisecond',
            leased_until = now() + ? * interval '1 millisecond', delivered_at = now()
            """;

    /** The head of queue (device_id, name) of {@code x}, skipping {@code skip} (a command being acked). */
    private static final String HEAD_OF = """
            SELECT id FROM pending_command h
            WHERE h.device_id = %1$s.device_id AND h.name = %1$s.name AND h.id IS DISTINCT FROM %2$s
              AND (h.expires_at IS NULL OR h.expires_at > now())
            ORDER BY h.seq
            LIMIT 1
            """;

    /**
     * Leases every wanted head that is due, for a batch of (request, device, name). Row locks with SKIP LOCKED
     * keep two claimers off one command, and the due-check sits on the locked row so a claim that lost a race
     * re-checks the winner's lease and backs off. A head two requests of the batch want goes to one of them.
     */
    static final String CLAIM = """
            WITH heads AS (
                SELECT w.request, head.id
                FROM unnest(?::int[], ?::bigint[], ?::text[]) AS w (request, device_id, name)
                CROSS JOIN LATERAL (%s) head
            ), due AS (
                SELECT h.request, p.id FROM pending_command p JOIN heads h ON h.id = p.id
                WHERE p.available_at <= now() AND p.attempts < ?
                FOR UPDATE OF p SKIP LOCKED
            ), leased AS (
                UPDATE pending_command p SET %s
                FROM due WHERE p.id = due.id
                RETURNING due.request, p.id, p.app_id, p.device_id, p.name, p.data::text AS data, p.created_at, p.attempts
            ), events AS (
                %s
                SELECT app_id, id, device_id, name, 'delivered', attempts, NULL, NULL::jsonb FROM leased
            )
            SELECT request, id, name, data, created_at, attempts FROM leased
            """.formatted(HEAD_OF.formatted("w", "NULL"), LEASE, EventSequencer.RECORD_EVENTS);

    /**
     * Acks a batch of (request, device, command) and, where the acking connection listens to the name
     * (request, name), leases that queue's next head in the same statement. The history row is written once,
     * here; the bounds on its created_at let the update prune to the partitions of the acked ids.
     */
    static final String ACK = """
            WITH f AS (
                DELETE FROM pending_command p
                USING unnest(?::int[], ?::bigint[], ?::uuid[], ?::text[]) AS a (request, device_id, id, result)
                WHERE p.id = a.id AND p.device_id = a.device_id AND p.attempts + 0 > 0
                  AND (p.expires_at IS NULL OR p.expires_at > now())
                RETURNING a.request, p.id, p.created_at, p.app_id, p.device_id, p.name, p.attempts, p.delivered_at,
                          p.error, a.result::jsonb AS result
            ), recorded AS (
                UPDATE command c SET status = 'acked', acked_at = now(), result = f.result, %s
                FROM f WHERE c.id = f.id AND c.created_at = f.created_at AND c.created_at BETWEEN ? AND ?
            ), next_heads AS (
                SELECT f.request, head.id
                FROM f
                JOIN unnest(?::int[], ?::text[]) AS l (request, name) ON l.request = f.request AND l.name = f.name
                CROSS JOIN LATERAL (%s) head
            ), next_due AS (
                SELECT n.request, p.id FROM pending_command p JOIN next_heads n ON n.id = p.id
                WHERE p.available_at <= now() AND p.attempts < ?
                FOR UPDATE OF p SKIP LOCKED
            ), leased AS (
                UPDATE pending_command p SET %s
                FROM next_due WHERE p.id = next_due.id
                RETURNING next_due.request, p.id, p.app_id, p.device_id, p.name, p.data::text AS data, p.created_at,
                          p.attempts
            ), events AS (
                %s
                SELECT app_id, id, device_id, name, 'acked', attempts, NULL, result FROM f
                UNION ALL
                SELECT app_id, id, device_id, name, 'delivered', attempts, NULL, NULL::jsonb FROM leased
            )
            SELECT true AS acked, request, id, name, NULL AS data, created_at, attempts FROM f
            UNION ALL
            SELECT false, request, id, name, data, created_at, attempts FROM leased
            """.formatted(
                    CommandRepository.FINISH, HEAD_OF.formatted("f", "f.id"), LEASE, EventSequencer.RECORD_EVENTS);

    private static final String STATUS_OF = """
            SELECT status FROM command WHERE id = ? AND created_at = ? AND device_id = ?
            """;

    /**
     * Nacks a batch of (request, device, command, attempt or null, error). A nack of the last allowed attempt
     * fails the command (its history row written, finished); an earlier one puts it back after the delay, in the
     * queue row alone. A nack naming an attempt counts only for that hand-over.
     */
    static final String NACK = """
            WITH target AS (
                SELECT n.request, p.id, p.created_at, p.attempts, n.error
                FROM unnest(?::int[], ?::bigint[], ?::uuid[], ?::int[], ?::text[])
                    AS n (request, device_id, id, attempt, error)
                JOIN pending_command p ON p.id = n.id AND p.device_id = n.device_id
                WHERE (p.leased_until IS NULL) IS FALSE AND (n.attempt IS NULL OR p.attempts = n.attempt)
                FOR UPDATE OF p
            ), f AS (
                DELETE FROM pending_command p USING target t WHERE p.id = t.id AND t.attempts >= ?
                RETURNING t.request, p.id, p.created_at, p.app_id, p.device_id, p.name, p.attempts, p.delivered_at,
                          t.error
            ), failed AS (
                UPDATE command c SET status = 'failed', %s
                FROM f WHERE c.id = f.id AND c.created_at = f.created_at AND c.created_at BETWEEN ? AND ?
                RETURNING f.request, 'failed' AS status
            ), retried AS (
                UPDATE pending_command p
                SET leased_until = NULL, available_at = now() + ? * interval '1 millisecond', error = t.error
                FROM target t WHERE p.id = t.id AND t.attempts < ?
                RETURNING t.request, 'queued' AS status, p.app_id, p.id, p.device_id, p.name, p.attempts, p.error
            ), events AS (
                %s
                SELECT app_id, id, device_id, name, 'failed', attempts, error, NULL::jsonb FROM f
                UNION ALL
                SELECT app_id, id, device_id, name, 'queued', attempts, error, NULL::jsonb FROM retried
            )
            SELECT request, status FROM failed UNION ALL SELECT request, status FROM retried
            """.formatted(CommandRepository.FINISH, EventSequencer.RECORD_EVENTS);

    /**
     * Ends the leases of commands handed over on a connection that closed, so a reconnect gets them at once.
     * Only the very hand-overs of that connection: a later attempt leased to another connection is left alone.
     */
    static final String RELEASE = """
            UPDATE pending_command p SET available_at = now(), leased_until = now()
            FROM unnest(?::uuid[], ?::int[]) AS handed (id, attempt)
            WHERE p.id = handed.id AND p.attempts = handed.attempt AND p.device_id = ?
              AND (p.leased_until IS NULL) IS FALSE
            """;

    private final JdbcClient jdbc;

    LeaseRepository(AsyncCommitPool connections) {
        this.jdbc = connections.jdbc();
    }

    /** A device's wish for the due heads of these queues. */
    record Claim(long deviceId, Collection<String> names) {}

    /** What each claim of the batch leased, in the batch's order. */
    List<List<LeasedCommand>> claim(List<Claim> batch, Duration lease, int maxAttempts) {
        List<Integer> requests = new ArrayList<>();
        List<Long> devices = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            for (String name : batch.get(i).names()) {
                requests.add(i);
                devices.add(batch.get(i).deviceId());
                names.add(name);
            }
        }
        List<List<LeasedCommand>> leased = emptyLists(batch.size());
        jdbc.sql(CLAIM)
                .params(
                        requests.toArray(Integer[]::new),
                        devices.toArray(Long[]::new),
                        names.toArray(String[]::new),
                        maxAttempts,
                        lease.toMillis(),
                        lease.toMillis())
                .query(rs -> {
                    leased.get(rs.getInt("request")).add(leasedCommand(rs));
                });
        return leased;
    }

    /**
     * An ack of a device's command; {@code result}: what the device answered (JSON text, or null);
     * {@code leaseNextOf}: the names whose next head the acking connection takes.
     */
    record Ack(long deviceId, UUID id, String result, Collection<String> leaseNextOf) {}

    /** What an ack did: the name of the queue it moved on (null: the command was not awaiting an ack), and the next head leased. */
    record Acked(String name, List<LeasedCommand> next) {}

    /** Acks the batch (ids without duplicates); what each ack did, in the batch's order. */
    List<Acked> ack(List<Ack> batch, Duration lease, int maxAttempts) {
        Integer[] requests = new Integer[batch.size()];
        Long[] devices = new Long[batch.size()];
        String[] ids = new String[batch.size()];
        String[] results = new String[batch.size()];
        List<Integer> listening = new ArrayList<>();
        List<String> listened = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Ack ack = batch.get(i);
            requests[i] = i;
            devices[i] = ack.deviceId();
            ids[i] = ack.id().toString();
            results[i] = ack.result();
            for (String name : ack.leaseNextOf()) {
                listening.add(i);
                listened.add(name);
            }
        }
        CreatedAtRange range = CreatedAtRange.of(batch.stream().map(Ack::id).toList());
        String[] acked = new String[batch.size()];
        List<List<LeasedCommand>> next = emptyLists(batch.size());
        jdbc.sql(ACK)
                .params(
                        requests,
                        devices,
                        ids,
                        results,
                        range.oldest(),
                        range.newest(),
                        listening.toArray(Integer[]::new),
                        listened.toArray(String[]::new),
                        maxAttempts,
                        lease.toMillis(),
                        lease.toMillis())
                .query(rs -> {
                    int request = rs.getInt("request");
                    if (rs.getBoolean("acked")) {
                        acked[request] = rs.getString("name");
                    } else {
                        next.get(request).add(leasedCommand(rs));
                    }
                });
        List<Acked> answers = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            answers.add(new Acked(acked[i], next.get(i)));
        }
        return answers;
    }

    boolean belongsTo(long deviceId, UUID id) {
        return statusOf(deviceId, id).isPresent();
    }

    /** The status of a command of the device; empty when the device has no such command. */
    Optional<String> statusOf(long deviceId, UUID id) {
        return jdbc.sql(STATUS_OF)
                .params(id, createdAt(id), deviceId)
                .query(String.class)
                .optional();
    }

    /** A nack of a device's command; {@code attempt}: the hand-over it answers, or null for the current one. */
    record Nack(long deviceId, UUID id, Integer attempt, String error) {}

    /**
     * Nacks the batch; each command's status after its nack ({@code failed} or {@code queued}), or null when it
     * was not awaiting an ack, in the batch's order.
     */
    List<String> nack(List<Nack> batch, Duration retryDelay, int maxAttempts) {
        Integer[] requests = new Integer[batch.size()];
        Long[] devices = new Long[batch.size()];
        String[] ids = new String[batch.size()];
        Integer[] attempts = new Integer[batch.size()];
        String[] errors = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Nack nack = batch.get(i);
            requests[i] = i;
            devices[i] = nack.deviceId();
            ids[i] = nack.id().toString();
            attempts[i] = nack.attempt();
            errors[i] = nack.error();
        }
        CreatedAtRange range = CreatedAtRange.of(batch.stream().map(Nack::id).toList());
        String[] statuses = new String[batch.size()];
        jdbc.sql(NACK)
                .params(
                        requests,
                        devices,
                        ids,
                        attempts,
                        errors,
                        maxAttempts,
                        range.oldest(),
                        range.newest(),
                        retryDelay.toMillis(),
                        maxAttempts)
                .query(rs -> {
                    statuses[rs.getInt("request")] = rs.getString("status");
                });
        return java.util.Arrays.asList(statuses);
    }

    void release(long deviceId, List<LeasedCommand> handedOver) {
        String[] ids = handedOver.stream().map(LeasedCommand::id).toArray(String[]::new);
        Integer[] attempts = handedOver.stream().map(LeasedCommand::attempt).toArray(Integer[]::new);
        jdbc.sql(RELEASE).params(ids, attempts, deviceId).update();
    }

    /**
     * The creation times of a batch's commands (read from their UUIDv7 ids), oldest and newest: bounds that let a
     * statement's update of the history prune to those commands' partitions.
     */
    private record CreatedAtRange(Timestamp oldest, Timestamp newest) {

        static CreatedAtRange of(List<UUID> ids) {
            List<Instant> times = ids.stream().map(CommandIds::createdAt).toList();
            return new CreatedAtRange(Timestamp.from(Collections.min(times)), Timestamp.from(Collections.max(times)));
        }
    }

    private static LeasedCommand leasedCommand(ResultSet rs) throws SQLException {
        return new LeasedCommand(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("data"),
                rs.getTimestamp("created_at").getTime(),
                rs.getInt("attempts"));
    }

    private static List<List<LeasedCommand>> emptyLists(int size) {
        List<List<LeasedCommand>> lists = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    private static Timestamp createdAt(UUID id) {
        return Timestamp.from(CommandIds.createdAt(id));
    }
}
