package dev.courier.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are delivered and retried.
 *
 * @param allowPrivateAddresses also allow plain http and URLs that resolve to loopback, private, link-local or
 *     metadata addresses (for local development and tests only)
 * @param connectTimeout how long connecting to an endpoint may take
 * @param requestTimeout how long one delivery attempt may take in all, response body included
 * @param retryInitialDelay the wait after an event's first failed attempt; it doubles with each further one
 * @param retryMaxDelay the longest wait between two attempts at one event
 * @param giveUpAfter how long after its first attempt an event is retried before its delivery is marked failed
 * @param disableAfter how long an endpoint's deliveries may fail without a success before it is disabled
 * @param maxConcurrent deliveries one instance makes at once, to all endpoints together
 * @param tick how often the dispatcher looks for retries due and for claims of a crashed instance that lapsed
 * @param deliveryRetention how long the log of delivery attempts is kept
 */
@ConfigurationProperties("courier.webhooks")
record WebhookSettings(
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("1s") Duration retryInitialDelay,
        @DefaultValue("1h") Duration retryMaxDelay,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("24h") Duration disableAfter,
        @DefaultValue("100") int maxConcurrent,
        @DefaultValue("1s") Duration tick,
        @DefaultValue("7d") Duration deliveryRetention) {

    /** How long a claim on an endpoint lasts unless renewed: longer than any attempt, so only a crash lets it lapse. */
    Duration lease() {
        return requestTimeout.multipliedBy(2).plusSeconds(10);
    }
}
