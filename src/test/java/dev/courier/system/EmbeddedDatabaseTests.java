package dev.courier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.CourierApplication;
import dev.courier.CourierClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * First local use: with no datasource configured Courier runs on an embedded PostgreSQL, creates the default
 * app with its key in a file, and keeps queued commands across a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
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

    @Test
    void theKeyFileIsWrittenBeforeCourierReportsReady(CapturedOutput output) {
        Path keyFile = dir.resolve("api-key");
        var keyAtReadiness = new AtomicReference<String>();
        ApplicationListener<AvailabilityChangeEvent<?>> readiness = event -> {
            if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
                keyAtReadiness.set(Files.exists(keyFile) ? readKey(keyFile) : "no key file");
            }
        };

        try (ConfigurableApplicationContext context = start(readiness)) {
            assertThat(keyAtReadiness.get()).isEqualTo(readKey(keyFile)).startsWith("ck_");
            assertThat(output)
                    .contains("Courier is ready at http://localhost:" + port(context)
                            + " (API explorer: http://localhost:" + port(context) + "/swagger-ui.html; API key of"
                            + " the app 'default': " + keyFile.toAbsolutePath() + ")")
                    .doesNotContain("You can now start the database server");
        }
    }

    @Test
    void aSecondCourierOnTheSameDataDirectoryFailsWithOneClearMessage(CapturedOutput output) {
        try (ConfigurableApplicationContext first = start()) {
            assertThatThrownBy(this::start).hasStackTraceContaining(EmbeddedDatabaseInUseException.class.getName());

            assertThat(output)
                    .contains("APPLICATION FAILED TO START")
                    .contains("Another Courier is already running on the embedded database in "
                            + dir.resolve("pgdata").toAbsolutePath())
                    .doesNotContain("Caused by:");
            // Spring's one-line warning that it cancels the refresh names the bean that failed; nothing else does
            assertThat(output.getAll().lines().filter(line -> line.contains("Error creating bean")))
                    .hasSizeLessThanOrEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start(ApplicationListener<?>... listeners) {
        return new SpringApplicationBuilder(CourierApplication.class)
                .listeners(listeners)
                .run(
                        "--server.port=0",
                        "--courier.embedded.data-dir=" + dir.resolve("pgdata"),
                        "--courier.embedded.api-key-file=" + dir.resolve("api-key"));
    }

    private static String readKey(Path keyFile) {
        try {
            return Files.readString(keyFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
