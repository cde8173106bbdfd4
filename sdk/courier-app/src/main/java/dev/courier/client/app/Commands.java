package dev.courier.client.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sending commands and finding out what became of them: {@code app.command()}. */
public final class Commands {

    private final Http http;

    Commands(Http http) {
        this.http = http;
    }

    /** Sends {@code data} (any JSON value but null) to the devices; the result per ident, as in the spec. */
    public Map<String, SendResult> send(String name, Collection<String> deviceIdents, Object data) {
        return send(Send.command(name, deviceIdents, data));
    }

    public Map<String, SendResult> send(Send send) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", send.name());
        body.set("device_ident", Json.MAPPER.valueToTree(send.deviceIdents()));
        body.set("data", Json.MAPPER.valueToTree(send.data()));
        if (send.ttl() != null) {
            body.put("ttl", send.ttl().toSeconds());
        }
        Duration wait = send.waitFor() == null ? Duration.ZERO : send.waitFor();
        if (send.waitFor() != null) {
            body.put("wait", wait.toSeconds());
        }
        var call = new Http.Call(
                "POST", "/v1/commands", body, Map.of("Idempotency-Key", send.idempotencyKey()), true, wait);
        JsonNode answer = http.call(call);
        Map<String, SendResult> results = new LinkedHashMap<>();
        answer.properties().forEach(
                entry -> results.put(entry.getKey(), Json.convert(entry.getValue(), SendResult.class)));
        return results;
    }

    /** The history from {@code start} until now. */
    public History history(String name, Collection<String> deviceIdents, Instant start) {
        return history(name, deviceIdents, start, null, null);
    }

    public History history(String name, Collection<String> deviceIdents, Instant start, Instant end) {
        return history(name, deviceIdents, start, end, null);
    }

    /** At most {@code limit} records per device, the oldest of the range (page on by moving {@code start}). */
    public History history(String name, Collection<String> deviceIdents, Instant start, Instant end, Integer limit) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", name).put("start", start.toString());
        body.set("device_idents", Json.MAPPER.valueToTree(List.copyOf(deviceIdents)));
        if (end != null) {
            body.put("end", end.toString());
        }
        if (limit != null) {
            body.put("limit", limit);
        }
        // a POST only to carry many idents; it reads, so it is safe to retry
        var call = new Http.Call("POST", "/v1/commands/history", body, Map.of(), true, Duration.ZERO);
        return history(http.call(call));
    }

    private static History history(JsonNode answer) {
        Map<String, List<HistoryRecord>> records = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        answer.properties().forEach(entry -> {
            if (entry.getValue().isArray()) {
                List<HistoryRecord> list = new ArrayList<>();
                entry.getValue().forEach(record -> list.add(Json.convert(record, HistoryRecord.class)));
                records.put(entry.getKey(), List.copyOf(list));
            } else {
                errors.put(entry.getKey(), entry.getValue().path("error").asText());
            }
        });
        return new History(records, errors);
    }

    /** One command with its full status. */
    public CommandView get(String id) {
        return Json.convert(http.call(Http.Call.read("/v1/commands/" + Paths.segment(id))), CommandView.class);
    }

    /**
     * Waits up to {@code wait} (whole seconds, up to 60) for the command to be final, then answers its state then. On a
     * Courier without {@code wait} this answers at once.
     */
    public CommandView get(String id, Duration wait) {
        var call = new Http.Call("GET", "/v1/commands/" + Paths.segment(id) + "?wait=" + wait.toSeconds(), null,
                Map.of(), true, wait);
        return Json.convert(http.call(call), CommandView.class);
    }

    /** Cancels a queued or delivered command; {@link ConflictException} once it is acked, failed or expired. */
    public CommandView cancel(String id) {
        return Json.convert(http.call(Http.Call.delete("/v1/commands/" + Paths.segment(id))), CommandView.class);
    }

    /** The device's queue: its commands not yet finished, oldest first. */
    public List<CommandView> pending(String deviceIdent) {
        JsonNode answer = http.call(Http.Call.read("/v1/devices/" + Paths.segment(deviceIdent) + "/commands"));
        List<CommandView> pending = new ArrayList<>();
        answer.forEach(command -> pending.add(Json.convert(command, CommandView.class)));
        return List.copyOf(pending);
    }

    /** Cancels every pending command of the device; returns how many. */
    public long purge(String deviceIdent) {
        JsonNode answer = http.call(Http.Call.delete("/v1/devices/" + Paths.segment(deviceIdent) + "/commands"));
        return answer.path("cancelled").asLong();
    }
}
