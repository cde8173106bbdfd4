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
     * A pool on the main pool's database whose connections all start with {@code initSql}. It keeps two
     * connections when idle and opens more, up to {@code size}, under load.
     */
    public static HikariDataSource pool(DataSource main, String name, int size, String initSql) {
        HikariDataSource source = hikari(main);
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName(name);
        pool.setJdbcUrl(source.getJdbcUrl());
        pool.setUsername(source.getUsername());
        pool.setPassword(source.getPassword());
        pool.setDataSourceProperties(source.getDataSourceProperties());
        pool.addDataSourceProperty("ApplicationName", name); // how its connections show in pg_stat_activity
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(Math.min(2, size));
        pool.setConnectionInitSql(initSql);
        return pool;
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
