package dev.courier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.courier.CourierClient;
import dev.courier.DeviceClient;
import dev.courier.TcpProxy;
import dev.courier.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * PostgreSQL going away and coming back (issue 9), played by a proxy in front of the test database that the
 * test cuts: requests fail fast with 503, health says DOWN at once, devices stay connected, and once the
 * database is back everything works on the same sockets. Heartbeats run every second here, so a stalled
 * heartbeat would have judged every socket dead within the outage.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "courier.admin-token=" + CourierClient.ADMIN_TOKEN,
            "courier.delivery.ping-interval=1s",
            "courier.delivery.sweep-interval=200ms",
        })
@ContextConfiguration(initializers = DatabaseOutageTests.ThroughProxy.class)
class DatabaseOutageTests {

    static TcpProxy proxy;

    /** The test database, reached through {@link #proxy}. */
    static class ThroughProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestDatabase.Connection database = TestDatabase.get();
            URI url = URI.create(database.url().substring("jdbc:".length()));
            proxy = new TcpProxy(url.getHost(), url.getPort());
            String proxied = database.url().replace(url.getHost() + ":" + url.getPort(), "127.0.0.1:" + proxy.port());
            var properties = new java.util.HashMap<String, Object>(Map.of("spring.datasource.url", proxied));
            if (database.username() != null) {
                properties.put("spring.datasource.username", database.username());
                properties.put("spring.datasource.password", database.password());
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("proxied", properties));
        }
    }

    private static final String SEND = "{\"name\":\"reboot\",\"device_ident\":[\"d\"],\"data\":1}";

    @LocalServerPort
    int port;

    @AfterAll
    static void closeProxy() {
        proxy.close();
    }

    @Test
    void failsFastKeepsDevicesConnectedAndRecovers() throws InterruptedException {
        CourierClient app = CourierClient.newApp(port, "pro");
        try (DeviceClient device =
                DeviceClient.connect(port, app.newDevice("d")).listen("reboot")) {
            String handedOver =
                    app.post("/v1/commands", SEND).body().get("d").get("id").stringValue();
            assertThat(device.next().get("id").stringValue()).isEqualTo(handedOver);
            proxy.cut();

            device.ack(handedOver); // cannot be recorded now: the device hears so, and may ack again later
            var ackRefused = device.next();
            assertThat(ackRefused.get("type").stringValue()).isEqualTo("error");
            assertThat(ackRefused.get("id").stringValue()).isEqualTo(handedOver);
            assertThat(ackRefused.get("error").stringValue()).isEqualTo("the database is unavailable; try again");

            var refused = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> app.post("/v1/commands", SEND));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo(DatabaseOutage.RETRY_AFTER_SECONDS);
            assertThat(refused.body().get("title").stringValue()).isEqualTo("Database unavailable");
            // a key this instance has not seen lately is looked up during authentication: 503 there too, not 500
            var unknownKey = assertTimeoutPreemptively(
                    Duration.ofSeconds(2),
                    () -> app.withToken("ck_999999_unknown").get("/v1/devices"));
            assertThat(unknownKey.status()).isEqualTo(503);
            assertThat(unknownKey.header("Content-Type")).isEqualTo("application/problem+json");

            await().atMost(Duration.ofSeconds(4)).until(() -> healthStatus(app) == 503);
            // the outage lasts several heartbeats: the device's socket stays open through them
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> !device.closed().isDone());

            proxy.restore();
            await().atMost(Duration.ofSeconds(10)).until(() -> healthStatus(app) == 200);
            device.ack(handedOver);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> "acked"
                            .equals(app.get("/v1/commands/" + handedOver)
                                    .body()
                                    .get("status")
                                    .stringValue()));
            var sent = app.post("/v1/commands", SEND);
            assertThat(sent.status()).isEqualTo(200);
            assertThat(device.next().get("name").stringValue()).isEqualTo("reboot");
            assertThat(device.closed()).isNotDone();
        }
    }

    /** Health's status code, which must come at once however the database is. */
    private static int healthStatus(CourierClient app) {
        return assertTimeoutPreemptively(Duration.ofMillis(500), () -> app.get("/actuator/health"))
                .status();
    }
}
