package dev.courier.command;

import dev.courier.device.DeviceId;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The durable queue's SQL: fan-out, lookups, cancel, purge and expiry. */
@Repository
class CommandRepository {

    /**
     * The whole send in one statement: resolve the idents, take queue slots, write history and queue, and
     * report per ident whether it got a command. Taking a slot in {@code device_queue} row-locks the
     * (device, name) counter, so concurrent sends admit exactly the plan's depth; devices are locked in id order
     * so two fan-outs never deadlock. A new command is due at the database's now(), the clock claims compare
     * with (not the app server's receive time, which may run ahead of it). A device deleted meanwhile is not
     * found (its key-share lock keeps it from vanishing under the insert).
     */
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
                SELECT r.id, ?, nextval('command_seq'), ?, r.device_id, ?, ?::jsonb, ?
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

    private static final String FIND = "SELECT " + CommandRecord.COLUMNS + ", d.ident FROM command c"
            + " JOIN device d ON d.id = c.device_id"
            + " WHERE c.id = ? AND c.created_at = ? AND c.app_id = ?";

    private static final String PENDING = "SELECT " + CommandRecord.COLUMNS + " FROM pending_command p"
            + " JOIN command c ON c.id = p.id AND c.created_at = p.created_at"
            + " WHERE p.device_id = ? AND (p.expires_at IS NULL OR p.expires_at > now())"
            + " ORDER BY p.seq LIMIT ?";

    private static final String COUNT_PENDING = """
            SELECT count(*) FROM pending_command
            WHERE device_id = ? AND (expires_at IS NULL OR expires_at > now())
            """;

    private static final String CANCEL = """
            WITH removed AS (
                DELETE FROM pending_command p
                USING command c
                WHERE p.id = ? AND p.created_at = ? AND c.id = p.id AND c.created_at = p.created_at
                  AND c.app_id = ? AND (p.expires_at IS NULL OR p.expires_at > now())
                RETURNING p.id, p.created_at
            )
            UPDATE command c SET status = 'cancelled'
            FROM removed WHERE c.id = removed.id AND c.created_at = removed.created_at
            RETURNING c.device_id
            """;

    /** Purge: every pending command of the device is cancelled (or expired, if its ttl has passed). */
    private static final String PURGE = """
            WITH removed AS (
                DELETE FROM pending_command WHERE device_id = ?
                RETURNING id, created_at, expires_at
            )
            UPDATE command c
            SET status = CASE WHEN removed.expires_at <= now() THEN 'expired' ELSE 'cancelled' END
            FROM removed WHERE c.id = removed.id AND c.created_at = removed.created_at
            RETURNING c.status
            """;

    private static final String EXPIRE = """
            WITH expired AS (
                DELETE FROM pending_command
                WHERE id IN (SELECT id FROM pending_command WHERE expires_at <= now()
                             ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, created_at, device_id
            )
            UPDATE command c SET status = 'expired'
            FROM expired WHERE c.id = expired.id AND c.created_at = expired.created_at
            RETURNING expired.device_id
            """;

    /**
     * Sends to more devices than this are planned for their own arrays every time. With a server-prepared
     * statement's generic plan (which assumes a few devices) or with the device table's statistics taken
     * while it was small, the joins between the steps became quadratic nested loops: a 10,000-device fan-out
     * after a run of single-device sends took 7.6 s instead of 0.3 s (auto_explain). Resolving each ident by
     * its unique index (the LATERAL lookup) and planning big sends for their arrays keeps the estimates right.
     */
    private static final int PLAN_PER_SEND_ABOVE = 100;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    CommandRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    record NewCommands(long appId, String name, String data, Instant createdAt, Instant expiresAt) {}

    /** What a send did for one of its devices that exists. */
    record Enqueued(String ident, long deviceId, boolean admitted) {}

    /**
     * Queues one command per named device of the app that has room, {@code ids[i]} for {@code idents[i]}
     * (idents without duplicates); idents the app has no device for are left out of the result.
     */
    List<Enqueued> enqueue(NewCommands commands, String[] idents, UUID[] ids, int queueDepth) {
        String[] idTexts = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            idTexts[i] = ids[i].toString();
        }
        Object[] params = {
            idents,
            idTexts,
            commands.appId(),
            commands.name(),
            queueDepth,
            Timestamp.from(commands.createdAt()),
            commands.appId(),
            commands.name(),
            commands.data(),
            timestampOrNull(commands.expiresAt())
        };
        RowMapper<Enqueued> row = (rs, rowNum) -> new Enqueued(rs.getString(1), rs.getLong(2), rs.getBoolean(3));
        if (idents.length <= PLAN_PER_SEND_ABOVE) {
            return jdbc.sql(ENQUEUE).params(params).query(row).list();
        }
        return template.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(ENQUEUE);
                    // never server-prepared: planned for this send's arrays, never with a generic plan
                    statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                    new ArgumentPreparedStatementSetter(params).setValues(statement);
                    return statement;
                },
                row);
    }

    Optional<CommandRecord> find(long appId, UUID id) {
        return jdbc.sql(FIND)
                .params(id, Timestamp.from(CommandIds.createdAt(id)), appId)
                .query((rs, row) -> CommandRecord.fromRow(rs, true, rs.getString("ident")))
                .optional();
    }

    List<CommandRecord> pending(DeviceId device, int limit) {
        return jdbc.sql(PENDING)
                .params(device.value(), limit)
                .query((rs, row) -> CommandRecord.fromRow(rs, true, null))
                .list();
    }

    long countPending(DeviceId device) {
        return jdbc.sql(COUNT_PENDING).param(device.value()).query(Long.class).single();
    }

    /** The device of the cancelled command, or empty when it was not pending. */
    Optional<Long> cancel(long appId, UUID id) {
        return jdbc.sql(CANCEL)
                .params(id, Timestamp.from(CommandIds.createdAt(id)), appId)
                .query(Long.class)
                .optional();
    }

    void forgetDevice(DeviceId device) {
        jdbc.sql("DELETE FROM pending_command WHERE device_id = ?")
                .param(device.value())
                .update();
        jdbc.sql("DELETE FROM command WHERE device_id = ?")
                .param(device.value())
                .update();
        jdbc.sql("DELETE FROM device_queue WHERE device_id = ?")
                .param(device.value())
                .update();
    }

    long purge(DeviceId device) {
        return jdbc.sql(PURGE).param(device.value()).query(String.class).stream()
                .filter("cancelled"::equals)
                .count();
    }

    /** The device of each command expired, one entry per command. */
    List<Long> expireDue(int batchSize) {
        return jdbc.sql(EXPIRE).param(batchSize).query(Long.class).list();
    }

    private static SqlParameterValue timestampOrNull(Instant time) {
        return new SqlParameterValue(
                Types.TIMESTAMP_WITH_TIMEZONE, time == null ? null : time.atOffset(ZoneOffset.UTC));
    }
}
