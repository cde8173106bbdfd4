package dev.courier.command;

import dev.courier.system.SideConnections;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The hand-overs' own small pool: claims, acks, nacks and releases run here as single auto-committed
 * statements that do not wait for their WAL flush, with generic plans of key lookups ({@link SideConnections#KEY_LOOKUPS}).
 * A claim or an ack lost with a crash only means the command is delivered again, which at-least-once allows;
 * sends commit synchronously on {@link SendPool}. Each of these calls is one round trip to PostgreSQL (a
 * transaction with SET LOCAL took three).
 */
@Component
class AsyncCommitPool implements DisposableBean {

    static final String POOL_NAME = "courier-delivery";

    private final SideConnections.SidePool pool;
    private final JdbcClient jdbc;

    AsyncCommitPool(DataSource main, DeliverySettings settings) {
        this.pool = SideConnections.pool(
                main, POOL_NAME, settings.poolSize(), "SET synchronous_commit = off; " + SideConnections.KEY_LOOKUPS);
        this.jdbc = JdbcClient.create(pool.dataSource());
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    DataSource dataSource() {
        return pool.dataSource();
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
