package dev.courier.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * A command as clients see it in history, in a device's queue and by id. Every history key is always
 * present (nulls included); {@code name} and {@code device_ident} appear where the context does not say them,
 * and {@code device_deleted} in the view by id (a deleted device's commands stay in the history).
 * Times are epoch milliseconds.
 */
public record CommandRecord(
        String id,
        @JsonInclude(JsonInclude.Include.NON_NULL) String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) String deviceIdent,
        @JsonRawValue String value,
        long timestamp,
        String status,
        int attempts,
        Long deliveredAt,
        Long ackedAt,
        String error,
        Long expiresAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deviceDeleted) {

    /**
     * The columns {@link #fromRow} reads, from {@code command c} joined with {@code pending_command p} on its id
     * ({@link #PENDING_JOIN}). A pending command's live state (attempts, delivery, error) is in its queue row;
     * a finished one's in the history row. A command past its ttl reads as expired even before the sweeper has
     * recorded it.
     */
    public static final String COLUMNS = """
            c.id, c.name, c.data, c.created_at, c.acked_at, c.expires_at,
            coalesce(p.attempts, c.attempts) AS attempts, coalesce(p.delivered_at, c.delivered_at) AS delivered_at,
            CASE WHEN p.id IS NULL THEN c.error ELSE p.error END AS error,
            CASE WHEN p.id IS NULL THEN c.status
                 WHEN c.expires_at <= now() THEN 'expired'
                 WHEN p.leased_until IS NOT NULL THEN 'delivered'
                 ELSE 'queued' END AS effective_status
            """;

    /** The join {@link #COLUMNS} needs after {@code FROM command c} (or a lateral {@code c}). */
    public static final String PENDING_JOIN = " LEFT JOIN pending_command p ON p.id = c.id ";

    public static CommandRecord fromRow(ResultSet rs, boolean withName, String deviceIdent) throws SQLException {
        return fromRow(rs, withName, deviceIdent, null);
    }

    /** With {@code device_deleted}, which the view by id says. */
    static CommandRecord fromRow(ResultSet rs, boolean withName, String deviceIdent, Boolean deviceDeleted)
            throws SQLException {
        return new CommandRecord(
                rs.getString("id"),
                withName ? rs.getString("name") : null,
                deviceIdent,
                rs.getString("data"),
                rs.getTimestamp("created_at").getTime(),
                rs.getString("effective_status"),
                rs.getInt("attempts"),
                millis(rs.getTimestamp("delivered_at")),
                millis(rs.getTimestamp("acked_at")),
                rs.getString("error"),
                millis(rs.getTimestamp("expires_at")),
                deviceDeleted);
    }

    private static Long millis(Timestamp time) {
        return time == null ? null : time.getTime();
    }
}
