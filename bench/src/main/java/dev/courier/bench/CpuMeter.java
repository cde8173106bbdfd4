package dev.courier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU time of the processes a scenario loads, read from /proc (user + system, in clock ticks of 10 ms): the
 * server (Courier's JVM or nats-server), every PostgreSQL process, and this generator. A scenario reads it
 * before and after, and divides by the commands it carried.
 */
final class CpuMeter {

    private static final double MILLIS_PER_TICK = 10.0;

    /** CPU milliseconds used so far by each side. */
    record Sample(double server, double postgres, double generator) {

        /** "CPU per command: …" for what was used since {@code before}. */
        String perCommand(Sample before, String serverName, long commands) {
            if (commands <= 0) {
                return "";
            }
            return String.format(
                    Locale.ROOT,
                    ", CPU per command: %s %.2f ms, PostgreSQL %.2f ms, generator %.2f ms",
                    serverName,
                    (server - before.server) / commands,
                    (postgres - before.postgres) / commands,
                    (generator - before.generator) / commands);
        }
    }

    private final String serverPid;

    /** {@code serverPid}: the server's process, or null to find nats-server by name. */
    CpuMeter(String serverPid) {
        this.serverPid = serverPid;
    }

    Sample sample() {
        double server = serverPid != null ? millis(serverPid) : byName("nats-server");
        return new Sample(server, byName("postgres"), millis("self"));
    }

    private static double byName(String command) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(path -> command.equals(read(path.resolve("comm")).strip()))
                    .mapToDouble(path -> millis(path.getFileName().toString()))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static double millis(String pid) {
        String stat = read(Path.of("/proc", pid, "stat"));
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return 0;
        }
        // after "pid (comm) ": state is field 3; utime and stime are fields 14 and 15
        String[] fields = stat.substring(end + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }
}
