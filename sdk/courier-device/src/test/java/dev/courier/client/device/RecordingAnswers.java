package dev.courier.client.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The answers a dispatcher gave, in order: "ack a", "ack a {result}", "nack a: error". */
final class RecordingAnswers implements Answers {

    final List<String> answers = new CopyOnWriteArrayList<>();

    @Override
    public void ack(String id, JsonNode result) {
        answers.add("ack " + id + (result == null || result.isMissingNode() ? "" : " " + result));
    }

    @Override
    public void nack(String id, String error) {
        answers.add("nack " + id + ": " + error);
    }
}
