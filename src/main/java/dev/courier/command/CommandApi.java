package dev.courier.command;

import dev.courier.tenant.CallingApp;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.context.request.async.DeferredResult;

/** The command API as the OpenAPI document describes it; {@link CommandController} implements it. */
@Tag(name = "Commands", description = "Send commands, follow them, cancel them")
@SecurityRequirement(name = "apiKey")
interface CommandApi {

    String COMMAND_ID = "The command's id, as the send answered it";
    String DEVICE_IDENT = "The device's ident";

    @Operation(
            operationId = "sendCommand",
            summary = "Send a command to devices",
            description = "Queues the command durably for each device and answers per device: `sent: true` carries"
                    + " the command's id and means it is committed; otherwise `error` says why (`Device not found`,"
                    + " `Queue full`). The same `Idempotency-Key` with the same body answers the first result again"
                    + " and queues nothing new. With `wait`, the answer comes once every sent command has finished"
                    + " (acked, failed, expired or cancelled) or the wait is over, each entry with its status then.",
            parameters =
                    @Parameter(
                            name = "Idempotency-Key",
                            in = ParameterIn.HEADER,
                            description = "Makes a retried send safe: up to 255 printable ASCII characters",
                            schema = @Schema(type = "string", maxLength = 255)),
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "Each addressed device's outcome, by ident",
                        content =
                                @Content(
                                        schema =
                                                @Schema(type = "object", additionalPropertiesSchema = SendResult.class),
                                        examples = @ExampleObject("{\"sensor_01\": {\"sent\": true,"
                                                        + " \"id\": \"019ac0f4-6a2e-7c41-9d3b-2f5e8a1c4b7d\","
                                                        + " \"status\": \"queued\"},"
                                                        + " \"sensor_99\": {\"sent\": false,"
                                                        + " \"error\": \"Device not found\"}}"))),
                @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict"),
                @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
            })
    DeferredResult<Map<String, SendResult>> send(CallingApp app, SendRequest body, String idempotencyKey);

    @Operation(
            operationId = "getCommand",
            summary = "Get one command with its full status",
            description = "The command's history record with its name and device; `device_deleted` says when its"
                    + " device was deleted since (its history is kept until the plan's retention ends). With `wait`,"
                    + " the answer comes as soon as the command has finished (acked, failed, expired or cancelled),"
                    + " or after `wait` seconds with its state then.",
            parameters = {
                @Parameter(name = "id", in = ParameterIn.PATH, description = COMMAND_ID),
                @Parameter(
                        name = "wait",
                        in = ParameterIn.QUERY,
                        description = "Seconds to wait for the command to finish, 0 to " + OutcomeWaiting.MAX_SECONDS,
                        schema = @Schema(type = "integer", minimum = "0", maximum = "60", defaultValue = "0"))
            },
            responses = {
                @ApiResponse(responseCode = "200", description = "The command"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    DeferredResult<CommandRecord> get(CallingApp app, String id, Integer wait);

    @Operation(
            operationId = "cancelCommand",
            summary = "Cancel a command that has not finished",
            description = "A queued or delivered command becomes `cancelled` and is never delivered again;"
                    + " cancelling a cancelled one again is harmless. Once acked, failed or expired: 409.",
            parameters = @Parameter(name = "id", in = ParameterIn.PATH, description = COMMAND_ID),
            responses = {
                @ApiResponse(responseCode = "200", description = "The cancelled command"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound"),
                @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
            })
    CommandRecord cancel(CallingApp app, String id);

    @Operation(
            operationId = "listPendingCommands",
            summary = "List a device's pending commands",
            description = "The commands queued or delivered and not yet acked, oldest first, each with its name.",
            parameters = {
                @Parameter(name = "ident", in = ParameterIn.PATH, description = DEVICE_IDENT),
                @Parameter(
                        name = "status",
                        in = ParameterIn.QUERY,
                        description = "Only `pending` (the default): a device's queue lists what waits",
                        schema = @Schema(type = "string", allowableValues = "pending", defaultValue = "pending"))
            },
            responses = {
                @ApiResponse(responseCode = "200", description = "The device's queue, oldest first"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    List<CommandRecord> pending(CallingApp app, String ident, String status);

    @Operation(
            operationId = "purgeCommands",
            summary = "Purge a device's queue",
            description = "Every pending command of the device becomes `cancelled`.",
            parameters = @Parameter(name = "ident", in = ParameterIn.PATH, description = DEVICE_IDENT),
            responses = {
                @ApiResponse(responseCode = "200", description = "How many commands were cancelled"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    CommandController.PurgeResult purge(CallingApp app, String ident);
}
