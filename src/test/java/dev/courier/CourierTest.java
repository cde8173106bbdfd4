package dev.courier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full Courier on a random port over the test run's real PostgreSQL. All such tests share one application
 * context; each creates its own app (tenant), so their data never meets.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "courier.admin-token=" + CourierClient.ADMIN_TOKEN,
            "courier.plans.tiny.queue-depth=3",
            "courier.plans.tiny.max-devices=3",
            "courier.plans.tiny.max-payload-bytes=100",
            "courier.plans.tiny.requests-per-second=1000",
            "courier.plans.slow.requests-per-second=2",
            "courier.plans.shared.requests-per-second=" + CourierClient.SHARED_PLAN_RATE,
            "courier.delivery.lease=2s",
            "courier.delivery.retry-delay=1s",
            "courier.delivery.max-attempts=3",
            "courier.delivery.sweep-interval=200ms",
            "courier.http.header-deadline=2s",
            "courier.http.body-deadline=3s",
            "courier.http.body-rate-grace=1s",
            "courier.http.max-unauthenticated-connections-per-address=50",
            // the webhook tests' receivers listen on 127.0.0.1 over plain http; retries come within a second
            "courier.webhooks.allow-private-addresses=true",
            "courier.webhooks.retry-initial-delay=100ms",
            "courier.webhooks.retry-max-delay=500ms",
            "courier.webhooks.request-timeout=3s",
            "courier.webhooks.tick=100ms",
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(StatementCounter.class)
public @interface CourierTest {}
