package dev.courier.webhook;

import dev.courier.command.CommandEvent;
import dev.courier.command.CommandEvents;
import dev.courier.system.InvalidRequestException;
import dev.courier.tenant.CallingApp;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.stereotype.Service;

/** An app's webhook endpoints: register, list, delete, rotate the secret, read the delivery log. */
@Service
class WebhookEndpoints {

    static final int MAX_PER_APP = 20;
    static final int MAX_NAMES = 100;
    static final int MAX_DELIVERIES = 1000;

    /** The statuses in the order a command goes through them, for a stable answer. */
    private static final List<String> STATUS_ORDER =
            List.of("queued", "delivered", "acked", "failed", "expired", "cancelled");

    private final EndpointRepository endpoints;
    private final CommandEvents events;
    private final WebhookUrls urls;
    private final Clock clock;
    private final WebhookDispatcher dispatcher;

    WebhookEndpoints(
            EndpointRepository endpoints,
            CommandEvents events,
            WebhookUrls urls,
            Clock clock,
            WebhookDispatcher dispatcher) {
        this.endpoints = endpoints;
        this.events = events;
        this.urls = urls;
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    /** The endpoint gets the events numbered from now on; its secret is in this answer only. */
    Webhook register(CallingApp app, CreateWebhookRequest request) {
        urls.refusal(request.url()).ifPresent(reason -> {
            throw InvalidRequestException.of("url", reason);
        });
        var endpoint = new EndpointRepository.NewEndpoint(
                app.id().value(),
                request.url(),
                statuses(request.events()),
                request.names() == null ? List.of() : List.copyOf(new LinkedHashSet<>(request.names())),
                WebhookSigner.newSecret());
        long lastSeq = events.lastSeq(app.id());
        Webhook created = endpoints
                .insert(endpoint, clock.instant(), lastSeq, MAX_PER_APP)
                .map(inserted -> Webhook.of(inserted, true))
                .orElseThrow(() -> TooManyWebhooksException.atMost(MAX_PER_APP));
        dispatcher.appHasEndpoints(app.id().value());
        return created;
    }

    List<Webhook> list(CallingApp app) {
        return endpoints.list(app.id().value()).stream()
                .map(endpoint -> Webhook.of(endpoint, false))
                .toList();
    }

    Webhook find(CallingApp app, long id) {
        return Webhook.of(endpoint(app, id), false);
    }

    void delete(CallingApp app, long id) {
        if (!endpoints.delete(app.id().value(), id)) {
            throw WebhookNotFoundException.forId(id);
        }
    }

    /** A new secret, shown only in this answer; deliveries are signed with it from their next attempt. */
    Webhook rotateSecret(CallingApp app, long id) {
        return endpoints
                .changeSecret(app.id().value(), id, WebhookSigner.newSecret())
                .map(endpoint -> Webhook.of(endpoint, true))
                .orElseThrow(() -> WebhookNotFoundException.forId(id));
    }

    List<WebhookDelivery> deliveries(CallingApp app, long id, int limit) {
        if (limit < 1 || limit > MAX_DELIVERIES) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + MAX_DELIVERIES);
        }
        return endpoints.deliveries(endpoint(app, id).id(), limit);
    }

    private Endpoint endpoint(CallingApp app, long id) {
        return endpoints.find(app.id().value(), id).orElseThrow(() -> WebhookNotFoundException.forId(id));
    }

    private static List<String> statuses(List<String> requested) {
        for (String status : requested) {
            if (!CommandEvent.STATUSES.contains(status)) {
                throw InvalidRequestException.of(
                        "events", "events may contain only " + String.join(", ", STATUS_ORDER) + "; not " + status);
            }
        }
        return STATUS_ORDER.stream().filter(requested::contains).toList();
    }
}
