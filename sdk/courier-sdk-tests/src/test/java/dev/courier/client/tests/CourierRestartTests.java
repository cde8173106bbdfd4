package dev.courier.client.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.courier.client.app.CourierApp;
import dev.courier.client.app.HistoryRecord;
import dev.courier.client.app.RetryPolicy;
import dev.courier.client.app.SendResult;
import dev.courier.client.device.CourierDevice;
import dev.courier.client.device.DeviceOptions;
import dev.courier.client.device.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of Courier under a connected CourierDevice while an app sends a stream of commands, and a restart
 * on the same database and port: every command the app was told was sent is handled exactly once and ends acked.
 */
class CourierRestartTests {

    static final int COMMANDS = 90;
    static final List<String> NAMES = List.of("reboot", "update", "report");

    static CourierServer courier;

    @BeforeAll
    static void start() throws Exception {
        // a short lease: what was handed over but not acked before the crash comes again soon after the restart
        courier = CourierServer.start("--courier.delivery.lease=3s");
    }

    @AfterAll
    static void stop() throws Exception {
        courier.close();
    }

    @Test
    void noCommandIsLostAndNoneIsHandledTwiceAcrossAKillAndRestart() throws Exception {
        // sends retry across the outage: connection errors are safe to retry with the send's idempotency key
        CourierApp app = CourierApp.builder(courier.url(), courier.newApp("pro"))
                .retry(new RetryPolicy(200, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(5)))
                .build();
        String ident = TestApps.ident("survivor");
        Handled handled = new Handled();
        var device = CourierDevice.connect(courier.url(), app.devices().register(ident).token(),
                DeviceOptions.builder().reconnect(Duration.ofMillis(100), Duration.ofSeconds(1)).build());
        // each handler takes a while (the app sends faster than they finish), so that some are running when
        // Courier dies: they finish while it is down, their acks are lost, and the commands come again after it
        NAMES.forEach(name -> device.listenAsync(name, command -> CompletableFuture.runAsync(
                () -> handled.add(command.id()), CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))));

        List<String> sent = new CopyOnWriteArrayList<>();
        var sender = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < COMMANDS; i++) {
                Map<String, SendResult> result = app.command().send(NAMES.get(i % NAMES.size()), List.of(ident), i);
                assertThat(result.get(ident).sent()).isTrue();
                sent.add(result.get(ident).id());
            }
        });
        await().until(() -> sent.size() >= COMMANDS / 3);
        courier.kill();
        int sentBeforeTheKill = sent.size();
        courier.restart();
        sender.get(120, TimeUnit.SECONDS);

        assertThat(sentBeforeTheKill).as("the stream went on during and after the outage").isLessThan(COMMANDS);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(unacked(app, ident, sent)).isEmpty());
        long handedOverAgain = sent.stream().filter(id -> app.command().get(id).attempts() > 1).count();
        System.out.printf("Courier killed after %d of %d sends; %d commands were handed over again after the restart%n",
                sentBeforeTheKill, COMMANDS, handedOverAgain);
        assertThat(handedOverAgain).as("commands in handlers at the kill came again").isPositive();
        assertThat(handled.ids()).as("each sent command handled once").containsExactlyInAnyOrderElementsOf(sent);
        assertThat(sent).doesNotHaveDuplicates().hasSize(COMMANDS);
        assertThat(device.transport()).isEqualTo(Transport.WEBSOCKET);
        device.close();
    }

    /** The sent commands whose history does not say acked. */
    static List<String> unacked(CourierApp app, String ident, List<String> sent) {
        List<HistoryRecord> records = new ArrayList<>();
        NAMES.forEach(name -> records.addAll(
                app.command().history(name, List.of(ident), Instant.now().minusSeconds(3600)).get(ident)));
        var acked = records.stream().filter(r -> r.status().equals("acked")).map(HistoryRecord::id)
                .collect(Collectors.toSet());
        return sent.stream().filter(id -> !acked.contains(id)).toList();
    }

    /** The ids handlers completed, in order, repeats included. */
    static final class Handled {
        private final ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();

        void add(String id) {
            ids.add(id);
        }

        List<String> ids() {
            return List.copyOf(ids);
        }
    }
}
