package dev.courier.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import dev.courier.StatementCounter;
import dev.courier.tenant.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@CourierTest
class SendTests {

    @LocalServerPort
    int port;

    @Autowired
    CommandQueue queue;

    @Autowired
    Tenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void answersPerDeviceInTheReferenceShapeWithAnIdForEverySentCommand() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");

        var response = app.post(
                "/v1/commands",
                "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\",\"sensor_99\"],\"data\":{\"delay\":5}}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode sent = response.body().get("sensor_01");
        assertThat(sent.get("sent").booleanValue()).isTrue();
        assertThat(sent.get("id").stringValue()).isNotBlank();
        assertThat(sent.has("error")).isFalse();
        JsonNode missing = response.body().get("sensor_99");
        assertThat(missing.get("sent").booleanValue()).isFalse();
        assertThat(missing.get("error").stringValue()).isEqualTo("Device not found");
        assertThat(missing.has("id")).isFalse();
    }

    @Test
    void theCommandIsCommittedWhenTheAnswerArrives() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");

        String id = app.post("/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\"],\"data\":[1,2]}")
                .body()
                .get("sensor_01")
                .get("id")
                .stringValue();

        String stored = jdbc.sql(
                        "SELECT c.data::text FROM command c JOIN pending_command p USING (id) WHERE c.id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
        assertThat(stored).isEqualTo("[1, 2]");
    }

    @Test
    void aRepeatedIdentIsQueuedOnce() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");

        var response = app.post(
                "/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\",\"sensor_01\"],\"data\":true}");

        assertThat(response.body().size()).isEqualTo(1);
        assertThat(app.get("/v1/devices/sensor_01/commands").body()).hasSize(1);
    }

    @Test
    void dataMayBeAnyJsonButNull() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");

        for (String data : List.of("0", "\"text\"", "[]", "{\"a\":{\"b\":[1,null]}}", "false", "1.5")) {
            var response = app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":" + data + "}");
            assertThat(response.body().get("d").get("sent").booleanValue())
                    .as(data)
                    .isTrue();
        }
        var nullData = app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":null}");
        assertThat(nullData.status()).isEqualTo(400);
        assertThat(nullData.body().get("field").stringValue()).isEqualTo("data");
    }

    @Test
    void aFullQueueRefusesWithoutDroppingAnything() {
        var app = CourierClient.newApp(port, "tiny");
        app.newDevice("d");
        for (int i = 0; i < 3; i++) {
            app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":" + i + "}");
        }

        var refused = app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":3}");
        var otherName = app.post("/v1/commands", "{\"name\":\"other\",\"device_ident\":[\"d\"],\"data\":3}");

        assertThat(refused.body().get("d").get("sent").booleanValue()).isFalse();
        assertThat(refused.body().get("d").get("error").stringValue()).isEqualTo("Queue full");
        assertThat(otherName.body().get("d").get("sent").booleanValue()).isTrue();
        List<String> queued = app.get("/v1/devices/d/commands").body().values().stream()
                .filter(command -> command.get("name").stringValue().equals("n"))
                .map(command -> command.get("value").toString())
                .toList();
        assertThat(queued).containsExactly("0", "1", "2");
    }

    @Test
    void twentyParallelSendsToADepthThreeQueueAcceptExactlyThree() throws Exception {
        var app = CourierClient.newApp(port, "tiny");
        app.newDevice("d");
        List<Callable<Boolean>> sends = IntStream.range(0, 20)
                .<Callable<Boolean>>mapToObj(i ->
                        () -> app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":" + i + "}")
                                .body()
                                .get("d")
                                .get("sent")
                                .booleanValue())
                .toList();

        List<Boolean> outcomes = new ArrayList<>();
        var executor = Executors.newFixedThreadPool(20);
        try {
            for (Future<Boolean> outcome : executor.invokeAll(sends)) {
                outcomes.add(outcome.get());
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(outcomes.stream().filter(sent -> sent).count()).isEqualTo(3);
        assertThat(app.get("/v1/devices/d/commands").body()).hasSize(3);
    }

    @Test
    void cancellingFreesTheSlotAtOnce() {
        var app = CourierClient.newApp(port, "tiny");
        app.newDevice("d");
        String first = app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":0}")
                .body()
                .get("d")
                .get("id")
                .stringValue();
        app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":1}");
        app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":2}");

        app.delete("/v1/commands/" + first);

        var fourth = app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":3}");
        assertThat(fourth.body().get("d").get("sent").booleanValue()).isTrue();
    }

    @Test
    void sameIdempotencyKeyAndBodyReturnsTheFirstResultAndQueuesNothingNew() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");
        String body = "{\"name\":\"n\",\"device_ident\":[\"d\",\"ghost\"],\"data\":{\"x\":1}}";

        var first = app.post("/v1/commands", body, "Idempotency-Key", "abc-1");
        var again = app.post("/v1/commands", body, "Idempotency-Key", "abc-1");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(app.get("/v1/devices/d/commands").body()).hasSize(1);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsAConflict() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");
        app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":1}", "Idempotency-Key", "k");

        var other = app.post(
                "/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":2}", "Idempotency-Key", "k");

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body().get("title").stringValue()).isEqualTo("Idempotency key reused");
        assertThat(app.get("/v1/devices/d/commands").body()).hasSize(1);
    }

    @Test
    void idempotencyKeysAreKeptPerApp() {
        var alice = CourierClient.newApp(port, "free");
        var bob = CourierClient.newApp(port, "free");
        alice.newDevice("d");
        bob.newDevice("d");
        String body = "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":1}";

        var fromAlice = alice.post("/v1/commands", body, "Idempotency-Key", "shared");
        var fromBob = bob.post("/v1/commands", body, "Idempotency-Key", "shared");

        assertThat(fromBob.body().get("d").get("id"))
                .isNotEqualTo(fromAlice.body().get("d").get("id"));
        assertThat(bob.get("/v1/devices/d/commands").body()).hasSize(1);
    }

    @Test
    void aTtlSetsTheExpiryTime() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");

        String id = app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":1,\"ttl\":60}")
                .body()
                .get("d")
                .get("id")
                .stringValue();

        JsonNode command = app.get("/v1/commands/" + id).body();
        assertThat(command.get("expires_at").longValue()
                        - command.get("timestamp").longValue())
                .isEqualTo(60_000);
    }

    @Test
    void dataWithANulCharacterAndAnOverlongTtlAreRefused() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");

        var nul = app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":\"a\\u0000b\"}");
        var longTtl =
                app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":1,\"ttl\":9999999999999}");

        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.body().get("field").stringValue()).isEqualTo("data");
        assertThat(longTtl.status()).isEqualTo(400);
        assertThat(longTtl.body().get("field").stringValue()).isEqualTo("ttl");
    }

    @Test
    void numbersInDataKeepEveryDigit() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");

        String id = app.post(
                        "/v1/commands",
                        "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":[0.1000000000000000055511151231257827, 1e400]}")
                .body()
                .get("d")
                .get("id")
                .stringValue();

        String stored = jdbc.sql("SELECT data::text FROM command WHERE id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
        assertThat(stored).contains("0.1000000000000000055511151231257827").doesNotContain("Infinity");
    }

    @Test
    void dataOverThePlanLimitIsTooLarge() {
        var app = CourierClient.newApp(port, "tiny");
        app.newDevice("d");

        var response = app.post(
                "/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":\"" + "x".repeat(200) + "\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body().get("detail").stringValue()).contains("the plan allows 100");
        assertThat(app.get("/v1/devices/d/commands").body()).isEmpty();
    }

    @Test
    void tenThousandDevicesInOneRequestAreAllowedAndMoreAreNot() {
        var created = tenants.createApp("ten-k-" + System.nanoTime(), "pro");
        var app = CourierClient.admin(port).withToken(created.apiKey());
        // fixture: 10,000 registered devices, inserted directly (registering them over HTTP is not the subject)
        jdbc.sql("INSERT INTO device (app_id, ident, token_hash)"
                        + " SELECT ?, 'd' || g, '\\x00' FROM generate_series(0, 9999) g")
                .param(created.id())
                .update();
        String idents =
                IntStream.range(0, 10_000).mapToObj(i -> "\"d" + i + "\"").collect(Collectors.joining(","));

        var allowed = app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[" + idents + "],\"data\":1}");
        var tooMany = app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[" + idents + ",\"x\"],\"data\":1}");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body().size()).isEqualTo(10_000);
        assertThat(allowed.body().values().stream()
                        .filter(result -> result.get("sent").booleanValue()))
                .hasSize(10_000);
        assertThat(jdbc.sql("SELECT count(*) FROM pending_command p JOIN device d ON d.id = p.device_id"
                                + " WHERE d.app_id = ?")
                        .param(created.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(10_000);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().get("field").stringValue()).isEqualTo("device_ident");
    }

    @Test
    void aSendIsOneStatementHoweverManyDevicesItNames() {
        var created = tenants.createApp("fanout-" + System.nanoTime(), "pro");
        var app = tenants.authenticate(created.apiKey()).orElseThrow();
        var client = CourierClient.admin(port).withToken(created.apiKey());
        IntStream.range(0, 300).forEach(i -> client.newDevice("d" + i));
        JsonMapper json = JsonMapper.builder()
                .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                .build();

        int forThree = StatementCounter.countOn("courier-send", () -> queue.send(app, send(json, 3), null));
        int forThreeHundred = StatementCounter.countOn("courier-send", () -> queue.send(app, send(json, 300), null));

        // resolve, queue and report in one auto-committed statement (on a combiner's thread): one round trip
        assertThat(forThree).isEqualTo(1);
        // the same one statement, planned for its 300 idents: that takes a SET LOCAL in its transaction
        assertThat(forThreeHundred).isEqualTo(2);
        assertThat(client.get("/v1/devices/d299/commands").body()).hasSize(1);
    }

    private static SendCommand send(JsonMapper json, int devices) {
        String idents =
                IntStream.range(0, devices).mapToObj(i -> "\"d" + i + "\"").collect(Collectors.joining(","));
        return SendCommand.from(
                json.readValue("{\"name\":\"n\",\"device_ident\":[" + idents + "],\"data\":1}", SendRequest.class));
    }
}
