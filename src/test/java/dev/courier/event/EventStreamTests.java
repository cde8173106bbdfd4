package dev.courier.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import dev.courier.DeviceClient;
import dev.courier.EventStreamClient;
import dev.courier.EventStreamClient.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/events} (test settings: lease 2 s, retry delay 1 s, max attempts 3). */
@CourierTest
class EventStreamTests {

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
    void everyStatusChangeOfACommandArrivesOnceInOrderWithTheAcksResult() throws Exception {
        try (var stream = EventStreamClient.open(port, app.token());
                var device = DeviceClient.connect(port, deviceToken).listen("reboot")) {
            String id = send("reboot", "sensor_01");
            JsonNode command = device.next(Duration.ofSeconds(5));
            device.send("{\"type\":\"ack\",\"id\":\"" + id + "\",\"result\":{\"uptime\":12}}");

            List<Event> events = take(stream, 3);

            assertThat(events).extracting(Event::status).containsExactly("queued", "delivered", "acked");
            assertThat(events).extracting(Event::commandId).containsOnly(id);
            assertThat(events).extracting(Event::id).isSorted().doesNotHaveDuplicates();
            assertThat(events.get(1).id()).isEqualTo(events.get(0).id() + 1);
            Event acked = events.get(2);
            assertThat(acked.data().get("name").stringValue()).isEqualTo("reboot");
            assertThat(acked.data().get("device_ident").stringValue()).isEqualTo("sensor_01");
            assertThat(acked.data().get("attempt").intValue())
                    .isEqualTo(command.get("attempt").intValue());
            assertThat(acked.data().get("result").get("uptime").intValue()).isEqualTo(12);
            assertThat(acked.data().get("timestamp").isIntegralNumber()).isTrue();
            assertThat(stream.next(Duration.ofMillis(300)))
                    .as("nothing more, nothing twice")
                    .isNull();
            // the result is kept with the command too
            assertThat(app.get("/v1/commands/" + id)
                            .body()
                            .get("result")
                            .get("uptime")
                            .intValue())
                    .isEqualTo(12);
        }
    }

    @Test
    void aNackRetryFailureAndCancelAreEventsWithTheDevicesError() throws Exception {
        try (var stream = EventStreamClient.open(
                        port, app.token(), "status=queued&status=failed&status=cancelled", null);
                var device = DeviceClient.connect(port, deviceToken).listen("update")) {
            String failing = send("update", "sensor_01");
            for (int attempt = 1; attempt <= 3; attempt++) {
                JsonNode command = device.next(Duration.ofSeconds(5));
                assertThat(command.get("attempt").intValue()).isEqualTo(attempt);
                device.nack(failing, "disk full");
            }
            String cancelled = send("blink", "sensor_02");
            assertThat(app.delete("/v1/commands/" + cancelled).status()).isEqualTo(200);

            List<Event> events = take(stream, 6);

            assertThat(events)
                    .extracting(Event::status)
                    .containsExactly("queued", "queued", "queued", "failed", "queued", "cancelled");
            assertThat(events.get(1).data().get("error").stringValue()).isEqualTo("disk full");
            assertThat(events.get(1).data().get("attempt").intValue()).isEqualTo(1);
            assertThat(events.get(3).data().get("error").stringValue()).isEqualTo("disk full");
            assertThat(events.get(3).data().get("attempt").intValue()).isEqualTo(3);
            assertThat(events.get(5).commandId()).isEqualTo(cancelled);
        }
    }

    @Test
    void expiryALapsedLeaseAPurgeAndADeletedDeviceAreEventsToo() throws Exception {
        try (var stream = EventStreamClient.open(port, app.token())) {
            String expiring = app.post(
                            "/v1/commands",
                            "{\"name\":\"blink\",\"device_ident\":[\"sensor_01\"],\"data\":1,\"ttl\":1}")
                    .body()
                    .get("sensor_01")
                    .get("id")
                    .stringValue();
            String lapsing = send("reboot", "sensor_01");
            var device = app.withToken(deviceToken);
            assertThat(device.get("/v1/device/commands?name=reboot&wait=0").body())
                    .hasSize(1); // never acked
            String purged = send("update", "sensor_02");
            assertThat(app.delete("/v1/devices/sensor_02/commands").status()).isEqualTo(200);
            String ofDeletedDevice = send("update", "sensor_02");
            assertThat(app.delete("/v1/devices/sensor_02").status()).isEqualTo(204);

            // the ttl is 1 s, the lease 2 s, the sweep runs every 200 ms
            List<Event> events = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Event event = stream.next(Duration.ofMillis(100));
                if (event != null) {
                    events.add(event);
                }
                return statuses(events, expiring).contains("expired")
                        && statuses(events, lapsing).size() >= 3
                        && statuses(events, ofDeletedDevice).contains("cancelled");
            });

            assertThat(statuses(events, expiring)).containsExactly("queued", "expired");
            assertThat(statuses(events, lapsing)).startsWith("queued", "delivered", "queued");
            Event requeued = events.stream()
                    .filter(event -> event.commandId().equals(lapsing))
                    .toList()
                    .get(2);
            assertThat(requeued.data().get("attempt").intValue())
                    .as("the lapsed hand-over")
                    .isEqualTo(1);
            assertThat(statuses(events, purged)).containsExactly("queued", "cancelled");
            assertThat(statuses(events, ofDeletedDevice)).containsExactly("queued", "cancelled");
            Event cancelled = events.stream()
                    .filter(event -> event.commandId().equals(ofDeletedDevice)
                            && event.status().equals("cancelled"))
                    .findFirst()
                    .orElseThrow();
            assertThat(cancelled.data().get("device_ident").stringValue()).isEqualTo("sensor_02");
        }
    }

    private static List<String> statuses(List<Event> events, String commandId) {
        return events.stream()
                .filter(event -> event.commandId().equals(commandId))
                .map(Event::status)
                .toList();
    }

    @Test
    void aStreamResumedWithLastEventIdMissesNothingAndRepeatsNothing() throws Exception {
        List<String> sent = new ArrayList<>();
        long lastSeen;
        try (var stream = EventStreamClient.open(port, app.token())) {
            sent.add(send("reboot", "sensor_01"));
            sent.add(send("reboot", "sensor_02"));
            lastSeen = take(stream, 2).get(1).id();
        }
        sent.add(send("blink", "sensor_01")); // while nobody listens
        sent.add(send("blink", "sensor_02"));

        try (var resumed = EventStreamClient.open(port, app.token(), null, Long.toString(lastSeen))) {
            sent.add(send("reboot", "sensor_01"));
            List<Event> events = take(resumed, 3);

            assertThat(events).extracting(Event::commandId).containsExactlyElementsOf(sent.subList(2, 5));
            assertThat(events).extracting(Event::id).containsExactly(lastSeen + 1, lastSeen + 2, lastSeen + 3);
            assertThat(resumed.next(Duration.ofMillis(300))).isNull();
        }
        try (var replay = EventStreamClient.open(port, app.token(), "after=0", null)) {
            assertThat(take(replay, 5)).extracting(Event::commandId).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void filtersByNameDeviceAndStatus() throws Exception {
        try (var stream =
                EventStreamClient.open(port, app.token(), "name=reboot&device_ident=sensor_02&status=queued", null)) {
            send("reboot", "sensor_01");
            send("blink", "sensor_02");
            String wanted = send("reboot", "sensor_02");

            Event event = stream.next(Duration.ofSeconds(5));

            assertThat(event.commandId()).isEqualTo(wanted);
            assertThat(stream.next(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void oneAppNeverHearsAnothersEvents() throws Exception {
        var other = CourierClient.newApp(port, "free");
        other.newDevice("sensor_01");
        try (var stream = EventStreamClient.open(port, other.token(), "after=0", null)) {
            send("reboot", "sensor_01");
            String own = other.post("/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\"],\"data\":1}")
                    .body()
                    .get("sensor_01")
                    .get("id")
                    .stringValue();

            Event event = stream.next(Duration.ofSeconds(5));

            assertThat(event.commandId()).isEqualTo(own);
            assertThat(event.id()).as("numbered per app").isEqualTo(1);
            assertThat(stream.next(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void anAppHoldsAtMostTenStreamsOnAnInstance() {
        List<EventStreamClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < EventStreams.MAX_PER_APP; i++) {
                open.add(EventStreamClient.open(port, app.token()));
            }

            var refused = app.get("/v1/events");

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.body().get("title").stringValue()).isEqualTo("Too many event streams");
            var other = CourierClient.newApp(port, "free");
            open.add(EventStreamClient.open(port, other.token())); // per app: another app still gets its stream
        } finally {
            open.forEach(EventStreamClient::close);
        }
    }

    @Test
    void badParametersAreProblemsAndTheStreamNeedsAnApiKey() {
        var wrongStatus = app.get("/v1/events?status=done");
        assertThat(wrongStatus.status()).isEqualTo(400);
        assertThat(wrongStatus.body().get("field").stringValue()).isEqualTo("status");
        var wrongAfter = app.get("/v1/events?after=-1");
        assertThat(wrongAfter.status()).isEqualTo(400);
        assertThat(wrongAfter.body().get("field").stringValue()).isEqualTo("after");
        assertThat(app.get("/v1/events?name=bad%20name").status()).isEqualTo(400);
        assertThat(app.withToken(deviceToken).get("/v1/events").status()).isEqualTo(401);
        assertThat(app.withToken(null).get("/v1/events").status()).isEqualTo(401);
    }

    private String send(String name, String ident) {
        var response = app.post(
                "/v1/commands", "{\"name\":\"" + name + "\",\"device_ident\":[\"" + ident + "\"],\"data\":{\"n\":1}}");
        assertThat(response.status()).isEqualTo(200);
        return response.body().get(ident).get("id").stringValue();
    }

    private static List<Event> take(EventStreamClient stream, int count) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Event event = stream.next(Duration.ofMillis(100));
            if (event != null) {
                events.add(event);
            }
            return events.size() >= count;
        });
        return events;
    }
}
