package dev.courier.tenant;

import dev.courier.system.JsonFields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/v1/admin")
@Tag(name = "Admin", description = "Operator API: apps, plans and API keys (courier.admin-token)")
@SecurityRequirement(name = "adminToken")
class AdminController {

    private final Tenants tenants;
    private final Plans plans;

    AdminController(Tenants tenants, Plans plans) {
        this.tenants = tenants;
        this.plans = plans;
    }

    @PostMapping("/apps")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create an app; its first API key is shown once",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(examples = @ExampleObject("{\"name\": \"acme\", \"plan\": \"pro\"}"))),
            responses =
                    @ApiResponse(
                            responseCode = "201",
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject("{\"id\": 7, \"name\": \"acme\", \"plan\": \"pro\","
                                                            + " \"api_key\": \"ck_12_Zp…\"}"))))
    Tenants.CreatedApp createApp(@RequestBody JsonNode body) {
        JsonFields.onlyKnown(JsonFields.object(body), Set.of("name", "plan"));
        String name = JsonFields.requiredIdent(body, "name", "app name");
        String plan = body.has("plan") ? JsonFields.requiredString(body, "plan", "plan") : plans.defaultPlan();
        return tenants.createApp(name, plan);
    }

    @PostMapping("/apps/{id}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Issue another API key for an app",
            responses =
                    @ApiResponse(
                            responseCode = "201",
                            content = @Content(examples = @ExampleObject("{\"id\": 13, \"api_key\": \"ck_13_Rt…\"}"))))
    Tenants.IssuedKey issueKey(@PathVariable long id) {
        return tenants.issueApiKey(id);
    }

    @DeleteMapping("/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an API key at once")
    void revokeKey(@PathVariable long id) {
        tenants.revokeApiKey(id);
    }

    @PatchMapping("/apps/{id}")
    @Operation(
            summary = "Move an app to another plan",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(examples = @ExampleObject("{\"plan\": \"pro\"}"))))
    Tenants.AppView changePlan(@PathVariable long id, @RequestBody JsonNode body) {
        JsonFields.onlyKnown(JsonFields.object(body), Set.of("plan"));
        return tenants.changePlan(id, JsonFields.requiredString(body, "plan", "plan"));
    }
}
