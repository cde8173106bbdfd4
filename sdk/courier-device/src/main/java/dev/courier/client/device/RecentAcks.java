package dev.courier.client.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ids of the last {@code capacity} commands this device handled, with the result each was acked with. Courier
 * delivers at least once: a command whose ack was lost (the connection dropped first) comes again, and is then
 * acked again from here instead of being handled twice.
 */
final class RecentAcks {

    private static final JsonNode NO_RESULT = Json.MAPPER.missingNode();

    private final Map<String, JsonNode> acked;

    RecentAcks(int capacity) {
        this.acked = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void add(String id, JsonNode result) {
        acked.put(id, result == null ? NO_RESULT : result);
    }

    /** Empty when the id was not handled lately; else the result it was acked with (missing node: none). */
    synchronized Optional<JsonNode> resultOf(String id) {
        return Optional.ofNullable(acked.get(id));
    }
}
