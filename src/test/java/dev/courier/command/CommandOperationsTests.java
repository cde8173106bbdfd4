package dev.courier.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import dev.courier.DeviceClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@CourierTest
class CommandOperationsTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCommandByIdCarriesItsFullStatus() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");
        String id = send(app, "sensor_01", "reboot", "{\"delay\":5}", null);

        JsonNode command = app.get("/v1/commands/" + id).body();

        assertThat(command.get("id").stringValue()).isEqualTo(id);
        assertThat(command.get("name").stringValue()).isEqualTo("reboot");
        assertThat(command.get("device_ident").stringValue()).isEqualTo("sensor_01");
        assertThat(command.get("value").get("delay").intValue()).isEqualTo(5);
        assertThat(command.get("status").stringValue()).isEqualTo("queued");
        assertThat(command.get("attempts").intValue()).isZero();
        for (String key : List.of("delivered_at", "acked_at", "error")) {
            assertThat(command.has(key)).as(key).isTrue();
            assertThat(command.get(key).isNull()).as(key).isTrue();
        }
    }

    @Test
    void anUnknownOrMalformedIdIsNotFound() {
        var app = CourierClient.newApp(port, "free");

        assertThat(app.get("/v1/commands/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(app.get("/v1/commands/not-an-id").status()).isEqualTo(404);
        assertThat(app.delete("/v1/commands/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void cancellingAQueuedCommandMarksItCancelledAndTakesItOffTheQueue() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");
        String id = send(app, "d", "n", "1", null);

        var cancelled = app.delete("/v1/commands/" + id);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("status").stringValue()).isEqualTo("cancelled");
        assertThat(app.get("/v1/commands/" + id).body().get("status").stringValue())
                .isEqualTo("cancelled");
        assertThat(app.get("/v1/devices/d/commands").body()).isEmpty();
        assertThat(app.delete("/v1/commands/" + id).status())
                .as("cancelling twice")
                .isEqualTo(200);
    }

    @Test
    void aFinishedCommandCannotBeCancelled() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");
        String token = app.newDevice("e");
        String acked = send(app, "e", "n", "1", null);
        var device = app.withToken(token);
        device.get("/v1/device/commands?name=n&wait=0");
        device.post("/v1/device/commands/" + acked + "/ack", "");

        var response = app.delete("/v1/commands/" + acked);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().get("detail").stringValue()).contains("already acked");
    }

    @Test
    void aCommandPastItsTtlIsExpiredNeverPendingAndNotCancellable() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");
        String id = send(app, "d", "n", "1", 1L);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> app.get("/v1/commands/" + id)
                        .body()
                        .get("status")
                        .stringValue()
                        .equals("expired"));

        assertThat(app.get("/v1/devices/d/commands").body()).isEmpty();
        assertThat(app.delete("/v1/commands/" + id).status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(10)).until(() -> storedStatus(id).equals("expired"));
        assertThat(app.get("/v1/devices/d").body().get("pending").intValue()).isZero();
    }

    @Test
    void aDevicesQueueListsPendingCommandsOldestFirstWithTheirNames() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");
        String first = send(app, "d", "reboot", "1", null);
        String second = send(app, "d", "blink", "2", null);
        String third = send(app, "d", "reboot", "3", null);
        app.delete("/v1/commands/" + second);

        JsonNode pending = app.get("/v1/devices/d/commands").body();

        assertThat(pending.values().stream().map(c -> c.get("id").stringValue()).toList())
                .containsExactly(first, third);
        assertThat(pending.get(0).get("name").stringValue()).isEqualTo("reboot");
        assertThat(pending.get(0).has("acked_at")).isTrue();
    }

    @Test
    void purgingCancelsEveryPendingCommandOfTheDevice() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");
        app.newDevice("other");
        String a = send(app, "d", "reboot", "1", null);
        String b = send(app, "d", "blink", "2", null);
        String kept = send(app, "other", "reboot", "3", null);

        var purged = app.delete("/v1/devices/d/commands");

        assertThat(purged.status()).isEqualTo(200);
        assertThat(purged.body().get("cancelled").intValue()).isEqualTo(2);
        assertThat(app.get("/v1/devices/d/commands").body()).isEmpty();
        assertThat(app.get("/v1/commands/" + a).body().get("status").stringValue())
                .isEqualTo("cancelled");
        assertThat(app.get("/v1/commands/" + b).body().get("status").stringValue())
                .isEqualTo("cancelled");
        assertThat(app.get("/v1/commands/" + kept).body().get("status").stringValue())
                .isEqualTo("queued");
    }

    @Test
    void purgingAnUnknownDeviceIsNotFound() {
        var app = CourierClient.newApp(port, "free");

        assertThat(app.delete("/v1/devices/ghost/commands").status()).isEqualTo(404);
        assertThat(app.get("/v1/devices/ghost/commands").status()).isEqualTo(404);
    }

    @Test
    void anAckOfACancelledCommandSaysItWasAlreadyFinished() throws InterruptedException {
        var app = CourierClient.newApp(port, "free");
        String token = app.newDevice("d");
        var device = app.withToken(token);
        String overHttp = send(app, "d", "n", "1", null);
        assertThat(device.get("/v1/device/commands?name=n&wait=0")
                        .body()
                        .get(0)
                        .get("id")
                        .stringValue())
                .isEqualTo(overHttp);
        app.delete("/v1/commands/" + overHttp);

        var ack = device.post("/v1/device/commands/" + overHttp + "/ack", "");

        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.body().get("status").stringValue()).isEqualTo("cancelled");
        assertThat(app.get("/v1/commands/" + overHttp).body().get("status").stringValue())
                .isEqualTo("cancelled");

        String overSocket = send(app, "d", "m", "2", null);
        try (var socket = DeviceClient.connect(port, token).listen("m")) {
            assertThat(socket.next().get("id").stringValue()).isEqualTo(overSocket);
            app.delete("/v1/commands/" + overSocket);
            socket.ack(overSocket);
            JsonNode answer = socket.next();
            assertThat(answer.get("type").stringValue()).isEqualTo("error");
            assertThat(answer.get("id").stringValue()).isEqualTo(overSocket);
            assertThat(answer.get("error").stringValue()).contains("cancelled");
        }
    }

    static String send(CourierClient app, String device, String name, String data, Long ttl) {
        String body = "{\"name\":\"" + name + "\",\"device_ident\":[\"" + device + "\"],\"data\":" + data
                + (ttl == null ? "" : ",\"ttl\":" + ttl) + "}";
        return app.post("/v1/commands", body).body().get(device).get("id").stringValue();
    }

    private String storedStatus(String id) {
        return jdbc.sql("SELECT status FROM command WHERE id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
    }
}
