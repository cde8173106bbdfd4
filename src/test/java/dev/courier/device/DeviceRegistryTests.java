package dev.courier.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@CourierTest
class DeviceRegistryTests {

    @LocalServerPort
    int port;

    @Autowired
    DeviceRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @Test
    void registeringShowsTheTokenOnceAndStoresOnlyItsHash() {
        var app = CourierClient.newApp(port, "free");

        var created = app.post("/v1/devices", "{\"ident\":\"sensor_01\"}");

        assertThat(created.status()).isEqualTo(201);
        String token = created.body().get("token").stringValue();
        assertThat(created.body().get("ident").stringValue()).isEqualTo("sensor_01");
        assertThat(created.body().get("created_at").isIntegralNumber()).isTrue();
        assertThat(registry.authenticate(token)).map(AuthenticatedDevice::ident).contains("sensor_01");
        assertThat(app.get("/v1/devices/sensor_01").body().has("token")).isFalse();
        boolean storedAsHash = jdbc.sql("SELECT token_hash = sha256(convert_to(?, 'UTF8')) FROM device WHERE id = ?")
                .params(
                        token.substring(token.indexOf('_', 3) + 1),
                        registry.authenticate(token).orElseThrow().id().value())
                .query(Boolean.class)
                .single();
        assertThat(storedAsHash).isTrue();
    }

    @Test
    void showsPresenceAndPendingCount() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");
        app.post("/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\"],\"data\":{}}");
        app.post("/v1/commands", "{\"name\":\"blink\",\"device_ident\":[\"sensor_01\"],\"data\":{}}");

        JsonNode device = app.get("/v1/devices/sensor_01").body();

        assertThat(device.get("ident").stringValue()).isEqualTo("sensor_01");
        assertThat(device.get("online").booleanValue()).isFalse();
        assertThat(device.get("last_seen").isNull()).isTrue();
        assertThat(device.get("pending").intValue()).isEqualTo(2);
        assertThat(device.get("created_at").isIntegralNumber()).isTrue();
    }

    @Test
    void duplicateIdentIsAConflict() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");

        var again = app.post("/v1/devices", "{\"ident\":\"sensor_01\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("title").stringValue()).isEqualTo("Device exists");
    }

    @Test
    void invalidIdentIsRefusedWithTheReferenceMessage() {
        var app = CourierClient.newApp(port, "free");

        var response = app.post("/v1/devices", "{\"ident\":\"bad ident!\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("detail").stringValue())
                .isEqualTo("device ident contains invalid characters. Allowed: a-z, A-Z, 0-9, _, -");
        assertThat(response.body().get("field").stringValue()).isEqualTo("ident");
    }

    @Test
    void listPagesThroughAllDevicesInIdentOrder() {
        var app = CourierClient.newApp(port, "free");
        for (String ident : List.of("c", "a", "e", "b", "d")) {
            app.newDevice(ident);
        }

        List<String> seen = new ArrayList<>();
        String after = "";
        int pages = 0;
        while (after != null) {
            JsonNode page = app.get("/v1/devices?limit=2" + (after.isEmpty() ? "" : "&after=" + after))
                    .body();
            page.get("devices")
                    .values()
                    .forEach(device -> seen.add(device.get("ident").stringValue()));
            after = page.get("next").isNull() ? null : page.get("next").stringValue();
            pages++;
        }

        assertThat(seen).containsExactly("a", "b", "c", "d", "e");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void deletingADeviceTakesItsQueueWithIt() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");
        app.post("/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\"],\"data\":1}");

        assertThat(app.delete("/v1/devices/sensor_01").status()).isEqualTo(204);

        assertThat(app.get("/v1/devices/sensor_01").status()).isEqualTo(404);
        app.newDevice("sensor_01");
        assertThat(app.get("/v1/devices/sensor_01").body().get("pending").intValue())
                .isZero();
        assertThat(app.get("/v1/devices/sensor_01/commands").body()).isEmpty();
    }

    @Test
    void aDeletedDevicesCommandsStayInTheHistoryMarkedAsSuch() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");
        String sent = app.post("/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\"],\"data\":1}")
                .body()
                .get("sensor_01")
                .get("id")
                .stringValue();
        assertThat(app.get("/v1/commands/" + sent).body().get("device_deleted").booleanValue())
                .isFalse();

        assertThat(app.delete("/v1/devices/sensor_01").status()).isEqualTo(204);

        var kept = app.get("/v1/commands/" + sent);
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.body().get("device_ident").stringValue()).isEqualTo("sensor_01");
        assertThat(kept.body().get("device_deleted").booleanValue()).isTrue();
        assertThat(kept.body().get("status").stringValue()).isEqualTo("cancelled");
        // a new device of the same ident is another device: the old command is not its
        app.newDevice("sensor_01");
        assertThat(app.get("/v1/commands/" + sent).body().get("device_deleted").booleanValue())
                .isTrue();
        assertThat(app.get("/v1/devices/sensor_01/commands").body()).isEmpty();
    }

    @Test
    void twoDeletesOfOneDeviceAtOnceGiveOneSuccessAndOneNotFound() throws Exception {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> app.delete("/v1/devices/sensor_01").status());
            var second = pool.submit(() -> app.delete("/v1/devices/sensor_01").status());

            assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(204, 404);
        } finally {
            pool.shutdownNow();
        }
        assertThat(app.post("/v1/devices", "{\"ident\":\"sensor_01\"}").status())
                .isEqualTo(201);
    }

    @Test
    void rotatingTheTokenRevokesTheOldOne() {
        var app = CourierClient.newApp(port, "free");
        String oldToken = app.newDevice("sensor_01");

        var rotated = app.post("/v1/devices/sensor_01/token", "");

        assertThat(rotated.status()).isEqualTo(200);
        String newToken = rotated.body().get("token").stringValue();
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(registry.authenticate(oldToken)).isEmpty();
        assertThat(registry.authenticate(newToken)).isPresent();
    }

    @Test
    void deletedDeviceTokenNoLongerAuthenticates() {
        var app = CourierClient.newApp(port, "free");
        String token = app.newDevice("sensor_01");

        app.delete("/v1/devices/sensor_01");

        assertThat(registry.authenticate(token)).isEmpty();
        assertThat(registry.authenticate("dt_garbage")).isEmpty();
    }

    @Test
    void thePlanLimitsHowManyDevicesAnAppHas() {
        var app = CourierClient.newApp(port, "tiny");
        for (int i = 0; i < 3; i++) {
            app.newDevice("d" + i);
        }

        var fourth = app.post("/v1/devices", "{\"ident\":\"d3\"}");

        assertThat(fourth.status()).isEqualTo(409);
        assertThat(fourth.body().get("title").stringValue()).isEqualTo("Device limit reached");
    }
}
