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
import org.HdrHistogram.Recorder;

/**
 * B2, the peer: NATS JetStream doing S3's work. A subject per device and command name, file storage, a durable
 * consumer per device with explicit acks; a publish counts as sent once JetStream has acknowledged it (its
 * "sent: true"), and latency runs from the intended send time to the consumer's receipt, as in S3.
 */
final class JetStreamBaseline {

    private static final int SENDERS = 32;

    private final String url;

    JetStreamBaseline(String url) {
        this.url = url;
    }

    String latency(int rate, int devices, int seconds) throws Exception {
        String stream = "COURIER_BENCH_" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        try (Connection nats = Nats.connect(url)) {
            JetStreamManagement management = nats.jetStreamManagement();
            management.addStream(StreamConfiguration.builder()
                    .name(stream)
                    .subjects(stream + ".>")
                    .storageType(StorageType.File)
                    .build());
            try {
                return measure(nats, stream, rate, devices, seconds);
            } finally {
                management.deleteStream(stream);
            }
        }
    }

    private String measure(Connection nats, String stream, int rate, int devices, int seconds) throws Exception {
        JetStream jetStream = nats.jetStream();
        Recorder latencies = new Recorder(3);
        AtomicLong received = new AtomicLong();
        Dispatcher dispatcher = nats.createDispatcher();
        for (int device = 0; device < devices; device++) {
            String subject = stream + ".d" + device + ".ping";
            var options = PushSubscribeOptions.builder()
                    .durable("d" + device)
                    .configuration(ConsumerConfiguration.builder()
                            .ackPolicy(AckPolicy.Explicit)
                            .maxAckPending(1) // one command of a name at a time, like Courier
                            .build())
                    .build();
            jetStream.subscribe(
                    subject,
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
        long total = (long) rate * seconds;
        AtomicLong failed = new AtomicLong();
        OpenLoad.run(rate, total, SENDERS, (slot, intended) -> {
            int device = ThreadLocalRandom.current().nextInt(devices);
            try {
                jetStream.publish(
                        stream + ".d" + device + ".ping",
                        ByteBuffer.allocate(8).putLong(intended).array());
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        });
        Latencies.awaitUpTo(Duration.ofSeconds(30), () -> received.get() + failed.get() >= total);
        return String.format(
                Locale.ROOT,
                "B2 JetStream latency at %,d/s over %d consumers, %ds: %s (%,d of %,d delivered, %,d publishes failed)",
                rate,
                devices,
                seconds,
                Latencies.summary(latencies.getIntervalHistogram()),
                received.get(),
                total,
                failed.get());
    }
}
