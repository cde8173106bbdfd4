package dev.courier.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP server on 127.0.0.1 that records every webhook post and answers as told. */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One post as it arrived. */
    record Post(String id, String timestamp, String signature, String contentType, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        long eventId() {
            return json().get("data").get("id").asLong();
        }
    }

    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile int status = 200;
    private volatile long delayMillis;
    private volatile String redirectTo;
    private HttpServer server;
    private volatile int port;

    private WebhookReceiver(int port) {
        this.port = port;
    }

    static WebhookReceiver start() {
        WebhookReceiver receiver = new WebhookReceiver(0);
        receiver.listen();
        return receiver;
    }

    /** Listens (again) on its port. */
    WebhookReceiver listen() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    /** Stops listening: connections are refused until {@link #listen()}. */
    void down() {
        server.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    WebhookReceiver answering(int status) {
        this.status = status;
        return this;
    }

    WebhookReceiver slow(long delayMillis) {
        this.delayMillis = delayMillis;
        return this;
    }

    WebhookReceiver redirectingTo(String url) {
        this.redirectTo = url;
        return this;
    }

    List<Post> posts() {
        return new ArrayList<>(posts);
    }

    /** The posts with repeats (same webhook-id) removed, in the order they first came. */
    List<Post> distinct() {
        Map<String, Post> byId = new LinkedHashMap<>();
        posts.forEach(post -> byId.putIfAbsent(post.id(), post));
        return new ArrayList<>(byId.values());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        posts.add(new Post(
                headers.getFirst("webhook-id"),
                headers.getFirst("webhook-timestamp"),
                headers.getFirst("webhook-signature"),
                headers.getFirst("Content-Type"),
                body));
        try {
            Thread.sleep(delayMillis); // the receiver's own slowness, not the test waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (redirectTo != null) {
            exchange.getResponseHeaders().add("Location", redirectTo);
            exchange.sendResponseHeaders(302, -1);
        } else {
            exchange.sendResponseHeaders(status, -1);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
