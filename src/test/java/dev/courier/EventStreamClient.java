package dev.courier;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An app listening to {@code GET /v1/events}: a real HTTP client reading the Server-Sent Events line by line. */
public final class EventStreamClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One event: its {@code id:} line and its data. */
    public record Event(long id, JsonNode data) {
        public String status() {
            return data.get("status").stringValue();
        }

        public String commandId() {
            return data.get("command_id").stringValue();
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "test-event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream; {@code query} without the {@code ?}; {@code lastEventId} null for none. */
    public static EventStreamClient open(int port, String token, String query, String lastEventId) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events"
                        + (query == null || query.isEmpty() ? "" : "?" + query)))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            var response = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                String body = String.join("\n", response.body().toList());
                throw new IllegalStateException("event stream answered " + response.statusCode() + ": " + body);
            }
            return new EventStreamClient(response);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static EventStreamClient open(int port, String token) {
        return open(port, token, null, null);
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The next event, or null if none arrives in time. */
    public Event next(Duration within) throws InterruptedException {
        return events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Events that arrived and were not taken yet. */
    public int waiting() {
        return events.size();
    }

    public CompletableFuture<Void> ended() {
        return ended;
    }

    private void read() {
        Long id = null;
        StringBuilder data = new StringBuilder();
        try {
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id == null ? -1 : id, JSON.readTree(data.toString())));
                    }
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).trim());
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
            ended.complete(null);
        } catch (RuntimeException closed) {
            ended.complete(null);
        }
    }

    @Override
    public void close() {
        response.body().close();
    }
}
