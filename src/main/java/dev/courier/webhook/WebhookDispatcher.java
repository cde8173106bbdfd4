package dev.courier.webhook;

import dev.courier.command.CommandEvents;
import dev.courier.system.DaemonThreads;
import dev.courier.tenant.AppId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Decides which endpoints to serve, on every instance: those of apps whose events were just numbered (told by
 * {@link CommandEvents}, within milliseconds), and at each tick those whose retry is due or whose claim lapsed.
 * Claims run on one thread of its own; claimed endpoints are served by {@link EndpointWorker}, at most
 * {@code max-concurrent} at once, with their requests in flight asynchronously: a slow or dead endpoint holds no
 * thread while it is waited for, and nothing on the command path ever waits for a webhook.
 */
@Component
class WebhookDispatcher implements SmartLifecycle, CommandEvents.Listener {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int CLAIM_BATCH = 50;
    /** Threads for the steps between attempts (reads, writes, address checks); attempts in flight hold none. */
    private static final int WORKER_THREADS = 8;
    /** How often every app's endpoints are compared with its last event, in case a wake-up was lost. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private static final Duration PURGE = Duration.ofHours(1);
    private static final int PURGE_BATCH = 5_000;

    private final CommandEvents events;
    private final OutboxRepository outbox;
    private final EndpointWorker worker;
    private final WebhookSettings settings;
    private final Clock clock;
    private final String owner = "courier-" + UUID.randomUUID().toString().substring(0, 8);
    /** Apps with new events, each with its last event number, not yet claimed for. */
    private final Map<Long, Long> wanted = new ConcurrentHashMap<>();
    /**
     * The apps with an enabled endpoint, as of the last catch-up (or registered here since): the others' events
     * cost no claim statement. One registered on another instance is known here at the next catch-up; until
     * then that instance, which knows it, claims for its events (every instance hears of every app's events).
     */
    private final Set<Long> appsWithEndpoints = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean claimQueued = new AtomicBoolean();
    private final Semaphore permits;
    private volatile boolean running;
    private volatile ScheduledExecutorService claimer;
    private volatile ExecutorService workers;
    private Instant nextCatchUp = Instant.MIN;
    private Instant nextPurge = Instant.MIN;

    WebhookDispatcher(
            CommandEvents events,
            OutboxRepository outbox,
            EndpointWorker worker,
            WebhookSettings settings,
            Clock clock) {
        this.events = events;
        this.outbox = outbox;
        this.worker = worker;
        this.settings = settings;
        this.clock = clock;
        this.permits = new Semaphore(settings.maxConcurrent());
    }

    @Override
    public void appended(Map<Long, Long> lastSeqByApp) {
        boolean any = false;
        for (Map.Entry<Long, Long> app : lastSeqByApp.entrySet()) {
            if (appsWithEndpoints.contains(app.getKey())) {
                wanted.merge(app.getKey(), app.getValue(), Math::max);
                any = true;
            }
        }
        if (any) {
            queueClaim();
        }
    }

    /** An endpoint was registered on this instance. */
    void appHasEndpoints(long appId) {
        appsWithEndpoints.add(appId);
    }

    @Override
    public void mayHaveMissed() {
        submit(() -> {
            nextCatchUp = Instant.MIN;
            tick();
        });
    }

    private void queueClaim() {
        if (claimQueued.compareAndSet(false, true)) {
            submit(() -> {
                claimQueued.set(false);
                claimWanted();
            });
        }
    }

    private void tick() {
        Instant now = clock.instant();
        if (!now.isBefore(nextCatchUp)) {
            nextCatchUp = now.plus(CATCH_UP);
            List<Long> apps = outbox.appsWithEndpoints();
            appsWithEndpoints.addAll(apps); // an app whose endpoints went stays: a claim that finds none is harmless
            for (long app : apps) {
                wanted.merge(app, events.lastSeq(new AppId(app)), Math::max);
            }
        }
        if (!now.isBefore(nextPurge)) {
            nextPurge = now.plus(PURGE);
            // in batches, a short transaction each, so the claims between them are not held up
            Instant cutoff = now.minus(settings.deliveryRetention());
            int forgotten;
            do {
                forgotten = outbox.forgetDeliveriesBefore(cutoff, PURGE_BATCH);
            } while (forgotten == PURGE_BATCH);
        }
        claim(limit -> outbox.claimDue(owner, clock.instant(), clock.instant().plus(settings.lease()), limit));
        claimWanted();
    }

    private void claimWanted() {
        if (wanted.isEmpty()) {
            return;
        }
        Map<Long, Long> apps = new HashMap<>(wanted);
        apps.forEach(wanted::remove);
        boolean maybeMore = true;
        try {
            Instant now = clock.instant();
            maybeMore = claim(limit -> outbox.claimBehind(apps, owner, now, now.plus(settings.lease()), limit));
        } finally {
            if (maybeMore) {
                // no room now, or more than one batch: look again when a worker is done, or at the next tick
                apps.forEach((app, seq) -> wanted.merge(app, seq, Math::max));
            }
        }
    }

    /** Claims as many endpoints as there is room for and serves each; whether there may be more to claim. */
    private boolean claim(IntFunction<List<Endpoint>> claimUpTo) {
        int room = Math.min(permits.availablePermits(), CLAIM_BATCH);
        if (room == 0 || !permits.tryAcquire(room)) {
            return true;
        }
        List<Endpoint> claimed = List.of();
        try {
            claimed = claimUpTo.apply(room);
        } finally {
            permits.release(room - claimed.size());
        }
        claimed.forEach(this::serve);
        return claimed.size() == room;
    }

    private void serve(Endpoint endpoint) {
        worker.serve(endpoint, owner, () -> running, workers)
                .whenCompleteAsync(
                        (progress, failure) -> {
                            try {
                                if (failure != null) {
                                    log.warn(
                                            "Could not deliver to webhook {}; it is tried again",
                                            endpoint.id(),
                                            failure);
                                } else if (running && progress.enabled() && progress.nextAttemptAt() == null) {
                                    // an event numbered while the claim was held found it taken: take it again if so
                                    long last = events.lastSeq(new AppId(endpoint.appId()));
                                    if (last > progress.lastEventSeq()) {
                                        wanted.merge(endpoint.appId(), last, Math::max);
                                    }
                                }
                            } finally {
                                permits.release();
                                if (!wanted.isEmpty()) {
                                    queueClaim();
                                }
                            }
                        },
                        workers);
    }

    private void submit(Runnable task) {
        ScheduledExecutorService executor = claimer;
        if (executor == null || !running) {
            return;
        }
        try {
            executor.execute(() -> guarded(task));
        } catch (RejectedExecutionException stopping) {
            // stopped meanwhile
        }
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("Webhook dispatch failed; trying again at the next tick", e);
        }
    }

    @Override
    public void start() {
        workers = Executors.newFixedThreadPool(WORKER_THREADS, DaemonThreads.named("courier-webhook-worker"));
        claimer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("courier-webhook-claimer"));
        running = true;
        nextCatchUp = Instant.MIN;
        events.subscribe(this);
        long tick = settings.tick().toMillis();
        claimer.scheduleWithFixedDelay(() -> guarded(this::tick), 0, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        events.unsubscribe(this);
        try {
            // no claim after this; then the steps under way finish, and endpoints in flight release their claims
            claimer.shutdownNow();
            claimer.awaitTermination(5, TimeUnit.SECONDS);
            workers.shutdown();
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
