package dev.courier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import dev.courier.DeviceClient;
import java.net.http.WebSocketHandshakeException;
import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Delivery over a real WebSocket (test settings: lease 2 s, retry delay 1 s, max attempts 3). */
@CourierTest
class WebSocketDeliveryTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    CourierClient app;
    String token;

    @BeforeEach
    void device() {
        app = CourierClient.newApp(port, "free");
        token = app.newDevice("sensor_01");
    }

    @Test
    void aListeningDeviceReceivesACommandAndItsAckIsRecorded() throws Exception {
        try (var device = DeviceClient.connect(port, token).listen("reboot")) {
            String id = send("reboot", "{\"delay\":5}");

            JsonNode frame = device.next();
            assertThat(frame.get("type").stringValue()).isEqualTo("command");
            assertThat(frame.get("id").stringValue()).isEqualTo(id);
            assertThat(frame.get("name").stringValue()).isEqualTo("reboot");
            assertThat(frame.get("data").get("delay").intValue()).isEqualTo(5);
            assertThat(frame.get("timestamp").isIntegralNumber()).isTrue();
            assertThat(frame.get("attempt").intValue()).isEqualTo(1);
            assertThat(status(id)).isEqualTo("delivered");

            device.ack(id);

            await().until(() -> status(id).equals("acked"));
            JsonNode command = app.get("/v1/commands/" + id).body();
            assertThat(command.get("attempts").intValue()).isEqualTo(1);
            assertThat(command.get("delivered_at").longValue())
                    .isGreaterThanOrEqualTo(command.get("timestamp").longValue());
            assertThat(command.get("acked_at").longValue())
                    .isGreaterThanOrEqualTo(command.get("delivered_at").longValue());
        }
    }

    @Test
    void aDeviceThatConnectsLaterReceivesWhatWasQueued() throws Exception {
        String first = send("reboot", "1");

        try (var device = DeviceClient.connect(port, token).listen("reboot")) {
            assertThat(device.next().get("id").stringValue()).isEqualTo(first);
        }
    }

    @Test
    void onlyListenedNamesAreDeliveredAndNamesAreIndependent() throws Exception {
        String reboot1 = send("reboot", "1");
        String reboot2 = send("reboot", "2");
        String blink = send("blink", "3");
        send("update", "4");

        try (var device = DeviceClient.connect(port, token).listen("reboot").listen("blink")) {
            JsonNode a = device.next();
            JsonNode b = device.next();
            assertThat(java.util.List.of(a.get("id").stringValue(), b.get("id").stringValue()))
                    .containsExactlyInAnyOrder(reboot1, blink);
            assertThat(device.next(Duration.ofMillis(500)))
                    .as("one at a time per name")
                    .isNull();

            device.ack(reboot1);

            assertThat(device.next().get("id").stringValue()).isEqualTo(reboot2);
            assertThat(device.next(Duration.ofMillis(300)))
                    .as("update is not listened to")
                    .isNull();
        }
    }

    @Test
    void perNameCommandsArriveInSendOrder() throws Exception {
        var sent = new java.util.ArrayList<String>();
        for (int i = 0; i < 10; i++) {
            sent.add(send("reboot", String.valueOf(i)));
        }

        var received = new java.util.ArrayList<String>();
        try (var device = DeviceClient.connect(port, token).listen("reboot")) {
            for (int i = 0; i < 10; i++) {
                String id = device.next().get("id").stringValue();
                received.add(id);
                device.ack(id);
            }
        }

        assertThat(received).isEqualTo(sent);
    }

    @Test
    void aNackIsRedeliveredAfterTheRetryDelayAndNotBefore() throws Exception {
        try (var device = DeviceClient.connect(port, token).listen("reboot")) {
            String id = send("reboot", "1");
            device.next();

            long nackedAt = System.nanoTime();
            device.nack(id, "busy");

            JsonNode again = device.next();
            long waitedMillis = (System.nanoTime() - nackedAt) / 1_000_000;
            assertThat(again.get("id").stringValue()).isEqualTo(id);
            assertThat(again.get("attempt").intValue()).isEqualTo(2);
            assertThat(waitedMillis).isGreaterThanOrEqualTo(1_000).isLessThan(3_000);
            assertThat(app.get("/v1/commands/" + id).body().get("error").stringValue())
                    .isEqualTo("busy");
        }
    }

    @Test
    void aLongNackErrorIsCutToAThousandCharactersAndAFrameOverFourKibClosesWith1009() throws Exception {
        try (var device = DeviceClient.connect(port, token).listen("reboot")) {
            String id = send("reboot", "1");
            device.next();
            device.nack(id, "e".repeat(3_000));
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(app.get("/v1/commands/" + id)
                                    .body()
                                    .get("error")
                                    .stringValue())
                            .hasSize(1_000));

            device.send("{\"type\":\"listen\",\"name\":\"" + "n".repeat(10_000) + "\"}");
            assertThat(device.closed().get(5, TimeUnit.SECONDS)).isEqualTo(1009);
        }
    }

    @Test
    void afterMaxAttemptsTheCommandFailsWithTheLastErrorAndTheNextOneFollows() throws Exception {
        String poison = send("reboot", "1");
        String next = send("reboot", "2");
        try (var device = DeviceClient.connect(port, token).listen("reboot")) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                JsonNode frame = device.next();
                assertThat(frame.get("id").stringValue()).isEqualTo(poison);
                assertThat(frame.get("attempt").intValue()).isEqualTo(attempt);
                device.nack(poison, "error " + attempt);
            }

            assertThat(device.next().get("id").stringValue()).isEqualTo(next);
        }
        JsonNode failed = app.get("/v1/commands/" + poison).body();
        assertThat(failed.get("status").stringValue()).isEqualTo("failed");
        assertThat(failed.get("attempts").intValue()).isEqualTo(3);
        assertThat(failed.get("error").stringValue()).isEqualTo("error 3");
    }

    @Test
    void aDeviceThatDiesMidDeliveryGetsTheCommandAgain() throws Exception {
        String id = send("reboot", "1");
        var dying = DeviceClient.connect(port, token).listen("reboot");
        assertThat(dying.next().get("attempt").intValue()).isEqualTo(1);

        dying.abort();

        try (var device = DeviceClient.connect(port, token).listen("reboot")) {
            JsonNode again = device.next();
            assertThat(again.get("id").stringValue()).isEqualTo(id);
            assertThat(again.get("attempt").intValue()).isEqualTo(2);
        }
    }

    @Test
    void aCommandLeftUnackedOnAnOpenSocketIsRedeliveredWhenTheLeaseLapses() throws Exception {
        try (var device = DeviceClient.connect(port, token).listen("reboot")) {
            String id = send("reboot", "1");
            assertThat(device.next().get("attempt").intValue()).isEqualTo(1);
            long deliveredAt = System.nanoTime();

            JsonNode again = device.next();

            assertThat(again.get("id").stringValue()).isEqualTo(id);
            assertThat(again.get("attempt").intValue()).isEqualTo(2);
            assertThat((System.nanoTime() - deliveredAt) / 1_000_000)
                    .as("after the 2 s lease")
                    .isGreaterThanOrEqualTo(1_900);
        }
    }

    @Test
    void aCommandPastItsTtlIsNeverDelivered() throws Exception {
        String expiring = send("reboot", "1", ",\"ttl\":1");
        await().until(() -> status(expiring).equals("expired"));
        String later = send("reboot", "2");

        try (var device = DeviceClient.connect(port, token).listen("reboot")) {
            assertThat(device.next().get("id").stringValue()).isEqualTo(later);
        }
    }

    @Test
    void aCancelledCommandIsNotDeliveredAgainAndALateAckIsHarmlessButSaysSo() throws Exception {
        try (var device = DeviceClient.connect(port, token).listen("reboot")) {
            String id = send("reboot", "1");
            device.next();
            String next = send("reboot", "2");

            assertThat(app.delete("/v1/commands/" + id).status()).isEqualTo(200);

            assertThat(device.next().get("id").stringValue())
                    .as("the next one is due at once")
                    .isEqualTo(next);
            device.ack(id);
            // the ack changes nothing, and the device learns why (issue 9; it used to hear nothing)
            JsonNode answer = device.next();
            assertThat(answer.get("type").stringValue()).isEqualTo("error");
            assertThat(answer.get("id").stringValue()).isEqualTo(id);
            assertThat(answer.get("error").stringValue()).contains("cancelled");
            assertThat(status(id)).isEqualTo("cancelled");
        }
    }

    @Test
    void garbageFramesGetAnErrorFrameAndTheConnectionStaysUsable() throws Exception {
        try (var device = DeviceClient.connect(port, token)) {
            for (String garbage : new String[] {
                "not json",
                "[]",
                "{\"type\":\"dance\"}",
                "{\"type\":\"listen\"}",
                "{\"type\":\"listen\",\"name\":\"bad name\"}",
                "{\"type\":\"ack\"}"
            }) {
                device.send(garbage);
                JsonNode error = device.next();
                assertThat(error.get("type").stringValue()).as(garbage).isEqualTo("error");
                assertThat(error.get("error").stringValue()).as(garbage).isNotBlank();
            }

            device.listen("reboot");
            String id = send("reboot", "1");
            assertThat(device.next().get("id").stringValue()).isEqualTo(id);
        }
    }

    @Test
    void aDeviceCannotAckAnotherDevicesCommand() throws Exception {
        String otherToken = app.newDevice("sensor_02");
        String theirs = app.post("/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_02\"],\"data\":1}")
                .body()
                .get("sensor_02")
                .get("id")
                .stringValue();

        try (var device = DeviceClient.connect(port, token)) {
            device.ack(theirs);

            JsonNode error = device.next();
            assertThat(error.get("type").stringValue()).isEqualTo("error");
            assertThat(error.get("id").stringValue()).isEqualTo(theirs);
        }
        assertThat(status(theirs)).isEqualTo("queued");
        assertThat(otherToken).isNotEqualTo(token);
    }

    @Test
    void aBadTokenIsRefusedAtTheHandshake() {
        var refused = org.assertj.core.api.Assertions.catchThrowable(() -> DeviceClient.connect(port, "dt_1_wrong"));

        assertThat(refused).hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) refused.getCause())
                        .getResponse()
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void rotatingTheTokenClosesTheOpenSocketWithinTwoSeconds() {
        var device = DeviceClient.connect(port, token);

        app.post("/v1/devices/sensor_01/token", "");

        await().atMost(Duration.ofSeconds(2)).until(() -> device.closed().isDone());
    }

    @Test
    void aCommandWhoseWakeUpWasLostIsDeliveredByTheSweep() throws Exception {
        try (var device = DeviceClient.connect(port, token).listen("reboot")) {
            assertThat(device.next(Duration.ofMillis(300))).isNull();
            // committed without any wake-up, as when the sending instance crashed between commit and NOTIFY
            UUID id = UUID.fromString(send("blink", "0")); // any command of this device, to copy its keys
            jdbc.sql("""
                            INSERT INTO command (id, created_at, seq, app_id, device_id, name, data)
                            SELECT ?, created_at, nextval('command_seq'), app_id, device_id, 'reboot', '1'
                            FROM command WHERE id = ?
                            """).params(lostId(id), id).update();
            jdbc.sql("""
                            INSERT INTO pending_command (id, created_at, seq, app_id, device_id, name, data)
                            SELECT c.id, c.created_at, c.seq, c.app_id, c.device_id, c.name, c.data
                            FROM command c WHERE c.id = ?
                            """).param(lostId(id)).update();

            JsonNode frame = device.next(Duration.ofSeconds(5));

            assertThat(frame).as("woken by the sweep, not by a notification").isNotNull();
            assertThat(frame.get("id").stringValue()).isEqualTo(lostId(id).toString());
        }
    }

    @Test
    void aCommandSentWhileTheAckOfItsPredecessorIsUnderWayIsHandedOverRightAfterTheAck() throws Exception {
        try (var device = DeviceClient.connect(port, token).listen("reboot");
                Connection lock = dataSource.getConnection()) {
            String first = send("reboot", "1");
            assertThat(device.next().get("id").stringValue()).isEqualTo(first);
            // hold the ack's statement after it began: its snapshot is older than the next send
            lock.setAutoCommit(false);
            try (var statement = lock.prepareStatement("SELECT 1 FROM pending_command WHERE id = ? FOR UPDATE")) {
                statement.setObject(1, UUID.fromString(first));
                statement.executeQuery().close();
            }
            device.ack(first);
            await().until(this::aStatementWaitsForALock);

            String second = send("reboot", "2");
            // its wake-up looks while the first still heads the queue, and the ack's own look cannot see it
            assertThat(device.next(Duration.ofMillis(300))).as("one in flight").isNull();
            lock.commit();

            JsonNode frame = device.next(Duration.ofMillis(500));
            assertThat(frame)
                    .as("handed over once the ack committed, not a second later by the sweep")
                    .isNotNull();
            assertThat(frame.get("id").stringValue()).isEqualTo(second);
        }
    }

    private boolean aStatementWaitsForALock() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND wait_event_type = 'Lock'")
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** A second id with the same creation time (UUIDv7 timestamp) as the given one. */
    private static UUID lostId(UUID sibling) {
        return new UUID(sibling.getMostSignificantBits(), sibling.getLeastSignificantBits() ^ 1);
    }

    @Test
    void deletingTheDeviceClosesItsOpenSocketWithinTwoSeconds() {
        var device = DeviceClient.connect(port, token);

        assertThat(app.delete("/v1/devices/sensor_01").status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(2)).until(() -> device.closed().isDone());
    }

    @Test
    void aDeviceIsOnlineWhileItsSocketIsOpen() {
        assertThat(app.get("/v1/devices/sensor_01").body().get("online").booleanValue())
                .isFalse();

        try (var device = DeviceClient.connect(port, token)) {
            await().until(() ->
                    app.get("/v1/devices/sensor_01").body().get("online").booleanValue());
            assertThat(app.get("/v1/devices/sensor_01").body().get("last_seen").isIntegralNumber())
                    .isTrue();
        }

        await().until(() ->
                !app.get("/v1/devices/sensor_01").body().get("online").booleanValue());
    }

    @Test
    void aCommandLargerThanTheSocketBuffersArrivesWhole() throws Exception {
        // 60,000 characters: the connection's buffers are 1 to 2 KiB, so Tomcat sends it in fragments
        String text = "x".repeat(60_000);
        try (var device = DeviceClient.connect(port, token).listen("config")) {
            String id = send("config", "{\"blob\":\"" + text + "\"}");

            JsonNode frame = device.next();

            assertThat(frame.get("id").stringValue()).isEqualTo(id);
            assertThat(frame.get("data").get("blob").stringValue()).isEqualTo(text);
        }
    }

    private String send(String name, String data) {
        return send(name, data, "");
    }

    private String send(String name, String data, String extra) {
        return app.post(
                        "/v1/commands",
                        "{\"name\":\"" + name + "\",\"device_ident\":[\"sensor_01\"],\"data\":" + data + extra + "}")
                .body()
                .get("sensor_01")
                .get("id")
                .stringValue();
    }

    private String status(String id) {
        return app.get("/v1/commands/" + id).body().get("status").stringValue();
    }
}
