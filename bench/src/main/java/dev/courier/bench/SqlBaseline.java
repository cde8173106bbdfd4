package dev.courier.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B1, the physical limit: the SQL shapes Courier runs, executed straight over JDBC against the same database,
 * with no HTTP, JSON or framework in between. The statements are copies of Courier's (CommandRepository.ENQUEUE,
 * LeaseRepository.CLAIM and ACK), run the way Courier runs them; keep them in step.
 */
final class SqlBaseline {

    private static final String ENQUEUE = """
            WITH requested AS (
                SELECT d.device_id, r.ident, r.id
                FROM unnest(?::text[], ?::uuid[]) AS r (ident, id)
                CROSS JOIN LATERAL (
                    SELECT device.id AS device_id FROM device WHERE device.app_id = ? AND device.ident = r.ident
                    FOR KEY SHARE
                ) d
            ), admitted AS (
                INSERT INTO device_queue AS q (device_id, name, pending)
                SELECT device_id, ?, 1 FROM requested ORDER BY device_id
                ON CONFLICT (device_id, name) DO UPDATE SET pending = q.pending + 1 WHERE q.pending < ?
                RETURNING q.device_id
            ), queued AS (
                INSERT INTO command (id, created_at, seq, app_id, device_id, name, data, expires_at)
                SELECT r.id, ?, nextval('command_seq'), ?, r.device_id, ?, ?::jsonb, NULL
                FROM requested r JOIN admitted a USING (device_id)
                ORDER BY r.device_id
                RETURNING id, created_at, seq, device_id, name, expires_at
            ), pending AS (
                INSERT INTO pending_command (id, created_at, seq, device_id, name, expires_at, available_at)
                SELECT id, created_at, seq, device_id, name, expires_at, now() FROM queued
                RETURNING device_id
            )
            SELECT r.ident, r.device_id, p.device_id IS NOT NULL AS admitted
            FROM requested r LEFT JOIN pending p USING (device_id)
            """;

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
                WHERE p.available_at <= now() AND p.attempts < 10
                FOR UPDATE OF p SKIP LOCKED
            ), leased AS (
                UPDATE pending_command p
                SET attempts = p.attempts + 1, available_at = now() + interval '30 seconds',
                    leased_until = now() + interval '30 seconds'
                FROM due WHERE p.id = due.id
                RETURNING p.id, p.created_at, p.attempts
            )
            UPDATE command c SET status = 'delivered', attempts = leased.attempts, delivered_at = now()
            FROM leased WHERE c.id = leased.id AND c.created_at = leased.created_at
            RETURNING c.id, c.created_at
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

    /** Courier's hand-over pool: claims and acks do not wait for their WAL flush (sends do). */
    private static final String NO_FLUSH_WAIT = "SET synchronous_commit = off";

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
                enqueue(connection, appId, devices, "baseline");
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
     * B1 for S2: send, claim and ack one command at a time, per device, from several threads, as Courier runs
     * them: three auto-committed statements, the send on a connection that waits for its WAL flush, the claim and
     * the ack on one that does not.
     */
    Cycles cycles(String appName, int threads, int seconds) throws Exception {
        long appId;
        String[] idents;
        Long[] devices;
        try (Connection connection = DriverManager.getConnection(url)) {
            appId = appId(connection, appName);
            idents = idents(connection, appId);
            devices = deviceIds(connection, appId);
        }
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long device = devices[t];
            String ident = idents[t];
            Thread worker = new Thread(() -> cycleUntil(appId, device, ident, deadline, done));
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
                        "B1 send+claim+ack cycles over JDBC (%s), %d threads: %,.0f commands/s",
                        appName,
                        threads,
                        perSecond),
                perSecond);
    }

    private void cycleUntil(long appId, long device, String ident, long deadline, AtomicLong done) {
        try (Connection sends = DriverManager.getConnection(url);
                Connection handOvers = DriverManager.getConnection(url)) {
            try (PreparedStatement async = handOvers.prepareStatement(NO_FLUSH_WAIT)) {
                async.execute();
            }
            String[] one = {ident};
            while (System.nanoTime() < deadline) {
                enqueue(sends, appId, one, "cycle");
                try (PreparedStatement claim = handOvers.prepareStatement(CLAIM)) {
                    claim.setArray(1, handOvers.createArrayOf("text", new String[] {"cycle"}));
                    claim.setLong(2, device);
                    try (ResultSet claimed = claim.executeQuery()) {
                        while (claimed.next()) {
                            ack(handOvers, device, claimed.getObject(1, UUID.class), claimed.getTimestamp(2));
                        }
                    }
                }
                done.incrementAndGet();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ack(Connection connection, long device, UUID id, Timestamp createdAt) throws SQLException {
        try (PreparedStatement ack = connection.prepareStatement(ACK)) {
            ack.setObject(1, id);
            ack.setTimestamp(2, createdAt);
            ack.setLong(3, device);
            try (ResultSet acked = ack.executeQuery()) {
                acked.next();
            }
        }
    }

    private static void enqueue(Connection connection, long appId, String[] idents, String name)
            throws SQLException {
        String[] ids = new String[idents.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = uuid7().toString();
        }
        try (PreparedStatement enqueue = connection.prepareStatement(ENQUEUE)) {
            enqueue.setArray(1, connection.createArrayOf("text", idents));
            enqueue.setArray(2, connection.createArrayOf("text", ids));
            enqueue.setLong(3, appId);
            enqueue.setString(4, name);
            enqueue.setInt(5, 1_000_000);
            enqueue.setTimestamp(6, Timestamp.from(Instant.now()));
            enqueue.setLong(7, appId);
            enqueue.setString(8, name);
            enqueue.setString(9, "{\"x\":1}");
            try (ResultSet admitted = enqueue.executeQuery()) {
                while (admitted.next()) {
                    admitted.getBoolean(3);
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
