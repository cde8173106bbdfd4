package dev.courier.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Posts one signed message and says how it went. Redirects are never followed (a 3xx is a failed attempt);
 * connecting has its own time limit, the whole attempt (response body included) another; at most
 * {@link #MAX_RESPONSE_BYTES} of the response body are read, the rest is left unread.
 */
@Component
class WebhookSender {

    static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private static final int MAX_ERROR_LENGTH = 500;

    /** What one attempt came to: a status code, or an error when no response was had. */
    record Attempt(Integer statusCode, String error, long durationMillis) {

        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        static Attempt refused(String reason) {
            return new Attempt(null, reason, 0);
        }
    }

    private final WebhookSettings settings;
    private final HttpClient http;

    WebhookSender(WebhookSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Never blocks: the attempt's outcome once it has one, at most the request timeout from now. */
    CompletableFuture<Attempt> post(
            String url, String messageId, long timestampSeconds, String signature, String body) {
        HttpRequest request;
        try {
            request = request(url, messageId, timestampSeconds, signature, body);
        } catch (IllegalArgumentException invalid) {
            return CompletableFuture.completedFuture(
                    Attempt.refused("url cannot be requested: " + invalid.getMessage()));
        }
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request, info -> new LimitedBody());
        // the request timeout ends at the response's headers; this ends the whole exchange, body included
        CompletableFuture.delayedExecutor(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> response.cancel(true));
        return response.handle((answered, failure) -> {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (failure == null) {
                return new Attempt(answered.statusCode(), null, millis);
            }
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return new Attempt(null, describe(cause), millis);
        });
    }

    private HttpRequest request(String url, String messageId, long timestampSeconds, String signature, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Courier-Webhooks/1")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestampSeconds))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private String describe(Throwable failure) {
        // the client's own timeout (no headers in time) and the cancel above (no whole answer in time) have the
        // same length and race each other: both say the answer did not come within the request timeout
        String what = failure instanceof HttpConnectTimeoutException
                ? "connect timed out"
                : failure instanceof CancellationException || failure instanceof HttpTimeoutException
                        ? "no complete response within " + settings.requestTimeout()
                        : failure instanceof IOException && failure.getMessage() == null
                                ? failure.getClass().getSimpleName()
                                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return what.length() > MAX_ERROR_LENGTH ? what.substring(0, MAX_ERROR_LENGTH) : what;
    }

    /** Reads up to {@link #MAX_RESPONSE_BYTES} of a response body and ignores them; past that it stops reading. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<Void> {

        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private long read;

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            buffers.forEach(buffer -> read += buffer.remaining());
            if (read > MAX_RESPONSE_BYTES) {
                subscription.cancel();
                done.complete(null);
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            done.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }
}
