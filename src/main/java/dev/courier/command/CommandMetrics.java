package dev.courier.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** What happens to commands: sent, refused, delivered (and again), acked, nacked, failed, expired, cancelled. */
@Component
class CommandMetrics {

    private final Counter sent;
    private final Counter queueFull;
    private final Counter cancelled;
    private final Counter expired;
    private final Counter delivered;
    private final Counter redelivered;
    private final Counter acked;
    private final Counter nacked;
    private final Counter failed;
    private final Timer latency;

    CommandMetrics(MeterRegistry registry) {
        this.sent = Counter.builder("courier.commands.sent")
                .description("Commands queued")
                .register(registry);
        this.queueFull = Counter.builder("courier.commands.rejected")
                .tag("reason", "queue_full")
                .description("Commands refused because the device's queue was full")
                .register(registry);
        this.cancelled = Counter.builder("courier.commands.cancelled")
                .description("Commands cancelled by their app (one at a time or by purging a device's queue)")
                .register(registry);
        this.expired = Counter.builder("courier.commands.expired")
                .description("Commands whose ttl ran out before the device acked them")
                .register(registry);
        this.delivered = Counter.builder("courier.commands.delivered")
                .description("Hand-overs to devices, first or repeated")
                .register(registry);
        this.redelivered = Counter.builder("courier.commands.redelivered")
                .description("Hand-overs after the first: after a nack, a lapsed lease or a lost connection")
                .register(registry);
        this.acked = Counter.builder("courier.commands.acked")
                .description("Commands the device acknowledged")
                .register(registry);
        this.nacked = Counter.builder("courier.commands.nacked")
                .description("Nacks from devices; each command is redelivered after the retry delay or failed")
                .register(registry);
        this.failed = Counter.builder("courier.commands.failed")
                .description("Commands failed after max-attempts deliveries")
                .register(registry);
        this.latency = Timer.builder("courier.delivery.latency")
                .description("From send to first hand-over to the device")
                .publishPercentileHistogram()
                .register(registry);
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

    void delivered(int attempt, long millisSinceSend) {
        delivered.increment();
        if (attempt == 1) {
            latency.record(Duration.ofMillis(Math.max(0, millisSinceSend)));
        } else {
            redelivered.increment();
        }
    }

    void acked() {
        acked.increment();
    }

    void nacked(boolean nowFailed) {
        nacked.increment();
        if (nowFailed) {
            failed.increment();
        }
    }

    void failed(long count) {
        failed.increment(count);
    }
}
