package dev.courier.history;

import dev.courier.tenant.CallingApp;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/v1/commands/history")
@Tag(name = "History", description = "What became of each command")
@SecurityRequirement(name = "apiKey")
class HistoryController {

    private static final String EXAMPLE = "{\"sensor_01\": [{\"id\": \"019ac0f4-6a2e-7c41-9d3b-2f5e8a1c4b7d\","
            + " \"value\": {\"delay\": 5}, \"timestamp\": 1764151200000, \"status\": \"acked\", \"attempts\": 1,"
            + " \"delivered_at\": 1764151200012, \"acked_at\": 1764151200030, \"error\": null,"
            + " \"expires_at\": null}], \"sensor_99\": {\"error\": \"Device not found\"}}";

    private final CommandHistory history;

    HistoryController(CommandHistory history) {
        this.history = history;
    }

    @GetMapping
    @Operation(
            summary = "History of one command name for some devices, oldest first",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(EXAMPLE))))
    Map<String, Object> get(
            CallingApp app,
            @RequestParam(required = false) String name,
            @RequestParam(name = "device_idents", required = false) String deviceIdents,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String end,
            @RequestParam(required = false) Integer limit) {
        return history.query(app, HistoryQuery.fromParameters(name, deviceIdents, start, end, limit, history.now()));
    }

    @PostMapping
    @Operation(
            summary = "The same history query with a JSON body",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            "{\"name\": \"reboot\", \"device_idents\": [\"sensor_01\", \"sensor_99\"],"
                                                                    + " \"start\": \"2026-11-26T00:00:00Z\"}"))),
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(EXAMPLE))))
    Map<String, Object> post(CallingApp app, @RequestBody JsonNode body) {
        return history.query(app, HistoryQuery.fromBody(body, history.now()));
    }
}
