package dev.courier.event;

import dev.courier.command.CommandEvents;
import dev.courier.command.EventFilter;
import dev.courier.system.DaemonThreads;
import dev.courier.tenant.AppId;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The event streams open on this instance, by app. New events, numbered on this instance or another, wake the
 * app's streams ({@link CommandEvents.Listener}); a stream holds no thread while it waits.
 */
@Component
class EventStreams implements CommandEvents.Listener, DisposableBean {

    /** How often an idle stream gets a comment line. */
    static final long HEARTBEAT_MILLIS = 15_000;

    /**
     * Streams one app may hold on one instance: each wake-up reads for every stream, and a client that stops
     * reading holds a pump thread until its write times out, so one app must not be able to take them all.
     */
    static final int MAX_PER_APP = 10;

    /** How soon a browser's EventSource reconnects after the connection drops. */
    private static final long RECONNECT_MILLIS = 1_000;

    private final CommandEvents events;
    private final Map<Long, Set<EventStream>> byApp = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pumps;

    EventStreams(CommandEvents events) {
        this.events = events;
        // bounded: each pump reads from the database; a client that stopped reading holds a thread until Tomcat's
        // write timeout (server.tomcat.connection-timeout) fails its write
        this.pumps = new ThreadPoolExecutor(
                32, 32, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), DaemonThreads.named("courier-event-stream"));
        pumps.allowCoreThreadTimeOut(true);
        events.subscribe(this);
    }

    /** Opens a stream of the app's events numbered after {@code after} that pass the filter. */
    SseEmitter open(AppId app, long after, EventFilter filter) throws IOException {
        SseEmitter emitter = new SseEmitter(0L); // no time-out: the client decides how long it listens
        EventStream stream = new EventStream(app, after, filter, emitter, events, pumps);
        Set<EventStream> streams = byApp.computeIfAbsent(app.value(), id -> ConcurrentHashMap.newKeySet());
        synchronized (streams) {
            if (streams.size() >= MAX_PER_APP) {
                throw TooManyStreamsException.atMost(MAX_PER_APP);
            }
            streams.add(stream);
        }
        Runnable close = () -> {
            stream.closed();
            streams.remove(stream);
        };
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(failure -> close.run());
        // the first line of the response, so the client knows the stream is open before any event
        emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("courier events"));
        stream.wake(Long.MAX_VALUE);
        return emitter;
    }

    @Override
    public void appended(Map<Long, Long> lastSeqByApp) {
        lastSeqByApp.forEach((app, lastSeq) -> {
            Set<EventStream> streams = byApp.get(app);
            if (streams != null) {
                streams.forEach(stream -> stream.wake(lastSeq));
            }
        });
    }

    @Override
    public void mayHaveMissed() {
        byApp.values().forEach(streams -> streams.forEach(stream -> stream.wake(Long.MAX_VALUE)));
    }

    @Scheduled(fixedDelay = HEARTBEAT_MILLIS)
    void heartbeat() {
        byApp.values().forEach(streams -> streams.forEach(EventStream::heartbeat));
    }

    @Override
    public void destroy() {
        events.unsubscribe(this);
        byApp.values()
                .forEach(streams -> streams.forEach(stream -> stream.emitter().complete()));
        pumps.shutdownNow();
    }
}
