package dev.courier.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** A device on the WebSocket that acks every command it receives and reports it to a consumer. */
final class Device implements WebSocket.Listener {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    private final Consumer<JsonNode> onCommand;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    // the JDK WebSocket allows one outstanding send: sends are chained
    private CompletableFuture<WebSocket> lastSend;

    private Device(Consumer<JsonNode> onCommand) {
        this.onCommand = onCommand;
    }

    static Device connect(String url, String token, String name, Consumer<JsonNode> onCommand) {
        Device device = new Device(onCommand);
        device.socket = HTTP.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(url.replaceFirst("^http", "ws") + "/v1/device/ws"), device)
                .join();
        device.lastSend = CompletableFuture.completedFuture(device.socket);
        device.send("{\"type\":\"listen\",\"name\":\"" + name + "\"}").join();
        return device;
    }

    private synchronized CompletableFuture<WebSocket> send(String frame) {
        lastSend = lastSend.thenCompose(ws -> ws.sendText(frame, true));
        return lastSend;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode frame = Api.JSON.readTree(partial.toString());
            partial.setLength(0);
            if (frame.get("type").stringValue().equals("command")) {
                onCommand.accept(frame);
                send("{\"type\":\"ack\",\"id\":\"" + frame.get("id").stringValue() + "\"}");
            }
        }
        webSocket.request(1);
        return null;
    }

    void close() {
        socket.abort();
    }
}
