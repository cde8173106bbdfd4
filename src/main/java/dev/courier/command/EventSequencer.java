package dev.courier.command;

import dev.courier.system.DatabaseOutage;
import dev.courier.system.NotificationPayloads;
import dev.courier.system.NotificationReceiver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Numbers the command events that committed. The statements that change a command's status write its event to
 * {@code command_event_inbox} ({@link #RECORD_EVENTS}); this moves them to {@code command_event}, each app's
 * numbered on from its counter, one sequencer at a time across instances (an advisory lock), so numbers are
 * given in commit order and a reader that saw number n has seen all below it. Each instance sequences right
 * after its own writes ({@link #nudge}) and once a second for what a crashed instance left; after each batch it
 * tells the local subscribers and, by NOTIFY in the same commit, the other instances' ones.
 */
@Component
class EventSequencer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventSequencer.class);

    /** The start of the insert a status change writes its events with: then a SELECT of these columns. */
    static final String RECORD_EVENTS =
            "INSERT INTO command_event_inbox (app_id, command_id, device_id, name, status, attempt, error, result)";

    static final String CHANNEL = "courier_events";
    static final String APPLICATION_NAME = "courier-events";

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('courier_event_sequencer'))";

    private static final String SEQUENCE = """
            WITH moved AS (
                DELETE FROM command_event_inbox
                WHERE id IN (SELECT id FROM command_event_inbox ORDER BY id LIMIT ?)
                RETURNING id, app_id, command_id, device_id, name, status, attempt, error, result, at
            ), counts AS (
                SELECT app_id, count(*) AS n FROM moved GROUP BY app_id
            ), counters AS (
                INSERT INTO app_event_counter AS c (app_id, last_seq)
                SELECT app_id, n FROM counts
                ON CONFLICT (app_id) DO UPDATE SET last_seq = c.last_seq + excluded.last_seq
                RETURNING c.app_id, c.last_seq
            ), numbered AS (
                SELECT m.*, k.last_seq - count(*) OVER (PARTITION BY m.app_id)
                            + row_number() OVER (PARTITION BY m.app_id ORDER BY m.id) AS seq
                FROM moved m JOIN counters k USING (app_id)
            ), stored AS (
                INSERT INTO command_event (app_id, seq, command_id, device_id, name, status, attempt, error, result, at)
                SELECT app_id, seq, command_id, device_id, name, status, attempt, error, result, at FROM numbered
            )
            SELECT k.app_id, k.last_seq, n.n FROM counters k JOIN counts n USING (app_id)
            """;

    private static final int BATCH = 5_000;
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DataSource dataSource;
    private final CommandEvents events;
    private final NotificationReceiver receiver;
    private final NotificationPayloads payloads = new NotificationPayloads();
    private final AtomicBoolean nudged = new AtomicBoolean();
    private volatile boolean running;
    private volatile Thread thread;

    EventSequencer(DataSource dataSource, CommandEvents events) {
        this.dataSource = dataSource;
        this.events = events;
        // after a (re)connect the subscribers look again, for whatever was numbered while nobody listened
        this.receiver =
                new NotificationReceiver(dataSource, CHANNEL, APPLICATION_NAME, this::receive, events::mayHaveMissed);
    }

    /** Events were written (committed): number them now rather than at the next tick. */
    void nudge() {
        nudged.set(true);
        Thread sequencer = thread;
        if (sequencer != null) {
            LockSupport.unpark(sequencer);
        }
    }

    /** Events are being written in the current transaction, if any: number them once it commits. */
    void nudgeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    nudge();
                }
            });
        } else {
            nudge();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "courier-event-sequencer");
        thread.setDaemon(true);
        thread.start();
        receiver.start();
    }

    @Override
    public void stop() {
        running = false;
        receiver.stop();
        LockSupport.unpark(thread);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            nudged.set(false);
            try {
                while (sequenceBatch() == BATCH) {
                    // a full batch: more are waiting
                }
            } catch (SQLException | RuntimeException e) {
                if (DatabaseOutage.isCause(e)) {
                    log.warn("Could not number command events, database unavailable; trying again at the next tick");
                } else {
                    log.warn("Could not number command events; trying again at the next tick", e);
                }
            }
            if (!nudged.get()) {
                LockSupport.parkNanos(TICK_NANOS);
            }
        }
    }

    /** Moves and numbers one batch; how many events it moved. */
    private int sequenceBatch() throws SQLException {
        Map<Long, Long> lastSeqByApp = new LinkedHashMap<>();
        int moved = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                    lock.execute();
                }
                try (PreparedStatement sequence = connection.prepareStatement(SEQUENCE)) {
                    sequence.setInt(1, BATCH);
                    try (ResultSet rs = sequence.executeQuery()) {
                        while (rs.next()) {
                            lastSeqByApp.put(rs.getLong(1), rs.getLong(2));
                            moved += rs.getInt(3);
                        }
                    }
                }
                if (!lastSeqByApp.isEmpty()) {
                    try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                        List<String> items = lastSeqByApp.entrySet().stream()
                                .map(app -> app.getKey() + "=" + app.getValue())
                                .toList();
                        for (String payload : payloads.of(items)) {
                            notify.setString(1, CHANNEL);
                            notify.setString(2, payload);
                            notify.execute();
                        }
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        if (!lastSeqByApp.isEmpty()) {
            events.appended(lastSeqByApp);
        }
        return moved;
    }

    /** Another instance's batch (this instance's own reached its subscribers already): {@code app=seq} items. */
    private void receive(String payload) {
        Map<Long, Long> lastSeqByApp = new LinkedHashMap<>();
        try {
            for (String app : payloads.fromOthers(payload)) {
                int equals = app.indexOf('=');
                lastSeqByApp.put(Long.parseLong(app.substring(0, equals)), Long.parseLong(app.substring(equals + 1)));
            }
        } catch (NumberFormatException | IndexOutOfBoundsException foreign) {
            log.debug("Ignoring a notification on {} that is not Courier's: {}", CHANNEL, payload);
            return;
        }
        if (!lastSeqByApp.isEmpty()) {
            events.appended(lastSeqByApp);
        }
    }
}
