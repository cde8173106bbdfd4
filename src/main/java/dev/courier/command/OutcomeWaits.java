package dev.courier.command;

import dev.courier.system.DaemonThreads;
import dev.courier.tenant.AppId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Apps waiting for commands to finish ({@code ?wait=}). A wait holds no thread: it is a callback on a set of
 * command ids, run once each of them has finished. Per app, one reader follows the app's events from where it
 * last read, woken by {@link CommandEvents} on whichever instance numbered them, and takes the final ones
 * ({@link CommandEvent#FINAL_STATUSES}); with nobody waiting in an app, it only moves its position. An ack taken
 * on this instance answers its waits at once ({@link #finishedHere}), without waiting for its event.
 */
@Component
class OutcomeWaits implements CommandEvents.Listener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWaits.class);
    private static final int PAGE = 1_000;

    private final CommandEvents events;
    private final Map<Long, AppWaits> apps = new ConcurrentHashMap<>();
    private final Map<String, Set<Wait>> byCommand = new ConcurrentHashMap<>();
    private final ExecutorService reader =
            Executors.newSingleThreadExecutor(DaemonThreads.named("courier-outcome-waits"));
    /** Reads the answers of waits that are over (a bounded pool: each read takes a database connection). */
    private final ExecutorService answers = new ThreadPoolExecutor(
            4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), DaemonThreads.named("courier-outcome-answer"));

    OutcomeWaits(CommandEvents events) {
        this.events = events;
        events.subscribe(this);
    }

    /** A wait for some commands; {@link #cancel} it when it is no longer wanted (answered on time-out). */
    final class Wait {
        private final AppWaits app;
        private final Set<String> ids;
        private final Set<String> pending;
        private final Runnable onFinal;

        private Wait(AppWaits app, Set<String> ids, Runnable onFinal) {
            this.app = app;
            this.ids = Set.copyOf(ids);
            this.pending = new HashSet<>(ids);
            this.onFinal = onFinal;
        }

        void cancel() {
            app.waits.remove(this);
            forget(this);
        }

        Set<String> pending() {
            synchronized (this) {
                return Set.copyOf(pending);
            }
        }

        /**
         * These of its commands had finished before it started (the caller's read found them so); true when that
         * leaves none to wait for: then it is over, and the caller answers.
         */
        boolean finishedBefore(Set<String> commandIds) {
            boolean none;
            synchronized (this) {
                pending.removeAll(commandIds);
                none = pending.isEmpty();
            }
            if (none && app.waits.remove(this)) {
                forget(this);
                return true;
            }
            return false;
        }

        /** Whether that was the last of its commands to finish. */
        private synchronized boolean finished(String commandId) {
            return pending.remove(commandId) && pending.isEmpty();
        }
    }

    /**
     * Runs {@code onFinal} once every one of {@code ids} has finished, as seen from now on: the caller reads the
     * commands after this returns, for any that finished before (and then cancels the wait).
     */
    Wait await(AppId app, Set<String> ids, Runnable onFinal) {
        AppWaits waits = apps.computeIfAbsent(app.value(), id -> new AppWaits(app, events.lastSeq(app)));
        Wait wait = new Wait(waits, ids, onFinal);
        waits.waits.add(wait);
        ids.forEach(id -> byCommand
                .computeIfAbsent(id, key -> ConcurrentHashMap.newKeySet())
                .add(wait));
        return wait;
    }

    /** These commands finished in a statement that committed on this instance. */
    void finishedHere(List<String> commandIds) {
        if (!byCommand.isEmpty()) {
            finished(commandIds);
        }
    }

    private void finished(List<String> commandIds) {
        for (String id : commandIds) {
            Set<Wait> waiting = byCommand.get(id);
            if (waiting != null) {
                waiting.forEach(wait -> {
                    if (wait.finished(id) && wait.app.waits.remove(wait)) {
                        forget(wait);
                        // the answer is read from the database: never on the thread that acked or read events
                        answers.execute(wait.onFinal);
                    }
                });
            }
        }
    }

    private void forget(Wait wait) {
        wait.ids.forEach(id ->
                byCommand.computeIfPresent(id, (key, waits) -> waits.remove(wait) && waits.isEmpty() ? null : waits));
    }

    @Override
    public void appended(Map<Long, Long> lastSeqByApp) {
        lastSeqByApp.forEach((app, lastSeq) -> {
            AppWaits waits = apps.get(app);
            if (waits != null) {
                waits.appended(lastSeq);
            }
        });
    }

    @Override
    public void mayHaveMissed() {
        apps.values().forEach(waits -> waits.appended(Long.MAX_VALUE));
    }

    @Override
    public void destroy() {
        events.unsubscribe(this);
        reader.shutdownNow();
        answers.shutdownNow();
    }

    /** One app's waits, and how far its events have been read. */
    private final class AppWaits {
        private final AppId app;
        private final Set<Wait> waits = ConcurrentHashMap.newKeySet();
        private long readUpTo;
        private boolean reading;
        private boolean again;

        AppWaits(AppId app, long readUpTo) {
            this.app = app;
            this.readUpTo = readUpTo;
        }

        synchronized void appended(long lastSeq) {
            if (waits.isEmpty()) {
                if (lastSeq != Long.MAX_VALUE) {
                    readUpTo = Math.max(readUpTo, lastSeq);
                }
                return;
            }
            if (reading) {
                again = true;
                return;
            }
            reading = true;
            reader.execute(this::read);
        }

        private void read() {
            try {
                readOnce();
            } catch (RuntimeException e) {
                log.warn("Could not read the events of app {} for its waits", app.value(), e);
            }
            synchronized (this) {
                if (again) {
                    again = false;
                    reader.execute(this::read);
                } else {
                    reading = false;
                }
            }
        }

        /**
         * The last number first, then the wanted ids: a wait missing from them registered after every event up to
         * that number had committed, so its own read of the command saw those.
         */
        private void readOnce() {
            long last = events.lastSeq(app);
            Set<String> wanted = new HashSet<>();
            waits.forEach(wait -> wanted.addAll(wait.pending()));
            long from;
            synchronized (this) {
                from = readUpTo;
            }
            if (wanted.isEmpty()) {
                from = last;
            }
            var filter = new EventFilter(Set.of(), Set.of(), CommandEvent.FINAL_STATUSES, wanted);
            while (from < last) {
                CommandEvents.Page page = events.after(app, from, last, filter, PAGE);
                List<String> finished = new ArrayList<>();
                page.events().forEach(event -> finished.add(event.commandId()));
                finished(finished);
                from = page.readUpTo();
            }
            synchronized (this) {
                readUpTo = Math.max(readUpTo, from);
            }
        }
    }
}
