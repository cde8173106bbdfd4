package dev.courier.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.courier.command.LeasedCommand;

/** The server's WebSocket frames (SPEC §5). */
final class Frames {

    private Frames() {}

    record CommandFrame(
            String type,
            String id,
            String name,
            @JsonRawValue String data,
            long timestamp,
            int attempt) {
        static CommandFrame of(LeasedCommand delivery) {
            return new CommandFrame(
                    "command",
                    delivery.id(),
                    delivery.name(),
                    delivery.data(),
                    delivery.timestamp(),
                    delivery.attempt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorFrame(String type, String error, String id) {
        static ErrorFrame of(String error, String id) {
            return new ErrorFrame("error", error, id);
        }
    }
}
