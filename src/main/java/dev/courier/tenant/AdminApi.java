package dev.courier.tenant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The operator's API as the OpenAPI document describes it; {@link AdminController} implements it. */
@Tag(name = "Admin", description = "Operator API: apps, plans and API keys (courier.admin-token)")
@SecurityRequirement(name = "adminToken")
interface AdminApi {

    @Operation(
            operationId = "createApp",
            summary = "Create an app",
            description = "An app (tenant) on a plan, with its first API key, shown only in this answer.",
            responses = {
                @ApiResponse(responseCode = "201", description = "The app with its first API key"),
                @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
            })
    Tenants.CreatedApp createApp(AppRequests.CreateApp body);

    @Operation(
            operationId = "issueApiKey",
            summary = "Issue another API key for an app",
            description = "Shown only in this answer; the app's other keys keep working.",
            parameters = @Parameter(name = "id", in = ParameterIn.PATH, description = "The app's id"),
            responses = {
                @ApiResponse(responseCode = "201", description = "The new key"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    Tenants.IssuedKey issueKey(long id);

    @Operation(
            operationId = "revokeApiKey",
            summary = "Revoke an API key",
            description = "The key stops working at once on this instance, within 2 seconds on the others.",
            parameters = @Parameter(name = "id", in = ParameterIn.PATH, description = "The key's id"),
            responses = {
                @ApiResponse(responseCode = "204", description = "Revoked"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    void revokeKey(long id);

    @Operation(
            operationId = "changePlan",
            summary = "Move an app to another plan",
            description = "The new plan's limits apply to the app's next request on this instance, within 2 seconds"
                    + " on the others.",
            parameters = @Parameter(name = "id", in = ParameterIn.PATH, description = "The app's id"),
            responses = {
                @ApiResponse(responseCode = "200", description = "The app on its new plan"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    Tenants.AppView changePlan(long id, AppRequests.ChangePlan body);
}
