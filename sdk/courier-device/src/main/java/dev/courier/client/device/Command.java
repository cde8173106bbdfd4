package dev.courier.client.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A command as Courier hands it over: its {@code id}, the {@code name} it was sent under, its {@code data} (any
 * JSON value), when the app sent it ({@code timestamp}, epoch milliseconds) and which hand-over this is
 * ({@code attempt}, 1 the first time; a higher one means an earlier hand-over was not acked).
 */
public record Command(String id, String name, JsonNode data, long timestamp, int attempt) {

    /** The data read into a type of yours, e.g. {@code command.data(Reboot.class)}. */
    public <T> T data(Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "command " + id + "'s data does not read as " + type.getSimpleName() + ": " + e.getOriginalMessage(),
                    e);
        }
    }

    /** When the app sent it. */
    public Instant sentAt() {
        return Instant.ofEpochMilli(timestamp);
    }
}
