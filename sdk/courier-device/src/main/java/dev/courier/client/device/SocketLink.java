package dev.courier.client.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The WebSocket {@code /v1/device/ws}: listen, off, ack and nack frames out; commands in. */
final class SocketLink implements Link, WebSocket.Listener {

    private static final System.Logger log = System.getLogger(SocketLink.class.getName());
    /** Courier closes a socket on a frame over 4 KiB; a larger ack goes over HTTP. */
    static final int MAX_FRAME_CHARS = 4000;

    private final Consumer<Command> commands;
    private final HttpAnswers overHttp;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private volatile WebSocket socket;
    private volatile long lastHeard = System.nanoTime();
    private ScheduledFuture<?> watchdog;

    private SocketLink(Consumer<Command> commands, HttpAnswers overHttp) {
        this.commands = commands;
        this.overHttp = overHttp;
    }

    /** Opens the socket; fails with {@link java.net.http.WebSocketHandshakeException} when the upgrade is refused. */
    static CompletableFuture<SocketLink> open(
            HttpClient http,
            URI uri,
            String token,
            DeviceOptions options,
            Consumer<Command> commands,
            HttpAnswers overHttp,
            ScheduledExecutorService timer) {
        var link = new SocketLink(commands, overHttp);
        return http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(options.connectTimeout())
                .buildAsync(uri, link)
                .thenApply(socket -> {
                    link.socket = socket;
                    link.watch(options.silenceTimeout(), timer);
                    return link;
                });
    }

    /** A socket that brings nothing, not even pings, for {@code silence} is dead without having said so. */
    private void watch(Duration silence, ScheduledExecutorService timer) {
        long period = Math.max(100, silence.toMillis() / 4);
        watchdog = timer.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastHeard > silence.toNanos()) {
                log.log(Level.INFO, "No word from Courier for {0}: replacing the WebSocket", silence);
                socket.abort();
                ended.completeExceptionally(new IOException("no frame or ping for " + silence));
            }
        }, period, period, TimeUnit.MILLISECONDS);
        ended.whenComplete((ok, error) -> watchdog.cancel(false));
    }

    @Override
    public Transport transport() {
        return Transport.WEBSOCKET;
    }

    @Override
    public void listen(String name) {
        send(Json.frame("listen").put("name", name));
    }

    @Override
    public void off(String name) {
        send(Json.frame("off").put("name", name));
    }

    @Override
    public void ack(String id, JsonNode result) {
        ObjectNode frame = Json.frame("ack").put("id", id);
        if (result != null && !result.isMissingNode()) {
            frame.set("result", result);
        }
        String text = Json.write(frame);
        if (text.length() > MAX_FRAME_CHARS) {
            overHttp.ack(id, result);
        } else {
            send(text);
        }
    }

    @Override
    public void nack(String id, String error) {
        // Courier keeps 1,000 characters of it: a longer one need not make the frame too large
        String kept = error.length() > 1000 ? error.substring(0, 1000) : error;
        send(Json.frame("nack").put("id", id).put("error", kept));
    }

    private void send(JsonNode frame) {
        send(Json.write(frame));
    }

    /** The JDK's WebSocket takes one message at a time: each send waits for the one before. */
    private synchronized void send(String text) {
        sending = sending.handle((ok, error) -> null)
                .thenCompose(ignored -> socket.sendText(text, true))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        log.log(Level.DEBUG, "A frame was not sent ({0}); what it answered comes again", error);
                    }
                });
    }

    @Override
    public CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public void close() {
        WebSocket open = socket;
        if (open != null && !open.isOutputClosed()) {
            synchronized (this) {
                sending = sending.handle((ok, error) -> null)
                        .thenCompose(ignored -> open.sendClose(WebSocket.NORMAL_CLOSURE, "device closing"))
                        .orTimeout(2, TimeUnit.SECONDS)
                        .whenComplete((ok, error) -> open.abort());
            }
        }
        ended.complete(null);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        lastHeard = System.nanoTime();
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            received(text);
        }
        webSocket.request(1);
        return null;
    }

    private void received(String text) {
        try {
            JsonNode frame = Json.MAPPER.readTree(text);
            switch (frame.path("type").asText()) {
                case "command" -> commands.accept(Json.command(frame));
                case "error" -> log.log(Level.WARNING, "Courier: {0}", frame.path("error").asText());
                default -> log.log(Level.DEBUG, "Ignoring a frame of type {0}", frame.path("type").asText());
            }
        } catch (JsonProcessingException notJson) {
            log.log(Level.WARNING, "Ignoring a frame that is not JSON: {0}", notJson.getOriginalMessage());
        }
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        lastHeard = System.nanoTime(); // the JDK answers the ping with a pong itself
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        log.log(Level.INFO, "Courier closed the WebSocket: {0} {1}", statusCode, reason);
        ended.completeExceptionally(new IOException("closed by Courier: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended.completeExceptionally(error);
    }
}
