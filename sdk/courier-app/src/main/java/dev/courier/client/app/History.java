package dev.courier.client.app;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The history of a command name, as the spec's result object: each device's records, oldest first, by ident (an
 * empty list when nothing is in range). An ident that does not exist has no records here but an entry in
 * {@link #errors()} ({@code Device not found}), as it has {@code {"error": …}} in the JSON.
 */
public final class History extends AbstractMap<String, List<HistoryRecord>> {

    private final Map<String, List<HistoryRecord>> records;
    private final Map<String, String> errors;

    History(Map<String, List<HistoryRecord>> records, Map<String, String> errors) {
        this.records = Map.copyOf(records);
        this.errors = Map.copyOf(errors);
    }

    @Override
    public Set<Entry<String, List<HistoryRecord>>> entrySet() {
        return records.entrySet();
    }

    @Override
    public List<HistoryRecord> get(Object ident) {
        return records.get(ident);
    }

    /** Idents that got an error instead of records, with it. */
    public Map<String, String> errors() {
        return errors;
    }
}
