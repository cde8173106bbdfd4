package dev.courier.webhook;

import dev.courier.command.CommandEvent;
import dev.courier.command.CommandEvents;
import dev.courier.command.EventFilter;
import dev.courier.tenant.AppId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves one claimed endpoint: posts its events one at a time, oldest first, each recorded before the next, until
 * it is caught up, must wait for a retry, is disabled or loses its claim; then releases the claim.
 */
@Component
class EndpointWorker {

    private static final int PAGE = 100;

    /** The body of a post: {@code {type, timestamp, data}}. */
    record WebhookMessage(String type, String timestamp, CommandEvent data) {}

    private final CommandEvents events;
    private final OutboxRepository outbox;
    private final WebhookUrls urls;
    private final WebhookSender sender;
    private final RetryRules rules;
    private final WebhookSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    EndpointWorker(
            CommandEvents events,
            OutboxRepository outbox,
            WebhookUrls urls,
            WebhookSender sender,
            WebhookSettings settings,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters) {
        this.events = events;
        this.outbox = outbox;
        this.urls = urls;
        this.sender = sender;
        this.rules = new RetryRules(settings);
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Serves the endpoint: each step (reads, writes, the address check) runs on {@code blocking}; no thread waits
     * for the endpoint's answer. Completes with the endpoint's progress once it stopped and its claim is released.
     */
    CompletableFuture<Progress> serve(Endpoint endpoint, String owner, BooleanSupplier running, Executor blocking) {
        var serving = new Serving(endpoint, owner, running, blocking);
        try {
            blocking.execute(serving::next);
        } catch (RejectedExecutionException stopping) {
            serving.finish(null);
        }
        return serving.done;
    }

    private final class Serving {

        private final Endpoint endpoint;
        private final String owner;
        private final BooleanSupplier running;
        private final Executor blocking;
        private final EventFilter filter;
        private final CompletableFuture<Progress> done = new CompletableFuture<>();
        private Progress progress;
        private Iterator<CommandEvent> page = Collections.emptyIterator();
        private long readUpTo;

        Serving(Endpoint endpoint, String owner, BooleanSupplier running, Executor blocking) {
            this.endpoint = endpoint;
            this.owner = owner;
            this.running = running;
            this.blocking = blocking;
            this.filter =
                    new EventFilter(Set.copyOf(endpoint.names()), Set.of(), Set.copyOf(endpoint.statuses()), Set.of());
            this.progress = endpoint.progress();
            this.readUpTo = progress.lastEventSeq();
        }

        /** Posts the next event, or stops when there is none (or the claim is not ours now). */
        void next() {
            try {
                Optional<CommandEvent> event = nextEvent();
                Optional<OutboxRepository.Target> target =
                        event.isPresent() ? outbox.target(endpoint.id(), owner) : Optional.empty();
                if (event.isEmpty() || target.isEmpty() || !running.getAsBoolean()) {
                    finish(null);
                    return;
                }
                Instant started = clock.instant();
                post(endpoint.id(), target.get(), event.get(), started)
                        .thenAcceptAsync(attempt -> recorded(event.get(), started, attempt), blocking)
                        .exceptionally(failure -> finish(failure));
            } catch (RuntimeException e) {
                finish(e);
            }
        }

        /** The next matching event after the endpoint's progress, reading a page when the last one is done. */
        private Optional<CommandEvent> nextEvent() {
            while (!page.hasNext()) {
                if (readUpTo > progress.lastEventSeq()) {
                    if (!outbox.skipTo(endpoint.id(), owner, readUpTo, leaseFrom(clock.instant()))) {
                        return Optional.empty();
                    }
                    progress = progress.skippedTo(readUpTo);
                }
                var read = events.after(new AppId(endpoint.appId()), progress.lastEventSeq(), filter, PAGE);
                if (read.events().isEmpty() && read.readUpTo() <= progress.lastEventSeq()) {
                    return Optional.empty();
                }
                page = read.events().iterator();
                readUpTo = read.readUpTo();
            }
            return Optional.of(page.next());
        }

        private void recorded(CommandEvent event, Instant started, WebhookSender.Attempt attempt) {
            Instant now = clock.instant();
            RetryRules.Transition transition = rules.after(progress, event.id(), attempt, now);
            var attempted = new OutboxRepository.Attempted(progress.attempts() + 1, attempt, transition, started);
            Instant lease = transition.goesOn() ? leaseFrom(now) : null;
            if (!outbox.record(endpoint.id(), owner, event.id(), attempted, lease)) {
                finish(null); // deleted, or the claim lapsed and another instance has it
                return;
            }
            counter(transition.outcome()).increment();
            progress = transition.progress();
            if (transition.goesOn()) {
                blocking.execute(this::next);
            } else {
                finish(null);
            }
        }

        private Void finish(Throwable failure) {
            try {
                outbox.release(endpoint.id(), owner);
            } catch (RuntimeException e) {
                failure = failure != null ? failure : e;
            }
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(progress);
            }
            return null;
        }
    }

    private CompletableFuture<WebhookSender.Attempt> post(
            long endpointId, OutboxRepository.Target target, CommandEvent event, Instant now) {
        return urls.refusalBeforeAttempt(target.url()).thenCompose(refused -> {
            if (refused.isPresent()) {
                return CompletableFuture.completedFuture(WebhookSender.Attempt.refused(refused.get()));
            }
            String messageId = "msg_" + endpointId + "_" + event.id();
            long timestamp = now.getEpochSecond();
            String body = json.writeValueAsString(new WebhookMessage(
                    "command." + event.status(),
                    Instant.ofEpochMilli(event.timestamp()).toString(),
                    event));
            String signature = WebhookSigner.signature(target.secret(), messageId, timestamp, body);
            return sender.post(target.url(), messageId, timestamp, signature, body);
        });
    }

    private Instant leaseFrom(Instant now) {
        return now.plus(settings.lease());
    }

    private Counter counter(String outcome) {
        return Counter.builder("courier.webhooks.deliveries")
                .description("Webhook delivery attempts, by outcome (succeeded, retrying, failed)")
                .tag("outcome", outcome)
                .register(meters);
    }
}
