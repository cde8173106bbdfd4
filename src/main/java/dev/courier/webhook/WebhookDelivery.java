package dev.courier.webhook;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/** One attempt to deliver an event to an endpoint. */
@Schema(description = "One attempt to deliver an event to a webhook endpoint")
record WebhookDelivery(
        @Schema(requiredMode = REQUIRED) long id,

        @Schema(requiredMode = REQUIRED, description = "The command event's id")
        long eventId,

        @Schema(requiredMode = REQUIRED, description = "1 for the event's first attempt, then 2, 3, …")
        int attempt,

        @Schema(
                requiredMode = REQUIRED,
                description = "succeeded (a 2xx); retrying (another attempt is scheduled); failed (the event was"
                        + " given up on, or the endpoint disabled)",
                allowableValues = {"succeeded", "retrying", "failed"})
        String outcome,

        @Schema(requiredMode = REQUIRED, nullable = true, description = "The endpoint's HTTP status; null: no response")
        Integer statusCode,

        @Schema(
                requiredMode = REQUIRED,
                nullable = true,
                description = "Why no response was had (refused address, timeout, connection error)")
        String error,

        @Schema(requiredMode = REQUIRED, description = "How long the attempt took")
        long durationMs,

        @Schema(requiredMode = REQUIRED, description = "When it was made, epoch milliseconds")
        long at) {}
