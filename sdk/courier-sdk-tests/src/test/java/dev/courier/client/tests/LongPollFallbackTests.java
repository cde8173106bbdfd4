package dev.courier.client.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.courier.client.app.CourierApp;
import dev.courier.client.device.Command;
import dev.courier.client.device.CourierDevice;
import dev.courier.client.device.DeviceOptions;
import dev.courier.client.device.TokenRefusedException;
import dev.courier.client.device.Transport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behind a proxy that refuses WebSocket upgrades, CourierDevice long-polls, and goes back once it can. */
class LongPollFallbackTests {

    static CourierServer courier;
    static CourierApp app;
    static final DeviceOptions OPTIONS = DeviceOptions.builder()
            .reconnect(Duration.ofMillis(100), Duration.ofSeconds(1))
            .webSocketRetry(Duration.ofSeconds(1))
            .pollWait(Duration.ofSeconds(5))
            .build();

    TestProxy proxy;
    CourierDevice device;

    @BeforeAll
    static void start() throws Exception {
        courier = CourierServer.start();
        app = TestApps.app(courier);
    }

    @AfterAll
    static void stop() throws Exception {
        courier.close();
    }

    @BeforeEach
    void openProxy() throws Exception {
        proxy = new TestProxy(courier.port());
        proxy.refuseUpgrades(true);
    }

    @AfterEach
    void closeAll() throws Exception {
        if (device != null) {
            device.close();
        }
        proxy.close();
    }

    String send(String ident, String name, int data) {
        return app.command().send(name, List.of(ident), data).get(ident).id();
    }

    void awaitAcked(String id) {
        await().untilAsserted(() -> assertThat(app.command().get(id).status()).isEqualTo("acked"));
    }

    @Test
    void receivesByLongPollWhileUpgradesAreRefusedAndReturnsToTheWebSocket() {
        String ident = TestApps.ident("poll");
        List<Command> received = new CopyOnWriteArrayList<>();
        device = CourierDevice.connect(proxy.url(), app.devices().register(ident).token(), OPTIONS);
        device.listen("reboot", received::add);

        await().until(() -> device.transport() == Transport.LONG_POLL);
        awaitAcked(send(ident, "reboot", 1));
        // a name added while a poll is parked is polled for at once
        device.listen("update", received::add);
        awaitAcked(send(ident, "update", 2));
        assertThat(proxy.upgradesRefused()).isPositive();

        proxy.refuseUpgrades(false);
        await().until(() -> device.transport() == Transport.WEBSOCKET);
        awaitAcked(send(ident, "reboot", 3));

        assertThat(received).extracting(command -> command.data().asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void aWrongTokenOnLongPollStopsTheDevice() {
        device = CourierDevice.connect(proxy.url(), "dt_1_wrong", OPTIONS);
        device.listen("reboot", command -> {});

        await().until(() -> device.stopped().isDone());
        assertThatThrownBy(() -> device.stopped().join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(TokenRefusedException.class);
        int attempts = proxy.connections();
        await().during(Duration.ofSeconds(2)).until(() -> proxy.connections() == attempts);
    }
}
