package dev.courier.history;

import dev.courier.command.CommandEvents;
import dev.courier.tenant.Plans;
import dev.courier.tenant.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the history within its plans' retention: prepares the coming days' partitions, drops days past the
 * longest retention, and deletes the rows of shorter-retention apps in batches, and apps' command events past their
 * plan's retention. Queries hide expired history
 * on their own, so this job only reclaims space.
 */
@Component
class HistoryRetention {

    private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);
    private static final int DAYS_AHEAD = 7;
    private static final int BATCH = 10_000;

    private final RetentionRepository storage;
    private final Tenants tenants;
    private final Plans plans;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final CommandEvents events;

    HistoryRetention(
            RetentionRepository storage,
            Tenants tenants,
            Plans plans,
            TransactionTemplate transactions,
            Clock clock,
            CommandEvents events) {
        this.storage = storage;
        this.events = events;
        this.tenants = tenants;
        this.plans = plans;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        run();
    }

    @Scheduled(cron = "${courier.history.retention-cron:0 7 * * * *}", zone = "UTC")
    void run() {
        try {
            transactions.executeWithoutResult(status -> {
                if (storage.tryLock()) {
                    prepareComingDays();
                    dropExpiredDays();
                }
            });
            deleteRowsPastTheirPlanRetention();
        } catch (RuntimeException e) {
            log.warn("History upkeep did not finish; it runs again within the hour", e);
        }
    }

    private void prepareComingDays() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (int ahead = 0; ahead <= DAYS_AHEAD; ahead++) {
            storage.createDayPartition(today.plusDays(ahead));
        }
    }

    private void dropExpiredDays() {
        Instant cutoff = clock.instant().minus(plans.longestRetention());
        for (LocalDate day : storage.dayPartitions()) {
            boolean expired =
                    !day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(cutoff);
            if (expired && !storage.holdsPending(day)) {
                storage.dropDayPartition(day);
                log.info("Dropped history of {} (older than {})", day, plans.longestRetention());
            }
        }
    }

    /** Rows and command events past their own plan's retention: in batches, each its own short transaction. */
    private void deleteRowsPastTheirPlanRetention() {
        for (Map.Entry<String, List<Long>> plan : tenants.appIdsByPlan().entrySet()) {
            if (!plans.exists(plan.getKey())) {
                continue; // an unconfigured plan: keep its history up to the longest retention
            }
            Duration retention = plans.byName(plan.getKey()).historyRetention();
            long[] appIds = plan.getValue().stream().mapToLong(Long::longValue).toArray();
            Instant cutoff = clock.instant().minus(retention);
            int deleted;
            do {
                deleted = transactions.execute(status -> storage.deleteFinishedBefore(appIds, cutoff, BATCH));
            } while (deleted == BATCH);
            do {
                deleted = events.forgetBefore(appIds, cutoff, BATCH);
            } while (deleted == BATCH);
        }
    }
}
