package dev.courier.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;

/**
 * PostgreSQL stopped under a running Courier and started again (issue 9), with devices connected: how fast
 * requests fail and with what, how fast health answers, whether the devices' sockets survive the outage and
 * the heartbeats after it, and how long until sends work again.
 *
 * <pre>java -cp bench/target/courier-bench.jar dev.courier.bench.DatabaseOutage --url http://127.0.0.1:8080
 *     --admin-token secret --stop "pg_ctlcluster 15 main stop" --start "pg_ctlcluster 15 main start"
 *     [--devices 200] [--outage 30] [--after 45]</pre>
 *
 * {@code --after} is how long it watches the sockets once the database is back: more than two heartbeats
 * (20 s each) shows that no socket is judged dead for the server's own stall.
 */
public final class DatabaseOutage {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;
    private final Api app;
    private final Map<Integer, AtomicInteger> closes = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();

    private DatabaseOutage(String url, Api app) {
        this.url = url;
        this.app = app;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = options.getOrDefault("url", "http://127.0.0.1:8080");
        int devices = Integer.parseInt(options.getOrDefault("devices", "200"));
        int outage = Integer.parseInt(options.getOrDefault("outage", "30"));
        int after = Integer.parseInt(options.getOrDefault("after", "45"));
        Api app = new Api(url, options.get("admin-token")).newApp("outage-" + System.nanoTime());
        new DatabaseOutage(url, app)
                .run(devices, Duration.ofSeconds(outage), Duration.ofSeconds(after), options.get("stop"), options
                        .get("start"));
    }

    private void run(int count, Duration outage, Duration after, String stop, String start) throws Exception {
        List<String> tokens = app.newDevices("dev", count);
        List<WebSocket> sockets = new ArrayList<>();
        for (String token : tokens) {
            sockets.add(HTTP.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create(url.replaceFirst("^http", "ws") + "/v1/device/ws"), new Listener())
                    .join());
        }
        sockets.forEach(socket -> socket.sendText("{\"type\":\"listen\",\"name\":\"check\"}", true).join());
        String everyone = IntStream.range(0, count).mapToObj(i -> "\"dev" + i + "\"").collect(Collectors.joining(","));
        String send = "{\"name\":\"check\",\"device_ident\":[" + everyone + "],\"data\":1}";
        System.out.printf("before: send %s, %s%n", post(send), delivered(count, 1));

        shell(stop);
        long stopped = System.nanoTime();
        var sendMillis = new Histogram(3);
        var healthMillis = new Histogram(3);
        Map<Integer, Integer> sendStatuses = new TreeMap<>();
        Map<Integer, Integer> healthStatuses = new TreeMap<>();
        while (System.nanoTime() - stopped < outage.toNanos()) {
            long sendStart = System.nanoTime();
            sendStatuses.merge(post(send), 1, Integer::sum);
            sendMillis.recordValue(millisSince(sendStart));
            long healthStart = System.nanoTime();
            healthStatuses.merge(health(), 1, Integer::sum);
            healthMillis.recordValue(millisSince(healthStart));
            Thread.sleep(250);
        }
        System.out.printf(
                "during a %d s outage: sends %s in p50 %d ms, max %d ms; health %s in p50 %d ms, max %d ms;"
                        + " sockets closed %s%n",
                outage.toSeconds(),
                sendStatuses,
                sendMillis.getValueAtPercentile(50),
                sendMillis.getMaxValue(),
                healthStatuses,
                healthMillis.getValueAtPercentile(50),
                healthMillis.getMaxValue(),
                closes);

        shell(start);
        long started = System.nanoTime();
        while (health() != 200) {
            Thread.sleep(100);
        }
        long healthy = millisSince(started);
        int status;
        while ((status = post(send)) != 200) {
            Thread.sleep(100);
        }
        System.out.printf(
                "database started: health UP after %d ms, first send %d after %d ms, %s%n",
                healthy, status, millisSince(started), delivered(count, 1));
        Thread.sleep(after.toMillis());
        System.out.printf(
                "%d s later: sockets closed %s (of %d); a send now %d, %s%n",
                after.toSeconds(), closes, count, post(send), delivered(count, 1));
        sockets.forEach(WebSocket::abort);
    }

    private String delivered(int count, int rounds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.get() < count * rounds && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        int got = received.getAndSet(0);
        return got + " of " + count + " devices got it on their socket";
    }

    private int post(String body) {
        var request = HttpRequest.newBuilder(URI.create(url + "/v1/commands"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + app.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return status(request);
    }

    private int health() {
        return status(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                .timeout(Duration.ofSeconds(60))
                .build());
    }

    private static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException failed) {
            return -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void shell(String command) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("sh", "-c", command).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(command + " exited with " + exit);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                var frame = Api.JSON.readTree(partial.toString());
                partial.setLength(0);
                if (frame.get("type").stringValue().equals("command")) {
                    received.incrementAndGet();
                    socket.sendText("{\"type\":\"ack\",\"id\":\"" + frame.get("id").stringValue() + "\"}", true);
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closes.computeIfAbsent(statusCode, any -> new AtomicInteger()).incrementAndGet();
            return null;
        }
    }
}
