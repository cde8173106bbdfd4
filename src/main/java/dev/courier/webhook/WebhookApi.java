package dev.courier.webhook;

import dev.courier.tenant.CallingApp;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Webhook endpoints as the OpenAPI document describes them; {@link WebhookController} implements it. */
@Tag(
        name = "Webhooks",
        description = "Endpoints Courier posts command events to, signed per Standard Webhooks, at least once and in"
                + " order")
@SecurityRequirement(name = "apiKey")
interface WebhookApi {

    String ID = "The webhook's id";

    @Operation(
            operationId = "createWebhook",
            summary = "Register a webhook endpoint",
            description = "Courier posts it each event numbered from now on whose status is in `events` (and whose"
                    + " command name is in `names`, if given), signed with the secret shown only in this answer:"
                    + " headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,` and the base64"
                    + " HMAC-SHA256 of `id.timestamp.body` under the base64-decoded part of the secret after"
                    + " `whsec_`). The body is `{type: \"command.<status>\", timestamp, data: <the event>}`. A"
                    + " non-2xx answer or none is retried with exponential backoff for 24 hours, then the event's"
                    + " delivery is failed; an endpoint failing for a day is disabled. The URL must be https on a"
                    + " host with only public addresses; redirects are not followed.",
            responses = {
                @ApiResponse(responseCode = "201", description = "The endpoint with its signing secret"),
                @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
            })
    Webhook create(CallingApp app, CreateWebhookRequest body);

    @Operation(
            operationId = "listWebhooks",
            summary = "List webhook endpoints",
            description = "The app's endpoints, oldest first, without their secrets.",
            responses = @ApiResponse(responseCode = "200", description = "The app's endpoints"))
    List<Webhook> list(CallingApp app);

    @Operation(
            operationId = "getWebhook",
            summary = "Get a webhook endpoint",
            description = "With how far its deliveries got (`last_event_id`) and, once disabled, why.",
            parameters = @Parameter(name = "id", in = ParameterIn.PATH, description = ID),
            responses = {
                @ApiResponse(responseCode = "200", description = "The endpoint"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    Webhook get(CallingApp app, long id);

    @Operation(
            operationId = "deleteWebhook",
            summary = "Delete a webhook endpoint",
            description = "Nothing more is posted to it, and its delivery log goes with it. A disabled endpoint is"
                    + " deleted and registered again to resume: events it missed can be read from the event"
                    + " stream after its `last_event_id`.",
            parameters = @Parameter(name = "id", in = ParameterIn.PATH, description = ID),
            responses = {
                @ApiResponse(responseCode = "204", description = "Deleted"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    void delete(CallingApp app, long id);

    @Operation(
            operationId = "rotateWebhookSecret",
            summary = "Rotate a webhook's signing secret",
            description = "A new secret, shown only in this answer; every attempt from now on is signed with it.",
            parameters = @Parameter(name = "id", in = ParameterIn.PATH, description = ID),
            responses = {
                @ApiResponse(responseCode = "200", description = "The endpoint with its new secret"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    Webhook rotateSecret(CallingApp app, long id);

    @Operation(
            operationId = "listWebhookDeliveries",
            summary = "List a webhook's delivery attempts",
            description = "Newest first: each attempt's event, number, outcome, and HTTP status or error. Kept for"
                    + " the operator's courier.webhooks.delivery-retention (7 days by default).",
            parameters = {
                @Parameter(name = "id", in = ParameterIn.PATH, description = ID),
                @Parameter(
                        name = "limit",
                        in = ParameterIn.QUERY,
                        description = "How many attempts at most",
                        schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
            },
            responses = {
                @ApiResponse(responseCode = "200", description = "The latest attempts, newest first"),
                @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
            })
    List<WebhookDelivery> deliveries(CallingApp app, long id, int limit);
}
