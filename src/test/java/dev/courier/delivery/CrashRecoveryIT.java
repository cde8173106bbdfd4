package dev.courier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.courier.CourierClient;
import dev.courier.DeviceClient;
import dev.courier.EventStreamClient;
import dev.courier.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The durability promise end to end: Courier runs as its own process (the built jar) under load, with devices
 * consuming and acking over WebSockets, and is killed with SIGKILL mid-run, then restarted. Every command that
 * was answered {@code sent: true} must end up acked by its device; duplicates are allowed, losses are not. An
 * app follows the event stream throughout, resuming with {@code Last-Event-ID} whenever it drops: it must see
 * every event exactly once (numbers 1, 2, 3… without a gap or a repeat), the acks of all those commands included.
 */
class CrashRecoveryIT {

    private static final int DEVICES = 20;
    private static final int SENDERS = 4;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final Set<String> answeredSent = ConcurrentHashMap.newKeySet();
    private final List<Long> eventNumbersSeen = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> ackedEventsSeen = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private Process courier;
    private int port;

    @AfterEach
    void stop() {
        sending.set(false);
        running.set(false);
        threads.forEach(Thread::interrupt);
        if (courier != null) {
            courier.destroyForcibly();
        }
    }

    @Test
    void everyCommandAnsweredSentIsAckedAfterAKillDashNine() throws Exception {
        port = freePort();
        courier = start("before-crash");
        var app = CourierClient.newApp(port, "pro");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            tokens.add(app.newDevice("device_" + i));
        }
        tokens.forEach(token -> spawn(() -> consumeAndAck(token)));
        spawn(() -> followEvents(app.token()));
        for (int i = 0; i < SENDERS; i++) {
            spawn(() -> sendAtRandom(app));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> answeredSent.size() >= 300);

        courier.destroyForcibly().waitFor();
        int sentBeforeCrash = answeredSent.size();
        courier = start("after-crash");
        await().atMost(Duration.ofSeconds(30)).until(() -> answeredSent.size() >= sentBeforeCrash + 300);
        sending.set(false); // the devices go on consuming

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(notAcked()).isEmpty());
        assertThat(answeredSent).hasSizeGreaterThan(600);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(ackedEventsSeen).containsAll(answeredSent));
        List<Long> seen = List.copyOf(eventNumbersSeen);
        assertThat(seen)
                .as("every event once, in order, across the crash and the reconnects")
                .isEqualTo(LongStream.rangeClosed(1, seen.size()).boxed().toList());
        System.out.printf(
                "Crash recovery: %d commands answered sent before the SIGKILL, %d in all, every one acked; %d events"
                        + " streamed, none missed or repeated%n",
                sentBeforeCrash, answeredSent.size(), seen.size());
    }

    private void sendAtRandom(CourierClient app) {
        while (sending.get()) {
            int device = ThreadLocalRandom.current().nextInt(DEVICES);
            try {
                var response = app.post(
                        "/v1/commands",
                        "{\"name\":\"work\",\"device_ident\":[\"device_" + device + "\"],\"data\":{\"n\":1}}");
                JsonNode result = response.status() == 200 ? response.body().get("device_" + device) : null;
                if (result != null && result.get("sent").booleanValue()) {
                    answeredSent.add(result.get("id").stringValue());
                }
            } catch (RuntimeException courierIsDown) {
                // no answer, no promise: keep sending until it is back
            }
        }
    }

    /** A device that reconnects whenever its connection drops, and acks everything it is handed. */
    private void consumeAndAck(String token) {
        while (running.get()) {
            try (var device = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> DeviceClient.connect(port, token), client -> true)) {
                device.listen("work");
                while (running.get() && !device.closed().isDone()) {
                    JsonNode frame = device.next(Duration.ofMillis(200));
                    if (frame != null && frame.get("type").stringValue().equals("command")) {
                        device.ack(frame.get("id").stringValue());
                    }
                }
            } catch (InterruptedException stopped) {
                return;
            } catch (RuntimeException connectionLost) {
                // reconnect
            }
        }
    }

    /** An app reading the event stream from the first event, resuming after the last one it saw when it drops. */
    private void followEvents(String apiKey) {
        while (running.get()) {
            String lastSeen = eventNumbersSeen.isEmpty()
                    ? "0"
                    : eventNumbersSeen.get(eventNumbersSeen.size() - 1).toString();
            try (var stream = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> EventStreamClient.open(port, apiKey, null, lastSeen), client -> true)) {
                while (running.get() && !stream.ended().isDone()) {
                    seen(stream.next(Duration.ofMillis(200)));
                }
                while (stream.waiting() > 0) { // what arrived before it ended
                    seen(stream.next(Duration.ZERO));
                }
            } catch (InterruptedException stopped) {
                return;
            } catch (RuntimeException connectionLost) {
                // resume
            }
        }
    }

    private void seen(EventStreamClient.Event event) {
        if (event != null) {
            eventNumbersSeen.add(event.id());
            if (event.status().equals("acked")) {
                ackedEventsSeen.add(event.commandId());
            }
        }
    }

    private Set<String> notAcked() throws SQLException {
        TestDatabase.Connection database = TestDatabase.get();
        Set<String> missing = ConcurrentHashMap.newKeySet();
        missing.addAll(answeredSent);
        try (Connection connection =
                        DriverManager.getConnection(database.url(), database.username(), database.password());
                var statement = connection.prepareStatement("SELECT id::text FROM command WHERE status = 'acked'");
                var rows = statement.executeQuery()) {
            while (rows.next()) {
                missing.remove(rows.getString(1));
            }
        }
        return missing;
    }

    private Process start(String phase) throws IOException {
        TestDatabase.Connection database = TestDatabase.get();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                System.getProperty("courier.jar"),
                "--server.port=" + port,
                "--spring.datasource.url=" + database.url(),
                "--courier.admin-token=" + CourierClient.ADMIN_TOKEN,
                "--courier.delivery.lease=2s",
                "--courier.delivery.retry-delay=500ms",
                "--courier.delivery.sweep-interval=200ms"));
        if (database.username() != null) {
            command.add("--spring.datasource.username=" + database.username());
            command.add("--spring.datasource.password=" + database.password());
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/crash-recovery-" + phase + ".log"))
                .start();
        var health = CourierClient.admin(port).withToken(null);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> health.get("/actuator/health").status() == 200);
        return process;
    }

    private void spawn(Runnable work) {
        Thread thread = new Thread(work);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
