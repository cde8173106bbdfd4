package dev.courier.client.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.courier.client.app.CourierApp;
import dev.courier.client.device.CourierDevice;
import dev.courier.client.device.DeviceOptions;
import dev.courier.client.device.TokenRefusedException;
import dev.courier.client.device.Transport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CourierDevice through a proxy that cuts its connections: it reconnects, listens again, acks a repeat of a command
 * it handled without handling it twice; and a refused token stops it without a single retry.
 */
class DeviceReconnectTests {

    static CourierServer courier;
    static CourierApp app;
    static final DeviceOptions FAST = DeviceOptions.builder().reconnect(Duration.ofMillis(100), Duration.ofSeconds(1)).build();

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
    }

    @AfterEach
    void closeAll() throws Exception {
        if (device != null) {
            device.close();
        }
        proxy.close();
    }

    @Test
    void aCommandWhoseAckWasLostComesAgainAndIsAckedWithoutBeingHandledTwice() {
        String ident = TestApps.ident("lost_ack");
        var handled = new AtomicInteger();
        var release = new CompletableFuture<Void>();
        device = CourierDevice.connect(proxy.url(), app.devices().register(ident).token(), FAST);
        device.listenAsync("reboot", command -> {
            handled.incrementAndGet();
            return release;
        });
        String id = app.command().send("reboot", List.of(ident), 1).get(ident).id();
        await().until(() -> handled.get() == 1);

        proxy.cutAll(); // the ack that follows has no way to Courier, which puts the command back in the queue
        release.complete(null);

        await().untilAsserted(() -> assertThat(app.command().get(id).status()).isEqualTo("acked"));
        assertThat(app.command().get(id).attempts()).as("handed over again after the cut").isEqualTo(2);
        assertThat(handled).as("the repeat was acked, not handled").hasValue(1);

        // the listen was sent again on the new connection: new commands keep coming
        String next = app.command().send("reboot", List.of(ident), 2).get(ident).id();
        await().untilAsserted(() -> assertThat(app.command().get(next).status()).isEqualTo("acked"));
        assertThat(handled).hasValue(2);
    }

    @Test
    void aWrongTokenStopsConnectWithAClearErrorAndIsNotTriedAgain() {
        assertThatThrownBy(() -> CourierDevice.connect(proxy.url(), "dt_1_wrong", FAST))
                .isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("refused the device token (401)")
                .hasMessageContaining("stopped");

        int attempts = proxy.connections();
        await().during(Duration.ofSeconds(2)).until(() -> proxy.connections() == attempts);
        assertThat(attempts).isEqualTo(1);
    }

    @Test
    void aTokenRotatedWhileConnectedStopsTheDeviceWithTheError() {
        String ident = TestApps.ident("rotated");
        device = CourierDevice.connect(proxy.url(), app.devices().register(ident).token(), FAST);
        device.listen("reboot", command -> {});
        await().until(() -> device.transport() == Transport.WEBSOCKET);

        app.devices().rotateToken(ident);

        await().atMost(Duration.ofSeconds(15)).until(() -> device.stopped().isDone());
        assertThatThrownBy(() -> device.stopped().join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(TokenRefusedException.class);
        assertThat(device.transport()).isEqualTo(Transport.DISCONNECTED);
        int attempts = proxy.connections();
        await().during(Duration.ofSeconds(2)).until(() -> proxy.connections() == attempts);
    }
}
