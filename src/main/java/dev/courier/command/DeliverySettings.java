package dev.courier.command;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The at-least-once rules of SPEC §5 and the hand-over machinery ({@link AsyncCommitPool}).
 *
 * @param lease how long a delivered, unacked command waits before it is redelivered
 * @param retryDelay how long a nacked command waits before it is redelivered
 * @param maxAttempts deliveries before a command is failed
 * @param sweepInterval how often the sweep looks for lapsed leases, expired commands and lost wake-ups
 * @param poolSize connections of the hand-over pool (claims, acks, nacks), beside the main pool
 * @param combiners batches of claims, and as many of acks, that may run at once on the hand-over pool
 * @param pingInterval the WebSocket heartbeat; a socket that leaves a ping unanswered for half of it is closed
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
