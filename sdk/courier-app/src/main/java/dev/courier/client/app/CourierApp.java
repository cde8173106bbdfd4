package dev.courier.client.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * An app's client of Courier, shaped like the spec's SDK:
 *
 * <pre>{@code
 * CourierApp app = CourierApp.connect("http://localhost:8080", apiKey);
 * Map<String, SendResult> sent = app.command().send("reboot", List.of("sensor_01"), Map.of("delay", 5));
 * History history = app.command().history("reboot", List.of("sensor_01"), Instant.parse("2026-11-26T00:00:00Z"));
 * }</pre>
 *
 * Refused requests throw a {@link ProblemException} subclass; calls are retried as {@link RetryPolicy} says.
 * Thread-safe; make one per app and share it.
 */
public final class CourierApp {

    private final Commands commands;
    private final Devices devices;

    private CourierApp(Http http) {
        this.commands = new Commands(http);
        this.devices = new Devices(http);
    }

    /** With the default retries and a 30 s timeout per request. */
    public static CourierApp connect(String url, String apiKey) {
        return builder(url, apiKey).build();
    }

    public static Builder builder(String url, String apiKey) {
        return new Builder(url, apiKey);
    }

    /** Sending, history, get, cancel, pending, purge. */
    public Commands command() {
        return commands;
    }

    /** The device registry. */
    public Devices devices() {
        return devices;
    }

    /** Builds a {@link CourierApp}. */
    public static final class Builder {
        private final URI base;
        private final String apiKey;
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);

        private Builder(String url, String apiKey) {
            Objects.requireNonNull(url, "url");
            this.base = URI.create(url.endsWith("/") ? url : url + "/");
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** How long one request may take (a send or get that waits gets its wait on top). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        public CourierApp build() {
            // HTTP/1.1: the JDK's default asks every first request to upgrade to h2c, which proxies may refuse
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .build();
            return new CourierApp(new Http(client, base, apiKey, retry, requestTimeout));
        }
    }
}
