package dev.courier.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * B2, the peer: NATS JetStream doing S3's and S2's work. A subject per device and command name, file storage, a
 * durable consumer per device with explicit acks; a publish counts as sent once JetStream has acknowledged it (its
 * "sent: true"), and latency runs from the intended send time to the consumer's receipt, as in S3 and S2.
 */
final class JetStreamBaseline {

    private static final int SENDERS = 32;

    private final String url;

    JetStreamBaseline(String url) {
        this.url = url;
    }

    /** B2 for S3: a fixed rate over {@code devices} consumers; latency from the intended send time. */
    Latencies.Result latency(int rate, int devices, int seconds) throws Exception {
        return onNewStream((nats, stream) -> {
            JetStream jetStream = nats.jetStream();
            Recorder latencies = new Recorder(3);
            AtomicLong received = new AtomicLong();
            subscribe(nats, stream, devices, "ping", latencies, received);
            long total = (long) rate * seconds;
            AtomicLong failed = new AtomicLong();
            OpenLoad.run(rate, total, SENDERS, (slot, intended) -> {
                int device = ThreadLocalRandom.current().nextInt(devices);
                try {
                    publish(jetStream, stream, device, "ping", intended);
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            });
            Latencies.awaitUpTo(Duration.ofSeconds(30), () -> received.get() + failed.get() >= total);
            Histogram histogram = latencies.getIntervalHistogram();
            return new Latencies.Result(
                    String.format(
                            Locale.ROOT,
                            "B2 JetStream latency at %,d/s over %d consumers, %ds: %s (%,d of %,d delivered, %,d"
                                    + " publishes failed)",
                            rate,
                            devices,
                            seconds,
                            Latencies.summary(histogram),
                            received.get(),
                            total,
                            failed.get()),
                    histogram);
        });
    }

    /** B2 for S2: S2's rising rates, step length and device count, a consumer per device. */
    RisingRates.Outcome sustained(boolean quick) throws Exception {
        return onNewStream((nats, stream) -> {
            JetStream jetStream = nats.jetStream();
            Recorder latencies = new Recorder(3);
            AtomicLong received = new AtomicLong();
            subscribe(nats, stream, RisingRates.devices(quick), "work", latencies, received);
            return RisingRates.run(
                    "B2 JetStream S2",
                    quick,
                    latencies,
                    received,
                    new CpuMeter(null, null),
                    "nats-server",
                    (device, intended) -> publish(jetStream, stream, device, "work", intended));
        });
    }

    private interface StreamWork<T> {
        T run(Connection nats, String stream) throws Exception;
    }

    /** Runs {@code work} on a new stream (file storage) over a connection of its own; deletes the stream after. */
    private <T> T onNewStream(StreamWork<T> work) throws Exception {
        String stream = "COURIER_BENCH_" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        try (Connection nats = Nats.connect(url)) {
            JetStreamManagement management = nats.jetStreamManagement();
            management.addStream(StreamConfiguration.builder()
                    .name(stream)
                    .subjects(stream + ".>")
                    .storageType(StorageType.File)
                    .build());
            try {
                return work.run(nats, stream);
            } finally {
                management.deleteStream(stream);
            }
        }
    }

    /** A durable consumer per device on its device's subject for {@code name}, acking what it receives. */
    private static void subscribe(
            Connection nats, String stream, int devices, String name, Recorder latencies, AtomicLong received)
            throws Exception {
        JetStream jetStream = nats.jetStream();
        Dispatcher dispatcher = nats.createDispatcher();
        for (int device = 0; device < devices; device++) {
            var options = PushSubscribeOptions.builder()
                    .durable("d" + device)
                    .configuration(ConsumerConfiguration.builder()
                            .ackPolicy(AckPolicy.Explicit)
                            .maxAckPending(1) // one command of a name at a time, like Courier
                            .build())
                    .build();
            jetStream.subscribe(
                    subject(stream, device, name),
                    dispatcher,
                    message -> {
                        long intended = ByteBuffer.wrap(message.getData()).getLong();
                        latencies.recordValue((System.nanoTime() - intended) / 1_000);
                        received.incrementAndGet();
                        message.ack();
                    },
                    false,
                    options);
        }
    }

    /** Returns once JetStream has acknowledged the message: its "sent: true". */
    private static void publish(JetStream jetStream, String stream, int device, String name, long intended)
            throws Exception {
        jetStream.publish(subject(stream, device, name), ByteBuffer.allocate(8).putLong(intended).array());
    }

    private static String subject(String stream, int device, String name) {
        return stream + ".d" + device + "." + name;
    }
}
