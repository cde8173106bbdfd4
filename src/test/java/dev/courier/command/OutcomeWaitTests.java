package dev.courier.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import dev.courier.DeviceClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code ?wait=} on the command view and {@code wait} on a send: answered when the command finishes. */
@CourierTest
class OutcomeWaitTests {

    @LocalServerPort
    int port;

    CourierClient app;
    String deviceToken;

    @BeforeEach
    void app() {
        app = CourierClient.newApp(port, "free");
        deviceToken = app.newDevice("sensor_01");
        app.newDevice("sensor_02");
    }

    @Test
    void aWaitingGetAnswersWithinAHundredMillisecondsOfTheAck() throws Exception {
        String id = send("reboot", "sensor_01");
        warmUp();
        try (var device = DeviceClient.connect(port, deviceToken).listen("reboot")) {
            device.next(Duration.ofSeconds(5));
            CompletableFuture<CourierClient.Response> waiting =
                    CompletableFuture.supplyAsync(() -> app.get("/v1/commands/" + id + "?wait=30"));
            stillWaiting(waiting);

            long acked = System.nanoTime();
            device.send("{\"type\":\"ack\",\"id\":\"" + id + "\",\"result\":\"rebooted\"}");
            var answer = waiting.get(5, TimeUnit.SECONDS);
            long afterAckMillis = (System.nanoTime() - acked) / 1_000_000;

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().get("status").stringValue()).isEqualTo("acked");
            assertThat(answer.body().get("result").stringValue()).isEqualTo("rebooted");
            assertThat(afterAckMillis)
                    .as("answered after the ack frame went out")
                    .isLessThan(100);
        }
    }

    @Test
    void aWaitThatEndsFirstAnswersTheStateThen() {
        String id = send("reboot", "sensor_01");
        long started = System.nanoTime();

        var answer = app.get("/v1/commands/" + id + "?wait=1");

        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(900L, 3_000L);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("status").stringValue()).isEqualTo("queued");
    }

    @Test
    void aFinishedCommandIsAnsweredAtOnce() {
        String id = send("reboot", "sensor_01");
        app.delete("/v1/commands/" + id);
        long started = System.nanoTime();

        var answer = app.get("/v1/commands/" + id + "?wait=30");

        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);
        assertThat(answer.body().get("status").stringValue()).isEqualTo("cancelled");
    }

    @Test
    void aSendWithWaitAnswersOnceEveryDeviceFinishedEachWithItsStatus() throws Exception {
        try (var first = DeviceClient.connect(port, deviceToken).listen("reboot")) {
            CompletableFuture<CourierClient.Response> sending = CompletableFuture.supplyAsync(() -> app.post(
                    "/v1/commands",
                    "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\",\"sensor_02\",\"sensor_99\"],"
                            + "\"data\":1,\"wait\":30}"));
            JsonNode command = first.next(Duration.ofSeconds(5));
            first.ack(command.get("id").stringValue());
            stillWaiting(sending); // sensor_02 has not finished
            String second = app.get("/v1/devices/sensor_02/commands")
                    .body()
                    .get(0)
                    .get("id")
                    .stringValue();
            app.delete("/v1/commands/" + second);

            JsonNode results = sending.get(5, TimeUnit.SECONDS).body();

            assertThat(results.get("sensor_01").get("status").stringValue()).isEqualTo("acked");
            assertThat(results.get("sensor_02").get("status").stringValue()).isEqualTo("cancelled");
            assertThat(results.get("sensor_02").get("id").stringValue()).isEqualTo(second);
            assertThat(results.get("sensor_99").get("error").stringValue()).isEqualTo("Device not found");
        }
    }

    @Test
    void aSendThatWaitsForCommandsOfWhichSomeHaveFinishedWaitsOnlyForTheOthers() throws Exception {
        String body = "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\",\"sensor_02\"],\"data\":1}";
        var first = app.post("/v1/commands", body, "Idempotency-Key", "twice").body();
        String acked = first.get("sensor_01").get("id").stringValue();
        String second = first.get("sensor_02").get("id").stringValue();
        var device = app.withToken(deviceToken);
        device.get("/v1/device/commands?name=reboot&wait=0");
        assertThat(device.post("/v1/device/commands/" + acked + "/ack", "").status())
                .isEqualTo(204);

        // the same send again, now waiting: its first command finished before the wait began
        String waitingBody = body.replace("\"data\":1", "\"data\":1,\"wait\":30");
        CompletableFuture<CourierClient.Response> sending =
                CompletableFuture.supplyAsync(() -> app.post("/v1/commands", waitingBody, "Idempotency-Key", "twice"));
        stillWaiting(sending);
        app.delete("/v1/commands/" + second);

        JsonNode results = sending.get(5, TimeUnit.SECONDS).body();
        assertThat(results.get("sensor_01").get("status").stringValue()).isEqualTo("acked");
        assertThat(results.get("sensor_02").get("status").stringValue()).isEqualTo("cancelled");
    }

    @Test
    void aWaitOutOfRangeIsAProblem() {
        String id = send("reboot", "sensor_01");
        var tooLong = app.get("/v1/commands/" + id + "?wait=61");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("field").stringValue()).isEqualTo("wait");
        var negative = app.post(
                "/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\"],\"data\":1,\"wait\":-1}");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().get("field").stringValue()).isEqualTo("wait");
        var notANumber = app.post(
                "/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\"],\"data\":1,\"wait\":\"5\"}");
        assertThat(notANumber.status()).isEqualTo(400);
    }

    @Test
    void anAckResultOverThePlansPayloadLimitIsRefusedAndTheAckNotTaken() throws Exception {
        var tiny = CourierClient.newApp(port, "tiny"); // max payload 100 bytes
        String token = tiny.newDevice("sensor_01");
        String id = tiny.post("/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\"],\"data\":1}")
                .body()
                .get("sensor_01")
                .get("id")
                .stringValue();
        var device = tiny.withToken(token);
        device.get("/v1/device/commands?name=reboot&wait=0");

        var refused = device.post("/v1/device/commands/" + id + "/ack", "{\"result\":\"" + "x".repeat(200) + "\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("field").stringValue()).isEqualTo("result");
        assertThat(tiny.get("/v1/commands/" + id).body().get("status").stringValue())
                .isEqualTo("delivered");
        assertThat(device.post("/v1/device/commands/" + id + "/ack", "{\"result\":[1,2]}")
                        .status())
                .isEqualTo(204);
        var history = tiny.get("/v1/commands/" + id).body();
        assertThat(history.get("result").toString()).isEqualTo("[1,2]");
    }

    private static void stillWaiting(CompletableFuture<?> request) {
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !request.isDone());
    }

    /** One wait answered before the measured one: the first request of a fork pays for class loading and JIT. */
    private void warmUp() {
        String id = send("warm_up", "sensor_02");
        app.delete("/v1/commands/" + id);
        app.get("/v1/commands/" + id + "?wait=1");
    }

    private String send(String name, String ident) {
        var response = app.post(
                "/v1/commands", "{\"name\":\"" + name + "\",\"device_ident\":[\"" + ident + "\"],\"data\":{\"n\":1}}");
        assertThat(response.status()).isEqualTo(200);
        return response.body().get(ident).get("id").stringValue();
    }
}
