package dev.courier.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.courier.CourierClient;
import dev.courier.CourierTest;
import dev.courier.contract.client.ApiClient;
import dev.courier.contract.client.ApiException;
import dev.courier.contract.client.api.AdminApi;
import dev.courier.contract.client.api.CommandsApi;
import dev.courier.contract.client.api.DeviceApi;
import dev.courier.contract.client.api.DevicesApi;
import dev.courier.contract.client.api.HistoryApi;
import dev.courier.contract.client.model.AckRequest;
import dev.courier.contract.client.model.CommandRecord;
import dev.courier.contract.client.model.CreateApp;
import dev.courier.contract.client.model.LeasedCommand;
import dev.courier.contract.client.model.ProblemDetail;
import dev.courier.contract.client.model.RegisterDeviceRequest;
import dev.courier.contract.client.model.SendRequest;
import dev.courier.contract.client.model.SendResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;

/**
 * The API as a typed contract: the document Courier serves is the one the test client was generated from
 * ({@code src/test/resources/contract/openapi.json}, linted in CI), and that client, with no casts, runs the
 * README's walk-through.
 */
@CourierTest
class ApiContractTests {

    private static final Path CONTRACT = Path.of("src/test/resources/contract/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @LocalServerPort
    int port;

    @Test
    void theServedDocumentIsTheContractTheClientWasGeneratedFrom() throws Exception {
        JsonNode served = JSON.readTree(get("/v3/api-docs"));
        JsonNode contract = JSON.readTree(CONTRACT.toFile());

        if (!sortedTags(served).equals(sortedTags(contract))) {
            Path changed = Path.of("target/contract/openapi.json");
            Files.createDirectories(changed.getParent());
            JSON.writeValue(changed.toFile(), sortedTags(served));
            throw new AssertionError("The served OpenAPI document differs from " + CONTRACT + ". If the change is"
                    + " meant, copy " + changed + " over it (the client is generated from it).");
        }
    }

    @Test
    void theWebSocketProtocolIsServedAsAnAsyncApiDocumentLinkedFromTheExplorer() throws Exception {
        Map<String, Object> asyncApi = new Yaml().load(get("/asyncapi.yaml"));

        assertThat(asyncApi.get("asyncapi")).isEqualTo("3.0.0");
        assertThat(asyncApi).extractingByKey("channels").asString().contains("address=/v1/device/ws");
        assertThat(asyncApi)
                .extractingByKey("components")
                .extracting("messages")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("listen", "off", "ack", "nack", "command", "error");
        assertThat(JSON.readTree(get("/v3/api-docs"))
                        .path("info")
                        .path("description")
                        .asText())
                .contains("(/asyncapi.yaml)");
    }

    @Test
    void theGeneratedClientRunsTheReadmeWalkThrough() throws Exception {
        var admin = new AdminApi(client(CourierClient.ADMIN_TOKEN));
        String apiKey = admin.createApp(
                        new CreateApp().name("walk-" + System.nanoTime()).plan("free"))
                .getApiKey();
        var commands = new CommandsApi(client(apiKey));
        var history = new HistoryApi(client(apiKey));

        // 1. register a device: its token is shown once
        String token = new DevicesApi(client(apiKey))
                .registerDevice(new RegisterDeviceRequest().ident("sensor_01"))
                .getToken();
        assertThat(token).startsWith("dt_");

        // 2. send a command: committed for the known device, refused for the unknown one
        Map<String, SendResult> sent = commands.sendCommand(reboot(5), null);
        assertThat(sent.get("sensor_01").getSent()).isTrue();
        assertThat(sent.get("sensor_01").getStatus()).isEqualTo(SendResult.StatusEnum.QUEUED);
        assertThat(sent.get("sensor_99").getSent()).isFalse();
        assertThat(sent.get("sensor_99").getError()).isEqualTo(SendResult.ErrorEnum.DEVICE_NOT_FOUND);
        String first = sent.get("sensor_01").getId();

        // 3. what became of it
        Map<String, HistoryEntry> records = history.getCommandHistory(
                "reboot", "sensor_01,sensor_99", OffsetDateTime.now().minusHours(1), null, null);
        assertThat(records.get("sensor_01").records()).singleElement().satisfies(record -> {
            assertThat(record.getId()).isEqualTo(first);
            assertThat(record.getStatus()).isEqualTo(CommandRecord.StatusEnum.QUEUED);
            assertThat(record.getValue()).isEqualTo(Map.of("delay", 5));
            assertThat(record.getDeliveredAt()).isNull();
        });
        assertThat(records.get("sensor_99").error()).isEqualTo("Device not found");

        // 4. the device's queue, and a cancel
        assertThat(commands.listPendingCommands("sensor_01", null))
                .extracting(CommandRecord::getId)
                .containsExactly(first);
        assertThat(commands.cancelCommand(first).getStatus()).isEqualTo(CommandRecord.StatusEnum.CANCELLED);

        // 5. a fresh command, received by the device over a long-poll and acked
        String second = commands.sendCommand(reboot(10), null).get("sensor_01").getId();
        var device = new DeviceApi(client(token));
        List<LeasedCommand> polled = device.pollCommands(List.of("reboot"), 5);
        assertThat(polled).singleElement().satisfies(command -> {
            assertThat(command.getId()).isEqualTo(second);
            assertThat(command.getAttempt()).isEqualTo(1);
            assertThat(command.getData()).isEqualTo(Map.of("delay", 10));
        });
        assertThat(device.ackCommand(second, new AckRequest().result(Map.of("uptime", 12))))
                .as("204: acked")
                .isNull();

        // 6. what became of it: the wait answers at once, the command has finished
        CommandRecord acked = commands.getCommand(second, 30);
        assertThat(acked.getStatus()).isEqualTo(CommandRecord.StatusEnum.ACKED);
        assertThat(acked.getResult()).isEqualTo(Map.of("uptime", 12));
        assertThat(acked.getDeviceIdent()).isEqualTo("sensor_01");
        assertThat(acked.getAckedAt()).isNotNull();
    }

    @Test
    void errorsAnswerTheDocumentedProblemDetail() throws Exception {
        var app = CourierClient.newApp(port, "free");
        var commands = new CommandsApi(client(app.token()));

        assertThatThrownBy(() -> commands.getCommand(UUID.randomUUID().toString(), null))
                .isInstanceOfSatisfying(ApiException.class, error -> {
                    assertThat(error.getCode()).isEqualTo(404);
                    ProblemDetail problem = problem(error);
                    assertThat(problem.getType()).isEqualTo(URI.create("about:blank"));
                    assertThat(problem.getStatus()).isEqualTo(404);
                });
        assertThatThrownBy(() -> commands.sendCommand(
                        new SendRequest()
                                .name("bad name")
                                .deviceIdent(List.of("d"))
                                .data(1),
                        null))
                .isInstanceOfSatisfying(ApiException.class, error -> {
                    assertThat(error.getCode()).isEqualTo(400);
                    assertThat(problem(error).getField()).isEqualTo("name");
                });
    }

    private static SendRequest reboot(int delay) {
        return new SendRequest()
                .name("reboot")
                .deviceIdent(List.of("sensor_01", "sensor_99"))
                .data(Map.of("delay", delay));
    }

    private static ProblemDetail problem(ApiException error) {
        try {
            return JSON.readValue(error.getResponseBody(), ProblemDetail.class);
        } catch (IOException notAProblem) {
            throw new AssertionError("not a problem detail: " + error.getResponseBody(), notAProblem);
        }
    }

    private ApiClient client(String token) {
        var client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    private String get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** The document with its tags in name order: the served order follows how controllers were found. */
    private static JsonNode sortedTags(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        List<JsonNode> tags = new ArrayList<>();
        copy.withArray("tags").forEach(tags::add);
        tags.sort(Comparator.comparing(tag -> tag.path("name").asText()));
        ArrayNode sorted = copy.putArray("tags");
        tags.forEach(sorted::add);
        return copy;
    }
}
