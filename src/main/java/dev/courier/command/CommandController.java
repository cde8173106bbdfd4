package dev.courier.command;

import dev.courier.system.InvalidRequestException;
import dev.courier.tenant.CallingApp;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Commands", description = "Send commands, follow them, cancel them")
@SecurityRequirement(name = "apiKey")
class CommandController {

    private final CommandQueue queue;

    CommandController(CommandQueue queue) {
        this.queue = queue;
    }

    record PurgeResult(long cancelled) {}

    @PostMapping("/v1/commands")
    @Operation(
            summary = "Send a command to devices",
            description = "Queues the command durably for each device; sent: true means it is committed.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            schema = @Schema(implementation = SendRequestDoc.class),
                                            examples =
                                                    @ExampleObject(
                                                            value =
                                                                    "{\"name\": \"reboot\", \"device_ident\": [\"sensor_01\", \"sensor_99\"],"
                                                                            + " \"data\": {\"delay\": 5}}"))),
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            value =
                                                                    "{\"sensor_01\": {\"sent\": true,"
                                                                            + " \"id\": \"019ac0f4-6a2e-7c41-9d3b-2f5e8a1c4b7d\","
                                                                            + " \"status\": \"queued\"},"
                                                                            + " \"sensor_99\": {\"sent\": false, \"error\": \"Device not found\"}}"))))
    Map<String, SendResult> send(
            CallingApp app,
            @RequestBody JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return queue.send(app, SendCommand.from(body), IdempotencyKeys.check(idempotencyKey));
    }

    @GetMapping("/v1/commands/{id}")
    @Operation(
            summary = "One command with its full status",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            "{\"id\": \"019ac0f4-6a2e-7c41-9d3b-2f5e8a1c4b7d\", \"name\": \"reboot\", \"device_ident\": \"sensor_01\","
                                                                    + " \"value\": {\"delay\": 5}, \"timestamp\": 1764151200000, \"status\": \"acked\", \"attempts\": 1,"
                                                                    + " \"delivered_at\": 1764151200012, \"acked_at\": 1764151200030, \"error\": null, \"expires_at\": null}"))))
    CommandRecord get(CallingApp app, @PathVariable String id) {
        return queue.find(app.id(), id);
    }

    @DeleteMapping("/v1/commands/{id}")
    @Operation(
            summary = "Cancel a command that has not finished (409 once acked, failed or expired)",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            "{\"id\": \"019ac0f4-6a2e-7c41-9d3b-2f5e8a1c4b7d\", \"name\": \"reboot\", \"device_ident\": \"sensor_01\","
                                                                    + " \"value\": {\"delay\": 5}, \"timestamp\": 1764151200000, \"status\": \"cancelled\", \"attempts\": 0,"
                                                                    + " \"delivered_at\": null, \"acked_at\": null, \"error\": null, \"expires_at\": null}"))))
    CommandRecord cancel(CallingApp app, @PathVariable String id) {
        return queue.cancel(app.id(), id);
    }

    @GetMapping("/v1/devices/{ident}/commands")
    @Operation(
            summary = "A device's pending commands (queued or delivered, not yet acked), oldest first",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            examples = @ExampleObject("["
                                                            + "{\"id\": \"019ac0f4-6a2e-7c41-9d3b-2f5e8a1c4b7d\", \"name\": \"reboot\", "
                                                            + " \"value\": {\"delay\": 5}, \"timestamp\": 1764151200000, \"status\": \"queued\", \"attempts\": 0,"
                                                            + " \"delivered_at\": null, \"acked_at\": null, \"error\": null, \"expires_at\": null}"
                                                            + "]"))))
    List<CommandRecord> pending(
            CallingApp app, @PathVariable String ident, @RequestParam(defaultValue = "pending") String status) {
        if (!status.equals("pending")) {
            throw InvalidRequestException.of("status", "status must be pending: a device's queue lists what waits");
        }
        return queue.pending(app.id(), ident);
    }

    @DeleteMapping("/v1/devices/{ident}/commands")
    @Operation(
            summary = "Purge a device's queue: every pending command is cancelled",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = @Content(examples = @ExampleObject("{\"cancelled\": 3}"))))
    PurgeResult purge(CallingApp app, @PathVariable String ident) {
        return new PurgeResult(queue.purge(app.id(), ident));
    }

    /** The send body as documented; the controller reads it as JSON to check each field's type itself. */
    @Schema(name = "SendRequest")
    record SendRequestDoc(
            @Schema(example = "reboot", pattern = "^[A-Za-z0-9_-]+$", maxLength = 64)
            String name,

            @Schema(example = "[\"sensor_01\"]", maxLength = 10000)
            List<String> device_ident,

            @Schema(description = "any JSON value but null") Object data,

            @Schema(description = "seconds until the command expires undelivered", nullable = true)
            Long ttl) {}
}
