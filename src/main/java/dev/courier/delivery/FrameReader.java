package dev.courier.delivery;

import dev.courier.system.InvalidRequestException;
import dev.courier.system.JsonFields;
import tools.jackson.databind.JsonNode;

/** Reads a device's frame, or says in one sentence what is wrong with it. */
final class FrameReader {

    private static final int MAX_ERROR_LENGTH = 1_000;

    private FrameReader() {}

    record Frame(String type, String name, String id, String error) {}

    static Frame read(JsonNode frame) {
        if (!frame.isObject()) {
            throw InvalidRequestException.of("frame", "a frame must be a JSON object");
        }
        JsonNode type = frame.get("type");
        String kind = type != null && type.isString() ? type.stringValue() : "";
        return switch (kind) {
            case "listen", "off" ->
                new Frame(kind, JsonFields.requiredIdent(frame, "name", "command name"), null, null);
            case "ack" -> new Frame(kind, null, JsonFields.requiredString(frame, "id", "id"), null);
            case "nack" -> new Frame(kind, null, JsonFields.requiredString(frame, "id", "id"), error(frame));
            default -> throw InvalidRequestException.of("type", "frame type must be one of listen, off, ack, nack");
        };
    }

    static String error(JsonNode body) {
        JsonNode error = body.get("error");
        if (error == null || error.isNull()) {
            return "nack";
        }
        if (!error.isString()) {
            throw InvalidRequestException.of("error", "error must be a string");
        }
        String text = error.stringValue().replace("\0", "");
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
