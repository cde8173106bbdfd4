package dev.courier.delivery;

import dev.courier.system.WrongTypeMessage;
import io.swagger.v3.oas.annotations.media.Schema;

/** The optional body of an HTTP nack: {@code {error}}. */
@Schema(description = "Why the device could not handle the command")
record NackRequest(
        @Schema(
                description = "Kept as the command's error (cut to 1,000 characters); default: nack",
                example = "disk full",
                nullable = true)
        @WrongTypeMessage("error must be a string")
        String error) {}
