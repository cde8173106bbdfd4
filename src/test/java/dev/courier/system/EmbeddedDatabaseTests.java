package dev.courier.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.CourierApplication;
import dev.courier.CourierClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * First local use: with no datasource configured Courier runs on an embedded PostgreSQL, creates the default
 * app with its key in a file, and keeps queued commands across a restart.
 */
class EmbeddedDatabaseTests {

    @TempDir
    Path dir;

    @Test
    void queuedCommandsAndTheDefaultAppSurviveARestart() throws Exception {
        Path keyFile = dir.resolve("api-key");
        String commandId;
        String apiKey;
        String deviceToken;
        try (ConfigurableApplicationContext first = start()) {
            // the pool settings hold here too: a database outage fails fast on the embedded database as well
            var pool = first.getBean(com.zaxxer.hikari.HikariDataSource.class);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(20);
            assertThat(pool.getConnectionTimeout()).isEqualTo(1500);
            apiKey = Files.readString(keyFile).trim();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                    .isEqualTo("rw-------");
            var app = new CourierClient(port(first), apiKey);
            deviceToken = app.newDevice("sensor_01");
            commandId = app.post("/v1/commands", "{\"name\":\"reboot\",\"device_ident\":[\"sensor_01\"],\"data\":1}")
                    .body()
                    .get("sensor_01")
                    .get("id")
                    .stringValue();
        }

        try (ConfigurableApplicationContext second = start()) {
            var app = new CourierClient(port(second), Files.readString(keyFile).trim());

            assertThat(app.token()).isEqualTo(apiKey);
            assertThat(app.get("/v1/commands/" + commandId).body().get("status").stringValue())
                    .isEqualTo("queued");
            assertThat(app.get("/v1/devices/sensor_01/commands")
                            .body()
                            .get(0)
                            .get("id")
                            .stringValue())
                    .isEqualTo(commandId);
        }
    }

    private ConfigurableApplicationContext start() {
        return SpringApplication.run(
                CourierApplication.class,
                "--server.port=0",
                "--courier.embedded.data-dir=" + dir.resolve("pgdata"),
                "--courier.embedded.api-key-file=" + dir.resolve("api-key"));
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
