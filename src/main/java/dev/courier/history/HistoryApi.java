package dev.courier.history;

import dev.courier.system.Ident;
import dev.courier.tenant.CallingApp;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/** The history API as the OpenAPI document describes it; {@link HistoryController} implements it. */
@Tag(name = "History", description = "What became of each command")
@SecurityRequirement(name = "apiKey")
interface HistoryApi {

    String DESCRIPTION = "Per device ident, its commands of that name sent in the range, oldest first (at most `limit`"
            + " of them, so a client pages forward by moving `start`); an unknown ident answers"
            + " `{\"error\": \"Device not found\"}` in its place. Nothing older than the plan's history retention.";

    /** The answer's schema, defined in the document's components (a map of arrays or errors). */
    String HISTORY = "#/components/schemas/History";

    @Operation(
            operationId = "getCommandHistory",
            summary = "Read the history of one command name",
            description = DESCRIPTION,
            parameters = {
                @Parameter(
                        name = "name",
                        in = ParameterIn.QUERY,
                        required = true,
                        description = "The command name",
                        schema = @Schema(type = "string", pattern = Ident.PATTERN, example = "reboot")),
                @Parameter(
                        name = "device_idents",
                        in = ParameterIn.QUERY,
                        required = true,
                        description = "The devices, comma-separated",
                        schema = @Schema(type = "string", example = "sensor_01,sensor_99")),
                @Parameter(
                        name = "start",
                        in = ParameterIn.QUERY,
                        required = true,
                        description = "From this time on (ISO-8601 with an offset)",
                        schema = @Schema(type = "string", format = "date-time", example = "2026-11-26T00:00:00Z")),
                @Parameter(
                        name = "end",
                        in = ParameterIn.QUERY,
                        description = "Up to this time (default: now)",
                        schema = @Schema(type = "string", format = "date-time")),
                @Parameter(
                        name = "limit",
                        in = ParameterIn.QUERY,
                        description = "At most this many records per device",
                        schema = @Schema(type = "integer", minimum = "1", maximum = "10000", defaultValue = "1000"))
            },
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The history, by device ident",
                            content = @Content(schema = @Schema(ref = HISTORY))))
    Map<String, Object> get(CallingApp app, String name, String deviceIdents, String start, String end, Integer limit);

    @Operation(
            operationId = "queryCommandHistory",
            summary = "Read the history of one command name, asked with a JSON body",
            description = DESCRIPTION + " The same query as the GET, for many devices.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The history, by device ident",
                            content = @Content(schema = @Schema(ref = HISTORY))))
    Map<String, Object> post(CallingApp app, HistoryRequest body);
}
