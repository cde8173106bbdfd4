package dev.courier.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The instance that makes a change applies it to its very next request (issue 9): credentials are cached for
 * a second, and that cache forgets what a change made stale. (Other instances: within the cache's second,
 * which {@code MultiInstanceTests} covers.)
 */
@CourierTest
class ChangesTakeEffectTests {

    @LocalServerPort
    int port;

    @Test
    void aLowerQueueDepthHoldsForTheNextSend() {
        var admin = CourierClient.admin(port);
        var created = admin.post("/v1/admin/apps", "{\"name\":\"depth-" + System.nanoTime() + "\",\"plan\":\"free\"}");
        var app = admin.withToken(created.body().get("api_key").stringValue());
        app.newDevice("d");
        for (int i = 0; i < 3; i++) {
            assertThat(send(app, i)).isTrue(); // the app's key is cached with the free plan now
        }

        admin.patch("/v1/admin/apps/" + created.body().get("id").longValue(), "{\"plan\":\"tiny\"}");

        assertThat(send(app, 3)).as("a fourth command over tiny's depth of 3").isFalse();
    }

    @Test
    void aDeletedDevicesTokenIsRefusedAtOnce() {
        var app = CourierClient.newApp(port, "free");
        var device = app.withToken(app.newDevice("d"));
        assertThat(device.get("/v1/device/commands?name=n&wait=0").status()).isEqualTo(200); // token cached

        assertThat(app.delete("/v1/devices/d").status()).isEqualTo(204);

        assertThat(device.get("/v1/device/commands?name=n&wait=0").status()).isEqualTo(401);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        var admin = CourierClient.admin(port);
        var created = admin.post("/v1/admin/apps", "{\"name\":\"revoke-" + System.nanoTime() + "\",\"plan\":\"free\"}");
        long appId = created.body().get("id").longValue();
        var issued = admin.post("/v1/admin/apps/" + appId + "/api-keys", "{}");
        var app = admin.withToken(issued.body().get("api_key").stringValue());
        assertThat(app.get("/v1/devices").status()).isEqualTo(200); // key cached

        assertThat(admin.delete("/v1/admin/api-keys/" + issued.body().get("id").longValue())
                        .status())
                .isEqualTo(204);

        assertThat(app.get("/v1/devices").status()).isEqualTo(401);
    }

    private static boolean send(CourierClient app, int data) {
        var response = app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":" + data + "}");
        return response.body().get("d").get("sent").booleanValue();
    }
}
