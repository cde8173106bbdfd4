package dev.courier.command;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Background upkeep of the queue: commands past their ttl are recorded {@code expired} and leave the queue
 * (reads already report them expired the moment their ttl passes), and idempotency keys older than 25 hours
 * are forgotten.
 */
@Component
class QueueMaintenance {

    private static final int BATCH = 10_000;

    private final CommandRepository commands;
    private final IdempotencyRepository idempotency;
    private final CommandMetrics metrics;

    QueueMaintenance(CommandRepository commands, IdempotencyRepository idempotency, CommandMetrics metrics) {
        this.commands = commands;
        this.idempotency = idempotency;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${courier.expiry-sweep-interval:1s}")
    void expireDueCommands() {
        int expired;
        do {
            expired = commands.expireDue(BATCH);
            metrics.expired(expired);
        } while (expired == BATCH);
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void forgetOldIdempotencyKeys() {
        idempotency.forgetOld();
    }
}
