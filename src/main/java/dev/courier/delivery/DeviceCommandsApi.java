package dev.courier.delivery;

import dev.courier.command.LeasedCommand;
import dev.courier.device.AuthenticatedDevice;
import dev.courier.system.Ident;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The device's HTTP API as the OpenAPI document describes it; {@link DeviceApiController} implements it. The
 * WebSocket protocol is in the AsyncAPI document.
 */
@Tag(
        name = "Device",
        description = "For devices: long-poll for commands, ack and nack them (or use the WebSocket: /asyncapi.yaml)")
@SecurityRequirement(name = "deviceToken")
interface DeviceCommandsApi {

    String COMMAND_ID = "The id of a command handed to this device";

    @Operation(
            operationId = "pollCommands",
            summary = "Receive due commands (long-poll)",
            description = "The due heads of the named queues at once, or, when none is due, waits up to `wait`"
                    + " seconds for one and answers `[]` if none came. Each command is leased to the device: ack"
                    + " it, or it comes again with `attempt` + 1 when the lease ends.",
            parameters = {
                @Parameter(
                        name = "name",
                        in = ParameterIn.QUERY,
                        required = true,
                        description = "The command names to receive (repeat the parameter for several)",
                        array = @ArraySchema(schema = @Schema(type = "string", pattern = Ident.PATTERN))),
                @Parameter(
                        name = "wait",
                        in = ParameterIn.QUERY,
                        description = "Seconds to wait when nothing is due",
                        schema = @Schema(type = "integer", minimum = "0", maximum = "60", defaultValue = "30"))
            },
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The commands handed over, maybe none",
                            content =
                                    @Content(
                                            array =
                                                    @ArraySchema(
                                                            schema = @Schema(implementation = LeasedCommand.class)))))
    DeferredResult<ResponseEntity<?>> poll(AuthenticatedDevice device, List<String> names, int wait);

    @Operation(
            operationId = "ackCommand",
            summary = "Ack a command: it was handled",
            description = "204, also when it was acked already. An ack of a command that ended otherwise (cancelled,"
                    + " expired, failed) changes nothing and answers 200 with its status. The body is optional: a"
                    + " `result` is kept with the command.",
            parameters = @Parameter(name = "id", in = ParameterIn.PATH, description = COMMAND_ID),
            responses = {
                @ApiResponse(responseCode = "204", description = "Acked", content = @Content),
                @ApiResponse(
                        responseCode = "200",
                        description = "The command had already finished otherwise: nothing changed",
                        content =
                                @Content(schema = @Schema(implementation = DeviceApiController.AlreadyFinished.class))),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    ResponseEntity<DeviceApiController.AlreadyFinished> ack(AuthenticatedDevice device, String id, AckRequest body);

    @Operation(
            operationId = "nackCommand",
            summary = "Nack a command: it could not be handled",
            description = "The command comes again after the retry delay; on its last allowed attempt it is"
                    + " `failed` with this error. The body is optional.",
            parameters = @Parameter(name = "id", in = ParameterIn.PATH, description = COMMAND_ID),
            responses = {
                @ApiResponse(responseCode = "204", description = "Nacked"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    ResponseEntity<Void> nack(AuthenticatedDevice device, String id, NackRequest body);
}
