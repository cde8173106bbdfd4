package dev.courier.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTests {

    @Test
    void connectionErrorWaitsDoubleUpToTheCap() {
        var policy = new RetryPolicy(10, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertThat(IntStream.rangeClosed(1, 5).mapToObj(retry -> policy.backoff(retry).toMillis()))
                .containsExactly(200L, 400L, 800L, 1000L, 1000L);
        assertThat(policy.backoff(100)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void noneTriesOnce() {
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }

    @Test
    void refusesAPolicyWithoutATry() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
