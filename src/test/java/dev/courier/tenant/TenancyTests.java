package dev.courier.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@CourierTest
class TenancyTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void adminCreatesAppWithAKeyThatWorks() {
        var created = CourierClient.admin(port)
                .post("/v1/admin/apps", "{\"name\":\"acme-" + suffix() + "\",\"plan\":\"pro\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("plan").stringValue()).isEqualTo("pro");
        var app = CourierClient.admin(port)
                .withToken(created.body().get("api_key").stringValue());
        assertThat(app.get("/v1/devices").status()).isEqualTo(200);
    }

    @Test
    void apiKeysAreStoredOnlyAsHashes() {
        var created = CourierClient.admin(port).post("/v1/admin/apps", "{\"name\":\"hash-" + suffix() + "\"}");
        String apiKey = created.body().get("api_key").stringValue();
        String secret = apiKey.substring(apiKey.lastIndexOf('_') + 1);

        byte[] stored = jdbc.sql("SELECT key_hash FROM api_key WHERE app_id = ?")
                .param(created.body().get("id").longValue())
                .query(byte[].class)
                .single();

        assertThat(stored).hasSize(32).isNotEqualTo(secret.getBytes());
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(secret);
    }

    @Test
    void adminApiRequiresTheAdminToken() {
        var anonymous = CourierClient.admin(port).withToken(null);
        var wrong = CourierClient.admin(port).withToken("not-the-token");

        assertThat(anonymous.post("/v1/admin/apps", "{\"name\":\"x\"}").status())
                .isEqualTo(401);
        assertThat(wrong.post("/v1/admin/apps", "{\"name\":\"x\"}").status()).isEqualTo(401);
    }

    @Test
    void appKeyIsNotAnAdminToken() {
        var app = CourierClient.newApp(port, "free");

        assertThat(app.post("/v1/admin/apps", "{\"name\":\"sneaky\"}").status()).isEqualTo(401);
    }

    @Test
    void unknownPlanIsABadRequestNamingTheField() {
        var response =
                CourierClient.admin(port).post("/v1/admin/apps", "{\"name\":\"p-" + suffix() + "\",\"plan\":\"gold\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("field").stringValue()).isEqualTo("plan");
        assertThat(response.body().get("detail").stringValue()).contains("unknown plan gold");
    }

    @Test
    void duplicateAppNameIsAConflict() {
        String body = "{\"name\":\"dup-" + suffix() + "\"}";
        CourierClient.admin(port).post("/v1/admin/apps", body);

        assertThat(CourierClient.admin(port).post("/v1/admin/apps", body).status())
                .isEqualTo(409);
    }

    @Test
    void aRevokedKeyIsRefusedWithinTwoSecondsWhileAnotherKeyKeepsWorking() {
        var admin = CourierClient.admin(port);
        var created = admin.post("/v1/admin/apps", "{\"name\":\"rev-" + suffix() + "\"}");
        long appId = created.body().get("id").longValue();
        var second = admin.post("/v1/admin/apps/" + appId + "/api-keys", "");
        assertThat(second.status()).isEqualTo(201);
        var first = admin.withToken(created.body().get("api_key").stringValue());
        var other = admin.withToken(second.body().get("api_key").stringValue());
        long firstKeyId = Long.parseLong(first.token().split("_")[1]);

        assertThat(first.get("/v1/devices").status()).isEqualTo(200);

        assertThat(admin.delete("/v1/admin/api-keys/" + firstKeyId).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(2))
                .until(() -> first.get("/v1/devices").status() == 401);
        assertThat(other.get("/v1/devices").status()).isEqualTo(200);
    }

    @Test
    void changingThePlanChangesTheLimits() {
        var admin = CourierClient.admin(port);
        var created = admin.post("/v1/admin/apps", "{\"name\":\"plan-" + suffix() + "\",\"plan\":\"tiny\"}");
        var app = admin.withToken(created.body().get("api_key").stringValue());
        for (int i = 0; i < 3; i++) {
            app.newDevice("d" + i);
        }
        assertThat(app.post("/v1/devices", "{\"ident\":\"d3\"}").status()).isEqualTo(409);

        var patched = admin.patch("/v1/admin/apps/" + created.body().get("id").longValue(), "{\"plan\":\"free\"}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().get("plan").stringValue()).isEqualTo("free");
        await().atMost(Duration.ofSeconds(2))
                .until(() -> app.post("/v1/devices", "{\"ident\":\"d3\"}").status() == 201);
    }

    @Test
    void everyAppEndpointRequiresAnApiKey() {
        var anonymous = CourierClient.admin(port).withToken(null);
        var forged = CourierClient.admin(port).withToken("ck_1_forged");

        for (var client : new CourierClient[] {anonymous, forged}) {
            assertThat(client.get("/v1/devices").status()).isEqualTo(401);
            assertThat(client.post("/v1/commands", "{}").status()).isEqualTo(401);
            assertThat(client.get("/v1/commands/history?name=a").status()).isEqualTo(401);
            var response = client.get("/v1/commands/" + UUID.randomUUID());
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        }
    }

    @Test
    void pathTricksDoNotGetPastAuthentication() {
        var anonymous = CourierClient.admin(port).withToken(null);
        var app = CourierClient.newApp(port, "free");

        for (String path : new String[] {
            "/v1;/admin/apps", "/v1/%61dmin/apps", "/v1/admin;/apps", "/v1/./admin/apps", "/v1//admin/apps"
        }) {
            assertThat(anonymous.post(path, "{\"name\":\"x\"}").status())
                    .as(path)
                    .isIn(400, 401, 404);
            assertThat(app.post(path, "{\"name\":\"x\"}").status()).as(path).isIn(400, 401, 404);
        }
        assertThat(anonymous.get("/%61ctuator/prometheus").status()).isEqualTo(400);
        assertThat(anonymous.get("/v1;/commands/history").status()).isEqualTo(400);
        assertThat(anonymous.get("/v1/devices;x=1").status()).isEqualTo(400);
    }

    @Test
    void oneAppNeverSeesAnothersDevicesOrCommands() {
        var alice = CourierClient.newApp(port, "free");
        var bob = CourierClient.newApp(port, "free");
        alice.newDevice("sensor_01");
        String commandId = alice.post(
                        "/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\"],\"data\":1}")
                .body()
                .get("sensor_01")
                .get("id")
                .stringValue();

        assertThat(bob.get("/v1/devices/sensor_01").status()).isEqualTo(404);
        assertThat(bob.get("/v1/devices").body().get("devices")).isEmpty();
        assertThat(bob.get("/v1/commands/" + commandId).status()).isEqualTo(404);
        assertThat(bob.delete("/v1/commands/" + commandId).status()).isEqualTo(404);
        assertThat(bob.get("/v1/devices/sensor_01/commands").status()).isEqualTo(404);
        assertThat(bob.delete("/v1/devices/sensor_01/commands").status()).isEqualTo(404);
        assertThat(bob.delete("/v1/devices/sensor_01").status()).isEqualTo(404);
        var sent = bob.post("/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\"],\"data\":1}");
        assertThat(sent.body().get("sensor_01").get("error").stringValue()).isEqualTo("Device not found");
        var history = bob.get("/v1/commands/history?name=reboot&device_idents=sensor_01&start=2020-01-01T00:00:00Z");
        assertThat(history.body().get("sensor_01").get("error").stringValue()).isEqualTo("Device not found");
        assertThat(alice.get("/v1/commands/" + commandId).body().get("status").stringValue())
                .isEqualTo("queued");
        assertThat(alice.get("/v1/devices/sensor_01").body().get("pending").intValue())
                .isEqualTo(1);
    }

    @Test
    void requestsOverThePlanRateAreRefusedWithRetryAfter() {
        var app = CourierClient.newApp(port, "slow");

        CourierClient.Response last = null;
        for (int i = 0; i < 5 && (last == null || last.status() != 429); i++) {
            last = app.get("/v1/devices");
        }

        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isEqualTo("1");
        assertThat(last.body().get("title").stringValue()).isEqualTo("Too many requests");
    }

    @Test
    void eachAppHasItsOwnRateAndRequestsWithinItAreServed() {
        var first = CourierClient.newApp(port, "slow");
        var second = CourierClient.newApp(port, "slow");

        assertThat(first.get("/v1/devices").status()).isEqualTo(200);
        CourierClient.Response last = null;
        for (int i = 0; i < 5 && (last == null || last.status() != 429); i++) {
            last = first.get("/v1/devices");
        }
        assertThat(last.status()).isEqualTo(429);

        assertThat(second.get("/v1/devices").status())
                .as("another app's bucket")
                .isEqualTo(200);
        // the bucket refills at the plan's rate: a request a moment later is served again
        await().atMost(Duration.ofSeconds(2))
                .until(() -> first.get("/v1/devices").status() == 200);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
