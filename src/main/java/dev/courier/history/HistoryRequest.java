package dev.courier.history;

import dev.courier.system.Ident;
import dev.courier.system.WrongTypeMessage;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A history query, from a JSON body or from query parameters: one command name, some devices, a time range. */
@Schema(description = "Which history to read")
record HistoryRequest(
        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The command name",
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
                                description = "The devices whose history to read",
                                example = "[\"sensor_01\", \"sensor_99\"]"),
                minItems = 1,
                maxItems = HistoryQuery.MAX_LIMIT,
                schema = @Schema(pattern = Ident.PATTERN, minLength = 1, maxLength = Ident.MAX_LENGTH))
        @NotEmpty(message = "device_idents must be a non-empty array")
        @Size(
                min = 1,
                max = HistoryQuery.MAX_LIMIT,
                message = "device_idents may name at most " + HistoryQuery.MAX_LIMIT + " devices")
        @WrongTypeMessage(
                value = "device_idents must be a non-empty array",
                element = "device_idents must contain only strings")
        List<@NotNull(message = "device_idents must contain only strings") @Ident(label = "device ident") String>
                deviceIdents,

        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                format = "date-time",
                description = "From this time on (ISO-8601 with an offset)",
                example = "2026-11-26T00:00:00Z")
        @NotNull(message = "start is required")
        @WrongTypeMessage("start must be a string")
        String start,

        @Schema(
                format = "date-time",
                nullable = true,
                description = "Up to this time (default: now)",
                example = "2026-11-27T00:00:00Z")
        @WrongTypeMessage("end must be a string")
        String end,

        @Schema(
                description = "At most this many records per device, the oldest of the range",
                minimum = "1",
                maximum = "" + HistoryQuery.MAX_LIMIT,
                defaultValue = "" + HistoryQuery.DEFAULT_LIMIT,
                nullable = true)
        @Min(value = 1, message = "limit must be between 1 and " + HistoryQuery.MAX_LIMIT)
        @Max(value = HistoryQuery.MAX_LIMIT, message = "limit must be between 1 and " + HistoryQuery.MAX_LIMIT)
        @WrongTypeMessage("limit must be a positive whole number")
        Integer limit) {}
