package dev.courier.client.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.courier.client.app.AuthenticationException;
import dev.courier.client.app.CommandView;
import dev.courier.client.app.ConflictException;
import dev.courier.client.app.CourierApp;
import dev.courier.client.app.History;
import dev.courier.client.app.InvalidRequestException;
import dev.courier.client.app.NotFoundException;
import dev.courier.client.app.RegisteredDevice;
import dev.courier.client.app.Send;
import dev.courier.client.app.SendResult;
import dev.courier.client.device.CourierDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CourierApp against a real Courier: the README's curl walk-through, the registry, and typed problems. */
class AppClientTests {

    static CourierServer courier;
    static CourierApp app;

    @BeforeAll
    static void start() throws Exception {
        courier = CourierServer.start();
        app = TestApps.app(courier);
    }

    @AfterAll
    static void stop() throws Exception {
        courier.close();
    }

    @Test
    void theReadmeWalkThrough() {
        // 1. register a device; its token is shown only now
        String ident = TestApps.ident("sensor");
        RegisteredDevice registered = app.devices().register(ident);
        assertThat(registered.token()).startsWith("dt_");

        // 2. send it a command (sensor_99 does not exist)
        Map<String, SendResult> sent = app.command().send("reboot", List.of(ident, "sensor_99"), Map.of("delay", 5));
        assertThat(sent.get(ident).sent()).isTrue();
        assertThat(sent.get(ident).status()).isEqualTo("queued");
        assertThat(sent.get("sensor_99")).isEqualTo(new SendResult(false, null, null, "Device not found"));
        String id = sent.get(ident).id();

        // 3. see it pending: in the device's queue and in history
        assertThat(app.command().pending(ident)).singleElement().satisfies(pending -> {
            assertThat(pending.id()).isEqualTo(id);
            assertThat(pending.name()).isEqualTo("reboot");
            assertThat(pending.value().path("delay").asInt()).isEqualTo(5);
            assertThat(pending.status()).isEqualTo("queued");
            assertThat(pending.attempts()).isZero();
        });
        History history = app.command().history("reboot", List.of(ident, "sensor_99"), Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(history.get(ident)).singleElement().satisfies(record -> {
            assertThat(record.id()).isEqualTo(id);
            assertThat(record.value().path("delay").asInt()).isEqualTo(5);
            assertThat(record.status()).isEqualTo("queued");
            assertThat(record.timestamp()).isPositive();
        });
        assertThat(history.errors()).containsEntry("sensor_99", "Device not found");
        assertThat(history).doesNotContainKey("sensor_99");

        // 4. cancel it
        assertThat(app.command().cancel(id).status()).isEqualTo("cancelled");

        // 5. send a fresh one for the device to receive; 6./7. the device receives it and acks
        String fresh = app.command().send("reboot", List.of(ident), Map.of("delay", 1)).get(ident).id();
        try (var device = CourierDevice.connect(courier.url(), registered.token())) {
            device.listen("reboot", command -> assertThat(command.data().path("delay").asInt()).isEqualTo(1));

            // 8. what became of it
            await().untilAsserted(() -> assertThat(app.command().get(fresh).status()).isEqualTo("acked"));
        }
        CommandView view = app.command().get(fresh);
        assertThat(view.attempts()).isEqualTo(1);
        assertThat(view.deviceIdent()).isEqualTo(ident);
        assertThat(view.ackedAt()).isNotNull();
    }

    @Test
    void theRegistryRegistersListsRotatesAndDeletes() {
        String first = TestApps.ident("reg");
        String second = TestApps.ident("reg");
        String oldToken = app.devices().register(first).token();
        app.devices().register(second);
        app.command().send("reboot", List.of(first), 1);

        assertThat(app.devices().get(first).pending()).isEqualTo(1);
        assertThat(app.devices().get(first).online()).isFalse();
        var page = app.devices().list(1);
        assertThat(page.devices()).hasSize(1);
        assertThat(page.next()).isNotNull();
        assertThat(app.devices().list(1, page.next()).devices()).hasSize(1).doesNotContainAnyElementsOf(page.devices());
        assertThat(app.devices().rotateToken(first).token()).startsWith("dt_").isNotEqualTo(oldToken);

        app.devices().delete(first);
        assertThatThrownBy(() -> app.devices().get(first)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void purgeCancelsTheWholeQueue() {
        String ident = TestApps.ident("purge");
        app.devices().register(ident);
        for (int i = 0; i < 3; i++) {
            app.command().send("reboot", List.of(ident), i);
        }

        assertThat(app.command().purge(ident)).isEqualTo(3);
        assertThat(app.command().pending(ident)).isEmpty();
    }

    @Test
    void theSameSendSentTwiceQueuesOneCommand() {
        String ident = TestApps.ident("idem");
        app.devices().register(ident);
        Send send = Send.command("reboot", List.of(ident), Map.of("delay", 5));

        String first = app.command().send(send).get(ident).id();
        String again = app.command().send(send).get(ident).id();

        assertThat(again).isEqualTo(first);
        assertThat(app.command().pending(ident)).hasSize(1);
    }

    @Test
    void problemsBecomeTypedExceptions() {
        String ident = TestApps.ident("problem");
        app.devices().register(ident);

        assertThatThrownBy(() -> app.command().send("re boot", List.of(ident), 1))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> {
                    assertThat(invalid.field()).isEqualTo("name");
                    assertThat(invalid.detail())
                            .isEqualTo("command name contains invalid characters. Allowed: a-z, A-Z, 0-9, _, -");
                });
        assertThatThrownBy(() -> app.devices().register(ident))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> app.command().get("0190e4a0-0000-7000-8000-000000000000"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> app.command().history("reboot", List.of(ident), Instant.now(), Instant.now().minusSeconds(60)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> CourierApp.connect(courier.url(), "ck_1_wrong").devices().list(10))
                .isInstanceOfSatisfying(AuthenticationException.class, refused -> assertThat(refused.status()).isEqualTo(401));
    }

    // issue 11: waiting for an outcome; these run only against a Courier that has it

    @Test
    void getWithAWaitAnswersOnceTheCommandIsFinal() throws Exception {
        assumeTrue(courier.supportsWaitAndResults(), "this Courier cannot wait for an outcome (issue 11)");
        String ident = TestApps.ident("wait");
        String token = app.devices().register(ident).token();
        var release = new CompletableFuture<Void>();
        String id = app.command().send("reboot", List.of(ident), 1).get(ident).id();
        try (var device = CourierDevice.connect(courier.url(), token)) {
            device.listenAsync("reboot", command -> release);
            var waiting = CompletableFuture.supplyAsync(() -> app.command().get(id, Duration.ofSeconds(20)));
            await().during(Duration.ofMillis(500)).until(() -> !waiting.isDone());
            release.complete(null);

            assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo("acked");
        }
    }

    @Test
    void aSendThatWaitsAnswersWithTheFinalStatus() throws Exception {
        assumeTrue(courier.supportsWaitAndResults(), "this Courier cannot wait for an outcome (issue 11)");
        String ident = TestApps.ident("send_wait");
        String token = app.devices().register(ident).token();
        try (var device = CourierDevice.connect(courier.url(), token)) {
            device.listen("reboot", command -> {});

            var sent = app.command().send(Send.command("reboot", List.of(ident), 1).waitFor(Duration.ofSeconds(20)));

            assertThat(sent.get(ident).status()).isEqualTo("acked");
        }
    }
}
