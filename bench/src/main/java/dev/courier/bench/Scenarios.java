package dev.courier.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.DoublePredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.JsonNode;

/** The scenarios; each returns result lines for the report. */
final class Scenarios {

    /** Sending threads: enough to keep up with the rate, few enough to keep the connections bounded. */
    private static final int SENDERS = 32;

    /** Numbers the apps of scenarios that may run more than once (a warm-up pass, then the measured one). */
    private final AtomicInteger apps = new AtomicInteger();
    private final Api admin;
    private final boolean quick;
    private final String run;
    private Api fanOutApp;
    private final String courierPid;
    private final String pg;

    /** {@code pg}: the PostgreSQL server Courier uses (for its WAL), or null. */
    Scenarios(Api admin, boolean quick, String run, String courierPid, String pg) {
        this.pg = pg;
        this.admin = admin;
        this.quick = quick;
        this.run = run;
        this.courierPid = courierPid;
    }

    /** S1's app with its devices, registered; returns the app's name. */
    String fanOutApp() throws Exception {
        String name = "bench-s1-" + run;
        fanOutApp = admin.newApp(name);
        fanOutApp.newDevices("d", fanOutDevices());
        return name;
    }

    private int fanOutDevices() {
        return quick ? 500 : 10_000;
    }

    /** S1: one send to all of the app's devices; commands accepted per second, median of 5. */
    List<String> fanOut(String appName) throws Exception {
        int devices = fanOutDevices();
        Api app = fanOutApp;
        String body = toAll(devices, "fanout");
        List<Double> rates = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            app.post("/v1/commands", body);
            long elapsed = System.nanoTime() - started;
            millis.add(elapsed / 1_000_000);
            rates.add(devices / (elapsed / 1e9));
        }
        Collections.sort(rates);
        return List.of(String.format(
                Locale.ROOT,
                "S1 fan-out (" + appName + ") to %,d devices: median %,.0f commands/s accepted (each send in ms: %s)",
                devices,
                rates.get(2),
                millis));
    }

    /** A send of command {@code name} to devices d0 to d(devices - 1). */
    private static String toAll(int devices, String name) {
        String head = "{\"name\":\"" + name + "\",\"device_ident\":[";
        return IntStream.range(0, devices)
                .mapToObj(i -> "\"d" + i + "\"")
                .collect(Collectors.joining(",", head, "],\"data\":{\"x\":1}}"));
    }

    /** S3 (WebSocket): send→delivery latency at a fixed arrival rate, measured from the intended send time. */
    Latencies.Result latency(int rate) throws Exception {
        return latency(rate, admin.url(), "s3", "S3 WebSocket latency", false);
    }

    /** S3 (long-poll): the same load, the devices on the HTTP long-poll. */
    Latencies.Result pollLatency(int rate) throws Exception {
        return latency(rate, admin.url(), "s3p", "S3 long-poll latency", true);
    }

    /**
     * S2: 1,000 devices listening and acking, sends to random devices at rising rates ({@link RisingRates});
     * {@code webhooks}: endpoints to register for the app first, or null.
     */
    RisingRates.Outcome sustained(WebhookLoad webhooks) throws Exception {
        Api app = admin.newApp(sustainedApp());
        if (webhooks != null) {
            webhooks.registerFor(app);
        }
        List<String> tokens = app.newDevices("d", RisingRates.devices(quick));
        Recorder latencies = new Recorder(3);
        AtomicLong received = new AtomicLong();
        List<Device> connected = new ArrayList<>();
        for (String token : tokens) {
            connected.add(Device.connect(app.url(), token, "work", frame -> {
                latencies.recordValue((System.nanoTime() - frame.get("data").get("t").longValue()) / 1_000);
                received.incrementAndGet();
            }));
        }
        try {
            var cpu = new CpuMeter(courierPid, pg);
            return RisingRates.run("S2", quick, latencies, received, cpu, "Courier", (device, intended) -> app.send(
                    "{\"name\":\"work\",\"device_ident\":[\"d" + device + "\"],\"data\":{\"t\":" + intended + "}}"));
        } finally {
            connected.forEach(Device::close);
        }
    }

    /** The name of S2's app, whose devices B1 for S2 uses. */
    String sustainedApp() {
        return "bench-s2-" + run;
    }

    /** S6: the same, with the devices connected to another instance than the one the sends go to. */
    Latencies.Result crossInstance(int rate, String deviceUrl) throws Exception {
        return latency(rate, deviceUrl, "s6", "S6 cross-instance latency (devices on " + deviceUrl + ")", false);
    }

    /**
     * S5: many idle devices at once, first each on a WebSocket, then (those closed) each in a parked long-poll;
     * the time until all are connected or parked, and Courier's heap used (from its metrics, as it is, not after a
     * collection) and resident size with them.
     */
    List<String> idle(int devices) throws Exception {
        Api app = admin.newApp("bench-s5-" + run);
        List<String> tokens = app.newDevices("d", devices);
        String before = memory();
        long started = System.nanoTime();
        List<Device> connected = new ArrayList<>();
        for (String token : tokens) {
            connected.add(Device.connect(app.url(), token, "idle", frame -> {}));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String with = memory();
        connected.forEach(Device::close);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "S5 %,d idle WebSockets connected in %.1f s: Courier %s (before: %s)",
                devices,
                seconds,
                with,
                before));
        awaitMetric("courier.devices.connected", open -> open == 0, Duration.ofSeconds(30));
        lines.add(parkedPolls(app, tokens));
        return lines;
    }

    /**
     * S5's long-polls, with the longest wait Courier takes (60 s), so that all are still parked when measured. Then
     * one send to all of them answers them: Courier would otherwise hold them until their wait is over, closed or
     * not, and into the next scenario.
     */
    private String parkedPolls(Api app, List<String> tokens) throws Exception {
        String before = memory();
        long started = System.nanoTime();
        try (ParkedPolls polls = ParkedPolls.open(app.url(), tokens, "idle", 60)) {
            double parked = awaitMetric("courier.polls.parked", n -> n >= tokens.size(), Duration.ofSeconds(50));
            double seconds = (System.nanoTime() - started) / 1e9;
            String with = memory();
            int unanswered = polls.stillParked();
            long sent = System.nanoTime();
            app.post("/v1/commands", toAll(tokens.size(), "idle"));
            double left = awaitMetric("courier.polls.parked", n -> n == 0, Duration.ofSeconds(30));
            return String.format(
                    Locale.ROOT,
                    "S5 %,d long-polls (wait=60 s) parked in %.1f s: Courier %s (before: %s); parked by Courier's"
                            + " gauge: %,.0f, unanswered when measured: %,d; one send to all answered %,.0f in %.1f s",
                    tokens.size(),
                    seconds,
                    with,
                    before,
                    parked,
                    unanswered,
                    parked - left,
                    (System.nanoTime() - sent) / 1e9);
        }
    }

    /** Polls one of Courier's gauges until it satisfies {@code done} or the time is up; returns its last value. */
    private double awaitMetric(String name, DoublePredicate done, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        double value = metric(name);
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            value = metric(name);
        }
        return value;
    }

    private String memory() throws Exception {
        double rss = residentMiB();
        return String.format(
                Locale.ROOT,
                "heap used %.0f MiB, RSS %s",
                metric("jvm.memory.used?tag=area:heap") / (1024 * 1024),
                rss < 0 ? "n/a (pass --pid)" : String.format(Locale.ROOT, "%.0f MiB", rss));
    }

    private double metric(String name) throws Exception {
        return admin.get("/actuator/metrics/" + name).get("measurements").get(0).get("value").doubleValue();
    }

    private double residentMiB() throws java.io.IOException {
        if (courierPid == null) {
            return -1;
        }
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + courierPid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    private Latencies.Result latency(int rate, String deviceUrl, String scenario, String label, boolean longPoll)
            throws Exception {
        int devices = quick ? 20 : 100;
        Duration duration = Duration.ofSeconds(quick ? 2 : 20);
        Api app = admin.newApp("bench-" + scenario + "-" + rate + "-" + run + "-" + apps.incrementAndGet());
        List<String> tokens = app.newDevices("d", devices);
        Recorder latencies = new Recorder(3);
        AtomicLong received = new AtomicLong();
        List<Runnable> connected = new ArrayList<>();
        Consumer<JsonNode> onCommand = command -> {
            latencies.recordValue((System.nanoTime() - command.get("data").get("t").longValue()) / 1_000);
            received.incrementAndGet();
        };
        for (String token : tokens) {
            if (longPoll) {
                connected.add(PollingDevice.start(deviceUrl, token, "ping", onCommand)::close);
            } else {
                connected.add(Device.connect(deviceUrl, token, "ping", onCommand)::close);
            }
        }
        long total = rate * duration.toSeconds();
        AtomicLong failed = new AtomicLong();
        var cpu = new CpuMeter(courierPid, pg);
        CpuMeter.Sample cpuBefore = cpu.sample();
        OpenLoad.run(rate, total, SENDERS, (slot, intended) -> {
            int device = ThreadLocalRandom.current().nextInt(devices);
            try {
                app.send("{\"name\":\"ping\",\"device_ident\":[\"d" + device + "\"],\"data\":{\"t\":" + intended + "}}");
            } catch (Exception e) {
                if (failed.incrementAndGet() <= 3) {
                    System.err.println("send failed: " + e);
                }
            }
        });
        Latencies.awaitUpTo(Duration.ofSeconds(30), () -> received.get() + failed.get() >= total);
        String cpuLine = cpu.sample().perCommand(cpuBefore, "Courier", received.get());
        connected.forEach(Runnable::run);
        Histogram histogram = latencies.getIntervalHistogram();
        return new Latencies.Result(String.format(
                Locale.ROOT,
                label + " at %,d/s over %d devices, %ds: %s (%,d of %,d delivered, %,d sends failed)%s",
                rate,
                devices,
                duration.toSeconds(),
                Latencies.summary(histogram),
                received.get(),
                total,
                failed.get(),
                cpuLine), histogram);
    }

    /** S4: commands queued while devices were away, drained once they connect. */
    List<String> drain(int devices, int perDevice) throws Exception {
        Api app = admin.newApp("bench-s4-" + devices + "-" + run);
        List<String> tokens = app.newDevices("d", devices);
        String idents = IntStream.range(0, devices).mapToObj(i -> "\"d" + i + "\"").collect(Collectors.joining(","));
        for (int i = 0; i < perDevice; i++) {
            app.post("/v1/commands", "{\"name\":\"job\",\"device_ident\":[" + idents + "],\"data\":{\"n\":" + i + "}}");
        }
        CountDownLatch all = new CountDownLatch(devices * perDevice);
        var cpu = new CpuMeter(courierPid, pg);
        CpuMeter.Sample cpuBefore = cpu.sample();
        long started = System.nanoTime();
        List<Device> connected = new ArrayList<>();
        for (String token : tokens) {
            connected.add(Device.connect(app.url(), token, "job", frame -> all.countDown()));
        }
        boolean done = all.await(120, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - started;
        String cpuLine = cpu.sample().perCommand(cpuBefore, "Courier", (long) devices * perDevice);
        connected.forEach(Device::close);
        return List.of(String.format(
                Locale.ROOT,
                "S4 drain of %,d device(s) x %,d queued: %s in %.2f s (%,.0f commands/s)%s",
                devices,
                perDevice,
                done ? "all delivered and acked" : "NOT all delivered",
                elapsed / 1e9,
                devices * perDevice / (elapsed / 1e9),
                cpuLine));
    }
}
