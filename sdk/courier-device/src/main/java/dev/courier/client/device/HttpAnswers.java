package dev.courier.client.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Acks and nacks over HTTP ({@code POST /v1/device/commands/{id}/ack|nack}): the long-poll's answers, and the
 * WebSocket's for an ack whose result would make a frame too large for Courier (4 KiB).
 */
final class HttpAnswers {

    private static final System.Logger log = System.getLogger(HttpAnswers.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String token;

    HttpAnswers(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** Completes with the HTTP status; a lost answer is not retried here: the command comes again instead. */
    CompletableFuture<Integer> ack(String id, JsonNode result) {
        boolean hasResult = result != null && !result.isMissingNode();
        // today's Courier reads no body on an ack: send one only when there is a result to keep
        String body = hasResult ? Json.write(Json.MAPPER.createObjectNode().set("result", result)) : null;
        return post(id, "ack", body);
    }

    CompletableFuture<Integer> nack(String id, String error) {
        return post(id, "nack", Json.write(Json.MAPPER.createObjectNode().put("error", error)));
    }

    private CompletableFuture<Integer> post(String id, String answer, String body) {
        URI uri = base.resolve("/v1/device/commands/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/" + answer);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode)
                .whenComplete((status, error) -> {
                    if (error != null) {
                        log.log(Level.DEBUG, "The {0} of {1} was lost ({2}): it comes again", answer, id, error);
                    } else if (status >= 300 && status != 401) {
                        log.log(Level.WARNING, "Courier answered {0} to the {1} of {2}", status, answer, id);
                    }
                });
    }
}
