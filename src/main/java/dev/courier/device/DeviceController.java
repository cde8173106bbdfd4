package dev.courier.device;

import dev.courier.system.InvalidRequestException;
import dev.courier.system.JsonFields;
import dev.courier.tenant.CallingApp;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/v1/devices")
@Tag(name = "Devices", description = "The device registry and device tokens")
@SecurityRequirement(name = "apiKey")
class DeviceController {

    private static final int MAX_PAGE = 1000;

    private final DeviceRegistry registry;

    DeviceController(DeviceRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Register a device; its token is shown only in this response",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(examples = @ExampleObject("{\"ident\": \"sensor_01\"}"))),
            responses =
                    @ApiResponse(
                            responseCode = "201",
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            "{\"ident\": \"sensor_01\", \"token\": \"dt_42_Xq…\","
                                                                    + " \"created_at\": 1764151200000}"))))
    DeviceRegistry.RegisteredDevice register(CallingApp app, @RequestBody JsonNode body) {
        JsonFields.onlyKnown(JsonFields.object(body), Set.of("ident"));
        return registry.register(app, JsonFields.requiredIdent(body, "ident", "device ident"));
    }

    @GetMapping
    @Operation(
            summary = "List devices by ident, a page at a time (pass next as after)",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            "{\"devices\": [{\"ident\": \"sensor_01\", \"created_at\": 1764151200000, \"online\": false,"
                                                                    + " \"last_seen\": null, \"pending\": 0}], \"next\": null}"))))
    DeviceRegistry.DevicePage list(
            CallingApp app,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) String after) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        if (after != null) {
            JsonFields.checkIdent(after, "after", "after");
        }
        return registry.list(app.id(), limit, after);
    }

    @GetMapping("/{ident}")
    @Operation(
            summary = "A device with its presence and pending count",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            "{\"ident\": \"sensor_01\", \"created_at\": 1764151200000,"
                                                                    + " \"online\": true, \"last_seen\": 1764151260000, \"pending\": 2}"))))
    DeviceRegistry.DeviceView get(CallingApp app, @PathVariable String ident) {
        return registry.find(app.id(), ident);
    }

    @DeleteMapping("/{ident}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a device with its queue and history")
    void delete(CallingApp app, @PathVariable String ident) {
        registry.delete(app.id(), ident);
    }

    @PostMapping("/{ident}/token")
    @Operation(
            summary = "Rotate a device's token; the old one stops working within 2 seconds",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            "{\"ident\": \"sensor_01\", \"token\": \"dt_42_Kd…\", \"created_at\": 1764151200000}"))))
    DeviceRegistry.RegisteredDevice rotateToken(CallingApp app, @PathVariable String ident) {
        return registry.rotateToken(app.id(), ident);
    }
}
