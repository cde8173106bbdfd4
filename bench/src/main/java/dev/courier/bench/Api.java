package dev.courier.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Courier's HTTP API as the load generator uses it. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String url;
    private final String token;
    private final RawHttp raw;

    Api(String url, String token) {
        this.url = url;
        this.token = token;
        this.raw = new RawHttp(url);
    }

    /** A send in a scenario's hot loop, on the calling thread's own keep-alive connection ({@link RawHttp}). */
    void send(String body) throws IOException {
        int status = raw.post("/v1/commands", token, body);
        if (status >= 300) {
            throw new IllegalStateException("HTTP " + status + " for a send");
        }
    }

    String token() {
        return token;
    }

    String url() {
        return url;
    }

    /** A new app on the pro plan; returns an Api holding its key. */
    Api newApp(String name) throws IOException, InterruptedException {
        JsonNode app = post("/v1/admin/apps", "{\"name\":\"" + name + "\",\"plan\":\"pro\"}");
        return new Api(url, app.get("api_key").stringValue());
    }

    /** Registers devices {@code prefix0..prefix(n-1)} with bounded concurrency; returns their tokens. */
    List<String> newDevices(String prefix, int count) {
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<String>> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquireUninterruptibly();
            tokens.add(postAsync("/v1/devices", "{\"ident\":\"" + prefix + i + "\"}")
                    .thenApply(body -> body.get("token").stringValue())
                    .whenComplete((token, error) -> inFlight.release()));
        }
        return tokens.stream().map(CompletableFuture::join).toList();
    }

    JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(path, body), HttpResponse.BodyHandlers.ofString());
        return check(response);
    }

    CompletableFuture<JsonNode> postAsync(String path, String body) {
        return HTTP.sendAsync(request(path, body), HttpResponse.BodyHandlers.ofString())
                .thenApply(Api::check);
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return check(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static JsonNode check(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
