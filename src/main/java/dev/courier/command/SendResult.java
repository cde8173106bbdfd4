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

        @Schema(
                description = "When sent: queued, or with `wait` its status at the answer",
                allowableValues = {"queued", "delivered", "acked", "failed", "expired", "cancelled"})
        String status,

        @Schema(
                description = "Why it was not sent",
                allowableValues = {"Device not found", "Queue full"})
        String error) {

    SendResult withStatus(String now) {
        return new SendResult(sent, id, now, error);
    }

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
