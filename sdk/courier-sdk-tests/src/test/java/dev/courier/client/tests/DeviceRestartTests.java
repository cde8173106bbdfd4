package dev.courier.client.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.courier.client.app.CourierApp;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device process killed ({@code kill -9}) while its handler runs gets the command again when it is started
 * again, and handles it to completion exactly once.
 */
class DeviceRestartTests {

    static CourierServer courier;
    static CourierApp app;

    @TempDir
    Path files;

    Process device;

    @BeforeAll
    static void start() throws Exception {
        courier = CourierServer.start();
        app = TestApps.app(courier);
    }

    @AfterAll
    static void stop() throws Exception {
        courier.close();
    }

    @AfterEach
    void killDevice() throws InterruptedException {
        if (device != null) {
            device.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    Process startDevice(String token, Path started, Path done) throws IOException {
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HandlerProcess.class.getName(),
                courier.url(),
                token,
                started.toString(),
                done.toString());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(files.resolve("device-" + System.nanoTime() + ".log").toFile())
                .start();
    }

    static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void aDeviceKilledMidHandlerGetsTheCommandAgainAfterARestartAndHandlesItOnce() throws Exception {
        String ident = TestApps.ident("restart");
        String token = app.devices().register(ident).token();
        Path started = files.resolve("started");
        Path done = files.resolve("done");
        device = startDevice(token, started, done);
        String id = app.command().send("work", List.of(ident), "job").get(ident).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> lines(started).equals(List.of(id)));

        device.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(lines(done)).as("killed before its handler completed").isEmpty();
        assertThat(app.command().get(id).status()).isIn("delivered", "queued");

        device = startDevice(token, started, done);
        await().atMost(Duration.ofSeconds(30)).until(() -> lines(started).equals(List.of(id, id)));
        try (Writer stdin = new java.io.OutputStreamWriter(device.getOutputStream(), StandardCharsets.UTF_8)) {
            stdin.write("release\n");
        }

        await().untilAsserted(() -> assertThat(app.command().get(id).status()).isEqualTo("acked"));
        assertThat(lines(done)).containsExactly(id);
        assertThat(app.command().get(id).attempts()).isEqualTo(2);
    }
}
