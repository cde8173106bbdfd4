package dev.courier.client.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Courier's HTTP API with the app's key: one call, retried as the {@link RetryPolicy} allows. */
final class Http {

    /**
     * One request. {@code retrySafe}: repeating it cannot do twice what was meant once (a read, a cancel, a send
     * with its idempotency key).
     */
    record Call(String method, String path, JsonNode body, Map<String, String> headers, boolean retrySafe,
            Duration extraTime) {

        static Call read(String path) {
            return new Call("GET", path, null, Map.of(), true, Duration.ZERO);
        }

        static Call delete(String path) {
            return new Call("DELETE", path, null, Map.of(), true, Duration.ZERO);
        }

        String describe() {
            return method + " " + path;
        }
    }

    private final HttpClient http;
    private final URI base;
    private final String apiKey;
    private final RetryPolicy retry;
    private final Duration timeout;

    Http(HttpClient http, URI base, String apiKey, RetryPolicy retry, Duration timeout) {
        this.http = http;
        this.base = base;
        this.apiKey = apiKey;
        this.retry = retry;
        this.timeout = timeout;
    }

    /** The answer's JSON ({@code null} for an empty answer, as a 204's). */
    JsonNode call(Call call) {
        HttpRequest request = request(call);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CourierException(call.describe() + " was interrupted", e);
            } catch (IOException e) {
                if (!call.retrySafe() || attempt >= retry.maxAttempts()) {
                    throw CourierConnectionException.after(call.describe(), attempt, e);
                }
                pause(retry.backoff(attempt));
                continue;
            }
            if (response.statusCode() < 300) {
                return Json.readOrNull(response.body());
            }
            ProblemException problem = Problems.of(response);
            Duration wait = retryWait(problem, call, attempt);
            if (wait == null) {
                throw problem;
            }
            pause(wait);
        }
    }

    /** How long to wait before trying again, or {@code null}: do not. */
    private Duration retryWait(ProblemException problem, Call call, int attempt) {
        if (attempt >= retry.maxAttempts()) {
            return null;
        }
        Duration retryAfter;
        if (problem instanceof RateLimitedException limited) {
            retryAfter = limited.retryAfter();
        } else if (problem instanceof ServiceUnavailableException unavailable && call.retrySafe()) {
            retryAfter = unavailable.retryAfter();
        } else {
            return null;
        }
        Duration wait = retryAfter == null ? retry.backoff(attempt) : retryAfter;
        return wait.compareTo(retry.maxRetryAfter()) > 0 ? null : wait;
    }

    private HttpRequest request(Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(call.path()))
                .timeout(timeout.plus(call.extraTime()))
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json, application/problem+json");
        call.headers().forEach(request::header);
        if (call.body() == null) {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body().toString()));
        }
        return request.build();
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CourierException("interrupted while waiting to retry a call to Courier", e);
        }
    }
}
