package dev.courier.client.device;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a handled command's answer goes: over whatever link to Courier is open at that moment. */
interface Answers {

    /** Acks the command; {@code result} is {@code null} or a missing node when the handler returned none. */
    void ack(String id, JsonNode result);

    void nack(String id, String error);
}
