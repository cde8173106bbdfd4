package dev.courier.delivery;

import dev.courier.system.Idents;
import dev.courier.system.InvalidRequestException;
import tools.jackson.databind.JsonNode;

/** Reads a device's frame, or says in one sentence what is wrong with it. */
final class FrameReader {

    private static final int MAX_ERROR_LENGTH = 1_000;

    private FrameReader() {}

    /** {@code result}: an ack's result, as sent (null when none). */
    record Frame(String type, String name, String id, String error, JsonNode result) {}

    static Frame read(JsonNode frame) {
        if (!frame.isObject()) {
            throw InvalidRequestException.of("frame", "a frame must be a JSON object");
        }
        JsonNode type = frame.get("type");
        String kind = type != null && type.isString() ? type.stringValue() : "";
        return switch (kind) {
            case "listen", "off" ->
                new Frame(
                        kind,
                        Idents.check(requiredString(frame, "name", "command name"), "name", "command name"),
                        null,
                        null,
                        null);
            case "ack" -> new Frame(kind, null, requiredString(frame, "id", "id"), null, frame.get("result"));
            case "nack" -> new Frame(kind, null, requiredString(frame, "id", "id"), error(frame), null);
            default -> throw InvalidRequestException.of("type", "frame type must be one of listen, off, ack, nack");
        };
    }

    private static String requiredString(JsonNode frame, String field, String label) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            throw InvalidRequestException.of(field, label + " is required");
        }
        if (!value.isString()) {
            throw InvalidRequestException.of(field, label + " must be a string");
        }
        return value.stringValue();
    }

    private static String error(JsonNode frame) {
        JsonNode error = frame.get("error");
        if (error != null && !error.isNull() && !error.isString()) {
            throw InvalidRequestException.of("error", "error must be a string");
        }
        return errorText(error == null || error.isNull() ? null : error.stringValue());
    }

    /** A nack's error as it is kept: "nack" when none was given, NUL characters dropped, cut to 1,000 characters. */
    static String errorText(String error) {
        if (error == null) {
            return "nack";
        }
        String text = error.replace("\0", "");
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
