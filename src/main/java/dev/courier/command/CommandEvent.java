package dev.courier.command;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;

/**
 * A status change of a command, as apps hear it (event stream, webhooks). {@code id} increases per app in the
 * order events are told: resuming after an id misses nothing and repeats nothing.
 */
@Schema(description = "A status change of a command")
public record CommandEvent(
        @Schema(requiredMode = REQUIRED, description = "Increases per app; resume after it with Last-Event-ID")
        long id,

        @Schema(requiredMode = REQUIRED, description = "The command's id")
        String commandId,

        @Schema(requiredMode = REQUIRED, description = "The command's name")
        String name,

        @Schema(requiredMode = REQUIRED, description = "The device's ident")
        String deviceIdent,

        @Schema(
                requiredMode = REQUIRED,
                allowableValues = {"queued", "delivered", "acked", "failed", "expired", "cancelled"})
        String status,

        @Schema(requiredMode = REQUIRED, description = "Hand-overs to the device so far")
        int attempt,

        @Schema(requiredMode = REQUIRED, nullable = true, description = "The device's nack text, or why it failed")
        String error,

        @Schema(
                requiredMode = REQUIRED,
                nullable = true,
                ref = "#/components/schemas/JsonValue",
                description = "What the device answered with its ack")
        @JsonRawValue
        String result,

        @Schema(requiredMode = REQUIRED, description = "When it happened, epoch milliseconds")
        long timestamp) {

    public static final Set<String> STATUSES = Set.of("queued", "delivered", "acked", "failed", "expired", "cancelled");

    /** The statuses a command ends in. */
    public static final Set<String> FINAL_STATUSES = Set.of("acked", "failed", "expired", "cancelled");
}
