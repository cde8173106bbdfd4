package dev.courier.command;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code courier.delivery.*}: the at-least-once rules of SPEC §5; {@code poolSize} connections for hand-overs
 * ({@link AsyncCommitPool}), on which {@code combiners} batches of claims and as many of acks may run at once;
 * {@code pingInterval}: the WebSocket heartbeat (a ping unanswered for half of it closes its socket).
 */
@ConfigurationProperties("courier.delivery")
public record DeliverySettings(
        @DefaultValue("30s") Duration lease,
        @DefaultValue("5s") Duration retryDelay,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("10") int poolSize,
        @DefaultValue("2") int combiners,
        @DefaultValue("20s") Duration pingInterval) {}
