package dev.courier.command;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;

/** A command leased to a device for one hand-over (its {@code attempt}), in the shape devices receive (SPEC §5). */
@Schema(description = "A command handed to the device: ack it once handled")
public record LeasedCommand(
        @Schema(requiredMode = REQUIRED) String id,
        @Schema(requiredMode = REQUIRED) String name,

        @Schema(requiredMode = REQUIRED, ref = "#/components/schemas/JsonValue", description = "The command's data")
        @JsonRawValue
        String data,

        @Schema(requiredMode = REQUIRED, description = "When it was sent, epoch milliseconds")
        long timestamp,

        @Schema(requiredMode = REQUIRED, description = "Which hand-over this is: a repeat has a higher one")
        int attempt) {}
