package dev.courier.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.JsonNode;

/**
 * Webhook endpoints for S2's app, served by the bench: {@code slow} of them answer only after {@code delay}
 * (slow or stuck receivers), and one more answers at once and measures how long each acked command's event took
 * from the ack to its arrival. Courier must allow plain http to 127.0.0.1
 * ({@code courier.webhooks.allow-private-addresses}).
 */
final class WebhookLoad implements AutoCloseable {

    private final int slow;
    private final Duration delay;
    private final boolean prompt;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "bench-webhook");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong slowReceived = new AtomicLong();
    private final AtomicLong fastReceived = new AtomicLong();
    private final Recorder lag = new Recorder(3);

    /** {@code prompt}: whether the prompt, measured endpoint is registered too. */
    WebhookLoad(int slow, Duration delay, boolean prompt) throws IOException {
        this.slow = slow;
        this.delay = delay;
        this.prompt = prompt;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1_000);
        server.createContext("/slow", this::slowly);
        server.createContext("/fast", this::atOnce);
        server.setExecutor(handlers);
        server.start();
    }

    /** Registers the endpoints for the app: the slow ones for every status, the fast one for acks. */
    void registerFor(Api app) throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        for (int i = 0; i < slow; i++) {
            app.post(
                    "/v1/webhooks",
                    "{\"url\":\"" + base + "/slow/" + i + "\",\"events\":[\"queued\",\"delivered\",\"acked\","
                            + "\"failed\",\"expired\",\"cancelled\"]}");
        }
        if (prompt) {
            app.post("/v1/webhooks", "{\"url\":\"" + base + "/fast\",\"events\":[\"acked\"]}");
        }
    }

    List<String> lines() {
        Histogram ackToWebhook = lag.getIntervalHistogram();
        return List.of(
                String.format(
                        Locale.ROOT,
                        "Webhooks during S2: %d endpoints answering after %d ms got %,d requests; the prompt endpoint"
                                + " got %,d acked events",
                        slow,
                        delay.toMillis(),
                        slowReceived.get(),
                        fastReceived.get()),
                String.format(
                        Locale.ROOT,
                        "Webhooks during S2: ack to the prompt endpoint p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms",
                        ackToWebhook.getValueAtPercentile(50) / 1_000.0,
                        ackToWebhook.getValueAtPercentile(99) / 1_000.0,
                        ackToWebhook.getMaxValue() / 1_000.0));
    }

    private void slowly(HttpExchange exchange) throws IOException {
        slowReceived.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        try {
            TimeUnit.MILLISECONDS.sleep(delay.toMillis()); // the receiver under test is slow on purpose
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        answer(exchange);
    }

    private void atOnce(HttpExchange exchange) throws IOException {
        JsonNode event = Api.JSON.readTree(exchange.getRequestBody().readAllBytes());
        // the event's timestamp is when the ack was recorded, on the database's clock (the same machine)
        long millis = System.currentTimeMillis() - event.get("data").get("timestamp").longValue();
        lag.recordValue(Math.max(0, millis) * 1_000);
        fastReceived.incrementAndGet();
        answer(exchange);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
