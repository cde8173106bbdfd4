package dev.courier.client.device;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON both transports speak: reading commands, writing frames and ack bodies. */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {}

    /** A command from a WebSocket frame or a long-poll answer: both carry the same fields. */
    static Command command(JsonNode node) {
        return new Command(
                node.path("id").asText(),
                node.path("name").asText(),
                node.path("data"),
                node.path("timestamp").asLong(),
                node.path("attempt").asInt(1));
    }

    static ObjectNode frame(String type) {
        return MAPPER.createObjectNode().put("type", type);
    }

    static String write(JsonNode node) {
        return node.toString();
    }
}
