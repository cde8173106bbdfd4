package dev.courier.tenant;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code courier.plans.*} and {@code courier.default-plan}; free and pro are defined in application.yml. */
@ConfigurationProperties("courier")
record PlanSettings(
        Map<String, Limits> plans, @DefaultValue("free") String defaultPlan) {

    record Limits(
            @DefaultValue("100") int queueDepth,
            @DefaultValue("3d") Duration historyRetention,
            @DefaultValue("1000") int maxDevices,
            @DefaultValue("65536") int maxPayloadBytes,
            @DefaultValue("100") int requestsPerSecond) {}
}
