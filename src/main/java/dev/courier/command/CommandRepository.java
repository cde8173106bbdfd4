package dev.courier.command;

import dev.courier.device.DeviceId;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The durable queue's SQL for the app side: lookups, cancel, purge and expiry (the send is {@link EnqueueRepository}). */
@Repository
class CommandRepository {

    /**
     * What a finished command's history row takes from its queue row ({@code f}, just deleted, returning
     * {@link #FINISHED_COLUMNS}): the attempts, last hand-over and last error it had while pending.
     */
    static final String FINISH = "attempts = f.attempts, delivered_at = f.delivered_at, error = f.error";

    static final String FINISHED_COLUMNS = "id, created_at, app_id, device_id, name, attempts, delivered_at, error";

    /** A command by id, with its device's ident: from {@code deleted_device} once the device is deleted. */
    private static final String FIND = "SELECT " + CommandRecord.COLUMNS
            + ", coalesce(d.ident, gone.ident) AS ident, d.id IS NULL AS device_deleted FROM command c"
            + CommandRecord.PENDING_JOIN
            + " LEFT JOIN device d ON d.id = c.device_id LEFT JOIN deleted_device gone ON gone.id = c.device_id"
            + " WHERE c.id = ? AND c.created_at = ? AND c.app_id = ?";

    private static final String PENDING = "SELECT " + CommandRecord.COLUMNS + " FROM pending_command p"
            + " JOIN command c ON c.id = p.id AND c.created_at = p.created_at"
            + " WHERE p.device_id = ? AND (p.expires_at IS NULL OR p.expires_at > now())"
            + " ORDER BY p.seq LIMIT ?";

    private static final String COUNT_PENDING = """
            SELECT device_id, count(*) AS pending FROM pending_command
            WHERE device_id = ANY (?::bigint[]) AND (expires_at IS NULL OR expires_at > now())
            GROUP BY device_id
            """;

    private static final String CANCEL = """
            WITH f AS (
                DELETE FROM pending_command p
                USING command c
                WHERE p.id = ? AND p.created_at = ? AND c.id = p.id AND c.created_at = p.created_at
                  AND c.app_id = ? AND (p.expires_at IS NULL OR p.expires_at > now())
                RETURNING p.id, p.created_at, p.app_id, p.device_id, p.name, p.attempts, p.delivered_at, p.error
            ), recorded AS (
                UPDATE command c SET status = 'cancelled', %s
                FROM f WHERE c.id = f.id AND c.created_at = f.created_at AND c.created_at = ?
            ), events AS (
                %s
                SELECT app_id, id, device_id, name, 'cancelled', attempts, error, NULL::jsonb FROM f
            )
            SELECT device_id FROM f
            """.formatted(FINISH, EventSequencer.RECORD_EVENTS);

    /** Purge: every pending command of the device is cancelled (or expired, if its ttl has passed). */
    private static final String PURGE = """
            WITH f AS (
                DELETE FROM pending_command WHERE device_id = ?
                RETURNING %s, CASE WHEN expires_at <= now() THEN 'expired' ELSE 'cancelled' END AS status
            ), recorded AS (
                UPDATE command c SET status = f.status, %s
                FROM f WHERE c.id = f.id AND c.created_at = f.created_at
            ), events AS (
                %s
                SELECT app_id, id, device_id, name, status, attempts, error, NULL::jsonb FROM f ORDER BY created_at, id
            )
            SELECT status FROM f
            """.formatted(FINISHED_COLUMNS, FINISH, EventSequencer.RECORD_EVENTS);

    private static final String EXPIRE = """
            WITH f AS (
                DELETE FROM pending_command
                WHERE id IN (SELECT id FROM pending_command WHERE expires_at <= now()
                             ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING %s
            ), recorded AS (
                UPDATE command c SET status = 'expired', %s
                FROM f WHERE c.id = f.id AND c.created_at = f.created_at
            ), events AS (
                %s
                SELECT app_id, id, device_id, name, 'expired', attempts, error, NULL::jsonb FROM f
            )
            SELECT device_id FROM f
            """.formatted(FINISHED_COLUMNS, FINISH, EventSequencer.RECORD_EVENTS);

    /** Commands' statuses by id; the ids' creation times let it prune to their partitions. */
    private static final String STATUSES = "SELECT c.id, " + CommandRecord.EFFECTIVE_STATUS + " AS status"
            + " FROM command c" + CommandRecord.PENDING_JOIN
            + " WHERE c.id = ANY (?::uuid[]) AND c.created_at = ANY (?::timestamptz[]) AND c.app_id = ?";

    private final JdbcClient jdbc;

    CommandRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CommandRecord> find(long appId, UUID id) {
        return jdbc.sql(FIND)
                .params(id, Timestamp.from(CommandIds.createdAt(id)), appId)
                .query((rs, row) ->
                        CommandRecord.fromRow(rs, true, rs.getString("ident"), rs.getBoolean("device_deleted")))
                .optional();
    }

    List<CommandRecord> pending(DeviceId device, int limit) {
        return jdbc.sql(PENDING)
                .params(device.value(), limit)
                .query((rs, row) -> CommandRecord.fromRow(rs, true, null))
                .list();
    }

    Map<DeviceId, Long> countPending(Collection<DeviceId> devices) {
        Map<DeviceId, Long> counts = new HashMap<>();
        jdbc.sql(COUNT_PENDING)
                .param(devices.stream().map(DeviceId::value).toArray(Long[]::new))
                .query(rs -> {
                    counts.put(new DeviceId(rs.getLong("device_id")), rs.getLong("pending"));
                });
        return counts;
    }

    Map<String, String> statuses(long appId, Collection<UUID> ids) {
        Map<String, String> statuses = new HashMap<>();
        Timestamp[] createdAt = ids.stream()
                .map(id -> Timestamp.from(CommandIds.createdAt(id)))
                .distinct()
                .toArray(Timestamp[]::new);
        jdbc.sql(STATUSES)
                .params(ids.stream().map(UUID::toString).toArray(String[]::new), createdAt, appId)
                .query(rs -> {
                    statuses.put(rs.getString("id"), rs.getString("status"));
                });
        return statuses;
    }

    /** The device of the cancelled command, or empty when it was not pending. */
    Optional<Long> cancel(long appId, UUID id) {
        Timestamp createdAt = Timestamp.from(CommandIds.createdAt(id));
        return jdbc.sql(CANCEL)
                .params(id, createdAt, appId, createdAt) // the last one lets the update prune to one partition
                .query(Long.class)
                .optional();
    }

    /** A deleted device's pending commands are cancelled; its history stays until retention drops it. */
    void forgetDevice(DeviceId device) {
        purge(device);
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
}
