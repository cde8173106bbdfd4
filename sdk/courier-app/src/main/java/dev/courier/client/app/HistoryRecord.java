package dev.courier.client.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One command in a device's history: the spec's {@code value} (the command's data) and {@code timestamp} (when it
 * was sent, epoch milliseconds), with Courier's extras: its {@code id}, lifecycle {@code status}, {@code attempts},
 * when it was delivered and acked (epoch milliseconds, {@code null} until then), the device's last nack
 * {@code error}, and the {@code result} it was acked with (on a Courier that keeps results).
 */
public record HistoryRecord(
        String id,
        JsonNode value,
        long timestamp,
        String status,
        int attempts,
        Long deliveredAt,
        Long ackedAt,
        String error,
        JsonNode result) {

    public Instant sentAt() {
        return Instant.ofEpochMilli(timestamp);
    }

    public <T> T value(Class<T> type) {
        return Json.convert(value, type);
    }
}
