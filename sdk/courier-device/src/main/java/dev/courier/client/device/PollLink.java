package dev.courier.client.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Long-polls {@code GET /v1/device/commands?name=…&wait=…} one after the other, and answers over HTTP. When the
 * names change, a new round of polls starts at once with the new names; the poll still parked with the old ones is
 * left to answer (what it claimed is handled), and no further poll follows it.
 */
final class PollLink implements Link {

    private static final System.Logger log = System.getLogger(PollLink.class.getName());

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final Duration wait;
    private final Supplier<Set<String>> names;
    private final Consumer<Command> commands;
    private final Runnable answered;
    private final HttpAnswers answers;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final AtomicInteger round = new AtomicInteger();
    private final Set<CompletableFuture<?>> parked = ConcurrentHashMap.newKeySet();

    /** {@code answered} runs after each poll Courier answered: the link works. */
    PollLink(
            HttpClient http,
            URI base,
            String token,
            Duration wait,
            Supplier<Set<String>> names,
            Consumer<Command> commands,
            Runnable answered) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.wait = wait;
        this.names = names;
        this.commands = commands;
        this.answered = answered;
        this.answers = new HttpAnswers(http, base, token);
    }

    void start() {
        poll(round.incrementAndGet());
    }

    private void poll(int myRound) {
        Set<String> listened = names.get();
        if (ended.isDone() || myRound != round.get() || listened.isEmpty()) {
            return; // with no names there is nothing to ask for: listen(name) starts the next round
        }
        var response = http.sendAsync(request(listened), HttpResponse.BodyHandlers.ofString());
        parked.add(response);
        response.whenComplete((answer, error) -> {
            parked.remove(response);
            if (error != null) {
                end(error);
            } else if (answer.statusCode() == 401) {
                end(TokenRefusedException.at("GET /v1/device/commands"));
            } else if (answer.statusCode() != 200) {
                end(new IOException("long-poll answered " + answer.statusCode() + ": " + answer.body()));
            } else {
                answered.run();
                received(answer.body());
                poll(myRound);
            }
        });
    }

    private HttpRequest request(Set<String> listened) {
        String query = listened.stream()
                .map(name -> "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(base.resolve("/v1/device/commands?" + query + "&wait=" + wait.toSeconds()))
                .header("Authorization", "Bearer " + token)
                .timeout(wait.plusSeconds(15))
                .GET()
                .build();
    }

    private void received(String body) {
        try {
            for (JsonNode command : Json.MAPPER.readTree(body)) {
                commands.accept(Json.command(command));
            }
        } catch (IOException notJson) {
            log.log(Level.WARNING, "Ignoring a long-poll answer that is not JSON: {0}", notJson.getMessage());
        }
    }

    private void end(Throwable error) {
        if (!ended.isDone()) {
            log.log(Level.DEBUG, "Long-poll ended: {0}", error.toString());
        }
        ended.completeExceptionally(error);
    }

    @Override
    public Transport transport() {
        return Transport.LONG_POLL;
    }

    @Override
    public void listen(String name) {
        poll(round.incrementAndGet());
    }

    @Override
    public void off(String name) {
        poll(round.incrementAndGet());
    }

    @Override
    public void ack(String id, JsonNode result) {
        answers.ack(id, result).thenAccept(this::refusedEnds);
    }

    @Override
    public void nack(String id, String error) {
        answers.nack(id, error).thenAccept(this::refusedEnds);
    }

    private void refusedEnds(int status) {
        if (status == 401) {
            end(TokenRefusedException.at("POST /v1/device/commands/{id}"));
        }
    }

    @Override
    public CompletableFuture<Void> ended() {
        return ended;
    }

    /** No further polls; a parked one is left to answer (a command it claims is handled and acked elsewhere). */
    @Override
    public void close() {
        ended.complete(null);
    }

    /** Stops at once: a command a parked poll claimed comes again after its lease. */
    void abort() {
        ended.complete(null);
        parked.forEach(response -> response.cancel(true));
    }
}
