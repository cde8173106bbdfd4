package dev.courier.system;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's header, its three bearer schemes (app API key, device token, admin token), the problem
 * detail every error answers with, and the errors every operation can meet (bad input, no or a bad credential,
 * the rate limit, a database outage), added to each operation so that they are documented once.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM = "#/components/schemas/ProblemDetail";
    private static final String RESPONSES = "#/components/responses/";

    @Bean
    OpenAPI courierOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Courier")
                        .version("v1")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0"))
                        .description("Durable commands for IoT devices. Click Authorize and paste an API key"
                                + " (for example the one in .courier/api-key) to try the app API. Devices can also"
                                + " receive commands over a WebSocket: its protocol is described in the"
                                + " [AsyncAPI document](/asyncapi.yaml). Every error answers an RFC 9457 problem"
                                + " detail (`application/problem+json`)."))
                .servers(List.of(new Server().url("/").description("The Courier serving this document")))
                .components(new Components()
                        .addSecuritySchemes("apiKey", bearer("An app's API key (ck_…)"))
                        .addSecuritySchemes("deviceToken", bearer("A device's token (dt_…)"))
                        .addSecuritySchemes("adminToken", bearer("The operator's courier.admin-token"))
                        .addSchemas("ProblemDetail", problemDetail())
                        .addSchemas("History", history())
                        .addSchemas("HistoryEntry", historyEntry())
                        .addSchemas("DeviceNotFound", deviceNotFound())
                        .addSchemas(
                                "HistoryRecords",
                                new ArraySchema()
                                        .description("A device's records, oldest first")
                                        .items(new Schema<>().$ref("#/components/schemas/CommandRecord")))
                        .addSchemas("JsonValue", new Schema<>().description("Any JSON value"))
                        .addResponses("BadRequest", problem("The request is invalid: `field` names what is wrong"))
                        .addResponses("Unauthorized", problem("No credential, or not a valid one for this API"))
                        .addResponses("NotFound", problem("No such resource for this app or device"))
                        .addResponses("Conflict", problem("The request conflicts with the resource's state"))
                        .addResponses("PayloadTooLarge", problem("The body, or the command's data, is over the limit"))
                        .addResponses("UnsupportedMediaType", problem("The body must be application/json"))
                        .addResponses(
                                "TooManyRequests",
                                problem("Over the plan's request rate, or too many failed authentications")
                                        .addHeaderObject("Retry-After", retryAfter()))
                        .addResponses(
                                "ServiceUnavailable",
                                problem("The database is unavailable; try again")
                                        .addHeaderObject("Retry-After", retryAfter())));
    }

    /** Schemas say the names clients see: {@code device_ident}, not {@code deviceIdent}. */
    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /** The errors any operation can meet, by its security scheme and whether it takes a body. */
    @Bean
    GlobalOpenApiCustomizer commonErrors() {
        return openApi -> openApi.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(operation -> {
                    ApiResponses responses = operation.getResponses();
                    add(responses, "400", "BadRequest");
                    if (operation.getSecurity() != null
                            && !operation.getSecurity().isEmpty()) {
                        add(responses, "401", "Unauthorized");
                    }
                    if (takesBody(operation)) {
                        add(responses, "413", "PayloadTooLarge");
                        add(responses, "415", "UnsupportedMediaType");
                    }
                    add(responses, "429", "TooManyRequests");
                    add(responses, "503", "ServiceUnavailable");
                }));
    }

    private static boolean takesBody(Operation operation) {
        return operation.getRequestBody() != null;
    }

    private static void add(ApiResponses responses, String status, String name) {
        responses.computeIfAbsent(status, ignored -> new ApiResponse().$ref(RESPONSES + name));
    }

    private static SecurityScheme bearer(String description) {
        return new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description(description);
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json", new MediaType().schema(new Schema<>().$ref(PROBLEM))));
    }

    private static Header retryAfter() {
        return new Header().description("Seconds to wait before trying again").schema(new IntegerSchema());
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemDetail() {
        return new ObjectSchema()
                .description("An RFC 9457 problem detail")
                .addProperty("type", new StringSchema().format("uri").example("about:blank"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("command name must be a string"))
                .addProperty(
                        "instance", new StringSchema().format("uri-reference").example("/v1/commands"))
                .addProperty(
                        "field",
                        new StringSchema()
                                .description("The request field at fault (400 only)")
                                .example("name"))
                .required(List.of("type", "title", "status", "detail"));
    }

    /** Per device ident, its history records, or the error that it is unknown. */
    @SuppressWarnings("rawtypes")
    private static Schema history() {
        return new ObjectSchema()
                .description("Per device ident: its records oldest first, or an error when the ident is unknown")
                .additionalProperties(new Schema<>().$ref("#/components/schemas/HistoryEntry"));
    }

    @SuppressWarnings("rawtypes")
    private static Schema historyEntry() {
        return new ComposedSchema()
                .description("One device's part of a history answer")
                .oneOf(List.of(
                        new Schema<>().$ref("#/components/schemas/HistoryRecords"),
                        new Schema<>().$ref("#/components/schemas/DeviceNotFound")));
    }

    @SuppressWarnings("rawtypes")
    private static Schema deviceNotFound() {
        return new ObjectSchema()
                .description("Said in place of a device's records when the app has no such device")
                .addProperty("error", new StringSchema()._enum(List.of("Device not found")))
                .required(List.of("error"));
    }
}
