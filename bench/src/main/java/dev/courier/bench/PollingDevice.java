package dev.courier.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * A device on the HTTP long-poll: one thread that polls for its commands, reports each to a consumer and acks it,
 * and polls again at once. The long-poll counterpart of {@link Device}. Its polls wait 5 s: a poll left parked
 * on Courier when the device closes ends soon, instead of counting among S5's parked polls for 30 s.
 */
final class PollingDevice {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    private final Thread loop;
    private volatile boolean open = true;

    private PollingDevice(String url, String token, String name, Consumer<JsonNode> onCommand) {
        loop = new Thread(() -> poll(url, token, name, onCommand), "poll-" + name);
        loop.setDaemon(true);
        loop.start();
    }

    static PollingDevice start(String url, String token, String name, Consumer<JsonNode> onCommand) {
        return new PollingDevice(url, token, name, onCommand);
    }

    private void poll(String url, String token, String name, Consumer<JsonNode> onCommand) {
        HttpRequest poll = HttpRequest.newBuilder(URI.create(url + "/v1/device/commands?name=" + name + "&wait=5"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        while (open) {
            try {
                HttpResponse<String> response = HTTP.send(poll, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("poll answered HTTP " + response.statusCode());
                }
                for (JsonNode command : Api.JSON.readTree(response.body())) {
                    onCommand.accept(command);
                    HttpRequest ack = HttpRequest.newBuilder(URI.create(
                                    url + "/v1/device/commands/" + command.get("id").stringValue() + "/ack"))
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build();
                    HTTP.send(ack, HttpResponse.BodyHandlers.discarding());
                }
            } catch (InterruptedException closing) {
                return;
            } catch (Exception e) {
                if (open) {
                    System.err.println("long-poll failed: " + e);
                }
            }
        }
    }

    void close() {
        open = false;
        loop.interrupt();
    }
}
