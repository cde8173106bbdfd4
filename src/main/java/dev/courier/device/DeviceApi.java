package dev.courier.device;

import dev.courier.tenant.CallingApp;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The device registry as the OpenAPI document describes it; {@link DeviceController} implements it. */
@Tag(name = "Devices", description = "The device registry and device tokens")
@SecurityRequirement(name = "apiKey")
interface DeviceApi {

    String IDENT = "The device's ident";

    @Operation(
            operationId = "registerDevice",
            summary = "Register a device",
            description = "Its token is shown only in this answer: the device presents it as `Authorization: Bearer`.",
            responses = {
                @ApiResponse(responseCode = "201", description = "The device with its token"),
                @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
            })
    DeviceRegistry.RegisteredDevice register(CallingApp app, RegisterDeviceRequest body);

    @Operation(
            operationId = "listDevices",
            summary = "List devices",
            description = "By ident, a page at a time: pass the answer's `next` as `after` for the following page.",
            parameters = {
                @Parameter(
                        name = "limit",
                        in = ParameterIn.QUERY,
                        description = "Devices per page",
                        schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100")),
                @Parameter(
                        name = "after",
                        in = ParameterIn.QUERY,
                        description = "The ident to start after (the previous page's `next`)")
            },
            responses = @ApiResponse(responseCode = "200", description = "One page of devices"))
    DeviceRegistry.DevicePage list(CallingApp app, int limit, String after);

    @Operation(
            operationId = "getDevice",
            summary = "Get a device",
            description = "With its presence (`online`, `last_seen`) and how many commands it has pending.",
            parameters = @Parameter(name = "ident", in = ParameterIn.PATH, description = IDENT),
            responses = {
                @ApiResponse(responseCode = "200", description = "The device"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    DeviceRegistry.DeviceView get(CallingApp app, String ident);

    @Operation(
            operationId = "deleteDevice",
            summary = "Delete a device",
            description = "Its token stops working at once. Its commands stay readable by id until the plan's history"
                    + " retention ends, marked `device_deleted`.",
            parameters = @Parameter(name = "ident", in = ParameterIn.PATH, description = IDENT),
            responses = {
                @ApiResponse(responseCode = "204", description = "Deleted"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    void delete(CallingApp app, String ident);

    @Operation(
            operationId = "rotateDeviceToken",
            summary = "Rotate a device's token",
            description = "A new token, shown only in this answer; the old one stops working within 2 seconds.",
            parameters = @Parameter(name = "ident", in = ParameterIn.PATH, description = IDENT),
            responses = {
                @ApiResponse(responseCode = "200", description = "The device with its new token"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    DeviceRegistry.RegisteredDevice rotateToken(CallingApp app, String ident);
}
