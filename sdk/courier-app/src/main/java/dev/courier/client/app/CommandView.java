package dev.courier.client.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One command with its full status ({@code GET /v1/commands/{id}}, a cancel's answer, an entry of a device's
 * pending queue): the history record's fields plus its {@code name} and {@code deviceIdent} (the pending queue
 * leaves the ident out), when it expires, and whether its device was deleted.
 */
public record CommandView(
        String id,
        String name,
        String deviceIdent,
        JsonNode value,
        long timestamp,
        String status,
        int attempts,
        Long deliveredAt,
        Long ackedAt,
        Long expiresAt,
        String error,
        Boolean deviceDeleted,
        JsonNode result) {

    private static final Set<String> FINAL = Set.of("acked", "failed", "expired", "cancelled");

    /** Acked, failed, expired or cancelled: nothing more will happen to it. */
    public boolean isFinal() {
        return FINAL.contains(status);
    }
}
