package dev.courier.client.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTests {

    @Test
    void doublesUpToTheCapWithoutJitter() {
        var backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 0, new Random(1));

        assertThat(IntStream.range(0, 6).mapToObj(i -> backoff.next().toMillis()))
                .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
    }

    @Test
    void jitterShortensEachWaitByAtMostItsShare() {
        var backoff = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(1000), 0.5, new Random(7));

        var waits = IntStream.range(0, 200).mapToObj(i -> backoff.next().toMillis()).toList();

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(500L, 1000L));
        assertThat(waits.stream().distinct().count()).as("waits spread out").isGreaterThan(50);
    }

    @Test
    void resetStartsAgainFromTheFirstWait() {
        var backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 0, new Random(1));
        backoff.next();
        backoff.next();

        backoff.reset();

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void manyFailuresNeverOverflowTheCap() {
        var backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0, new Random(1));

        IntStream.range(0, 100).forEach(i -> backoff.next());

        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(30));
    }
}
