package dev.courier.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * What an attempt at an event changes: a success moves the endpoint past it; a failure schedules the next
 * attempt after an exponential backoff (initial delay doubling, capped, with jitter: between half and all of it),
 * until the event has been tried for {@code give-up-after} (its delivery then failed; the endpoint goes on with
 * the next event) or the endpoint has failed without a success for {@code disable-after} (it is disabled).
 */
final class RetryRules {

    static final String SUCCEEDED = "succeeded";
    static final String RETRYING = "retrying";
    static final String FAILED = "failed";

    /** The endpoint's progress after the attempt, and the attempt's outcome. */
    record Transition(Progress progress, String outcome) {

        /** Whether the endpoint goes on with the next event now (else it waits for a retry, or is disabled). */
        boolean goesOn() {
            return progress.enabled() && progress.nextAttemptAt() == null;
        }
    }

    private final WebhookSettings settings;
    private final DoubleSupplier random;

    RetryRules(WebhookSettings settings) {
        this(settings, () -> ThreadLocalRandom.current().nextDouble());
    }

    RetryRules(WebhookSettings settings, DoubleSupplier random) {
        this.settings = settings;
        this.random = random;
    }

    Transition after(Progress before, long eventSeq, WebhookSender.Attempt attempt, Instant now) {
        if (attempt.succeeded()) {
            return new Transition(Progress.startingAt(eventSeq), SUCCEEDED);
        }
        int attempts = before.attempts() + 1;
        Instant first = before.firstAttemptAt() != null ? before.firstAttemptAt() : now;
        Instant failingSince = before.failingSince() != null ? before.failingSince() : now;
        // an event out of time is given up first, so that with equal limits (a day each, the defaults) the
        // endpoint goes on to the next event, and is disabled only if that one fails too
        Instant giveUpAt = first.plus(settings.giveUpAfter());
        if (!now.isBefore(giveUpAt)) {
            return new Transition(new Progress(eventSeq, 0, null, null, failingSince, true, null), FAILED);
        }
        if (!now.isBefore(failingSince.plus(settings.disableAfter()))) {
            String reason = "deliveries have failed since " + format(failingSince) + " without a success (the last: "
                    + describe(attempt) + "); delete the webhook and register it again";
            return new Transition(
                    new Progress(before.lastEventSeq(), attempts, first, null, failingSince, false, reason), FAILED);
        }
        Instant next = now.plus(backoff(attempts));
        if (next.isAfter(giveUpAt)) {
            next = giveUpAt;
        }
        return new Transition(
                new Progress(before.lastEventSeq(), attempts, first, next, failingSince, true, null), RETRYING);
    }

    /** The wait after the n-th failed attempt: initial × 2^(n-1), at most the max, then between half and all of it. */
    Duration backoff(int failedAttempts) {
        Duration delay = settings.retryMaxDelay();
        int doublings = failedAttempts - 1;
        if (doublings < 40) {
            Duration doubled = settings.retryInitialDelay().multipliedBy(1L << doublings);
            delay = doubled.compareTo(delay) < 0 ? doubled : delay;
        }
        long millis = delay.toMillis();
        return Duration.ofMillis(millis / 2 + (long) (random.getAsDouble() * (millis - millis / 2)));
    }

    static String describe(WebhookSender.Attempt attempt) {
        return attempt.statusCode() != null ? "HTTP " + attempt.statusCode() : attempt.error();
    }

    private static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
