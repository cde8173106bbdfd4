package dev.courier.client.device;

import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps one link to Courier open: the WebSocket when it can be had, else long-polls (trying the WebSocket again
 * every {@code webSocketRetry}); after a loss it reconnects with backoff and sends its listens again. A refused
 * token (401) stops it for good. Every change of link happens on the one timer thread.
 */
final class Connection {

    private static final System.Logger log = System.getLogger(Connection.class.getName());

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final DeviceOptions options;
    private final Supplier<Set<String>> names;
    private final Consumer<Command> commands;
    private final ScheduledExecutorService timer;
    private final Backoff backoff;
    private final HttpAnswers overHttp;
    private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final CurrentLink link = new CurrentLink();
    private ScheduledFuture<?> nextAttempt;
    private boolean attempting;

    Connection(
            HttpClient http,
            URI base,
            String token,
            DeviceOptions options,
            Supplier<Set<String>> names,
            Consumer<Command> commands,
            ScheduledExecutorService timer) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.options = options;
        this.names = names;
        this.commands = commands;
        this.timer = timer;
        this.backoff = new Backoff(options.reconnectInitial(), options.reconnectMax(), options.jitter(), new Random());
        this.overHttp = new HttpAnswers(http, base, token);
    }

    /** Starts connecting; the future completes once the first attempt has connected or failed (401: with it). */
    CompletableFuture<Void> start() {
        timer.execute(this::openSocket);
        return firstAttempt;
    }

    /** Completes when the connection has stopped: normally after {@link #close()}, else with why. */
    CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** Where listens and answers go: the open link. */
    CurrentLink link() {
        return link;
    }

    /** The next attempt at the WebSocket, replacing one already planned: one attempt at a time. */
    private void attemptIn(Duration wait) {
        if (nextAttempt != null) {
            nextAttempt.cancel(false);
        }
        nextAttempt = timer.schedule(this::openSocket, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void openSocket() {
        if (stopped.isDone() || attempting) {
            return;
        }
        attempting = true;
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws")).resolve("/v1/device/ws");
        SocketLink.open(http, ws, token, options, commands, overHttp, timer)
                .whenCompleteAsync((socket, error) -> {
                    attempting = false;
                    if (error == null) {
                        opened(socket);
                    } else {
                        socketFailed(unwrap(error));
                    }
                }, timer);
    }

    private void opened(Link opened) {
        if (stopped.isDone()) {
            opened.close();
            return;
        }
        if (nextAttempt != null) {
            nextAttempt.cancel(false);
        }
        Link before = link.replace(opened);
        if (before != null) {
            before.close();
        }
        names.get().forEach(opened::listen);
        log.log(Level.INFO, "Connected to Courier over {0}", opened.transport());
        connected();
        opened.ended().whenCompleteAsync((ok, error) -> ended(opened, error), timer);
    }

    private void connected() {
        backoff.reset();
        firstAttempt.complete(null);
    }

    private void socketFailed(Throwable error) {
        if (stopped.isDone()) {
            return;
        }
        if (error instanceof WebSocketHandshakeException refused && refused.getResponse().statusCode() == 401) {
            stop(TokenRefusedException.at("the WebSocket handshake"));
        } else if (link.get() instanceof PollLink) {
            attemptIn(options.webSocketRetry());
        } else if (error instanceof ConnectException) {
            retryLater(error);
        } else {
            log.log(Level.INFO, "The WebSocket could not be opened ({0}): falling back to long-poll", error);
            openPoll();
        }
    }

    private void openPoll() {
        var poll = new PollLink(http, base, token, options.pollWait(), names, commands,
                () -> timer.execute(this::connected));
        link.replace(poll);
        poll.ended().whenCompleteAsync((ok, error) -> ended(poll, error), timer);
        poll.start();
        if (names.get().isEmpty()) {
            firstAttempt.complete(null); // nothing to poll for yet, so nothing to learn from a first poll
        }
        attemptIn(options.webSocketRetry());
    }

    private void ended(Link ended, Throwable error) {
        if (!link.clearIf(ended)) {
            return; // replaced by another link, which is in charge now
        }
        ended.close();
        Throwable cause = error == null ? null : unwrap(error);
        if (cause instanceof TokenRefusedException refused) {
            stop(refused);
        } else if (!stopped.isDone()) {
            retryLater(cause);
        }
    }

    private void retryLater(Throwable cause) {
        firstAttempt.complete(null);
        Duration wait = backoff.next();
        log.log(Level.INFO, "Lost Courier ({0}); reconnecting in {1} ms", cause, wait.toMillis());
        attemptIn(wait);
    }

    private void stop(TokenRefusedException refused) {
        log.log(Level.ERROR, refused.getMessage());
        closeLink();
        firstAttempt.completeExceptionally(refused);
        stopped.completeExceptionally(refused);
    }

    /** Ends the link and makes no new one; runs on the timer so that no attempt in flight outlives it. */
    void close() {
        if (timer.isShutdown()) {
            closeLink(); // stopped already (a refused token)
            return;
        }
        CompletableFuture.runAsync(() -> {
                    stopped.complete(null);
                    closeLink();
                }, timer)
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(timedOut -> null)
                .join();
    }

    private void closeLink() {
        Link open = link.replace(null);
        if (open instanceof PollLink poll) {
            poll.abort();
        } else if (open != null) {
            open.close();
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
