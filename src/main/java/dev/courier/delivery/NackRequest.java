package dev.courier.delivery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.courier.system.WrongTypeMessage;
import io.swagger.v3.oas.annotations.media.Schema;

/** The optional body of an HTTP nack: {@code {error}}. */
@Schema(description = "Why the device could not handle the command")
// as a WebSocket nack frame: fields beyond error are ignored, so that the nack is never lost over them
@JsonIgnoreProperties(ignoreUnknown = true)
record NackRequest(
        @Schema(
                description = "Kept as the command's error (cut to 1,000 characters); default: nack",
                example = "disk full",
                nullable = true)
        @WrongTypeMessage("error must be a string")
        String error) {}
