package dev.courier.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The plans and their limits; free and pro are defined in application.yml.
 *
 * @param plans the limits of each plan by name (courier.plans.NAME.queue-depth, …); a plan's unset limits take
 *     the free plan's defaults
 * @param defaultPlan the plan of the default app and of apps created without one
 */
@ConfigurationProperties("courier")
@Validated
record PlanSettings(
        Map<String, @Valid Limits> plans,
        @DefaultValue("free") String defaultPlan) {

    /**
     * One plan's limits.
     *
     * @param queueDepth unfinished commands per device and command name
     * @param historyRetention how long history is kept
     * @param maxDevices devices per app
     * @param maxPayloadBytes size of a command's data as JSON
     * @param requestsPerSecond app API requests per second, shared by all instances
     */
    record Limits(
            @DefaultValue("100") @Positive int queueDepth,
            @DefaultValue("3d") Duration historyRetention,
            @DefaultValue("1000") @Positive int maxDevices,
            @DefaultValue("65536") @Positive int maxPayloadBytes,
            @DefaultValue("100") @Positive int requestsPerSecond) {}
}
