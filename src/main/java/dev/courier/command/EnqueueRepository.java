package dev.courier.command;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The send's SQL: one statement queues the commands of a whole batch of send requests, from any apps, to any
 * devices. Each request's devices are resolved in its app, queue slots are taken, history and queue rows are
 * written, and every (request, ident) is reported with whether it got a command.
 */
@Repository
class EnqueueRepository {

    /**
     * Taking the slots upserts one {@code device_queue} row per (device, name) of the batch, in (device, name)
     * order, the order every statement locks them in, so batches never deadlock each other or the slot release
     * trigger. The row lock makes the depth exact under concurrency: of the {@code n} commands the batch has for
     * a queue, the upsert admits {@code least(n, depth - pending)} and records that number in {@code admitted},
     * which the statement reads back to admit the queue's first ones in request order. Sequence numbers are
     * drawn in that order too, so sends to one queue in one batch keep the order they arrived in. A device
     * deleted meanwhile is not found (its key-share lock keeps it from vanishing under the insert). New commands
     * are due at the database's now(), the clock claims compare with. Each queued command's event is written
     * here too (see V8's migration for how events are numbered).
     */
    static final String ENQUEUE = """
            WITH sends AS MATERIALIZED (
                SELECT s.request, s.app_id, s.name, s.data::jsonb AS data, s.created_at, s.expires_at, s.depth
                FROM unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::int[])
                    AS s (request, app_id, name, data, created_at, expires_at, depth)
            ), requested AS (
                SELECT e.ord, e.request, e.ident, e.id, d.device_id, r.app_id, r.name, r.depth,
                       row_number() OVER (PARTITION BY d.device_id, r.name ORDER BY e.ord) AS place
                FROM unnest(?::int[], ?::text[], ?::uuid[]) WITH ORDINALITY AS e (request, ident, id, ord)
                JOIN sends r ON r.request = e.request
                CROSS JOIN LATERAL (
                    SELECT device.id AS device_id FROM device WHERE device.app_id = r.app_id AND device.ident = e.ident
                    FOR KEY SHARE
                ) d
            ), slots AS (
                INSERT INTO device_queue AS q (device_id, name, pending, depth, admitted)
                SELECT device_id, name, least(count(*), min(depth)), min(depth), least(count(*), min(depth))
                FROM requested GROUP BY device_id, name ORDER BY device_id, name
                ON CONFLICT (device_id, name) DO UPDATE
                    SET pending = q.pending + least(excluded.admitted, excluded.depth - q.pending),
                        admitted = least(excluded.admitted, excluded.depth - q.pending),
                        depth = excluded.depth
                    WHERE q.pending < excluded.depth
                RETURNING q.device_id, q.name, q.admitted
            ), queued AS (
                INSERT INTO command (id, created_at, seq, app_id, device_id, name, data, expires_at)
                SELECT k.id, r.created_at, nextval('command_seq'), k.app_id, k.device_id, k.name, r.data, r.expires_at
                FROM requested k JOIN sends r ON r.request = k.request
                JOIN slots s ON s.device_id = k.device_id AND s.name = k.name
                WHERE k.place <= s.admitted
                ORDER BY k.ord
                RETURNING id, created_at, seq, app_id, device_id, name, data, expires_at
            ), pending AS (
                INSERT INTO pending_command (id, created_at, seq, app_id, device_id, name, data, expires_at, available_at)
                SELECT id, created_at, seq, app_id, device_id, name, data, expires_at, now() FROM queued
                RETURNING id
            ), events AS (
                %s
                SELECT app_id, id, device_id, name, 'queued', 0, NULL, NULL::jsonb FROM queued ORDER BY seq
            )
            SELECT k.request, k.ident, k.device_id, p.id IS NOT NULL AS admitted
            FROM requested k LEFT JOIN pending p USING (id)
            """.formatted(EventSequencer.RECORD_EVENTS);

    /**
     * Batches naming more devices than this are planned for their own arrays every time. With a server-prepared
     * statement's generic plan (which assumes a few devices) or with the device table's statistics taken while
     * it was small, the joins between the steps became quadratic nested loops: a 10,000-device fan-out after a
     * run of single-device sends took 7.6 s instead of 0.3 s (auto_explain). Resolving each ident by its unique
     * index (the LATERAL lookup) and planning big batches for their arrays keeps the estimates right.
     */
    private static final int PLAN_PER_BATCH_ABOVE = 100;

    /**
     * The send pool keeps generic plans of key lookups; a batch planned for its own arrays asks for a custom plan
     * with every join method (a fan-out to 10,000 devices joins its steps by hashing).
     */
    private static final String CUSTOM_PLAN = "SET LOCAL plan_cache_mode = force_custom_plan;"
            + " SET LOCAL enable_seqscan = on; SET LOCAL enable_hashjoin = on; SET LOCAL enable_mergejoin = on";

    private final JdbcTemplate jdbc;

    EnqueueRepository(SendPool pool) {
        this.jdbc = pool.template();
    }

    /**
     * Whether the batch is planned for its own arrays, which takes a transaction: the caller runs
     * {@link #enqueue} in one when this holds.
     */
    static boolean plannedPerBatch(List<NewCommands> batch) {
        return elements(batch) > PLAN_PER_BATCH_ABOVE;
    }

    private static int elements(List<NewCommands> batch) {
        return batch.stream().mapToInt(request -> request.idents().length).sum();
    }

    /** One send request of a batch: its commands' shared fields, and one new id per ident (no duplicates). */
    record NewCommands(
            long appId,
            String name,
            String data,
            Instant createdAt,
            Instant expiresAt,
            int queueDepth,
            String[] idents,
            UUID[] ids) {}

    /** What a batch did for one ident of request {@code request} (its index) that names an existing device. */
    record Enqueued(int request, String ident, long deviceId, boolean admitted) {}

    /** Queues the batch's commands; idents the app has no device for are left out of the result. */
    List<Enqueued> enqueue(List<NewCommands> batch) {
        int requests = batch.size();
        Integer[] requestIndex = new Integer[requests];
        Long[] apps = new Long[requests];
        String[] names = new String[requests];
        String[] data = new String[requests];
        String[] createdAt = new String[requests];
        String[] expiresAt = new String[requests];
        Integer[] depths = new Integer[requests];
        int elements = elements(batch);
        Integer[] elementRequest = new Integer[elements];
        String[] idents = new String[elements];
        String[] ids = new String[elements];
        int element = 0;
        for (int i = 0; i < requests; i++) {
            NewCommands request = batch.get(i);
            requestIndex[i] = i;
            apps[i] = request.appId();
            names[i] = request.name();
            data[i] = request.data();
            createdAt[i] = request.createdAt().toString();
            expiresAt[i] =
                    request.expiresAt() == null ? null : request.expiresAt().toString();
            depths[i] = request.queueDepth();
            for (int j = 0; j < request.idents().length; j++, element++) {
                elementRequest[element] = i;
                idents[element] = request.idents()[j];
                ids[element] = request.ids()[j].toString();
            }
        }
        Object[] params = {requestIndex, apps, names, data, createdAt, expiresAt, depths, elementRequest, idents, ids};
        RowMapper<Enqueued> row =
                (rs, rowNum) -> new Enqueued(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4));
        boolean planForThisBatch = elements > PLAN_PER_BATCH_ABOVE;
        if (planForThisBatch) {
            jdbc.execute(CUSTOM_PLAN);
        }
        return jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(ENQUEUE);
                    if (planForThisBatch) {
                        // never server-prepared: planned for this batch's arrays, never with a generic plan
                        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                    }
                    new ArgumentPreparedStatementSetter(params).setValues(statement);
                    return statement;
                },
                row);
    }
}
