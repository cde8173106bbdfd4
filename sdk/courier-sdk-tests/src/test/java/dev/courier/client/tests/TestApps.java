package dev.courier.client.tests;

import dev.courier.client.app.CourierApp;
import dev.courier.client.app.RetryPolicy;
import java.time.Duration;
import java.util.UUID;

/** The app side of a test: an app client on its own app, and fresh device idents. */
final class TestApps {

    private TestApps() {}

    static CourierApp app(CourierServer courier) throws Exception {
        return CourierApp.builder(courier.url(), courier.newApp("pro"))
                .retry(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .build();
    }

    static String ident(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
