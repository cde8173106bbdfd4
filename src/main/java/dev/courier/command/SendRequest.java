package dev.courier.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.courier.system.Ident;
import dev.courier.system.WrongTypeMessage;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The body of a send: {@code {name, device_ident[], data, ttl?, wait?}}. */
@Schema(description = "A command for some devices")
record SendRequest(
        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The command's name: devices listen to names",
                example = "reboot",
                pattern = Ident.PATTERN,
                minLength = 1,
                maxLength = Ident.MAX_LENGTH)
        @NotNull(message = "command name is required")
        @Ident(label = "command name")
        @WrongTypeMessage("command name must be a string")
        String name,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                requiredMode = Schema.RequiredMode.REQUIRED,
                                description = "The devices to send it to; a repeated ident is sent once",
                                example = "[\"sensor_01\"]"),
                minItems = 1,
                maxItems = SendCommand.MAX_DEVICES,
                schema = @Schema(pattern = Ident.PATTERN, minLength = 1, maxLength = Ident.MAX_LENGTH))
        @NotEmpty(message = "device_ident must be a non-empty array")
        @Size(
                min = 1,
                max = SendCommand.MAX_DEVICES,
                message = "device_ident may name at most " + SendCommand.MAX_DEVICES + " devices")
        @WrongTypeMessage(
                value = "device_ident must be a non-empty array",
                element = "device_ident must contain only strings")
        List<@NotNull(message = "device_ident must contain only strings") @Ident(label = "device ident") String>
                deviceIdent,

        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                ref = "#/components/schemas/JsonValue",
                description = "What the device gets: any JSON value but null",
                example = "{\"delay\": 5}")
        JsonNode data,

        @Schema(
                description = "Seconds until the command expires if it has not been acked; none: it never does",
                nullable = true,
                minimum = "1",
                maximum = "" + SendCommand.MAX_TTL_SECONDS,
                example = "3600")
        @Positive(message = "ttl must be a positive whole number")
        @Max(
                value = SendCommand.MAX_TTL_SECONDS,
                message = "ttl must be at most " + SendCommand.MAX_TTL_SECONDS + " seconds (a year)")
        @WrongTypeMessage("ttl must be a positive whole number")
        Long ttl,

        @Schema(
                description = "Seconds to wait for every sent command to finish before answering, 0 to "
                        + OutcomeWaiting.MAX_SECONDS + "; none: answer once they are queued",
                nullable = true,
                minimum = "0",
                maximum = "" + OutcomeWaiting.MAX_SECONDS,
                example = "30")
        @Min(value = 0, message = OutcomeWaiting.WAIT_RANGE)
        @Max(value = OutcomeWaiting.MAX_SECONDS, message = OutcomeWaiting.WAIT_RANGE)
        @WrongTypeMessage(OutcomeWaiting.WAIT_RANGE)
        @JsonProperty("wait") // a record component may not be named wait
        Integer waitSeconds) {}
