package dev.courier.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counters of the queue's side: commands sent, refused for a full queue, cancelled and expired. */
@Component
class CommandMetrics {

    private final Counter sent;
    private final Counter queueFull;
    private final Counter cancelled;
    private final Counter expired;

    CommandMetrics(MeterRegistry registry) {
        this.sent = Counter.builder("courier.commands.sent")
                .description("Commands queued")
                .register(registry);
        this.queueFull = Counter.builder("courier.commands.rejected")
                .tag("reason", "queue_full")
                .description("Commands refused because the device's queue was full")
                .register(registry);
        this.cancelled = Counter.builder("courier.commands.cancelled").register(registry);
        this.expired = Counter.builder("courier.commands.expired").register(registry);
    }

    void sent(long count) {
        sent.increment(count);
    }

    void queueFull(long count) {
        queueFull.increment(count);
    }

    void cancelled(long count) {
        cancelled.increment(count);
    }

    void expired(long count) {
        expired.increment(count);
    }
}
