package dev.courier.history;

import dev.courier.system.InvalidRequestException;
import dev.courier.system.JsonFields;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** A validated history request: one command name, some devices, a time range and a per-device limit. */
public record HistoryQuery(String name, List<String> deviceIdents, Instant start, Instant end, int limit) {

    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_LIMIT = 10_000;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final Set<String> FIELDS = Set.of("name", "device_idents", "start", "end", "limit");

    static HistoryQuery fromParameters(
            String name, String deviceIdents, String start, String end, Integer limit, Instant now) {
        if (name == null) {
            throw InvalidRequestException.of("name", "command name is required");
        }
        if (deviceIdents == null || deviceIdents.isBlank()) {
            throw InvalidRequestException.of("device_idents", "device_idents must be a non-empty list");
        }
        List<String> idents =
                Arrays.stream(deviceIdents.split(",")).map(String::trim).toList();
        return of(name, idents, start, end, limit, now);
    }

    static HistoryQuery fromBody(JsonNode body, Instant now) {
        JsonFields.onlyKnown(JsonFields.object(body), FIELDS);
        String name = JsonFields.requiredString(body, "name", "command name");
        List<String> idents = JsonFields.requiredStringArray(body, "device_idents");
        String start = JsonFields.requiredString(body, "start", "start");
        String end =
                body.has("end") && !body.get("end").isNull() ? JsonFields.requiredString(body, "end", "end") : null;
        Long limit = JsonFields.optionalPositiveLong(body, "limit");
        if (limit != null && limit > MAX_LIMIT) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return of(name, idents, start, end, limit == null ? null : limit.intValue(), now);
    }

    private static HistoryQuery of(
            String name, List<String> idents, String start, String end, Integer limit, Instant now) {
        JsonFields.checkIdent(name, "name", "command name");
        if (idents.size() > MAX_LIMIT) {
            throw InvalidRequestException.of(
                    "device_idents", "device_idents may name at most " + MAX_LIMIT + " devices");
        }
        idents.forEach(ident -> JsonFields.checkIdent(ident, "device_idents", "device ident"));
        if (start == null) {
            throw InvalidRequestException.of("start", "start is required");
        }
        Instant from = time(start, "start");
        Instant to = end == null ? now : time(end, "end");
        if (from.isAfter(to)) {
            throw InvalidRequestException.of("start", "start must not be after end");
        }
        int rows = limit == null ? DEFAULT_LIMIT : limit;
        if (rows < 1 || rows > MAX_LIMIT) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return new HistoryQuery(name, List.copyOf(new LinkedHashSet<>(idents)), from, to, rows);
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
