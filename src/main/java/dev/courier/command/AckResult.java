package dev.courier.command;

import dev.courier.system.InvalidRequestException;
import dev.courier.tenant.Plan;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** What a device may answer with its ack: any JSON, stored as a command's data is, within the plan's payload limit. */
public final class AckResult {

    private AckResult() {}

    /** The result as JSON text to store, null for none; a 400 problem on field {@code result} if it cannot be kept. */
    public static String of(JsonNode result, Plan plan) {
        if (result == null || result.isNull() || result.isMissingNode()) {
            return null;
        }
        String json = result.toString();
        if (json.contains("\\u0000")) {
            throw InvalidRequestException.of("result", "result must not contain the NUL character \\u0000");
        }
        if (!SendCommand.storable(result)) {
            throw InvalidRequestException.of("result", "result holds a number PostgreSQL cannot store");
        }
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > plan.maxPayloadBytes()) {
            throw InvalidRequestException.of(
                    "result",
                    "result is " + bytes + " bytes as JSON; the plan allows at most " + plan.maxPayloadBytes());
        }
        return json;
    }
}
