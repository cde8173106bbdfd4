package dev.courier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL every test of a run uses, picked in order: the server named by
 * {@code COURIER_TEST_DATABASE_URL} (a fresh database is created on it and dropped when the run ends),
 * Testcontainers when Docker is available, else an embedded PostgreSQL. Never H2.
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static Connection details;

    public record Connection(String url, String username, String password, String source) {}

    private TestDatabase() {}

    public static synchronized Connection get() {
        if (details == null) {
            details = start();
            log.info("Tests run on PostgreSQL from {}: {}", details.source(), details.url());
        }
        return details;
    }

    private static Connection start() {
        String serverUrl = System.getenv("COURIER_TEST_DATABASE_URL");
        if (serverUrl != null && !serverUrl.isBlank()) {
            return freshDatabaseOn(serverUrl);
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            var container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return new Connection(
                    container.getJdbcUrl(), container.getUsername(), container.getPassword(), "Testcontainers");
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
            return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded PostgreSQL");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A database of this run's own on a shared server, so parallel runs never see each other's data. */
    private static Connection freshDatabaseOn(String serverUrl) {
        String name = "courier_test_" + UUID.randomUUID().toString().replace("-", "");
        execute(serverUrl, "CREATE DATABASE " + name);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> execute(serverUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
        String url = serverUrl.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        return new Connection(url, null, null, "COURIER_TEST_DATABASE_URL");
    }

    private static void execute(String url, String sql) {
        try (java.sql.Connection connection = DriverManager.getConnection(url);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url, e);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is exiting
        }
    }
}
