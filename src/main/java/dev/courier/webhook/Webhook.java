package dev.courier.webhook;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A webhook endpoint as the app sees it; its secret only in the answers that make one. */
@Schema(description = "A webhook endpoint")
record Webhook(
        @Schema(requiredMode = REQUIRED, example = "7") long id,

        @Schema(requiredMode = REQUIRED, example = "https://example.com/courier-hook")
        String url,

        @ArraySchema(
                arraySchema = @Schema(requiredMode = REQUIRED, description = "The statuses whose events it gets"),
                schema = @Schema(allowableValues = {"queued", "delivered", "acked", "failed", "expired", "cancelled"}))
        List<String> events,

        @ArraySchema(
                arraySchema =
                        @Schema(requiredMode = REQUIRED, description = "The command names it gets; empty: every name"))
        List<String> names,

        @Schema(
                requiredMode = REQUIRED,
                description = "False once its deliveries failed for a day: see disabled_reason")
        boolean enabled,

        @Schema(requiredMode = REQUIRED, nullable = true, description = "Why it was disabled")
        String disabledReason,

        @Schema(
                requiredMode = REQUIRED,
                description = "Every matching event up to this event id has been delivered (or given up on)")
        long lastEventId,

        @Schema(requiredMode = REQUIRED, description = "Registered at, epoch milliseconds")
        long createdAt,

        @Schema(
                description = "The signing secret (whsec_…), only in the answers of create and rotate-secret",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String secret) {

    static Webhook of(Endpoint endpoint, boolean withSecret) {
        Progress progress = endpoint.progress();
        return new Webhook(
                endpoint.id(),
                endpoint.url(),
                endpoint.statuses(),
                endpoint.names(),
                progress.enabled(),
                progress.disabledReason(),
                progress.lastEventSeq(),
                endpoint.createdAt().toEpochMilli(),
                withSecret ? endpoint.secret() : null);
    }
}
