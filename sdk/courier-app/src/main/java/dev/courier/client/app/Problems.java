package dev.courier.client.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads a refused request's answer into the exception that names it. */
final class Problems {

    private Problems() {}

    static ProblemException of(HttpResponse<String> response) {
        Problem problem = problem(response);
        Duration retryAfter = retryAfter(response).orElse(null);
        return switch (problem.status()) {
            case 400 -> new InvalidRequestException(problem);
            case 401 -> new AuthenticationException(problem);
            case 404 -> new NotFoundException(problem);
            case 409 -> new ConflictException(problem);
            case 413 -> new PayloadTooLargeException(problem);
            case 429 -> new RateLimitedException(problem, retryAfter);
            case 503 -> new ServiceUnavailableException(problem, retryAfter);
            default -> new ProblemException(problem);
        };
    }

    /** The problem detail, or one made up from the status when the body is not one (a proxy's page, say). */
    private static Problem problem(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = Json.readOrNull(response.body());
        if (body == null || !body.isObject()) {
            String text = response.body() == null ? "" : response.body().strip();
            return new Problem("about:blank", "HTTP " + status, status,
                    text.isEmpty() ? "no problem detail in the answer" : text, null, null);
        }
        return new Problem(
                text(body, "type", "about:blank"),
                text(body, "title", "HTTP " + status),
                body.path("status").asInt(status),
                text(body, "detail", text(body, "error", "")),
                text(body, "field", null),
                text(body, "instance", null));
    }

    private static String text(JsonNode body, String field, String otherwise) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? otherwise : value.asText();
    }

    /** {@code Retry-After} in seconds (Courier's form); an HTTP date is not expected and reads as none. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException notSeconds) {
                return Optional.empty();
            }
        });
    }
}
