package dev.courier.event;

import dev.courier.command.CommandEvent;
import dev.courier.command.CommandEvents;
import dev.courier.command.EventFilter;
import dev.courier.tenant.AppId;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream: its filter and the number of the last event it was sent past. Woken when its app has
 * new events; each wake-up runs one pump at a time on the shared executor, so the client's events go out in
 * order, and a client that reads slowly holds up only its own stream (until the write times out).
 */
final class EventStream {

    private static final int PAGE = 500;

    private final AppId app;
    private final EventFilter filter;
    private final SseEmitter emitter;
    private final CommandEvents events;
    private final Executor executor;
    private volatile long after;
    private boolean pumping;
    private boolean again;
    private boolean heartbeatDue;
    private volatile boolean closed;

    EventStream(
            AppId app, long after, EventFilter filter, SseEmitter emitter, CommandEvents events, Executor executor) {
        this.app = app;
        this.after = after;
        this.filter = filter;
        this.emitter = emitter;
        this.events = events;
        this.executor = executor;
    }

    AppId app() {
        return app;
    }

    SseEmitter emitter() {
        return emitter;
    }

    /**
     * The app's events are numbered up to {@code lastSeq} now (or maybe further: {@link Long#MAX_VALUE}); a
     * stream already past it reads nothing.
     */
    void wake(long lastSeq) {
        synchronized (this) {
            if (closed || (lastSeq <= after && !heartbeatDue)) {
                return;
            }
            if (pumping) {
                again = true;
                return;
            }
            pumping = true;
        }
        executor.execute(this::pump);
    }

    /** A comment line, so that proxies keep the connection and a client that went away is found out. */
    void heartbeat() {
        synchronized (this) {
            heartbeatDue = true;
        }
        wake(Long.MAX_VALUE);
    }

    void closed() {
        closed = true;
    }

    private void pump() {
        try {
            boolean more = true;
            while (more && !closed) {
                more = sendNextPage();
                synchronized (this) {
                    if (!more && again) {
                        again = false;
                        more = true;
                    }
                    if (!more || closed) {
                        pumping = false;
                        return;
                    }
                }
            }
            synchronized (this) {
                pumping = false;
            }
        } catch (IOException | RuntimeException gone) {
            synchronized (this) {
                pumping = false;
            }
            closed = true;
            emitter.completeWithError(gone);
        }
    }

    /** Sends the next page of events (or a due heartbeat); whether there may be more. */
    private boolean sendNextPage() throws IOException {
        CommandEvents.Page page = events.after(app, after, filter, PAGE);
        for (CommandEvent event : page.events()) {
            emitter.send(SseEmitter.event()
                    .id(Long.toString(event.id()))
                    .name("command")
                    .data(event, MediaType.APPLICATION_JSON));
        }
        boolean moved = page.readUpTo() > after;
        after = page.readUpTo();
        boolean beat;
        synchronized (this) {
            beat = heartbeatDue;
            heartbeatDue = false;
        }
        if (beat && page.events().isEmpty()) {
            emitter.send(SseEmitter.event().comment("keep-alive"));
        }
        return moved;
    }
}
