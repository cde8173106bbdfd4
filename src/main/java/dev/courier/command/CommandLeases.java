package dev.courier.command;

import dev.courier.device.DeviceId;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queue's operations for the transports: hand a device its due commands under a lease, take its acks
 * and nacks, and let the leases of a closed connection go. At least once: a lease that lapses without an ack
 * hands the command over again with its attempt counted.
 */
@Service
public class CommandLeases {

    private final LeaseRepository leases;
    private final DeliverySettings settings;
    private final CommandMetrics metrics;
    private final Clock clock;

    CommandLeases(LeaseRepository leases, DeliverySettings settings, CommandMetrics metrics, Clock clock) {
        this.leases = leases;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    public enum Outcome {
        DONE,
        NOT_FOUND
    }

    /** Leases the head of each named queue of the device that is due, one command per name. */
    @Transactional
    public List<Delivery> claim(DeviceId device, Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        leases.skipFlushWait();
        List<Delivery> claimed =
                leases.claim(device.value(), names.toArray(String[]::new), settings.lease(), settings.maxAttempts());
        long now = clock.millis();
        claimed.forEach(delivery -> metrics.delivered(delivery.attempt(), now - delivery.timestamp()));
        return claimed;
    }

    /** Acks a command of the device; acking a finished one again is harmless. */
    @Transactional
    public Outcome ack(DeviceId device, String id) {
        UUID uuid = CommandIds.parse(id).orElse(null);
        if (uuid == null) {
            return Outcome.NOT_FOUND;
        }
        leases.skipFlushWait();
        if (leases.ack(device.value(), uuid)) {
            metrics.acked();
            return Outcome.DONE;
        }
        return leases.belongsTo(device.value(), uuid) ? Outcome.DONE : Outcome.NOT_FOUND;
    }

    public record AckAndNext(Outcome outcome, List<Delivery> next) {}

    /**
     * Acks a command and, in the same transaction, leases what is now due on the device's listened names:
     * a device working through its queue costs one transaction per command.
     */
    @Transactional
    public AckAndNext ackAndClaim(DeviceId device, String id, Collection<String> names) {
        Outcome outcome = ack(device, id);
        return new AckAndNext(outcome, claim(device, names));
    }

    /** The device could not handle the command: retried after the delay, or failed on its last attempt. */
    @Transactional
    public Outcome nack(DeviceId device, String id, String error) {
        return nack(device, id, null, error);
    }

    /**
     * A nack for one particular hand-over (attempt): a late nack of an earlier attempt, from a connection that
     * has since died, leaves the current attempt alone.
     */
    @Transactional
    public Outcome nack(DeviceId device, String id, Integer attempt, String error) {
        UUID uuid = CommandIds.parse(id).orElse(null);
        if (uuid == null) {
            return Outcome.NOT_FOUND;
        }
        leases.skipFlushWait();
        String status =
                leases.nack(device.value(), uuid, attempt, error, settings.retryDelay(), settings.maxAttempts());
        if (status != null) {
            metrics.nacked(status.equals("failed"));
            return Outcome.DONE;
        }
        return leases.belongsTo(device.value(), uuid) ? Outcome.DONE : Outcome.NOT_FOUND;
    }

    /** Ends the leases of these hand-overs now (their connection closed before they were answered). */
    @Transactional
    public void release(DeviceId device, Collection<Delivery> handedOver) {
        if (!handedOver.isEmpty()) {
            leases.skipFlushWait();
            leases.release(device.value(), List.copyOf(handedOver));
        }
    }

    public DeliverySettings settings() {
        return settings;
    }
}
