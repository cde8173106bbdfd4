package dev.courier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.courier.CourierApplication;
import dev.courier.CourierClient;
import dev.courier.CourierTest;
import dev.courier.DeviceClient;
import dev.courier.TestDatabase;
import dev.courier.command.CommandEvent;
import dev.courier.command.CommandEvents;
import dev.courier.command.EventFilter;
import dev.courier.tenant.AppId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Webhooks end to end: a real Courier on PostgreSQL posting to real HTTP servers on 127.0.0.1. */
@CourierTest
class WebhookTests {

    private static final String ALL = "[\"queued\",\"delivered\",\"acked\",\"failed\",\"expired\",\"cancelled\"]";

    @LocalServerPort
    int port;

    @Autowired
    CommandEvents events;

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void stopReceivers() {
        receivers.forEach(WebhookReceiver::close);
        // their endpoints would be retried for the rest of the run: shared context
        jdbc.sql("DELETE FROM webhook_endpoint").update();
    }

    @Test
    void everyStatusChangeArrivesInOrderSignedWithTheSecret() throws Exception {
        var app = CourierClient.newApp(port, "free");
        String token = app.newDevice("sensor_01");
        WebhookReceiver receiver = receiver();
        JsonNode webhook = register(app, receiver.url(), ALL);
        String secret = webhook.get("secret").stringValue();

        try (var device = DeviceClient.connect(port, token).listen("reboot")) {
            String overSocket = send(app, "reboot");
            assertThat(device.next().get("id").stringValue()).isEqualTo(overSocket);
            device.ack(overSocket);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> status(app, overSocket).equals("acked"));
        }
        String cancelled = send(app, "update");
        app.delete("/v1/commands/" + cancelled);
        String polled = send(app, "reboot");
        var poller = app.withToken(token);
        assertThat(poller.get("/v1/device/commands?name=reboot&wait=5")
                        .body()
                        .get(0)
                        .get("id")
                        .stringValue())
                .isEqualTo(polled);
        poller.post("/v1/device/commands/" + polled + "/ack", "{\"result\":{\"uptime\":3}}");

        List<CommandEvent> expected = awaitEvents(webhook, 8);
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.distinct().size() >= expected.size());

        List<WebhookReceiver.Post> posts = receiver.distinct();
        assertThat(posts).extracting(WebhookReceiver.Post::eventId).containsExactlyElementsOf(ids(expected));
        assertThat(posts)
                .extracting(post -> post.json().get("data").get("status").stringValue())
                .containsExactly("queued", "delivered", "acked", "queued", "cancelled", "queued", "delivered", "acked");
        assertThat(receiver.posts()).allSatisfy(post -> {
            assertThat(verifies(secret, post)).as("signature of " + post.id()).isTrue();
            assertThat(post.contentType()).isEqualTo("application/json");
            assertThat(Long.parseLong(post.timestamp()))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
            JsonNode body = post.json();
            assertThat(body.get("type").stringValue())
                    .isEqualTo("command." + body.get("data").get("status").stringValue());
            assertThat(Instant.parse(body.get("timestamp").stringValue())).isNotNull();
            assertThat(body.get("data").get("device_ident").stringValue()).isEqualTo("sensor_01");
        });
        JsonNode lastAck = posts.get(7).json().get("data");
        assertThat(lastAck.get("command_id").stringValue()).isEqualTo(polled);
        assertThat(lastAck.get("result").get("uptime").intValue()).isEqualTo(3);

        JsonNode deliveries = app.get("/v1/webhooks/" + webhook.get("id").longValue() + "/deliveries")
                .body();
        assertThat(deliveries.get(0).get("event_id").longValue())
                .isEqualTo(expected.get(7).id());
        assertThat(deliveries.get(0).get("status_code").intValue()).isEqualTo(200);
        assertThat(deliveries.get(0).get("outcome").stringValue()).isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(
                                app.get("/v1/webhooks/" + webhook.get("id").longValue())
                                        .body()
                                        .get("last_event_id")
                                        .longValue())
                        .isEqualTo(expected.get(7).id()));
    }

    @Test
    void onlyTheStatusesAndNamesAskedForArrive() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");
        WebhookReceiver receiver = receiver();
        JsonNode webhook = app.post(
                        "/v1/webhooks",
                        "{\"url\":\"" + receiver.url() + "\",\"events\":[\"cancelled\"],\"names\":[\"reboot\"]}")
                .body();
        String update = send(app, "update");
        String reboot = send(app, "reboot");
        app.delete("/v1/commands/" + update);
        app.delete("/v1/commands/" + reboot);

        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.posts().isEmpty());
        // the endpoint's cursor passes the events it does not want, up to the app's last
        await().atMost(Duration.ofSeconds(5))
                .until(() -> app.get("/v1/webhooks/" + webhook.get("id").longValue())
                                .body()
                                .get("last_event_id")
                                .longValue()
                        == 4);
        assertThat(receiver.posts()).singleElement().satisfies(post -> {
            assertThat(post.json().get("data").get("command_id").stringValue()).isEqualTo(reboot);
            assertThat(post.json().get("type").stringValue()).isEqualTo("command.cancelled");
        });
    }

    @Test
    void anEndpointThatIsDownGetsEveryEventInOrderOnceItIsBack() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");
        WebhookReceiver receiver = receiver();
        receiver.down();
        JsonNode webhook = register(app, receiver.url(), "[\"queued\",\"cancelled\"]");
        long id = webhook.get("id").longValue();
        String first = send(app, "reboot");
        send(app, "update");

        // refused connections, then 500s: the first event is retried, nothing after it is posted
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(app, id).size() >= 2);
        assertThat(deliveries(app, id)).allSatisfy(attempt -> {
            assertThat(attempt.get("outcome").stringValue()).isEqualTo("retrying");
            assertThat(attempt.get("status_code").isNull()).isTrue();
            assertThat(attempt.get("error").stringValue()).isNotBlank();
        });
        receiver.answering(500).listen();
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() >= 2);
        assertThat(receiver.distinct())
                .as("only the first event, again and again")
                .hasSize(1);
        app.delete("/v1/commands/" + first);

        receiver.answering(204);
        List<CommandEvent> expected = awaitEvents(webhook, 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.distinct().size() == 3);
        assertThat(receiver.distinct())
                .extracting(WebhookReceiver.Post::eventId)
                .containsExactlyElementsOf(ids(expected));
        List<JsonNode> log = deliveries(app, id);
        assertThat(log.get(log.size() - 1).get("attempt").intValue()).isEqualTo(1);
        assertThat(log).anySatisfy(attempt -> {
            assertThat(attempt.get("status_code").intValue()).isEqualTo(500);
            assertThat(attempt.get("attempt").intValue()).isGreaterThan(1);
        });
        assertThat(log)
                .filteredOn(attempt -> attempt.get("outcome").stringValue().equals("succeeded"))
                .hasSize(3);
    }

    @Test
    void redirectsAreNotFollowed() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");
        WebhookReceiver target = receiver();
        WebhookReceiver redirecting = receiver().redirectingTo(target.url());
        long id = register(app, redirecting.url(), "[\"queued\"]").get("id").longValue();
        send(app, "reboot");

        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(app, id).size() >= 2);
        assertThat(deliveries(app, id)).allSatisfy(attempt -> {
            assertThat(attempt.get("status_code").intValue()).isEqualTo(302);
            assertThat(attempt.get("outcome").stringValue()).isEqualTo("retrying");
        });
        assertThat(target.posts()).isEmpty();
    }

    @Test
    void slowEndpointsDelayNeitherAnotherEndpointNorSends() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");
        List<WebhookReceiver> slow = new ArrayList<>();
        List<Long> slowIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // two answer within the request timeout (3 s here), one never does
            WebhookReceiver receiver = receiver().slow(i == 0 ? 10_000 : 2_000);
            slow.add(receiver);
            slowIds.add(register(app, receiver.url(), "[\"queued\"]").get("id").longValue());
        }
        WebhookReceiver fast = receiver();
        register(app, fast.url(), "[\"queued\"]");
        send(app, "reboot"); // the slow endpoints are each busy with this one for two seconds now
        await().atMost(Duration.ofSeconds(2))
                .until(() -> slow.stream().allMatch(r -> r.posts().size() == 1));

        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            send(app, "reboot");
        }
        long sendMillis = (System.nanoTime() - started) / 1_000_000;

        await().atMost(Duration.ofSeconds(1)).until(() -> fast.distinct().size() == 6);
        assertThat(slow).allSatisfy(receiver -> assertThat(receiver.posts()).hasSizeLessThanOrEqualTo(2));
        assertThat(sendMillis).as("five sends while the slow endpoints hang").isLessThan(1_000);
        // the one that never answers is cut off at the request timeout and retried
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !deliveries(app, slowIds.get(0)).isEmpty());
        assertThat(deliveries(app, slowIds.get(0)).get(0).get("error").stringValue())
                .isEqualTo("no complete response within PT3S");
    }

    @Test
    void theOutboxSurvivesARestartAndAnotherInstanceCarriesOn() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");
        WebhookReceiver receiver = receiver().answering(503);
        JsonNode webhook = register(app, receiver.url(), "[\"queued\"]");
        long id = webhook.get("id").longValue();
        send(app, "reboot");
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(app, id).size() >= 2);

        dispatcher.stop(); // as if this instance died: only the database remembers
        try {
            send(app, "reboot");
            send(app, "reboot");
            receiver.answering(200);
            List<CommandEvent> expected = awaitEvents(webhook, 3);
            int before = receiver.posts().size();
            try (ConfigurableApplicationContext other = startInstance()) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> receiver.distinct().size() == 3);
                assertThat(receiver.distinct())
                        .extracting(WebhookReceiver.Post::eventId)
                        .containsExactlyElementsOf(ids(expected));
                assertThat(receiver.posts().subList(before, receiver.posts().size()))
                        .allSatisfy(post -> assertThat(
                                        verifies(webhook.get("secret").stringValue(), post))
                                .isTrue());
                List<JsonNode> log = deliveries(app, id);
                assertThat(log.get(2).get("event_id").longValue())
                        .isEqualTo(expected.get(0).id());
                assertThat(log.get(2).get("attempt").intValue())
                        .as("the first event's attempts count on across the restart")
                        .isGreaterThan(2);
            }
        } finally {
            dispatcher.start();
        }
    }

    @Test
    void anAppNeverSeesAnotherAppsWebhooks() {
        var owner = CourierClient.newApp(port, "free");
        var other = CourierClient.newApp(port, "free");
        long id = register(owner, receiver().url(), "[\"acked\"]").get("id").longValue();

        assertThat(other.get("/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(other.get("/v1/webhooks/" + id + "/deliveries").status()).isEqualTo(404);
        assertThat(other.post("/v1/webhooks/" + id + "/rotate-secret", "").status())
                .isEqualTo(404);
        assertThat(other.delete("/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(other.get("/v1/webhooks").body()).isEmpty();
        assertThat(owner.get("/v1/webhooks/" + id).status()).isEqualTo(200);
    }

    @Test
    void theSecretIsShownOnlyOnCreateAndRotateAndARotatedOneSignsWhatFollows() throws Exception {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("sensor_01");
        WebhookReceiver receiver = receiver();
        var created = app.post("/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"events\":[\"queued\"]}");
        assertThat(created.status()).isEqualTo(201);
        String secret = created.body().get("secret").stringValue();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);
        long id = created.body().get("id").longValue();
        assertThat(created.body().get("events").toString()).isEqualTo("[\"queued\"]");
        assertThat(created.body().get("names").toString()).isEqualTo("[]");
        assertThat(created.body().get("enabled").booleanValue()).isTrue();
        assertThat(app.get("/v1/webhooks").body().get(0).has("secret")).isFalse();
        assertThat(app.get("/v1/webhooks/" + id).body().has("secret")).isFalse();

        String rotated = app.post("/v1/webhooks/" + id + "/rotate-secret", "")
                .body()
                .get("secret")
                .stringValue();
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        send(app, "reboot");
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.posts().isEmpty());
        assertThat(verifies(rotated, receiver.posts().get(0))).isTrue();
        assertThat(verifies(secret, receiver.posts().get(0))).isFalse();

        assertThat(app.delete("/v1/webhooks/" + id).status()).isEqualTo(204);
        assertThat(app.get("/v1/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void aBadUrlEventOrNameIsA400NamingTheField() {
        var app = CourierClient.newApp(port, "free");
        String ok = receiver().url();

        assertProblem(app.post("/v1/webhooks", "{\"url\":\"ftp://example.com/x\",\"events\":[\"acked\"]}"), "url");
        assertProblem(app.post("/v1/webhooks", "{\"url\":\"not a url\",\"events\":[\"acked\"]}"), "url");
        assertProblem(app.post("/v1/webhooks", "{\"events\":[\"acked\"]}"), "url");
        assertProblem(app.post("/v1/webhooks", "{\"url\":\"" + ok + "\",\"events\":[\"done\"]}"), "events");
        assertProblem(app.post("/v1/webhooks", "{\"url\":\"" + ok + "\",\"events\":[]}"), "events");
        assertProblem(
                app.post("/v1/webhooks", "{\"url\":\"" + ok + "\",\"events\":[\"acked\"],\"names\":[\"a b\"]}"),
                "names");
        assertProblem(app.get("/v1/webhooks/1/deliveries?limit=0"), "limit");
    }

    private static void assertProblem(CourierClient.Response response, String field) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("field").stringValue()).isEqualTo(field);
    }

    /** Verifies a Standard Webhooks signature with code of its own, not Courier's signer. */
    static boolean verifies(String secret, WebhookReceiver.Post post) throws Exception {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected =
                hmac.doFinal((post.id() + "." + post.timestamp() + "." + post.body()).getBytes(StandardCharsets.UTF_8));
        String signature = "v1," + Base64.getEncoder().encodeToString(expected);
        return Arrays.asList(post.signature().split(" ")).contains(signature);
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = WebhookReceiver.start();
        receivers.add(receiver);
        return receiver;
    }

    private static JsonNode register(CourierClient app, String url, String statuses) {
        var created = app.post("/v1/webhooks", "{\"url\":\"" + url + "\",\"events\":" + statuses + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body();
    }

    private static String send(CourierClient app, String name) {
        return app.post("/v1/commands", "{\"name\":\"" + name + "\",\"device_ident\":[\"sensor_01\"],\"data\":1}")
                .body()
                .get("sensor_01")
                .get("id")
                .stringValue();
    }

    private static String status(CourierClient app, String command) {
        return app.get("/v1/commands/" + command).body().get("status").stringValue();
    }

    private static List<JsonNode> deliveries(CourierClient app, long webhook) {
        List<JsonNode> attempts = new ArrayList<>();
        app.get("/v1/webhooks/" + webhook + "/deliveries").body().forEach(attempts::add);
        return attempts;
    }

    /** The app's events the webhook wants, once there are {@code count} of them. */
    private List<CommandEvent> awaitEvents(JsonNode webhook, int count) {
        long app = jdbc.sql("SELECT app_id FROM webhook_endpoint WHERE id = ?")
                .param(webhook.get("id").longValue())
                .query(Long.class)
                .single();
        List<String> statuses = new ArrayList<>();
        webhook.get("events").forEach(status -> statuses.add(status.stringValue()));
        var filter = new EventFilter(
                java.util.Set.of(), java.util.Set.of(), java.util.Set.copyOf(statuses), java.util.Set.of());
        return await().atMost(Duration.ofSeconds(5))
                .until(() -> events.after(new AppId(app), 0, filter, 1000).events(), list -> list.size() == count);
    }

    private static List<Long> ids(List<CommandEvent> events) {
        return events.stream().map(CommandEvent::id).toList();
    }

    private static ConfigurableApplicationContext startInstance() {
        TestDatabase.Connection database = TestDatabase.get();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--courier.webhooks.allow-private-addresses=true",
                "--courier.webhooks.retry-initial-delay=100ms",
                "--courier.webhooks.retry-max-delay=500ms",
                "--courier.webhooks.tick=100ms"));
        if (database.username() != null) {
            args.add("--spring.datasource.username=" + database.username());
            args.add("--spring.datasource.password=" + database.password());
        }
        return SpringApplication.run(CourierApplication.class, args.toArray(String[]::new));
    }
}
