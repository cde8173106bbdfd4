package dev.courier.webhook;

import dev.courier.system.Ident;
import dev.courier.system.WrongTypeMessage;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of a webhook registration: {@code {url, events[], names[]?}}. */
@Schema(description = "A webhook endpoint to register")
record CreateWebhookRequest(
        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Where to post: https, on a host with only public addresses",
                example = "https://example.com/courier-hook",
                maxLength = WebhookUrls.MAX_LENGTH)
        @NotNull(message = "url is required")
        @Size(max = WebhookUrls.MAX_LENGTH, message = "url may be at most " + WebhookUrls.MAX_LENGTH + " characters")
        @WrongTypeMessage("url must be a string")
        String url,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                requiredMode = Schema.RequiredMode.REQUIRED,
                                description = "The statuses whose events to post",
                                example = "[\"acked\", \"failed\"]"),
                minItems = 1,
                schema = @Schema(allowableValues = {"queued", "delivered", "acked", "failed", "expired", "cancelled"}))
        @NotEmpty(message = "events must be a non-empty array of statuses")
        @WrongTypeMessage(
                value = "events must be a non-empty array of statuses",
                element = "events must contain only strings")
        List<@NotNull(message = "events must contain only strings") String> events,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Only commands of these names; none or empty: every name",
                                nullable = true,
                                example = "[\"reboot\"]"),
                maxItems = WebhookEndpoints.MAX_NAMES,
                schema = @Schema(pattern = Ident.PATTERN, minLength = 1, maxLength = Ident.MAX_LENGTH))
        @Size(
                max = WebhookEndpoints.MAX_NAMES,
                message = "names may list at most " + WebhookEndpoints.MAX_NAMES + " command names")
        @WrongTypeMessage(
                value = "names must be an array of command names",
                element = "names must contain only strings")
        List<@NotNull(message = "names must contain only strings") @Ident(label = "command name") String> names) {}
