package dev.courier.event;

import dev.courier.command.CommandEvent;
import dev.courier.command.CommandEvents;
import dev.courier.command.EventFilter;
import dev.courier.system.Idents;
import dev.courier.system.InvalidRequestException;
import dev.courier.tenant.CallingApp;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class EventStreamController implements EventStreamApi {

    private final EventStreams streams;
    private final CommandEvents events;

    EventStreamController(EventStreams streams, CommandEvents events) {
        this.streams = streams;
        this.events = events;
    }

    @Override
    @GetMapping("/v1/events")
    public SseEmitter stream(
            CallingApp app,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(required = false) String after,
            @RequestParam(name = "name", required = false) List<String> names,
            @RequestParam(name = "device_ident", required = false) List<String> deviceIdents,
            @RequestParam(name = "status", required = false) List<String> statuses)
            throws IOException {
        var filter = new EventFilter(
                checked(names, "name", "command name"),
                checked(deviceIdents, "device_ident", "device ident"),
                statuses(statuses),
                Set.of());
        long start;
        if (lastEventId != null && !lastEventId.isBlank()) {
            start = eventNumber(lastEventId, "Last-Event-ID");
        } else if (after != null) {
            start = eventNumber(after, "after");
        } else {
            start = events.lastSeq(app.id());
        }
        return streams.open(app.id(), start, filter);
    }

    private static long eventNumber(String value, String field) {
        try {
            long number = Long.parseLong(value.trim());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw InvalidRequestException.of(field, field + " must be an event number (a whole number, 0 or more)");
    }

    private static Set<String> checked(List<String> values, String field, String label) {
        Set<String> checked = new LinkedHashSet<>();
        if (values != null) {
            values.forEach(value -> checked.add(Idents.check(value, field, label)));
        }
        return checked;
    }

    private static Set<String> statuses(List<String> values) {
        Set<String> checked = new LinkedHashSet<>();
        if (values != null) {
            for (String status : values) {
                if (!CommandEvent.STATUSES.contains(status)) {
                    throw InvalidRequestException.of(
                            "status", "status must be one of queued, delivered, acked, failed, expired, cancelled");
                }
                checked.add(status);
            }
        }
        return checked;
    }
}
