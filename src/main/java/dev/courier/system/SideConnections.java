package dev.courier.system;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Connections to the application's database outside its main pool, made from the main pool's settings:
 * a small pool with session settings of its own, or one long-lived connection.
 */
public final class SideConnections {

    private SideConnections() {}

    /**
     * Makes a side pool's statements keep one generic plan per connection: every statement is server-prepared
     * at its first use and never planned again. The hot path's statements are planned as much as they run
     * otherwise (a custom plan each time: 0.25 to 0.5 ms of planning for 0.1 to 0.3 ms of execution). A generic
     * plan is made once, perhaps while the tables are nearly empty, and then used at every size: so only plans
     * that look rows up by key are allowed, no sequential scans and no hash or merge joins (the hot path joins
     * small batches to keyed lookups). A statement that needs more sets them back with {@code SET LOCAL}.
     */
    public static final String KEY_LOOKUPS = "SET plan_cache_mode = force_generic_plan; SET enable_seqscan = off;"
            + " SET enable_hashjoin = off; SET enable_mergejoin = off";

    /** A side pool: its connections, and the pool to close. */
    public record SidePool(DataSource dataSource, HikariDataSource pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }

    /**
     * Something that sees every connection the application uses (the tests' statement counter): a main data
     * source that implements it is shown each side pool too.
     */
    public interface Observer {
        DataSource observe(DataSource sidePool);
    }

    /**
     * A pool on the main pool's database whose connections all start with {@code initSql} (statements separated
     * by {@code ;}) and server-prepare every statement at its first use. It keeps two connections when idle and
     * opens more, up to {@code size}, under load.
     */
    public static SidePool pool(DataSource main, String name, int size, String initSql) {
        HikariDataSource source = hikari(main);
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName(name);
        pool.setJdbcUrl(source.getJdbcUrl());
        pool.setUsername(source.getUsername());
        pool.setPassword(source.getPassword());
        pool.setDataSourceProperties(source.getDataSourceProperties());
        pool.addDataSourceProperty("ApplicationName", name); // how its connections show in pg_stat_activity
        pool.setConnectionTimeout(source.getConnectionTimeout()); // fails as fast as the main pool when it is down
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(Math.min(2, size));
        pool.addDataSourceProperty("prepareThreshold", "1");
        pool.setConnectionInitSql(initSql);
        DataSource seen = main instanceof Observer observer ? observer.observe(pool) : pool;
        return new SidePool(seen, pool);
    }

    /** One connection of its own, never pooled, with these extra driver properties. */
    public static Connection dedicated(DataSource main, Properties extra) throws SQLException {
        HikariDataSource source = hikari(main);
        Properties properties = new Properties();
        properties.putAll(source.getDataSourceProperties());
        if (source.getUsername() != null) {
            properties.setProperty("user", source.getUsername());
        }
        if (source.getPassword() != null) {
            properties.setProperty("password", source.getPassword());
        }
        properties.putAll(extra);
        return DriverManager.getConnection(source.getJdbcUrl(), properties);
    }

    private static HikariDataSource hikari(DataSource main) {
        try {
            return main.unwrap(HikariDataSource.class);
        } catch (SQLException notHikari) {
            throw new IllegalStateException("Courier needs a Hikari connection pool", notHikari);
        }
    }
}
