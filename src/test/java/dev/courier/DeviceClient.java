package dev.courier;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real device on the WebSocket: sends frames, collects what the server sends. */
public final class DeviceClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private DeviceClient(int port, String token) {
        this.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://localhost:" + port + "/v1/device/ws"), new Collector())
                .join();
    }

    public static DeviceClient connect(int port, String token) {
        return new DeviceClient(port, token);
    }

    public DeviceClient listen(String name) {
        return send("{\"type\":\"listen\",\"name\":\"" + name + "\"}");
    }

    public DeviceClient ack(String id) {
        return send("{\"type\":\"ack\",\"id\":\"" + id + "\"}");
    }

    public DeviceClient nack(String id, String error) {
        return send("{\"type\":\"nack\",\"id\":\"" + id + "\",\"error\":\"" + error + "\"}");
    }

    public DeviceClient send(String frame) {
        socket.sendText(frame, true).join();
        return this;
    }

    /** The next frame from the server, or null if none comes within the time. */
    public JsonNode next(Duration within) throws InterruptedException {
        return frames.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    public JsonNode next() throws InterruptedException {
        JsonNode frame = next(Duration.ofSeconds(10));
        if (frame == null) {
            throw new AssertionError("no frame from the server within 10 s");
        }
        return frame;
    }

    public boolean hasPending() {
        return !frames.isEmpty();
    }

    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /** Drops the connection without a close handshake, as a crashing device would. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
