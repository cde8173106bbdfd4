package dev.courier.delivery;

import dev.courier.system.NotificationPayloads;
import dev.courier.system.NotificationReceiver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wake-ups across Courier instances over PostgreSQL LISTEN/NOTIFY. Sends never notify inside their own
 * transaction (a notifying transaction holds a cluster-wide lock through commit): device ids go to an outbox,
 * and one sender thread notifies them in batches, each NOTIFY carrying as many ids as fit under 8000 bytes.
 * While one NOTIFY is on its way the next batch collects, so the batching costs no waiting. One dedicated
 * connection listens ({@link NotificationReceiver}).
 */
@Component
class WakeupChannel implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WakeupChannel.class);
    static final String CHANNEL = "courier_wakeup";
    /** How the LISTEN connection shows in pg_stat_activity. */
    static final String APPLICATION_NAME = "courier-listen";

    private final DataSource dataSource;
    private final LocalListeners listeners;
    private final NotificationPayloads payloads = new NotificationPayloads();
    private final LinkedBlockingQueue<Long> outbox = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private final NotificationReceiver receiver;
    private Thread sender;

    WakeupChannel(DataSource dataSource, LocalListeners listeners) {
        this.dataSource = dataSource;
        this.listeners = listeners;
        // on a (re)connect every local listener looks again, for whatever it missed
        this.receiver =
                new NotificationReceiver(dataSource, CHANNEL, APPLICATION_NAME, this::receive, listeners::wakeAll);
    }

    /** Tells the other instances that these devices have something due. */
    void publish(Collection<Long> deviceIds) {
        outbox.addAll(deviceIds);
    }

    @Override
    public void start() {
        running = true;
        sender = daemon("courier-wakeup-sender", this::sendLoop);
        receiver.start();
    }

    @Override
    public void stop() {
        running = false;
        sender.interrupt();
        receiver.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void sendLoop() {
        while (running) {
            try {
                Long first = outbox.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                Set<Long> batch = new LinkedHashSet<>();
                batch.add(first);
                outbox.drainTo(batch);
                notifyAll(batch);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                log.warn("Could not notify other instances; their safety sweep will catch up", e);
            }
        }
    }

    private void notifyAll(Set<Long> deviceIds) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            for (String payload :
                    payloads.of(deviceIds.stream().map(String::valueOf).toList())) {
                notify.setString(1, CHANNEL);
                notify.setString(2, payload);
                notify.execute();
            }
        }
    }

    private void receive(String payload) {
        List<Long> ids = new ArrayList<>();
        try {
            for (String id : payloads.fromOthers(payload)) {
                ids.add(Long.parseLong(id));
            }
        } catch (NumberFormatException foreign) {
            log.debug("Ignoring a notification on {} that is not Courier's: {}", CHANNEL, payload);
            return;
        }
        if (!ids.isEmpty()) {
            listeners.wake(ids);
        }
    }

    private static Thread daemon(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
