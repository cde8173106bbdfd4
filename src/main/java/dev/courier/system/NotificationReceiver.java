package dev.courier.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to one PostgreSQL NOTIFY channel on a connection of its own, for the life of the instance. When that
 * connection breaks it reconnects, and calls {@code onListening} each time it (re)starts listening: whatever
 * was notified while it was away is lost, and the caller must look for it.
 */
public final class NotificationReceiver {

    private static final Logger log = LoggerFactory.getLogger(NotificationReceiver.class);
    private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final DataSource dataSource;
    private final String channel;
    private final String applicationName;
    private final Consumer<String> onNotification;
    private final Runnable onListening;
    private volatile boolean running;
    private Thread receiver;

    public NotificationReceiver(
            DataSource dataSource,
            String channel,
            String applicationName,
            Consumer<String> onNotification,
            Runnable onListening) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.applicationName = applicationName;
        this.onNotification = onNotification;
        this.onListening = onListening;
    }

    public void start() {
        running = true;
        receiver = new Thread(this::receiveLoop, applicationName + "-receiver");
        receiver.setDaemon(true);
        receiver.start();
    }

    public void stop() {
        running = false;
        receiver.interrupt();
    }

    private void receiveLoop() {
        while (running) {
            try (Connection connection = dedicatedConnection()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + channel);
                }
                onListening.run();
                PGConnection postgres = connection.unwrap(PGConnection.class);
                long checkedAt = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            onNotification.accept(notification.getParameter());
                        }
                    }
                    if (System.nanoTime() - checkedAt > CHECK_EVERY_NANOS) {
                        checkAlive(connection);
                        checkedAt = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("LISTEN connection for {} lost; reconnecting", channel, e);
                    pause();
                }
            }
        }
    }

    /** A half-open connection never errors on its own: a round trip now and then finds out. */
    private static void checkAlive(Connection connection) throws SQLException {
        try (Statement ping = connection.createStatement()) {
            ping.setQueryTimeout(5);
            ping.execute("SELECT 1");
        }
    }

    /**
     * Outside the pool: a LISTEN connection lives as long as the instance, and one that broke must not go
     * back into the pool for a request to trip over.
     */
    private Connection dedicatedConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("tcpKeepAlive", "true");
        // a half-open connection must fail the liveness check, not hang in it
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("connectTimeout", "10");
        return SideConnections.dedicated(dataSource, properties);
    }

    private static void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }
}
