package dev.courier.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** One device's outcome of a send: {@code {"sent": true, "id": …}} or {@code {"sent": false, "error": …}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One device's outcome of a send")
public record SendResult(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "True: the command is committed")
        boolean sent,

        @Schema(description = "The command's id, when sent") String id,

        @Schema(description = "queued, when sent", allowableValues = "queued")
        String status,

        @Schema(
                description = "Why it was not sent",
                allowableValues = {"Device not found", "Queue full"})
        String error) {

    static SendResult queued(String id) {
        return new SendResult(true, id, "queued", null);
    }

    static SendResult deviceNotFound() {
        return new SendResult(false, null, null, "Device not found");
    }

    static SendResult queueFull() {
        return new SendResult(false, null, null, "Queue full");
    }
}
