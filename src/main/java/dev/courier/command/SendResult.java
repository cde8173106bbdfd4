package dev.courier.command;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One device's outcome of a send: {@code {"sent": true, "id": …}} or {@code {"sent": false, "error": …}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendResult(boolean sent, String id, String status, String error) {

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
