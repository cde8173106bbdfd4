package dev.courier.client.tests;

import dev.courier.client.device.CourierDevice;
import dev.courier.client.device.DeviceOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A device in a JVM of its own, for {@link DeviceRestartTests}: it handles "work" commands, writing the id to the
 * {@code started} file when a handler starts and to the {@code done} file when it completes. A handler completes
 * only when a line {@code release} arrives on standard input, so a test can kill the process while one runs.
 *
 * <p>Arguments: url token started-file done-file.
 */
public final class HandlerProcess {

    private HandlerProcess() {}

    public static void main(String[] args) throws Exception {
        Path started = Path.of(args[2]);
        Path done = Path.of(args[3]);
        var release = new CompletableFuture<Void>();
        var device = CourierDevice.connect(args[0], args[1],
                DeviceOptions.builder().reconnect(Duration.ofMillis(100), Duration.ofSeconds(1)).build());
        device.listenAsync("work", command -> {
            append(started, command.id());
            return release.thenRun(() -> append(done, command.id()));
        });
        System.out.println("listening");
        var stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = stdin.readLine()) != null; ) {
            if (line.equals("release")) {
                release.complete(null);
            }
        }
        device.close();
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
