package dev.courier.command;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * A command as clients see it in history, in a device's queue and by id. Every history key is always
 * present (nulls included); {@code name} and {@code device_ident} appear where the context does not say them,
 * and {@code device_deleted} in the view by id (a deleted device's commands stay in the history).
 * Times are epoch milliseconds.
 */
@Schema(description = "A command and what became of it; times are epoch milliseconds, null until reached")
public record CommandRecord(
        @Schema(requiredMode = REQUIRED, description = "The command's id")
        String id,

        @Schema(description = "The command's name (in a device's queue and the view by id)")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String name,

        @Schema(description = "The device's ident (in the view by id)") @JsonInclude(JsonInclude.Include.NON_NULL)
        String deviceIdent,

        @Schema(requiredMode = REQUIRED, ref = "#/components/schemas/JsonValue", description = "The command's data")
        @JsonRawValue
        String value,

        @Schema(requiredMode = REQUIRED, description = "When it was sent")
        long timestamp,

        @Schema(
                requiredMode = REQUIRED,
                allowableValues = {"queued", "delivered", "acked", "failed", "expired", "cancelled"})
        String status,

        @Schema(requiredMode = REQUIRED, description = "Hand-overs to the device so far")
        int attempts,

        @Schema(requiredMode = REQUIRED, nullable = true, description = "When it was last handed over")
        Long deliveredAt,

        @Schema(requiredMode = REQUIRED, nullable = true) Long ackedAt,

        @Schema(requiredMode = REQUIRED, nullable = true, description = "The device's last nack text")
        String error,

        @Schema(requiredMode = REQUIRED, nullable = true, description = "When its ttl ends")
        Long expiresAt,

        @Schema(
                requiredMode = REQUIRED,
                nullable = true,
                ref = "#/components/schemas/JsonValue",
                description = "What the device answered with its ack")
        @JsonRawValue
        String result,

        @Schema(description = "True when its device was deleted since (the view by id)")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Boolean deviceDeleted) {

    /** A command's status as clients see it, from {@code command c} joined with {@code pending_command p}. */
    static final String EFFECTIVE_STATUS = """
            CASE WHEN p.id IS NULL THEN c.status
                 WHEN c.expires_at <= now() THEN 'expired'
                 WHEN p.leased_until IS NOT NULL THEN 'delivered'
                 ELSE 'queued' END""";

    /**
     * The columns {@link #fromRow} reads, from {@code command c} joined with {@code pending_command p} on its id
     * ({@link #PENDING_JOIN}). A pending command's live state (attempts, delivery, error) is in its queue row;
     * a finished one's in the history row. A command past its ttl reads as expired even before the sweeper has
     * recorded it.
     */
    public static final String COLUMNS = """
            c.id, c.name, c.data, c.created_at, c.acked_at, c.expires_at, c.result::text AS result,
            coalesce(p.attempts, c.attempts) AS attempts, coalesce(p.delivered_at, c.delivered_at) AS delivered_at,
            CASE WHEN p.id IS NULL THEN c.error ELSE p.error END AS error,
            """ + EFFECTIVE_STATUS + " AS effective_status\n";

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
                rs.getString("result"),
                deviceDeleted);
    }

    private static Long millis(Timestamp time) {
        return time == null ? null : time.getTime();
    }
}
