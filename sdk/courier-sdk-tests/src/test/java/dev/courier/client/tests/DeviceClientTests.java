package dev.courier.client.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.courier.client.app.CommandView;
import dev.courier.client.app.CourierApp;
import dev.courier.client.device.Command;
import dev.courier.client.device.CourierDevice;
import dev.courier.client.device.DeviceOptions;
import dev.courier.client.device.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CourierDevice against a real Courier over the WebSocket: acks, nacks, async handlers, order, off, shutdown. */
class DeviceClientTests {

    static CourierServer courier;
    static CourierApp app;
    static final DeviceOptions FAST = DeviceOptions.builder().reconnect(Duration.ofMillis(100), Duration.ofSeconds(1)).build();

    final List<CourierDevice> devices = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        courier = CourierServer.start("--courier.delivery.retry-delay=1s", "--courier.delivery.max-attempts=3");
        app = TestApps.app(courier);
    }

    @AfterAll
    static void stop() throws Exception {
        courier.close();
    }

    @AfterEach
    void closeDevices() {
        devices.forEach(CourierDevice::close);
    }

    CourierDevice connect(String ident) {
        var device = CourierDevice.connect(courier.url(), app.devices().register(ident).token(), FAST);
        devices.add(device);
        return device;
    }

    String send(String ident, String name, Object data) {
        return app.command().send(name, List.of(ident), data).get(ident).id();
    }

    void awaitStatus(String id, String status) {
        await().untilAsserted(() -> assertThat(app.command().get(id).status()).isEqualTo(status));
    }

    @Test
    void aHandlerThatReturnsAcksItsCommand() {
        String ident = TestApps.ident("ack");
        List<Command> received = new CopyOnWriteArrayList<>();
        var device = connect(ident).listen("reboot", received::add);

        String id = send(ident, "reboot", Map.of("delay", 5));

        awaitStatus(id, "acked");
        assertThat(device.transport()).isEqualTo(Transport.WEBSOCKET);
        assertThat(received).singleElement().satisfies(command -> {
            assertThat(command.id()).isEqualTo(id);
            assertThat(command.name()).isEqualTo("reboot");
            assertThat(command.data().path("delay").asInt()).isEqualTo(5);
            assertThat(command.attempt()).isEqualTo(1);
        });
    }

    @Test
    void aHandlerThatThrowsNacksWithItsMessageAndGetsTheCommandAgainUntilItFails() {
        String ident = TestApps.ident("nack");
        var attempts = new CopyOnWriteArrayList<Integer>();
        connect(ident).listen("update", command -> {
            attempts.add(command.attempt());
            throw new IllegalStateException("disk full");
        });

        String id = send(ident, "update", "v2");

        awaitStatus(id, "failed");
        CommandView failed = app.command().get(id);
        assertThat(failed.error()).isEqualTo("disk full");
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(attempts).containsExactly(1, 2, 3);
    }

    @Test
    void anAsyncHandlerAcksOnlyWhenItsFutureCompletes() {
        String ident = TestApps.ident("async");
        var done = new CompletableFuture<Void>();
        connect(ident).listenAsync("reboot", command -> done);

        String id = send(ident, "reboot", 1);
        awaitStatus(id, "delivered");
        await().during(Duration.ofMillis(300)).until(() -> app.command().get(id).status().equals("delivered"));
        done.complete(null);

        awaitStatus(id, "acked");
    }

    @Test
    void oneNameRunsInSendOrderWhileAnotherNameRunsAlongside() {
        String ident = TestApps.ident("order");
        List<Object> handled = new CopyOnWriteArrayList<>();
        var other = new CompletableFuture<Void>();
        var device = connect(ident);
        // the first "a" finishes only after "b" was handled: names do not wait for each other
        device.listenAsync("a", command -> {
            handled.add(command.data().asInt());
            return command.data().asInt() == 1 ? other : CompletableFuture.completedFuture(null);
        });
        device.listen("b", command -> {
            handled.add("b");
            other.complete(null);
        });

        List<String> ids = List.of(send(ident, "a", 1), send(ident, "a", 2), send(ident, "a", 3), send(ident, "b", 0));

        ids.forEach(id -> awaitStatus(id, "acked"));
        assertThat(handled).containsExactly(1, "b", 2, 3);
    }

    @Test
    void afterOffTheNamesCommandsWaitInTheQueueUntilItListensAgain() {
        String ident = TestApps.ident("off");
        var handled = new AtomicInteger();
        var device = connect(ident).listen("reboot", command -> handled.incrementAndGet());
        device.off("reboot");

        String id = send(ident, "reboot", 1);
        await().during(Duration.ofMillis(500)).until(() -> app.command().get(id).status().equals("queued"));
        device.listen("reboot", command -> handled.incrementAndGet());

        awaitStatus(id, "acked");
        assertThat(handled).hasValue(1);
    }

    @Test
    void closeWaitsForTheRunningHandlerAndSendsItsAck() {
        String ident = TestApps.ident("close");
        var done = new CompletableFuture<Void>();
        var device = connect(ident).listenAsync("reboot", command -> done);
        String id = send(ident, "reboot", 1);
        awaitStatus(id, "delivered");

        var closing = CompletableFuture.runAsync(device::close);
        await().during(Duration.ofMillis(300)).until(() -> !closing.isDone());
        done.complete(null);

        await().until(closing::isDone);
        assertThat(device.stopped()).isCompleted();
        assertThat(device.transport()).isEqualTo(Transport.DISCONNECTED);
        awaitStatus(id, "acked");
    }

    // issue 11: an ack's result; these run only against a Courier that keeps results

    @Test
    void aHandlersResultIsKeptWithItsAck() throws Exception {
        assumeTrue(courier.supportsWaitAndResults(), "this Courier keeps no ack results (issue 11)");
        String ident = TestApps.ident("result");
        connect(ident).listenForResult("status", command -> Map.of("uptime", 42));

        String id = send(ident, "status", 1);

        awaitStatus(id, "acked");
        assertThat(app.command().get(id).result().path("uptime").asInt()).isEqualTo(42);
    }

    @Test
    void aResultTooLargeForAFrameIsAckedOverHttp() throws Exception {
        assumeTrue(courier.supportsWaitAndResults(), "this Courier keeps no ack results (issue 11)");
        String ident = TestApps.ident("big_result");
        String large = "x".repeat(6000);
        connect(ident).listenForResult("dump", command -> Map.of("log", large));

        String id = send(ident, "dump", 1);

        awaitStatus(id, "acked");
        assertThat(app.command().get(id).result().path("log").asText()).isEqualTo(large);
    }
}
