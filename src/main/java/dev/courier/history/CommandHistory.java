package dev.courier.history;

import dev.courier.command.CommandRecord;
import dev.courier.device.DeviceId;
import dev.courier.device.DeviceRegistry;
import dev.courier.tenant.CallingApp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What became of each command: the history query, bounded by the app's plan retention. */
@Service
public class CommandHistory {

    private static final Map<String, String> DEVICE_NOT_FOUND = Map.of("error", "Device not found");

    private final HistoryRepository history;
    private final DeviceRegistry devices;
    private final Clock clock;

    CommandHistory(HistoryRepository history, DeviceRegistry devices, Clock clock) {
        this.history = history;
        this.devices = devices;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Per device ident: its records oldest first, or the not-found error. Nothing older than the plan's
     * retention is returned, even before the retention job has deleted it.
     */
    @Transactional(readOnly = true)
    public Map<String, Object> query(CallingApp app, HistoryQuery query) {
        Map<String, DeviceId> known = devices.resolve(app.id(), query.deviceIdents());
        Instant retained = clock.instant().minus(app.plan().historyRetention());
        Instant from = query.start().isBefore(retained) ? retained : query.start();
        long[] ids = known.values().stream().mapToLong(DeviceId::value).toArray();
        Map<Long, List<CommandRecord>> records = ids.length == 0 || from.isAfter(query.end())
                ? Map.of()
                : history.history(ids, query.name(), from, query.end(), query.limit());
        Map<String, Object> result = new LinkedHashMap<>();
        for (String ident : query.deviceIdents()) {
            DeviceId device = known.get(ident);
            result.put(ident, device == null ? DEVICE_NOT_FOUND : records.getOrDefault(device.value(), List.of()));
        }
        return result;
    }
}
