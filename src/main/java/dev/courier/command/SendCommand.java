package dev.courier.command;

import dev.courier.system.InvalidRequestException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A checked send ({@link SendRequest}) as the queue takes it: {@code data} as JSON text, a repeated ident kept
 * once.
 */
public record SendCommand(String name, List<String> deviceIdents, String data, Long ttlSeconds) {

    static final int MAX_DEVICES = 10_000;
    static final long MAX_TTL_SECONDS = 365L * 24 * 3600;
    private static final int MAX_NUMERIC_WEIGHT = 131_072; // digits before the decimal point
    private static final int MAX_NUMERIC_SCALE = 16_383; // digits after it

    /**
     * Whether every number in {@code data} fits PostgreSQL's numeric, which jsonb stores numbers as. Checked here,
     * before the send joins a batch: a statement the database refuses costs its whole batch a second run, one
     * send at a time.
     */
    static boolean storable(JsonNode data) {
        if (data.isNumber()) {
            BigDecimal number = data.decimalValue();
            return number.scale() <= MAX_NUMERIC_SCALE && number.precision() - number.scale() <= MAX_NUMERIC_WEIGHT;
        }
        for (JsonNode child : data) {
            if (!storable(child)) {
                return false;
            }
        }
        return true;
    }

    /** The command a checked send body asks for; {@code data} is checked here, where Bean Validation cannot. */
    static SendCommand from(SendRequest request) {
        JsonNode data = request.data();
        if (data == null || data.isNull() || data.isMissingNode()) {
            throw InvalidRequestException.of("data", "data is required and must not be null");
        }
        String json = data.toString(); // written once: it is what the queue stores
        if (json.contains("\\u0000")) {
            throw InvalidRequestException.of("data", "data must not contain the NUL character \\u0000");
        }
        if (!storable(data)) {
            throw InvalidRequestException.of(
                    "data",
                    "data holds a number PostgreSQL cannot store: at most 131072 digits before the decimal point"
                            + " and 16383 after");
        }
        return new SendCommand(
                request.name(), List.copyOf(new LinkedHashSet<>(request.deviceIdent())), json, request.ttl());
    }

    int dataBytes() {
        return data.getBytes(StandardCharsets.UTF_8).length;
    }
}
