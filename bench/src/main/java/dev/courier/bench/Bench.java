package dev.courier.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Courier's load generator. Targets a running Courier:
 *
 * <pre>java -jar bench/target/courier-bench.jar --url http://localhost:8080 --admin-token T [--quick]
 *     [--scenarios s1,s2,s3,s4,s5,s6] [--rate 1000] [--out bench/results/run.txt]
 *     [--db jdbc:postgresql://127.0.0.1:5432/courier?user=postgres]   (B1: Courier's SQL straight over JDBC)
 *     [--nats nats://127.0.0.1:4222]                                 (B2: NATS JetStream, same workload)
 *     [--url2 http://localhost:8091]   (S6: a second instance on the same database, devices connect there)
 *     [--pid N] [--idle 10000]         (S5: Courier's process id for its RSS; how many idle devices)</pre>
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String url = options.getOrDefault("url", "http://localhost:8080");
        String token = options.get("admin-token");
        if (token == null) {
            throw new IllegalArgumentException("--admin-token is required (Courier's courier.admin-token)");
        }
        boolean quick = options.containsKey("quick");
        List<String> scenarios = Arrays.asList(options.getOrDefault("scenarios", "s1,s3,s4").split(","));
        int rate = Integer.parseInt(options.getOrDefault("rate", quick ? "100" : "1000"));
        var run = new Scenarios(new Api(url, token), quick, options.get("pid"));

        List<String> results = new ArrayList<>();
        results.add("Courier bench " + Instant.now() + " against " + url + (quick ? " (quick)" : ""));
        String db = options.get("db");
        if (scenarios.contains("s1")) {
            String app = run.fanOutApp();
            results.addAll(report(run.fanOut(app)));
            if (db != null) {
                var sql = new SqlBaseline(db);
                results.addAll(report(List.of(sql.fanOut(app))));
                results.addAll(report(List.of(sql.cycles(app, 8, quick ? 3 : 10))));
            }
        }
        if (scenarios.contains("s2")) {
            results.addAll(report(run.sustained()));
        }
        if (scenarios.contains("s3")) {
            results.addAll(report(run.latency(rate)));
            if (options.containsKey("nats")) {
                var peer = new JetStreamBaseline(options.get("nats"));
                results.addAll(report(List.of(peer.latency(rate, quick ? 20 : 100, quick ? 3 : 20))));
            }
        }
        if (scenarios.contains("s4")) {
            results.addAll(report(run.drain(1, quick ? 100 : 1_000)));
            results.addAll(report(run.drain(quick ? 10 : 100, quick ? 10 : 100)));
        }
        if (scenarios.contains("s5")) {
            results.addAll(report(run.idle(Integer.parseInt(options.getOrDefault("idle", quick ? "200" : "10000")))));
        }
        if (scenarios.contains("s6")) {
            String second = options.get("url2");
            if (second == null) {
                throw new IllegalArgumentException("s6 needs --url2, a second Courier on the same database");
            }
            results.addAll(report(run.crossInstance(rate, second)));
        }
        if (options.containsKey("out")) {
            Path out = Path.of(options.get("out"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, results);
        }
    }

    private static List<String> report(List<String> lines) {
        lines.forEach(System.out::println);
        return lines;
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
}
