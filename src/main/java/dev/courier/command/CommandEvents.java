package dev.courier.command;

import dev.courier.tenant.AppId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * An app's command events: read them after a number, and hear when new ones are numbered, on any instance
 * (within a NOTIFY of the commit that numbered them).
 */
@Service
public class CommandEvents {

    private static final Logger log = LoggerFactory.getLogger(CommandEvents.class);

    /** How many numbers one read looks through at most, so a filter that matches little costs a bounded scan. */
    private static final long WINDOW = 10_000;

    /** Told about newly numbered events. Called on the sequencer's or the listener's thread: hand work off. */
    public interface Listener {

        /** Each app's last event number now. */
        void appended(Map<Long, Long> lastSeqByApp);

        /** Notifications may have been lost (the LISTEN connection was down): look at every app again. */
        void mayHaveMissed();
    }

    /** Events in order, and the number the next read goes on after (past what the filter skipped). */
    public record Page(List<CommandEvent> events, long readUpTo) {}

    private final EventRepository repository;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    CommandEvents(EventRepository repository) {
        this.repository = repository;
    }

    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Listener listener) {
        listeners.remove(listener);
    }

    /** The app's last event number (0 before its first event). */
    public long lastSeq(AppId app) {
        return repository.lastSeq(app.value());
    }

    /** The app's events after {@code after} that pass the filter, oldest first, at most {@code limit}. */
    public Page after(AppId app, long after, EventFilter filter, int limit) {
        return after(app, after, repository.lastSeq(app.value()), filter, limit);
    }

    /** The same, for a reader that has just read the app's last event number {@code last}. */
    Page after(AppId app, long after, long last, EventFilter filter, int limit) {
        if (last <= after) {
            return new Page(List.of(), after);
        }
        long upTo = Math.min(last, after + WINDOW);
        List<CommandEvent> events = repository.between(app.value(), after, upTo, filter, limit);
        long readUpTo = events.size() == limit ? events.get(events.size() - 1).id() : upTo;
        return new Page(events, readUpTo);
    }

    /** Deletes up to {@code batch} of these apps' events from before {@code cutoff} (retention); how many it did. */
    public int forgetBefore(long[] appIds, Instant cutoff, int batch) {
        return repository.forgetBefore(appIds, cutoff, batch);
    }

    void appended(Map<Long, Long> lastSeqByApp) {
        for (Listener listener : listeners) {
            try {
                listener.appended(lastSeqByApp);
            } catch (RuntimeException e) {
                log.warn("A command event listener failed", e);
            }
        }
    }

    void mayHaveMissed() {
        for (Listener listener : listeners) {
            try {
                listener.mayHaveMissed();
            } catch (RuntimeException e) {
                log.warn("A command event listener failed", e);
            }
        }
    }
}
