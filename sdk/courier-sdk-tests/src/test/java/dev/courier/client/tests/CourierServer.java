package dev.courier.client.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real Courier for one test class: the server jar ({@code -Dcourier.jar}, by default the repository's
 * {@code target/courier-0.1.0-SNAPSHOT.jar}) as a child process on a free port and on a fresh database
 * {@code courier_sdk_<random>} of the local PostgreSQL ({@code -Dcourier.test.pg}), dropped on close. It can be
 * killed ({@code kill -9}) and started again on the same database and port.
 */
final class CourierServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Path jar = jar();
    private final String adminUrl = System.getProperty("courier.test.pg", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    private final String database = "courier_sdk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String adminToken = UUID.randomUUID().toString();
    private final List<String> settings;
    private final int port;
    private Process process;
    private int starts;

    private CourierServer(List<String> settings) throws IOException {
        this.settings = settings;
        this.port = freePort();
    }

    /** Starts Courier with these extra settings ({@code --courier.delivery.lease=5s}, …) and waits until it is UP. */
    static CourierServer start(String... settings) throws Exception {
        // two classes run at once on two cores, beside a start-up of Courier: give waits room
        Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
        var server = new CourierServer(List.of(settings));
        server.execute("CREATE DATABASE " + server.database);
        try {
            server.launch();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** {@code kill -9}: no shutdown, no goodbye to connected devices. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts it again on the same database and port, and waits until it is UP. */
    void restart() throws IOException {
        launch();
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx512m",
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + databaseUrl(),
                "--courier.admin-token=" + adminToken,
                "--server.shutdown=immediate"));
        command.addAll(settings);
        Path log = Path.of("target", database + "-" + ++starts + ".log").toAbsolutePath();
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + command, e);
        }
        Awaitility.await("Courier UP on " + url() + " (log: " + log + ")")
                .atMost(STARTUP)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Courier exited with " + process.exitValue() + "; see " + log);
                    }
                    return health().contains("\"UP\"");
                });
    }

    private String health() throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url() + "/actuator/health")).timeout(Duration.ofSeconds(5)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A new app on the plan (admin API); returns its API key. */
    String newApp(String plan) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("name", "app_" + UUID.randomUUID().toString().substring(0, 8))
                .put("plan", plan).toString();
        var request = HttpRequest.newBuilder(URI.create(url() + "/v1/admin/apps"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating an app answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("api_key").asText();
    }

    /** The served OpenAPI document, to learn which features this Courier has. */
    JsonNode openApi() throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url() + "/v3/api-docs")).build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Courier of issue 11: {@code GET /v1/commands/{id}?wait=} and an ack's {@code result}. */
    boolean supportsWaitAndResults() throws IOException, InterruptedException {
        JsonNode paths = openApi().path("paths");
        boolean waits = false;
        for (JsonNode parameter : paths.path("/v1/commands/{id}").path("get").path("parameters")) {
            waits |= parameter.path("name").asText().equals("wait");
        }
        boolean results = !paths.path("/v1/device/commands/{id}/ack").path("post").path("requestBody").isMissingNode();
        return waits && results;
    }

    private String databaseUrl() {
        return adminUrl.replaceFirst("^(jdbc:postgresql://[^/?]+/)[^?]*", "$1" + database);
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl)) {
            connection.createStatement().execute(sql);
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("courier.jar", "../target/courier-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Courier's jar is missing at " + jar.toAbsolutePath()
                    + ": build it first in the repository's root (./mvnw -B -Dmaven.test.skip=true package),"
                    + " or pass -Dcourier.jar=<path>");
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
