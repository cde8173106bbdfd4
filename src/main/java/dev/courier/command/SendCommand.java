package dev.courier.command;

import dev.courier.system.InvalidRequestException;
import dev.courier.system.JsonFields;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A validated send request: {@code {name, device_ident[], data, ttl?}}, types checked as the reference
 * platform checks them. A repeated ident is kept once.
 */
public record SendCommand(String name, List<String> deviceIdents, String data, Long ttlSeconds) {

    static final int MAX_DEVICES = 10_000;
    static final long MAX_TTL_SECONDS = 365L * 24 * 3600;
    private static final int MAX_NUMERIC_WEIGHT = 131_072; // digits before the decimal point
    private static final int MAX_NUMERIC_SCALE = 16_383; // digits after it
    private static final Set<String> FIELDS = Set.of("name", "device_ident", "data", "ttl");

    /**
     * Whether every number in {@code data} fits PostgreSQL's numeric, which jsonb stores numbers as. Checked here,
     * before the send joins a batch: a statement the database refuses costs its whole batch a second run, one
     * send at a time.
     */
    private static boolean storable(JsonNode data) {
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

    public static SendCommand from(JsonNode body) {
        JsonFields.onlyKnown(JsonFields.object(body), FIELDS);
        String name = JsonFields.requiredIdent(body, "name", "command name");
        List<String> idents = JsonFields.requiredStringArray(body, "device_ident");
        if (idents.size() > MAX_DEVICES) {
            throw InvalidRequestException.of(
                    "device_ident", "device_ident may name at most " + MAX_DEVICES + " devices");
        }
        for (String ident : idents) {
            JsonFields.checkIdent(ident, "device_ident", "device ident");
        }
        JsonNode data = body.get("data");
        if (data == null || data.isNull()) {
            throw InvalidRequestException.of("data", "data is required and must not be null");
        }
        if (data.toString().contains("\\u0000")) {
            throw InvalidRequestException.of("data", "data must not contain the NUL character \\u0000");
        }
        if (!storable(data)) {
            throw InvalidRequestException.of(
                    "data",
                    "data holds a number PostgreSQL cannot store: at most 131072 digits before the decimal point"
                            + " and 16383 after");
        }
        Long ttl = JsonFields.optionalPositiveLong(body, "ttl");
        if (ttl != null && ttl > MAX_TTL_SECONDS) {
            throw InvalidRequestException.of("ttl", "ttl must be at most " + MAX_TTL_SECONDS + " seconds (a year)");
        }
        return new SendCommand(name, List.copyOf(new LinkedHashSet<>(idents)), data.toString(), ttl);
    }

    int dataBytes() {
        return data.getBytes(StandardCharsets.UTF_8).length;
    }
}
