package dev.courier.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/** Reading latency results: histograms recorded in microseconds, and waiting for the last arrivals. */
final class Latencies {

    /** A latency measurement: its line for the report and its histogram in microseconds. */
    record Result(String line, Histogram micros) {}

    private Latencies() {}

    /** {@code p50 …, p90 …, p99 …, max …} in milliseconds. */
    static String summary(Histogram micros) {
        return String.format(
                Locale.ROOT,
                "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                millis(micros, 50),
                millis(micros, 90),
                millis(micros, 99),
                micros.getMaxValue() / 1000.0);
    }

    static double millis(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Waits until {@code done} holds or the time is up, whichever comes first. */
    static void awaitUpTo(Duration max, BooleanSupplier done) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000);
        }
    }
}
