package dev.courier.command;

import dev.courier.system.SideConnections;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The connections the send combiners commit on: synchronous commits (a send is answered once its WAL is
 * flushed) and generic plans of key lookups ({@link SideConnections#KEY_LOOKUPS}); one connection per combiner, and one spare.
 */
@Component
class SendPool implements DisposableBean {

    static final String POOL_NAME = "courier-send";

    private final SideConnections.SidePool pool;
    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    SendPool(DataSource main, SendSettings settings) {
        this.pool = SideConnections.pool(main, POOL_NAME, settings.combiners() + 1, SideConnections.KEY_LOOKUPS);
        this.template = new JdbcTemplate(pool.dataSource());
        this.jdbc = JdbcClient.create(template);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(pool.dataSource()));
    }

    JdbcTemplate template() {
        return template;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** Transactions on these connections (their statements must run through {@link #template} or {@link #jdbc}). */
    TransactionTemplate transactions() {
        return transactions;
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
