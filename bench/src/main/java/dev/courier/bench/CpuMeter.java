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

    /** CPU milliseconds used so far by each side, and PostgreSQL's WAL position in bytes (-1: not read). */
    record Sample(double server, double postgres, double generator, long walBytes) {

        /** "CPU per command: …" for what was used since {@code before}. */
        String perCommand(Sample before, String serverName, long commands) {
            if (commands <= 0) {
                return "";
            }
            String wal = walBytes < 0 || before.walBytes < 0
                    ? ""
                    : String.format(Locale.ROOT, ", WAL %,d B", (walBytes - before.walBytes) / commands);
            return String.format(
                    Locale.ROOT,
                    ", CPU per command: %s %.2f ms, PostgreSQL %.2f ms, generator %.2f ms%s",
                    serverName,
                    (server - before.server) / commands,
                    (postgres - before.postgres) / commands,
                    (generator - before.generator) / commands,
                    wal);
        }
    }

    private final String serverPid;
    private final String walUrl;

    /**
     * {@code serverPid}: the server's process, or null to find nats-server by name; {@code walUrl}: a JDBC URL of
     * the PostgreSQL server whose WAL to count (the whole cluster's, so other databases must be idle), or null.
     */
    CpuMeter(String serverPid, String walUrl) {
        this.serverPid = serverPid;
        this.walUrl = walUrl;
    }

    Sample sample() {
        double server = serverPid != null ? millis(serverPid) : byName("nats-server");
        return new Sample(server, byName("postgres"), millis("self"), walPosition());
    }

    private long walPosition() {
        if (walUrl == null) {
            return -1;
        }
        try (var connection = java.sql.DriverManager.getConnection(walUrl);
                var query = connection.createStatement();
                var row = query.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            row.next();
            return row.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
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
