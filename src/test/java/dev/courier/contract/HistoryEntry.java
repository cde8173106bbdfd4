package dev.courier.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.courier.contract.client.model.CommandRecord;
import java.util.List;

/**
 * One device's part of a history answer as the generated client reads it (the document's {@code HistoryEntry}):
 * its records, or the error that the device is unknown. The generator writes this oneOf as code that does not
 * compile, so the build maps the schema to this class.
 */
public final class HistoryEntry {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<CommandRecord> records;
    private final String error;

    private HistoryEntry(List<CommandRecord> records, String error) {
        this.records = records;
        this.error = error;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static HistoryEntry of(JsonNode entry) {
        if (entry.isArray()) {
            return new HistoryEntry(JSON.convertValue(entry, new TypeReference<List<CommandRecord>>() {}), null);
        }
        return new HistoryEntry(null, entry.path("error").asText());
    }

    /** The device's records, oldest first; null when the device is unknown. */
    public List<CommandRecord> records() {
        return records;
    }

    /** Why there are no records ("Device not found"); null when there are. */
    public String error() {
        return error;
    }
}
