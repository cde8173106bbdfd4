package dev.courier.client.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.client.app.CourierApp;
import dev.courier.client.app.CourierConnectionException;
import dev.courier.client.app.RateLimitedException;
import dev.courier.client.app.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What CourierApp retries: a 429 after its Retry-After, a connection error only where repeating is safe. */
class AppRetryTests {

    static final RetryPolicy RETRIES = new RetryPolicy(4, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5));

    static CourierServer courier;

    @BeforeAll
    static void start() throws Exception {
        courier = CourierServer.start("--courier.plans.slow.requests-per-second=1");
    }

    @AfterAll
    static void stop() throws Exception {
        courier.close();
    }

    @Test
    void overThePlansRateA429IsRetriedAfterItsRetryAfter() throws Exception {
        String key = courier.newApp("slow");
        var patient = CourierApp.builder(courier.url(), key).retry(RETRIES).build();
        var impatient = CourierApp.builder(courier.url(), key).retry(RetryPolicy.none()).build();

        assertThatThrownBy(() -> IntStream.range(0, 10).forEach(i -> impatient.devices().list(10)))
                .isInstanceOfSatisfying(RateLimitedException.class, limited -> {
                    assertThat(limited.status()).isEqualTo(429);
                    assertThat(limited.retryAfter()).isPositive();
                });

        // the plan's bucket is empty now: these get through only by waiting as Courier says
        IntStream.range(0, 3).forEach(i -> assertThat(patient.devices().list(10).devices()).isEmpty());
    }

    @Test
    void aSendIsRetriedThroughConnectionErrorsAndQueuedOnce() throws Exception {
        String key = courier.newApp("pro");
        var direct = CourierApp.connect(courier.url(), key);
        String ident = TestApps.ident("retry");
        direct.devices().register(ident);
        try (var proxy = new TestProxy(courier.port())) {
            var throughProxy = CourierApp.builder(proxy.url(), key).retry(RETRIES).build();
            proxy.dropNext(2);

            assertThat(throughProxy.command().send("reboot", List.of(ident), 1).get(ident).sent()).isTrue();

            assertThat(proxy.connections()).as("two dropped, then answered").isEqualTo(3);
        }
        assertThat(direct.command().pending(ident)).hasSize(1);
    }

    @Test
    void aCallThatIsNotSafeToRepeatIsTriedOnce() throws Exception {
        try (var proxy = new TestProxy(courier.port())) {
            var app = CourierApp.builder(proxy.url(), courier.newApp("pro")).retry(RETRIES).build();
            proxy.dropNext(10);

            assertThatThrownBy(() -> app.devices().register(TestApps.ident("once")))
                    .isInstanceOf(CourierConnectionException.class)
                    .hasMessageContaining("after 1 attempt");
            assertThat(proxy.connections()).isEqualTo(1);
            assertThatThrownBy(() -> app.devices().list(1))
                    .isInstanceOf(CourierConnectionException.class)
                    .hasMessageContaining("after 4 attempts");
        }
    }
}
