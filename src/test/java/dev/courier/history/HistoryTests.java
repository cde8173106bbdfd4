package dev.courier.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@CourierTest
class HistoryTests {

    private static final List<String> RECORD_KEYS =
            List.of("id", "value", "timestamp", "status", "attempts", "delivered_at", "acked_at", "error");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HistoryRetention retention;

    @Autowired
    RetentionRepository storage;

    @Test
    void historyIsKeyedByIdentWithEveryRecordKeyPresentOldestFirst() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");
        app.newDevice("sensor_02");
        String first = send(app, "sensor_01", "{\"n\":1}");
        String second = send(app, "sensor_01", "{\"n\":2}");

        JsonNode history = app.get("/v1/commands/history?name=reboot&device_idents=sensor_01,sensor_02,sensor_99&start="
                        + Instant.now().minusSeconds(60))
                .body();

        JsonNode records = history.get("sensor_01");
        assertThat(records.values().stream().map(r -> r.get("id").stringValue()).toList())
                .containsExactly(first, second);
        for (String key : RECORD_KEYS) {
            assertThat(records.get(0).has(key)).as(key).isTrue();
        }
        assertThat(records.get(0).get("value").get("n").intValue()).isEqualTo(1);
        assertThat(records.get(0).get("status").stringValue()).isEqualTo("queued");
        assertThat(records.get(0).get("timestamp").isIntegralNumber()).isTrue();
        assertThat(records.get(0).get("delivered_at").isNull()).isTrue();
        assertThat(history.get("sensor_02").isArray()).isTrue();
        assertThat(history.get("sensor_02")).isEmpty();
        assertThat(history.get("sensor_99").get("error").stringValue()).isEqualTo("Device not found");
    }

    @Test
    void postTakesTheSameQueryAsAJsonBody() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");
        String id = send(app, "d", "1");

        JsonNode history = app.post(
                        "/v1/commands/history",
                        "{\"name\":\"reboot\",\"device_idents\":[\"d\"],\"start\":\""
                                + Instant.now().minusSeconds(60) + "\",\"end\":\""
                                + Instant.now().plusSeconds(60) + "\"}")
                .body();

        assertThat(history.get("d").get(0).get("id").stringValue()).isEqualTo(id);
    }

    @Test
    void onlyTheRangeAndTheNameAreReturnedAndTheLimitKeepsTheOldest() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");
        String first = send(app, "d", "1");
        String second = send(app, "d", "2");
        send(app, "d", "3");
        app.post("/v1/commands", "{\"name\":\"blink\",\"device_ident\":[\"d\"],\"data\":0}");
        String start = Instant.now().minusSeconds(60).toString();

        JsonNode limited = app.get("/v1/commands/history?name=reboot&device_idents=d&limit=2&start=" + start)
                .body();
        JsonNode past = app.get("/v1/commands/history?name=reboot&device_idents=d&start=2020-01-01T00:00:00Z"
                        + "&end=2020-01-02T00:00:00%2B02:00")
                .body();

        assertThat(limited.get("d").values().stream()
                        .map(r -> r.get("id").stringValue())
                        .toList())
                .containsExactly(first, second);
        assertThat(past.get("d")).isEmpty();
    }

    @Test
    void startAfterEndAndBadTimesAreBadRequests() {
        var app = CourierClient.newApp(port, "free");
        String base = "/v1/commands/history?name=reboot&device_idents=d";

        var reversed = app.get(base + "&start=2026-01-02T00:00:00Z&end=2026-01-01T00:00:00Z");
        var unparsable = app.get(base + "&start=yesterday");
        var noOffset = app.get(base + "&start=2026-01-01T00:00:00");
        var missingStart = app.get(base);
        var badLimit = app.get(base + "&start=2026-01-01T00:00:00Z&limit=10001");
        var missingName = app.get("/v1/commands/history?device_idents=d&start=2026-01-01T00:00:00Z");
        var farFuture = app.get(base + "&start=2026-01-01T00:00:00Z&end=%2B300000-01-01T00:00:00Z");

        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.body().get("detail").stringValue()).isEqualTo("start must not be after end");
        assertThat(unparsable.status()).isEqualTo(400);
        assertThat(unparsable.body().get("field").stringValue()).isEqualTo("start");
        assertThat(noOffset.status()).isEqualTo(400);
        assertThat(missingStart.status()).isEqualTo(400);
        assertThat(badLimit.body().get("field").stringValue()).isEqualTo("limit");
        assertThat(missingName.body().get("field").stringValue()).isEqualTo("name");
        assertThat(farFuture.status()).isEqualTo(400);
    }

    @Test
    void historyOlderThanThePlansRetentionIsHiddenAndThenDeleted() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");
        String recent = send(app, "d", "1");
        long deviceId = jdbc.sql("SELECT device_id FROM command WHERE id = ?::uuid")
                .param(recent)
                .query(Long.class)
                .single();
        UUID old = insertFinished(deviceId, Instant.now().minus(Duration.ofDays(4)));
        UUID withinRetention = insertFinished(deviceId, Instant.now().minus(Duration.ofDays(2)));

        JsonNode history = app.get("/v1/commands/history?name=reboot&device_idents=d&start="
                        + Instant.now().minus(Duration.ofDays(10)))
                .body();
        assertThat(history.get("d").values().stream()
                        .map(r -> r.get("id").stringValue())
                        .toList())
                .containsExactly(withinRetention.toString(), recent);

        retention.run();

        assertThat(exists(old)).isFalse();
        assertThat(exists(withinRetention)).isTrue();
        assertThat(exists(UUID.fromString(recent))).isTrue();
    }

    @Test
    void commandEventsOlderThanThePlansRetentionAreDeleted() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");
        String old = send(app, "d", "1");
        String recent = send(app, "d", "2");
        await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf(old) + eventsOf(recent) == 2);
        jdbc.sql("UPDATE command_event SET at = at - interval '4 days' WHERE command_id = ?::uuid")
                .param(old)
                .update();

        retention.run();

        assertThat(eventsOf(old)).isZero();
        assertThat(eventsOf(recent)).isOne();
    }

    private int eventsOf(String commandId) {
        return jdbc.sql("SELECT count(*) FROM command_event WHERE command_id = ?::uuid")
                .param(commandId)
                .query(Integer.class)
                .single();
    }

    @Test
    void retentionNeverDeletesAPendingCommand() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");
        String id = send(app, "d", "1");
        jdbc.sql("UPDATE command SET created_at = created_at - interval '5 days' WHERE id = ?::uuid")
                .param(id)
                .update();
        jdbc.sql("UPDATE pending_command SET created_at = created_at - interval '5 days' WHERE id = ?::uuid")
                .param(id)
                .update();

        retention.run();

        assertThat(exists(UUID.fromString(id))).isTrue();
    }

    @Test
    void daysPastTheLongestRetentionAreDroppedWhole() {
        var app = CourierClient.newApp(port, "pro");
        app.newDevice("d");
        long deviceId = jdbc.sql("SELECT d.id FROM device d JOIN api_key k USING (app_id) WHERE k.id = ?")
                .param(Long.parseLong(app.token().split("_")[1]))
                .query(Long.class)
                .single();
        LocalDate longAgo = LocalDate.now(ZoneOffset.UTC).minusDays(40);
        storage.createDayPartition(longAgo);
        insertFinished(deviceId, longAgo.atTime(12, 0).toInstant(ZoneOffset.UTC));
        assertThat(storage.dayPartitions()).contains(longAgo);

        retention.run();

        assertThat(storage.dayPartitions())
                .doesNotContain(longAgo)
                .contains(LocalDate.now(ZoneOffset.UTC).plusDays(7));
    }

    private UUID insertFinished(long deviceId, Instant createdAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO command (id, created_at, seq, app_id, device_id, name, data, status, attempts, acked_at)
                        SELECT ?, ?, nextval('command_seq'), app_id, id, 'reboot', '0', 'acked', 1, ?
                        FROM device WHERE id = ?
                        """)
                .params(id, java.sql.Timestamp.from(createdAt), java.sql.Timestamp.from(createdAt), deviceId)
                .update();
        return id;
    }

    private boolean exists(UUID id) {
        return jdbc.sql("SELECT count(*) FROM command WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                == 1;
    }

    private static String send(CourierClient app, String device, String data) {
        return app.post(
                        "/v1/commands",
                        "{\"name\":\"reboot\",\"device_ident\":[\"" + device + "\"],\"data\":" + data + "}")
                .body()
                .get(device)
                .get("id")
                .stringValue();
    }
}
