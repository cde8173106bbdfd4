package dev.courier.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.CourierClient;
import dev.courier.CourierTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@CourierTest
class OperationsTests {

    @LocalServerPort
    int port;

    @Test
    void healthIsOpenAndTheRestOfTheActuatorNeedsTheAdminToken() {
        var anonymous = CourierClient.admin(port).withToken(null);

        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(CourierClient.admin(port)
                        .get("/actuator/metrics/courier.commands.sent")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void healthShowsItsComponentsToTheAdminTokenOnly() {
        var anonymous = CourierClient.admin(port).withToken(null);
        var app = CourierClient.newApp(port, "free");
        var wrong = CourierClient.admin(port).withToken("not-the-token");

        for (var someone : new CourierClient[] {anonymous, app, wrong}) {
            var health = someone.get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body().get("status").stringValue()).isEqualTo("UP");
            assertThat(health.body().has("components")).isFalse();
        }
        var admin = CourierClient.admin(port).get("/actuator/health");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body().get("components").has("db")).isTrue();
    }

    @Test
    void prometheusCountsSentCommands() {
        var app = CourierClient.newApp(port, "free");
        app.newDevice("d");
        app.post("/v1/commands", "{\"name\":\"n\",\"device_ident\":[\"d\"],\"data\":1}");

        var metrics = CourierClient.admin(port).get("/actuator/metrics/courier.commands.sent");

        assertThat(metrics.body().get("measurements").get(0).get("value").doubleValue())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void prometheusExposesTheDeliveryMetrics() {
        var scrape = CourierClient.admin(port).get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.raw().body())
                .contains(
                        "courier_commands_sent_total",
                        "courier_commands_delivered_total",
                        "courier_commands_acked_total",
                        "courier_commands_nacked_total",
                        "courier_commands_redelivered_total",
                        "courier_commands_failed_total",
                        "courier_commands_expired_total",
                        "courier_delivery_latency_seconds_bucket",
                        "courier_devices_connected",
                        "courier_polls_parked",
                        "courier_queue_depth");
    }

    @Test
    void everyCourierMetricHasAHelpText() {
        String scrape =
                CourierClient.admin(port).get("/actuator/prometheus").raw().body();
        Set<String> families = new TreeSet<>();
        Map<String, String> help = new TreeMap<>();
        for (String line : scrape.lines().toList()) {
            String[] words = line.split(" ", 4);
            if (line.startsWith("# TYPE courier_")) {
                families.add(words[2]);
            } else if (line.startsWith("# HELP courier_")) {
                help.put(words[2], words.length > 3 ? words[3].strip() : "");
            }
        }

        assertThat(families).hasSizeGreaterThanOrEqualTo(14).isEqualTo(help.keySet());
        assertThat(help)
                .allSatisfy((family, text) -> assertThat(text)
                        .as(family)
                        .isNotBlank()
                        .contains(" ")
                        .doesNotContainIgnoringCase(family.replace('_', ' ').replaceAll(" (total|seconds)$", "")));
    }

    @Test
    void theRootLeadsToTheApiExplorer() throws IOException, InterruptedException {
        var root = CourierClient.admin(port).withToken(null).get("/");
        var explorer = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(root.status()).isEqualTo(302);
        assertThat(root.header("Location")).endsWith("/swagger-ui.html");
        assertThat(explorer.statusCode()).isEqualTo(200);
        assertThat(explorer.uri().getPath()).isEqualTo("/swagger-ui/index.html");
        assertThat(explorer.body()).contains("Swagger UI");
    }

    @Test
    void theOpenApiDescriptionDeclaresBearerSchemesAndExamples() {
        JsonNode api =
                CourierClient.admin(port).withToken(null).get("/v3/api-docs").body();

        JsonNode schemes = api.get("components").get("securitySchemes");
        assertThat(schemes.get("apiKey").get("scheme").stringValue()).isEqualTo("bearer");
        assertThat(schemes.has("deviceToken")).isTrue();
        assertThat(schemes.has("adminToken")).isTrue();
        JsonNode send = api.get("paths").get("/v1/commands").get("post");
        assertThat(send.get("security").get(0).has("apiKey")).isTrue();
        assertThat(send.get("requestBody").toString()).contains("#/components/schemas/SendRequest");
        JsonNode schemas = api.get("components").get("schemas");
        assertThat(schemas.get("SendRequest").toString()).contains("sensor_01");
        assertThat(schemas.get("DeviceNotFound").toString()).contains("Device not found");
        assertThat(api.get("paths")
                        .get("/v1/devices")
                        .get("get")
                        .get("parameters")
                        .toString())
                .doesNotContain("CallingApp");
    }

    @Test
    void swaggerUiIsServed() {
        var ui = CourierClient.admin(port).withToken(null).get("/swagger-ui/index.html");

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.raw().body()).contains("Swagger UI");
    }
}
