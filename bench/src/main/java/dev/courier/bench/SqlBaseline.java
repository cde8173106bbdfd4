package dev.courier.bench;

import java.sql.Array;
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
 * LeaseRepository.CLAIM and ACK); keep them in step.
 */
final class SqlBaseline {

    private static final String ENQUEUE = """
            WITH requested AS (
                SELECT r.device_id, r.id
                FROM unnest(?::bigint[], ?::uuid[]) AS r (device_id, id)
                JOIN device d ON d.id = r.device_id
                FOR KEY SHARE OF d
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
            )
            INSERT INTO pending_command (id, created_at, seq, device_id, name, expires_at, available_at)
            SELECT id, created_at, seq, device_id, name, expires_at, now() FROM queued
            RETURNING device_id
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
                RETURNING id, created_at
            )
            UPDATE command c SET status = 'acked', acked_at = now()
            FROM acked WHERE c.id = acked.id AND c.created_at = acked.created_at
            """;

    private final String url;

    SqlBaseline(String url) {
        this.url = url;
    }

    /** B1 for S1: the fan-out statement for all of an app's devices, committed; median of 5. */
    String fanOut(String appName) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            long appId = appId(connection, appName);
            Long[] devices = deviceIds(connection, appId);
            List<Double> rates = new ArrayList<>();
            for (int run = 0; run < 5; run++) {
                connection.setAutoCommit(false);
                long started = System.nanoTime();
                enqueue(connection, appId, devices, "baseline");
                connection.commit();
                rates.add(devices.length / ((System.nanoTime() - started) / 1e9));
                connection.setAutoCommit(true);
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

    /** B1 for S2: enqueue, claim and ack one command at a time, per device, from several threads. */
    Cycles cycles(String appName, int threads, int seconds) throws Exception {
        long appId;
        Long[] devices;
        try (Connection connection = DriverManager.getConnection(url)) {
            appId = appId(connection, appName);
            devices = deviceIds(connection, appId);
        }
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long device = devices[t];
            Thread worker = new Thread(() -> cycleUntil(appId, device, deadline, done));
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

    private void cycleUntil(long appId, long device, long deadline, AtomicLong done) {
        try (Connection connection = DriverManager.getConnection(url)) {
            Long[] one = {device};
            while (System.nanoTime() < deadline) {
                connection.setAutoCommit(false);
                enqueue(connection, appId, one, "cycle");
                connection.commit();
                try (PreparedStatement async = connection.prepareStatement("SET LOCAL synchronous_commit = off");
                        PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                    async.execute();
                    claim.setArray(1, connection.createArrayOf("text", new String[] {"cycle"}));
                    claim.setLong(2, device);
                    try (ResultSet claimed = claim.executeQuery()) {
                        while (claimed.next()) {
                            ack(connection, device, claimed.getObject(1, UUID.class), claimed.getTimestamp(2));
                        }
                    }
                }
                connection.commit();
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
            ack.executeUpdate();
        }
    }

    private static void enqueue(Connection connection, long appId, Long[] devices, String name) throws SQLException {
        String[] ids = new String[devices.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = uuid7().toString();
        }
        try (PreparedStatement enqueue = connection.prepareStatement(ENQUEUE)) {
            Array deviceArray = connection.createArrayOf("bigint", devices);
            enqueue.setArray(1, deviceArray);
            enqueue.setArray(2, connection.createArrayOf("text", ids));
            enqueue.setString(3, name);
            enqueue.setInt(4, 1_000_000);
            enqueue.setTimestamp(5, Timestamp.from(Instant.now()));
            enqueue.setLong(6, appId);
            enqueue.setString(7, name);
            enqueue.setString(8, "{\"x\":1}");
            try (ResultSet admitted = enqueue.executeQuery()) {
                while (admitted.next()) {
                    admitted.getLong(1);
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
