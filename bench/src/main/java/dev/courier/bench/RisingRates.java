package dev.courier.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * S2's schedule, the same for Courier and for B2: sends to random devices at rising rates (open model, latency
 * from the intended send time), a fixed step length, stopping once p99 passes 1 s. Reports what was delivered and
 * acked per second at each step and the highest rate whose p99 stays within 100 ms.
 */
final class RisingRates {

    /** Sending threads: enough to keep up with the rate, few enough to keep the connections bounded. */
    private static final int SENDERS = 32;

    interface Send {
        void to(int device, long intendedNanos) throws Exception;
    }

    /** The report lines, the highest rate with p99 within 100 ms and the most delivered+acked per second. */
    record Outcome(List<String> lines, int best, double mostDelivered) {}

    private RisingRates() {}

    static int devices(boolean quick) {
        return quick ? 50 : 1_000;
    }

    /** Steps through the rates; {@code latencies} and {@code received} are fed by the devices as they ack. */
    static Outcome run(
            String label,
            boolean quick,
            Recorder latencies,
            AtomicLong received,
            CpuMeter cpu,
            String serverName,
            Send send)
            throws InterruptedException {
        int devices = devices(quick);
        int seconds = quick ? 1 : 10;
        int[] rates = quick ? new int[] {50, 100} : new int[] {100, 200, 400, 600, 800, 1_000, 1_500, 2_000, 3_000, 4_000, 6_000};
        List<String> lines = new ArrayList<>();
        int best = 0;
        double mostDelivered = 0;
        for (int rate : rates) {
            latencies.reset();
            long before = received.get();
            CpuMeter.Sample cpuBefore = cpu.sample();
            long started = System.nanoTime();
            long total = (long) rate * seconds;
            AtomicLong failed = new AtomicLong();
            OpenLoad.run(rate, total, SENDERS, (slot, intended) -> {
                try {
                    send.to(ThreadLocalRandom.current().nextInt(devices), intended);
                } catch (Exception e) {
                    if (failed.incrementAndGet() <= 3) {
                        System.err.println(label + " send failed: " + e);
                    }
                }
            });
            Latencies.awaitUpTo(Duration.ofSeconds(seconds), () -> received.get() - before + failed.get() >= total);
            double delivered = (received.get() - before) / ((System.nanoTime() - started) / 1e9);
            String cpuLine = cpu.sample().perCommand(cpuBefore, serverName, received.get() - before);
            Histogram step = latencies.getIntervalHistogram();
            double p99 = Latencies.millis(step, 99);
            lines.add(String.format(
                    Locale.ROOT,
                    "%s step %,d/s: delivered+acked %,.0f/s, p50 %.1f ms, p99 %.1f ms%s%s",
                    label,
                    rate,
                    delivered,
                    Latencies.millis(step, 50),
                    p99,
                    failed.get() == 0 ? "" : String.format(Locale.ROOT, ", %,d sends failed", failed.get()),
                    cpuLine));
            mostDelivered = Math.max(mostDelivered, delivered);
            if (p99 <= 100) {
                best = rate;
            } else if (p99 > 1_000) {
                break;
            }
        }
        lines.add(String.format(
                Locale.ROOT,
                "%s sustained over %,d devices, %d s steps: highest rate with p99 <= 100 ms: %,d/s%s",
                label,
                devices,
                seconds,
                best,
                best == rates[rates.length - 1] ? " (the top step: the limit is higher)" : ""));
        return new Outcome(lines, best, mostDelivered);
    }
}
