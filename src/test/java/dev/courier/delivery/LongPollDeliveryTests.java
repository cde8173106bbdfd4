package dev.courier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Delivery over HTTP long-poll (test settings: lease 2 s, retry delay 1 s, max attempts 3). */
@CourierTest
class LongPollDeliveryTests {

    @LocalServerPort
    int port;

    CourierClient app;
    CourierClient device;

    @BeforeEach
    void device() {
        app = CourierClient.newApp(port, "free");
        device = app.withToken(app.newDevice("sensor_01"));
    }

    @Test
    void aPollReturnsAtOnceWhenSomethingIsPending() {
        String id = send("reboot", "{\"delay\":5}");
        long started = System.nanoTime();

        var response = device.get("/v1/device/commands?name=reboot&wait=30");

        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
        assertThat(response.status()).isEqualTo(200);
        JsonNode command = response.body().get(0);
        assertThat(command.get("id").stringValue()).isEqualTo(id);
        assertThat(command.get("name").stringValue()).isEqualTo("reboot");
        assertThat(command.get("data").get("delay").intValue()).isEqualTo(5);
        assertThat(command.get("attempt").intValue()).isEqualTo(1);
        assertThat(command.get("timestamp").isIntegralNumber()).isTrue();
    }

    @Test
    void aWaitingPollIsAnsweredWhenACommandArrives() throws Exception {
        CompletableFuture<CourierClient.Response> poll =
                CompletableFuture.supplyAsync(() -> device.get("/v1/device/commands?name=reboot&wait=30"));
        await().until(() ->
                app.get("/v1/devices/sensor_01").body().get("online").booleanValue());

        long sentAt = System.nanoTime();
        String id = send("reboot", "1");

        var response = poll.get(5, TimeUnit.SECONDS);
        long releasedAfterMillis = (System.nanoTime() - sentAt) / 1_000_000;
        assertThat(response.body().get(0).get("id").stringValue()).isEqualTo(id);
        assertThat(releasedAfterMillis).as("send + release of the waiting poll").isLessThan(500);
    }

    @Test
    void aPollWithNothingDueEndsEmptyAfterItsWait() {
        send("update", "1");

        var response = device.get("/v1/device/commands?name=reboot&wait=1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void anAckedCommandIsDoneAndAckingAgainIsHarmless() {
        String id = send("reboot", "1");
        device.get("/v1/device/commands?name=reboot&wait=0");

        assertThat(device.post("/v1/device/commands/" + id + "/ack", "").status())
                .isEqualTo(204);
        assertThat(device.post("/v1/device/commands/" + id + "/ack", "").status())
                .isEqualTo(204);

        assertThat(app.get("/v1/commands/" + id).body().get("status").stringValue())
                .isEqualTo("acked");
        assertThat(app.delete("/v1/commands/" + id).status())
                .as("acked cannot be cancelled")
                .isEqualTo(409);
    }

    @Test
    void anUnackedCommandIsRedeliveredWhenItsLeaseLapses() {
        String id = send("reboot", "1");
        device.get("/v1/device/commands?name=reboot&wait=0");
        assertThat(device.get("/v1/device/commands?name=reboot&wait=0").body())
                .as("leased")
                .isEmpty();

        JsonNode again =
                device.get("/v1/device/commands?name=reboot&wait=10").body().get(0);

        assertThat(again.get("id").stringValue()).isEqualTo(id);
        assertThat(again.get("attempt").intValue()).isEqualTo(2);
    }

    @Test
    void aNackPutsTheCommandBackWithItsError() {
        String id = send("reboot", "1");
        device.get("/v1/device/commands?name=reboot&wait=0");

        // a field beyond error is ignored, as in a WebSocket nack frame: the nack is never lost over it
        assertThat(device.post("/v1/device/commands/" + id + "/nack", "{\"error\":\"disk full\",\"code\":28}")
                        .status())
                .isEqualTo(204);

        JsonNode command = app.get("/v1/commands/" + id).body();
        assertThat(command.get("status").stringValue()).isEqualTo("queued");
        assertThat(command.get("error").stringValue()).isEqualTo("disk full");
        assertThat(device.get("/v1/device/commands?name=reboot&wait=10")
                        .body()
                        .get(0)
                        .get("attempt")
                        .intValue())
                .isEqualTo(2);
    }

    @Test
    void aLeaseThatLapsesOnTheLastAttemptFailsTheCommand() {
        String id = send("reboot", "1");
        for (int attempt = 1; attempt <= 3; attempt++) {
            JsonNode delivered =
                    device.get("/v1/device/commands?name=reboot&wait=10").body();
            assertThat(delivered.get(0).get("attempt").intValue()).isEqualTo(attempt);
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> app.get("/v1/commands/" + id)
                        .body()
                        .get("status")
                        .stringValue()
                        .equals("failed"));
        assertThat(app.get("/v1/commands/" + id).body().get("attempts").intValue())
                .isEqualTo(3);
    }

    @Test
    void aDeviceNeverSeesOrAcksAnotherDevicesCommands() {
        var other = app.withToken(app.newDevice("sensor_02"));
        String theirs = app.post("/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_02\"],\"data\":1}")
                .body()
                .get("sensor_02")
                .get("id")
                .stringValue();

        assertThat(device.get("/v1/device/commands?name=reboot&wait=0").body()).isEmpty();
        assertThat(device.post("/v1/device/commands/" + theirs + "/ack", "").status())
                .isEqualTo(404);
        assertThat(device.post("/v1/device/commands/" + theirs + "/nack", "{}").status())
                .isEqualTo(404);
        assertThat(device.post("/v1/device/commands/nonsense/ack", "").status()).isEqualTo(404);
        assertThat(other.get("/v1/device/commands?name=reboot&wait=0")
                        .body()
                        .get(0)
                        .get("id")
                        .stringValue())
                .isEqualTo(theirs);
    }

    @Test
    void badPollsAreClientErrors() {
        assertThat(device.get("/v1/device/commands?wait=1").status()).isEqualTo(400);
        assertThat(device.get("/v1/device/commands?name=reboot&wait=61").status())
                .isEqualTo(400);
        assertThat(device.get("/v1/device/commands?name=reboot&wait=-1").status())
                .isEqualTo(400);
        assertThat(device.get("/v1/device/commands?name=bad%20name").status()).isEqualTo(400);
        assertThat(device.withToken("dt_0_nope")
                        .get("/v1/device/commands?name=reboot")
                        .status())
                .isEqualTo(401);
        assertThat(app.get("/v1/device/commands?name=reboot").status())
                .as("an API key is no device token")
                .isEqualTo(401);
    }

    private String send(String name, String data) {
        return app.post(
                        "/v1/commands",
                        "{\"name\":\"" + name + "\",\"device_ident\":[\"sensor_01\"],\"data\":" + data + "}")
                .body()
                .get("sensor_01")
                .get("id")
                .stringValue();
    }
}
