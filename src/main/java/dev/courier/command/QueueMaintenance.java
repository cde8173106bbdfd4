package dev.courier.command;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The queue's safety sweep, run by every instance (row locks keep them apart): commands past their ttl are
 * recorded {@code expired} (reads report them expired the moment their ttl passes anyway); lapsed leases put
 * their command back in the queue, or fail it on its last attempt; and devices with a command due for a
 * second but not handed over are woken again, in case its wake-up was lost (a crash between commit and
 * NOTIFY, a LISTEN outage). Old idempotency keys are forgotten.
 */
@Component
class QueueMaintenance {

    private static final int BATCH = 10_000;
    /** How long a due command may wait for its wake-up before the sweep wakes its device again. */
    private static final Duration OVERDUE_GRACE = Duration.ofSeconds(1);

    private final CommandRepository commands;
    private final SweepRepository sweeps;
    private final IdempotencyRepository idempotency;
    private final DeliverySettings settings;
    private final CommandMetrics metrics;
    private final ApplicationEventPublisher events;
    private final EventSequencer sequencer;

    QueueMaintenance(
            CommandRepository commands,
            SweepRepository sweeps,
            IdempotencyRepository idempotency,
            DeliverySettings settings,
            CommandMetrics metrics,
            ApplicationEventPublisher events,
            EventSequencer sequencer) {
        this.commands = commands;
        this.sweeps = sweeps;
        this.idempotency = idempotency;
        this.settings = settings;
        this.metrics = metrics;
        this.events = events;
        this.sequencer = sequencer;
    }

    @Scheduled(fixedDelayString = "${courier.delivery.sweep-interval:1s}")
    void sweep() {
        Duration window = settings.sweepInterval().multipliedBy(2);
        SweepRepository.SweepWork work = sweeps.sweepWork(settings.maxAttempts(), OVERDUE_GRACE, window);
        Set<Long> due = new HashSet<>();
        if (work.expired()) {
            due.addAll(expireDueCommands());
        }
        if (work.exhausted()) {
            List<Long> failed = sweeps.failExhausted(settings.maxAttempts(), BATCH);
            metrics.failed(failed.size());
            due.addAll(failed);
        }
        if (work.lapsed()) {
            due.addAll(sweeps.requeueLapsed(settings.maxAttempts(), BATCH));
        }
        if (work.expired() || work.exhausted() || work.lapsed()) {
            sequencer.nudge();
        }
        if (work.overdue()) {
            due.addAll(sweeps.overdue(OVERDUE_GRACE, window));
        }
        if (!due.isEmpty()) {
            events.publishEvent(new DevicesDue(due));
        }
    }

    private Set<Long> expireDueCommands() {
        Set<Long> devices = new HashSet<>();
        List<Long> expired;
        do {
            expired = commands.expireDue(BATCH);
            metrics.expired(expired.size());
            devices.addAll(expired);
        } while (expired.size() == BATCH);
        return devices;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void forgetOldIdempotencyKeys() {
        idempotency.forgetOld();
    }
}
