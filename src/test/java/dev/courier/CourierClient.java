package dev.courier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for tests: JSON in, status + JSON out, with a bearer token. */
public final class CourierClient {

    public static final String ADMIN_TOKEN = "test-admin-token";
    /** Requests per second of the test plan {@code shared}, whose limit two instances must hold together. */
    public static final int SHARED_PLAN_RATE = 20;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;

    public CourierClient(int port, String token) {
        this("http://localhost:" + port, token);
    }

    private CourierClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public static CourierClient admin(int port) {
        return new CourierClient(port, ADMIN_TOKEN);
    }

    /** Creates an app with a unique name on the plan and returns a client holding its API key. */
    public static CourierClient newApp(int port, String plan) {
        Response created = admin(port)
                .post("/v1/admin/apps", "{\"name\":\"app-" + UUID.randomUUID() + "\",\"plan\":\"" + plan + "\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("cannot create app: " + created.status() + " " + created.body());
        }
        return new CourierClient(port, created.body().get("api_key").stringValue());
    }

    public CourierClient withToken(String otherToken) {
        return new CourierClient(baseUrl, otherToken);
    }

    public String token() {
        return token;
    }

    /** Registers a device and returns its token. */
    public String newDevice(String ident) {
        Response created = post("/v1/devices", "{\"ident\":\"" + ident + "\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("cannot create device: " + created.status() + " " + created.body());
        }
        return created.body().get("token").stringValue();
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(body(json)));
    }

    public Response post(String path, String json, String header, String value) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .header(header, value)
                .POST(body(json)));
    }

    public Response patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").method("PATCH", body(json)));
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            boolean json = response.headers()
                    .firstValue("Content-Type")
                    .filter(type -> type.contains("json"))
                    .isPresent();
            JsonNode body = json && !text.isBlank() ? JSON.readTree(text) : null;
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
