package dev.courier.system;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * First local use: with no {@code spring.datasource.url}, Courier starts its own PostgreSQL whose data
 * directory lives under {@code .courier/} and survives restarts, so a new user needs nothing but a JDK. The
 * server's own output (initdb's, the postmaster's) goes to a log file beside the data directory.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceConfigured.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedSettings settings) throws IOException {
        Path dataDir = settings.dataDir().toAbsolutePath();
        Path serverLog = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        Files.createDirectories(dataDir);
        log.info(
                "No spring.datasource.url configured: starting embedded PostgreSQL in {} (its log: {})",
                dataDir,
                serverLog);
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                    .start();
        } catch (IllegalStateException e) {
            if (EmbeddedDatabaseInUseException.isLockFailure(e)) {
                throw EmbeddedDatabaseInUseException.forDataDir(dataDir, e);
            }
            throw e;
        }
    }

    /** The same pool as on a configured database: {@code spring.datasource.hikari.*} applies (size, timeouts). */
    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        return dataSource;
    }
}
