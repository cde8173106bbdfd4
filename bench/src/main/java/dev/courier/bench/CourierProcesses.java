package dev.courier.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Courier started by the bench: a fresh database {@code courier_bench_<run>} on the given PostgreSQL server and
 * instances of the jar on free ports as child processes, each logging to a file in the system temp dir. They run a
 * copy of the jar taken at the start, so that a rebuild during a long run does not reach S6's second instance.
 * Closing (also from a shutdown hook, on failure or Ctrl-C) stops the instances, drops the database and deletes
 * the copy.
 */
final class CourierProcesses implements AutoCloseable {

    record Instance(String url, long pid, Path log) {}

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Pattern SERVER_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path jar;
    private final Path copy;
    private final String adminUrl;
    private final String database;
    private final String databaseUrl;
    private final List<String> jvmArgs;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private boolean closed;

    private CourierProcesses(Path jar, String adminUrl, String run, List<String> jvmArgs) {
        Matcher server = SERVER_URL.matcher(adminUrl);
        if (!server.matches()) {
            throw new IllegalArgumentException("--pg takes jdbc:postgresql://host:port/db?user=…, not " + adminUrl);
        }
        this.jar = jar;
        this.adminUrl = adminUrl;
        this.database = "courier_bench_" + run;
        this.copy = Path.of(System.getProperty("java.io.tmpdir"), database + ".jar");
        this.databaseUrl = server.group(1) + database + (server.group(3) == null ? "" : server.group(3));
        this.jvmArgs = jvmArgs;
    }

    /** Creates the bench database; the shutdown hook registered here undoes whatever has been done by then. */
    static CourierProcesses create(String jar, String adminUrl, String jvmArgs, String run)
            throws IOException, SQLException {
        List<String> jvm = new ArrayList<>(Arrays.asList(jvmArgs.trim().split("\\s+")));
        jvm.removeIf(String::isEmpty);
        // 10,000 idle WebSockets and then 10,000 parked long-polls (S5) ran Courier out of a 1 GiB heap
        if (jvm.stream().noneMatch(arg -> arg.startsWith("-Xmx"))) {
            jvm.add(0, "-Xmx2g");
        }
        var courier = new CourierProcesses(jar(jar), adminUrl, run, List.copyOf(jvm));
        Runtime.getRuntime().addShutdownHook(new Thread(courier::close, "courier-bench-cleanup"));
        Files.copy(courier.jar, courier.copy);
        courier.execute("CREATE DATABASE " + courier.database);
        return courier;
    }

    String token() {
        return token;
    }

    String databaseUrl() {
        return databaseUrl;
    }

    /** {@code <jar> (<jvm args>), database <name>}, for the report's header. */
    String describe() {
        return jar + " (" + String.join(" ", jvmArgs) + "), database " + database;
    }

    /** Starts one more instance on the bench database and waits until its health is UP. */
    Instance start() throws IOException, InterruptedException {
        return launch().get();
    }

    /** Starts instances together (they start faster side by side than one after the other) and waits for all. */
    List<Instance> start(int count) throws IOException, InterruptedException {
        List<Starting> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starting.add(launch());
        }
        List<Instance> instances = new ArrayList<>();
        for (Starting instance : starting) {
            instances.add(instance.get());
        }
        return instances;
    }

    private interface Starting {
        Instance get() throws IOException, InterruptedException;
    }

    private Starting launch() throws IOException {
        int port = freePort();
        Path log = Path.of(System.getProperty("java.io.tmpdir"), database + "-" + port + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of(
                "-jar",
                copy.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + databaseUrl,
                "--courier.admin-token=" + token,
                // parked long-polls that the bench has closed stay active until their wait is over
                "--server.shutdown=immediate"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        processes.add(process);
        var instance = new Instance("http://127.0.0.1:" + port, process.pid(), log);
        System.out.println("Starting Courier, pid " + instance.pid() + ", on " + instance.url() + ", log " + log);
        return () -> {
            awaitUp(process, instance);
            return instance;
        };
    }

    /** Stops the instances (terminate, wait, then kill) and drops the database; once, whoever calls first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop the bench database " + database + ": " + e.getMessage());
        }
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            System.err.println("Could not delete " + copy + ": " + e.getMessage());
        }
    }

    private void awaitUp(Process process, Instance instance) throws IOException, InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(instance.url() + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Courier exited with status " + process.exitValue()
                        + " while starting; last lines of " + instance.log() + ":\n" + tail(instance.log()));
            }
            try {
                HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Courier's /actuator/health was not UP within " + STARTUP.toSeconds()
                + " s; last lines of " + instance.log() + ":\n" + tail(instance.log()));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Path jar(String given) {
        if (given != null) {
            if (!Files.isRegularFile(Path.of(given))) {
                throw new IllegalArgumentException("--jar " + given + ": no such file");
            }
            return Path.of(given);
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jars = files.filter(file -> file.getFileName().toString().matches("courier-.*\\.jar"))
                    .filter(file -> !file.getFileName().toString().endsWith("-plain.jar"))
                    .toList();
        } catch (IOException e) {
            jars = List.of();
        }
        if (jars.size() != 1) {
            throw new IllegalArgumentException("Expected one target/courier-*.jar under "
                    + Path.of("").toAbsolutePath() + ", found " + jars
                    + ": build it (./mvnw package -DskipTests), pass --jar, or pass --url of a running Courier");
        }
        return jars.get(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
