package dev.courier.history;

import dev.courier.system.InvalidRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;

/** A checked history request ({@link HistoryRequest}): one command name, some devices, a time range, a per-device limit. */
public record HistoryQuery(String name, List<String> deviceIdents, Instant start, Instant end, int limit) {

    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_LIMIT = 10_000;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** The query a checked request asks for: its times read, the range checked. */
    static HistoryQuery of(HistoryRequest request, Instant now) {
        Instant from = time(request.start(), "start");
        Instant to = request.end() == null ? now : time(request.end(), "end");
        if (from.isAfter(to)) {
            throw InvalidRequestException.of("start", "start must not be after end");
        }
        int rows = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        return new HistoryQuery(
                request.name(), List.copyOf(new LinkedHashSet<>(request.deviceIdents())), from, to, rows);
    }

    private static Instant time(String text, String field) {
        Instant time;
        try {
            time = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notATime) {
            throw InvalidRequestException.of(
                    field, field + " must be an ISO-8601 time with an offset, like 2026-11-26T10:00:00Z");
        }
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw InvalidRequestException.of(field, field + " must lie between the years 1 and 9999");
        }
        return time;
    }
}
