package dev.courier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The retry schedule, giving up on an event, and disabling an endpoint, on a clock of the test's own. */
class RetryRulesTests {

    private static final WebhookSettings SETTINGS = new WebhookSettings(
            false,
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            Duration.ofHours(1),
            Duration.ofHours(24),
            Duration.ofHours(24),
            100,
            Duration.ofSeconds(1),
            Duration.ofDays(7));
    private static final WebhookSender.Attempt FAILED = new WebhookSender.Attempt(500, null, 3);
    private static final WebhookSender.Attempt OK = new WebhookSender.Attempt(204, null, 3);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final RetryRules longest = new RetryRules(SETTINGS, () -> 0.999999);
    private final RetryRules shortest = new RetryRules(SETTINGS, () -> 0.0);

    @Test
    void theDelayDoublesFromTheInitialOneUpToTheCapWithJitterOfAtMostHalf() {
        assertThat(longest.backoff(1)).isEqualTo(Duration.ofMillis(999));
        assertThat(shortest.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(shortest.backoff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(shortest.backoff(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(longest.backoff(13)).isEqualTo(Duration.ofMillis(3_599_998));
        assertThat(shortest.backoff(13)).isEqualTo(Duration.ofMinutes(30));
        assertThat(shortest.backoff(100)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aFailureSchedulesTheSameEventAgainAndASuccessMovesPastIt() {
        var first = longest.after(Progress.startingAt(10), 11, FAILED, T0);

        assertThat(first.outcome()).isEqualTo(RetryRules.RETRYING);
        assertThat(first.goesOn()).isFalse();
        assertThat(first.progress().lastEventSeq()).isEqualTo(10);
        assertThat(first.progress().attempts()).isEqualTo(1);
        assertThat(first.progress().nextAttemptAt()).isEqualTo(T0.plusMillis(999));

        var second = longest.after(first.progress(), 11, OK, T0.plusSeconds(1));
        assertThat(second.outcome()).isEqualTo(RetryRules.SUCCEEDED);
        assertThat(second.goesOn()).isTrue();
        assertThat(second.progress()).isEqualTo(Progress.startingAt(11));
    }

    @Test
    void anEventStillFailingADayAfterItsFirstAttemptIsGivenUpAndTheEndpointGoesOn() {
        var rules = longest; // the defaults: give up after a day, disable after a day
        var progress = new Progress(10, 20, T0, null, T0, true, null); // retried hourly by now
        var lastRetry =
                rules.after(progress, 11, FAILED, T0.plus(Duration.ofHours(23).plusMinutes(30)));
        assertThat(lastRetry.progress().nextAttemptAt())
                .as("the last attempt is due when the day ends, not after")
                .isEqualTo(T0.plus(Duration.ofHours(24)));

        var givenUp = rules.after(lastRetry.progress(), 11, FAILED, T0.plus(Duration.ofHours(24)));
        assertThat(givenUp.outcome()).isEqualTo(RetryRules.FAILED);
        assertThat(givenUp.goesOn()).isTrue();
        assertThat(givenUp.progress().lastEventSeq()).isEqualTo(11);
        assertThat(givenUp.progress().attempts()).isZero();
        assertThat(givenUp.progress().failingSince()).as("still failing").isEqualTo(T0);
    }

    @Test
    void anEndpointFailingADayWithoutASuccessIsDisabledAndSaysWhy() {
        var progress = longest.after(Progress.startingAt(10), 11, FAILED, T0).progress();
        var givenUp = longest.after(progress, 11, FAILED, T0.plus(Duration.ofHours(24)));
        assertThat(givenUp.progress().enabled())
                .as("the event is given up first")
                .isTrue();

        var disabled = longest.after(
                givenUp.progress(),
                12,
                WebhookSender.Attempt.refused("connect timed out"),
                T0.plus(Duration.ofHours(24)).plusSeconds(1));

        assertThat(disabled.outcome()).isEqualTo(RetryRules.FAILED);
        assertThat(disabled.goesOn()).isFalse();
        assertThat(disabled.progress().enabled()).isFalse();
        assertThat(disabled.progress().disabledReason())
                .contains("since 2026-01-01T00:00:00Z")
                .contains("connect timed out");
    }
}
