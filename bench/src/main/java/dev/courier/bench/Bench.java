package dev.courier.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Courier's load generator. Starts Courier itself (the jar under target/, on a fresh database that it drops at the
 * end), or targets a running one with --url:
 *
 * <pre>java -jar bench/target/courier-bench.jar [--quick] [--scenarios s1,s2,s3,s4,s5,s6] [--rate 1000]
 *     [--out bench/results/run.txt] [--idle 10000 (S5's devices)] [--cross-rate 200 (S6's rate)]
 *     [--nats nats://127.0.0.1:4222]   B2: NATS JetStream doing S2's and S3's work
 *     [--db jdbc:postgresql://…]       B1: Courier's SQL over JDBC (default: the database of the Courier it started)
 *     [--slow-webhooks 19 [--webhook-delay-ms 5000] [--webhook-prompt false]]   S2 with that many webhook
 *                                      endpoints answering that late (and one prompt one for acks, measured, unless
 *                                      false), served by the bench
 *   Courier started by the bench, with its log in the system temp dir:
 *     [--jar target/courier-….jar]     default: the one target/courier-*.jar (not -plain.jar) under the cwd
 *     [--pg jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres]   where to create the bench database
 *     [--courier-jvm "-Xmx512m …"]     its JVM options; default -Xmx2g, in a quick run also C1 only and serial GC
 *   or a running Courier instead:
 *     [--url http://localhost:8080 --admin-token T] [--url2 http://localhost:8091 (S6)] [--pid N (S5's RSS)]</pre>
 *
 * Exits with status 1 if anything throws; numbers are reported, never checked.
 */
public final class Bench {

    private static final List<String> ALL = List.of("s1", "s2", "s3", "s4", "s5", "s6");
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private Bench() {}

    public static void main(String[] args) {
        int status = 0;
        try {
            run(options(args));
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // HTTP, WebSocket and NATS threads would keep the JVM up
    }

    private static void run(Map<String, String> options) throws Exception {
        List<String> scenarios = options.containsKey("scenarios")
                ? Arrays.asList(options.get("scenarios").split(","))
                : ALL;
        if (!ALL.containsAll(scenarios)) {
            throw new IllegalArgumentException("--scenarios takes some of " + ALL + ", not " + scenarios);
        }
        boolean external = options.containsKey("url");
        if (external && !options.containsKey("admin-token")) {
            throw new IllegalArgumentException("--url needs --admin-token (Courier's courier.admin-token)");
        }
        if (external && scenarios.contains("s6") && !options.containsKey("url2")) {
            throw new IllegalArgumentException("s6 with --url needs --url2, a second Courier on the same database");
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        var report = new Report(options.get("out"));
        String pg = options.getOrDefault("pg", PG);
        // a quick run's Courier compiles with C1 only and has one GC thread: it starts on half the CPU time (two
        // cores, two instances), and a quick run's numbers are a smoke test, not measurements
        String jvm = options.getOrDefault(
                "courier-jvm", options.containsKey("quick") ? "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" : "");
        if (options.containsKey("slow-webhooks")) {
            jvm += " -Dcourier.webhooks.allow-private-addresses=true"; // the bench's receivers are on 127.0.0.1
        }
        try (CourierProcesses started = external ? null : CourierProcesses.create(options.get("jar"), pg, jvm, run)) {
            if (started == null) {
                report.add(header(options, options.get("url"), ""));
                scenarios(options, scenarios, run, options.get("admin-token"), options.get("pid"), report, null);
            } else {
                // in a quick run S6's second instance starts with the first, to save time; else right before S6
                boolean together =
                        options.containsKey("quick") && scenarios.contains("s6") && !options.containsKey("url2");
                var instances = started.start(together ? 2 : 1);
                var courier = instances.get(0);
                if (together) {
                    options.put("url2", instances.get(1).url());
                }
                report.add(header(options, courier.url(), ", started by the bench: " + started.describe()));
                options.putIfAbsent("db", started.databaseUrl());
                options.putIfAbsent("url", courier.url());
                String pid = options.getOrDefault("pid", Long.toString(courier.pid()));
                scenarios(options, scenarios, run, started.token(), pid, report, started);
            }
        } catch (Exception e) {
            report.add("FAILED: " + e);
            throw e;
        } finally {
            report.write();
        }
    }

    private static void scenarios(
            Map<String, String> options,
            List<String> scenarios,
            String runId,
            String token,
            String pid,
            Report report,
            CourierProcesses started)
            throws Exception {
        boolean quick = options.containsKey("quick");
        int rate = Integer.parseInt(options.getOrDefault("rate", quick ? "100" : "1000"));
        // S6 measures the cross-instance path, so it runs at a rate both instances carry here
        int crossRate = Integer.parseInt(options.getOrDefault("cross-rate", quick ? "100" : "200"));
        var run = new Scenarios(new Api(options.get("url"), token), quick, runId, pid, options.getOrDefault("pg", PG));
        String db = options.get("db");
        String nats = options.get("nats");
        boolean warmedUp = false;
        for (String scenario : ALL) {
            if (!scenarios.contains(scenario)) {
                continue;
            }
            if (!quick && !scenario.equals("s1") && !warmedUp) {
                warmUp(run);
                warmedUp = true;
            }
            long began = System.nanoTime();
            switch (scenario) {
                case "s1" -> {
                    String app = run.fanOutApp();
                    report.addAll(run.fanOut(app));
                    if (db != null) {
                        var sql = new SqlBaseline(db);
                        report.add(sql.fanOut(app));
                        if (!scenarios.contains("s2")) { // else it runs with S2, whose baseline it is
                            report.add(sql.cycles(app, 8, 1, quick ? 2 : 10).line());
                        }
                    }
                }
                case "s2" -> sustained(run, quick, db, nats, webhooks(options), report);
                case "s3" -> latency(run, rate, quick, nats, report);
                case "s4" -> {
                    report.addAll(run.drain(1, quick ? 100 : 1_000));
                    report.addAll(run.drain(quick ? 10 : 100, quick ? 10 : 100));
                }
                case "s5" -> {
                    int devices = Integer.parseInt(options.getOrDefault("idle", quick ? "200" : "10000"));
                    report.addAll(run.idle(devices));
                }
                case "s6" -> {
                    String second = options.containsKey("url2") ? options.get("url2") : started.start().url();
                    if (!quick) {
                        // the second instance may have just started: a first pass warms its JIT and is not reported
                        run.crossInstance(crossRate, second);
                    }
                    report.add(run.crossInstance(crossRate, second).line());
                }
                default -> throw new IllegalStateException(scenario);
            }
            System.out.printf(Locale.ROOT, "(%s took %.1f s)%n", scenario, (System.nanoTime() - began) / 1e9);
        }
    }

    /** How many devices one statement of "B1 batched" carries. */
    private static final int BATCHED_DEVICES = 50;

    /**
     * S2 with its baselines: B1's send+claim+ack cycles on S2's devices, one command a statement and
     * {@link #BATCHED_DEVICES} a statement, and B2 on the same schedule.
     */
    private static void sustained(
            Scenarios run, boolean quick, String db, String nats, WebhookLoad webhooks, Report report)
            throws Exception {
        RisingRates.Outcome courier;
        try (webhooks) {
            courier = run.sustained(webhooks);
            report.addAll(courier.lines());
            if (webhooks != null) {
                report.addAll(webhooks.lines());
            }
        }
        if (db != null) {
            var sql = new SqlBaseline(db).cycles(run.sustainedApp(), 8, 1, quick ? 2 : 10);
            var batched = new SqlBaseline(db).cycles(run.sustainedApp(), 8, BATCHED_DEVICES, quick ? 2 : 10);
            report.add(sql.line());
            report.add(batched.line());
            report.add(format(
                    "S2 Courier / B1: most delivered+acked per second %,.0f / %,.0f = %s; / B1 batched %,.0f = %s",
                    courier.mostDelivered(),
                    sql.perSecond(),
                    ratio(courier.mostDelivered(), sql.perSecond()),
                    batched.perSecond(),
                    ratio(courier.mostDelivered(), batched.perSecond())));
        }
        if (nats != null) {
            var peer = new JetStreamBaseline(nats).sustained(quick);
            report.addAll(peer.lines());
            report.add(format(
                    "S2 Courier / B2: highest rate with p99 <= 100 ms %,d/s / %,d/s = %s",
                    courier.best(),
                    peer.best(),
                    ratio(courier.best(), peer.best())));
        }
    }

    /**
     * A just-started JVM measures its JIT compiler, not Courier: both delivery paths are warmed before the first
     * delivery scenario, unreported. S1 runs before it, on a fresh Courier: after this warm-up's single-device
     * sends, the 10,000-device fan-out took 7.6 s instead of 0.3 s, for a reason not yet found (BENCHMARKS.md).
     */
    private static void warmUp(Scenarios run) throws Exception {
        long began = System.nanoTime();
        run.latency(100);
        run.pollLatency(100);
        System.out.printf(Locale.ROOT, "(warm-up took %.1f s)%n", (System.nanoTime() - began) / 1e9);
    }

    /** S3 with B2 at the same rate. */
    private static void latency(Scenarios run, int rate, boolean quick, String nats, Report report) throws Exception {
        var courier = run.latency(rate);
        report.add(courier.line());
        report.add(run.pollLatency(rate).line());
        if (nats != null) {
            var peer = new JetStreamBaseline(nats).latency(rate, quick ? 20 : 100, quick ? 2 : 20);
            report.add(peer.line());
            double[] ours = {Latencies.millis(courier.micros(), 50), Latencies.millis(courier.micros(), 99)};
            double[] theirs = {Latencies.millis(peer.micros(), 50), Latencies.millis(peer.micros(), 99)};
            report.add(format(
                    "S3 Courier / B2 at %,d/s: p50 %.1f / %.1f ms = %s, p99 %.1f / %.1f ms = %s",
                    rate,
                    ours[0],
                    theirs[0],
                    ratio(ours[0], theirs[0]),
                    ours[1],
                    theirs[1],
                    ratio(ours[1], theirs[1])));
        }
    }

    private static String header(Map<String, String> options, String url, String started) {
        return "Courier bench " + Instant.now() + " against " + url + started
                + (options.containsKey("quick") ? " (quick)" : "");
    }

    private static String ratio(double ours, double theirs) {
        return theirs == 0 ? "n/a" : format(ours / theirs >= 10 ? "%.0f" : "%.2f", ours / theirs);
    }

    private static WebhookLoad webhooks(Map<String, String> options) throws java.io.IOException {
        if (!options.containsKey("slow-webhooks")) {
            return null;
        }
        return new WebhookLoad(
                Integer.parseInt(options.get("slow-webhooks")),
                java.time.Duration.ofMillis(Long.parseLong(options.getOrDefault("webhook-delay-ms", "5000"))),
                !options.getOrDefault("webhook-prompt", "true").equals("false"));
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            options.put(name, hasValue ? args[++i] : "true");
        }
        return options;
    }

    /** The result lines: printed as they come, written to {@code --out} at the end (also after a failure). */
    private static final class Report {

        private final String out;
        private final List<String> lines = new ArrayList<>();

        Report(String out) {
            this.out = out;
        }

        void add(String line) {
            System.out.println(line);
            lines.add(line);
        }

        void addAll(List<String> more) {
            more.forEach(this::add);
        }

        void write() throws java.io.IOException {
            if (out != null) {
                Path file = Path.of(out);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.write(file, lines);
            }
        }
    }
}
