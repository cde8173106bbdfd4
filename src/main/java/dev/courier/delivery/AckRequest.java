package dev.courier.delivery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** The optional body of an HTTP ack: {@code {result}}. */
@Schema(description = "What the device answers with its ack")
// as a WebSocket ack frame: other fields are ignored, so that the ack is never lost over them
@JsonIgnoreProperties(ignoreUnknown = true)
record AckRequest(
        @Schema(
                ref = "#/components/schemas/JsonValue",
                description = "Kept with the command and shown in its view, history and events; within the plan's"
                        + " payload limit",
                example = "{\"uptime\": 12}")
        JsonNode result) {}
