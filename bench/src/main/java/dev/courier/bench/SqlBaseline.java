package dev.courier.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B1, the physical limit: the SQL Courier runs, executed straight over JDBC against the same database, with no
 * HTTP, JSON or framework in between. The statements are copies of Courier's (EnqueueRepository.ENQUEUE,
 * LeaseRepository.CLAIM and ACK, with the fragments they are made of, their command events included), run the
 * way Courier runs them; keep them in step. The events they write are numbered by the Courier under test, as its
 * own. Each takes a batch: B1 runs them for one command at a time, "B1 batched" for several devices per
 * statement, as Courier's combiners do under load.
 */
final class SqlBaseline {

    private static final String FINISH = "attempts = f.attempts, delivered_at = f.delivered_at, error = f.error";
    private static final String RECORD_EVENTS =
            "INSERT INTO command_event_inbox (app_id, command_id, device_id, name, status, attempt, error, result)";
    private static final String ENQUEUE = """
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
            """.formatted(RECORD_EVENTS);
    private static final String LEASE = """
            attempts = p.attempts + 1, available_at = now() + ? * interval '1 millisecond',
            leased_until = now() + ? * interval '1 millisecond', delivered_at = now()
            """;
    private static final String HEAD_OF = """
            SELECT id FROM pending_command h
            WHERE h.device_id = %1$s.device_id AND h.name = %1$s.name AND h.id IS DISTINCT FROM %2$s
              AND (h.expires_at IS NULL OR h.expires_at > now())
            ORDER BY h.seq
            LIMIT 1
            """;
    private static final String CLAIM = """
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
            """.formatted(HEAD_OF.formatted("w", "NULL"), LEASE, RECORD_EVENTS);
    private static final String ACK = """
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
            """.formatted(FINISH, HEAD_OF.formatted("f", "f.id"), LEASE, RECORD_EVENTS);

    /** Courier's hand-over pool: claims and acks do not wait for their WAL flush (sends do). */
    private static final String NO_FLUSH_WAIT = "SET synchronous_commit = off";

    private static final int LEASE_MILLIS = 30_000;
    private static final int MAX_ATTEMPTS = 10;

    private final String url;

    SqlBaseline(String url) {
        this.url = url;
    }

    /** B1 for S1: the fan-out statement for all of an app's devices, committed; median of 5. */
    String fanOut(String appName) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            long appId = appId(connection, appName);
            String[] devices = idents(connection, appId);
            List<Double> rates = new ArrayList<>();
            for (int run = 0; run < 5; run++) {
                long started = System.nanoTime();
                enqueue(connection, appId, List.of(devices), false, "baseline");
                rates.add(devices.length / ((System.nanoTime() - started) / 1e9));
            }
            Collections.sort(rates);
            return String.format(
                    Locale.ROOT,
                    "B1 fan-out SQL to %,d devices over JDBC: median %,.0f commands/s",
                    devices.length,
                    rates.get(2));
        }
    }

    /** B1's send+claim+ack cycles: the report line and the commands per second. */
    record Cycles(String line, double perSecond) {}

    /**
     * B1 for S2: send, claim and ack, from several threads, as Courier runs them: three auto-committed
     * statements, the send on a connection that waits for its WAL flush, the claim and the ack on one that does
     * not. Each thread cycles {@code batch} devices of its own: one statement sends one command to each (as that
     * many requests), one claims them all, one acks them all.
     */
    Cycles cycles(String appName, int threads, int batch, int seconds) throws Exception {
        long appId;
        String[] idents;
        Long[] devices;
        try (Connection connection = DriverManager.getConnection(url)) {
            appId = appId(connection, appName);
            idents = idents(connection, appId);
            devices = deviceIds(connection, appId);
        }
        int perThread = Math.min(batch, devices.length / threads);
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Long> ownDevices = List.of(devices).subList(t * perThread, (t + 1) * perThread);
            List<String> ownIdents = List.of(idents).subList(t * perThread, (t + 1) * perThread);
            Thread worker = new Thread(() -> cycleUntil(appId, ownDevices, ownIdents, deadline, done));
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double perSecond = done.get() / (double) seconds;
        return new Cycles(
                String.format(
                        Locale.ROOT,
                        "B1%s send+claim+ack cycles over JDBC (%s), %d threads x %d devices a statement: %,.0f"
                                + " commands/s",
                        perThread > 1 ? " batched" : "",
                        appName,
                        threads,
                        perThread,
                        perSecond),
                perSecond);
    }

    private void cycleUntil(long appId, List<Long> devices, List<String> idents, long deadline, AtomicLong done) {
        try (Connection sends = DriverManager.getConnection(url);
                Connection handOvers = DriverManager.getConnection(url)) {
            try (PreparedStatement async = handOvers.prepareStatement(NO_FLUSH_WAIT)) {
                async.execute();
            }
            while (System.nanoTime() < deadline) {
                enqueue(sends, appId, idents, true, "cycle");
                List<UUID> claimed = claim(handOvers, devices);
                ack(handOvers, devices, claimed);
                done.addAndGet(claimed.size());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Leases the head of queue "cycle" of each device; returns the ids leased, in device order. */
    private static List<UUID> claim(Connection connection, List<Long> devices) throws SQLException {
        Integer[] requests = new Integer[devices.size()];
        String[] names = new String[devices.size()];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = i;
            names[i] = "cycle";
        }
        UUID[] leased = new UUID[devices.size()];
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setArray(1, connection.createArrayOf("int4", requests));
            claim.setArray(2, connection.createArrayOf("int8", devices.toArray()));
            claim.setArray(3, connection.createArrayOf("text", names));
            claim.setInt(4, MAX_ATTEMPTS);
            claim.setLong(5, LEASE_MILLIS);
            claim.setLong(6, LEASE_MILLIS);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    leased[rows.getInt("request")] = rows.getObject("id", UUID.class);
                }
            }
        }
        List<UUID> ids = new ArrayList<>();
        for (UUID id : leased) {
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static void ack(Connection connection, List<Long> devices, List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Integer[] requests = new Integer[ids.size()];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = i;
        }
        Instant now = Instant.now();
        try (PreparedStatement ack = connection.prepareStatement(ACK)) {
            ack.setArray(1, connection.createArrayOf("int4", requests));
            ack.setArray(2, connection.createArrayOf("int8", devices.subList(0, ids.size()).toArray()));
            ack.setArray(3, connection.createArrayOf("uuid", ids.toArray()));
            ack.setArray(4, connection.createArrayOf("text", new String[ids.size()])); // no results
            ack.setObject(5, java.sql.Timestamp.from(now.minusSeconds(60)));
            ack.setObject(6, java.sql.Timestamp.from(now.plusSeconds(60)));
            ack.setArray(7, connection.createArrayOf("int4", new Integer[0])); // no next lease: nothing else queued
            ack.setArray(8, connection.createArrayOf("text", new String[0]));
            ack.setInt(9, MAX_ATTEMPTS);
            ack.setLong(10, LEASE_MILLIS);
            ack.setLong(11, LEASE_MILLIS);
            try (ResultSet rows = ack.executeQuery()) {
                while (rows.next()) {
                    rows.getBoolean("acked");
                }
            }
        }
    }

    /**
     * Queues command {@code name} for the idents: as one request naming them all (a fan-out), or as one
     * request per ident ({@code perIdent}, what Courier's send combiner makes of concurrent single sends).
     */
    private static void enqueue(Connection connection, long appId, List<String> idents, boolean perIdent, String name)
            throws SQLException {
        int requests = perIdent ? idents.size() : 1;
        Integer[] request = new Integer[requests];
        Long[] apps = new Long[requests];
        String[] names = new String[requests];
        String[] data = new String[requests];
        String[] createdAt = new String[requests];
        String[] expiresAt = new String[requests];
        Integer[] depths = new Integer[requests];
        String now = Instant.now().toString();
        for (int i = 0; i < requests; i++) {
            request[i] = i;
            apps[i] = appId;
            names[i] = name;
            data[i] = "{\"x\":1}";
            createdAt[i] = now;
            depths[i] = 1_000_000;
        }
        Integer[] elementRequest = new Integer[idents.size()];
        String[] ids = new String[idents.size()];
        for (int i = 0; i < ids.length; i++) {
            elementRequest[i] = perIdent ? i : 0;
            ids[i] = uuid7().toString();
        }
        try (PreparedStatement enqueue = connection.prepareStatement(ENQUEUE)) {
            Array[] arrays = {
                connection.createArrayOf("int4", request),
                connection.createArrayOf("int8", apps),
                connection.createArrayOf("text", names),
                connection.createArrayOf("text", data),
                connection.createArrayOf("text", createdAt),
                connection.createArrayOf("text", expiresAt),
                connection.createArrayOf("int4", depths),
                connection.createArrayOf("int4", elementRequest),
                connection.createArrayOf("text", idents.toArray()),
                connection.createArrayOf("text", ids)
            };
            for (int i = 0; i < arrays.length; i++) {
                enqueue.setArray(i + 1, arrays[i]);
            }
            try (ResultSet admitted = enqueue.executeQuery()) {
                while (admitted.next()) {
                    admitted.getBoolean("admitted");
                }
            }
        }
    }

    /** Time-ordered ids like Courier's, so the primary-key index sees the same insert pattern. */
    private static UUID uuid7() {
        long millis = System.currentTimeMillis();
        long most = (millis << 16) | (0x7L << 12) | ThreadLocalRandom.current().nextInt(1 << 12);
        long least = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    private static long appId(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM app WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static String[] idents(Connection connection, long appId) throws SQLException {
        List<String> idents = new ArrayList<>();
        try (PreparedStatement query =
                connection.prepareStatement("SELECT ident FROM device WHERE app_id = ? ORDER BY id")) {
            query.setLong(1, appId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    idents.add(rows.getString(1));
                }
            }
        }
        return idents.toArray(String[]::new);
    }

    private static Long[] deviceIds(Connection connection, long appId) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM device WHERE app_id = ? ORDER BY id")) {
            query.setLong(1, appId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids.toArray(Long[]::new);
    }
}
