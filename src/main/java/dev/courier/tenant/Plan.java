package dev.courier.tenant;

import java.time.Duration;

/** An app's limits, named and configured under {@code courier.plans.<name>}. */
public record Plan(
        String name,
        int queueDepth,
        Duration historyRetention,
        int maxDevices,
        int maxPayloadBytes,
        int requestsPerSecond) {}
