package dev.courier.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * A command as clients see it in history, in a device's queue and by id. Every history key is always
 * present (nulls included); {@code name} and {@code device_ident} appear where the context does not say them.
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
        Long expiresAt) {

    /**
     * The columns {@link #fromRow} reads, from {@code command c}. A command past its ttl reads as expired even
     * before the sweeper has recorded it.
     */
    public static final String COLUMNS = """
            c.id, c.name, c.data, c.created_at, c.attempts, c.delivered_at, c.acked_at, c.error, c.expires_at,
            CASE WHEN c.status IN ('queued', 'delivered') AND c.expires_at <= now() THEN 'expired'
                 ELSE c.status END AS effective_status
            """;

    public static CommandRecord fromRow(ResultSet rs, boolean withName, String deviceIdent) throws SQLException {
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
                millis(rs.getTimestamp("expires_at")));
    }

    private static Long millis(Timestamp time) {
        return time == null ? null : time.getTime();
    }
}
