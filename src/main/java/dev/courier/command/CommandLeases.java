package dev.courier.command;

import dev.courier.device.DeviceId;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

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
    public List<Delivery> claim(DeviceId device, Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<Delivery> claimed =
                leases.claim(device.value(), names.toArray(String[]::new), settings.lease(), settings.maxAttempts());
        long now = clock.millis();
        claimed.forEach(delivery -> metrics.delivered(delivery.attempt(), now - delivery.timestamp()));
        return claimed;
    }

    /** Acks a command of the device; acking a finished one again is harmless. */
    public Outcome ack(DeviceId device, String id) {
        return acknowledge(device, id).outcome();
    }

    /**
     * What an ack did: {@code ackedName} is the name of the queue it moved on, null when the command was not
     * awaiting an ack (already acked, or not this device's).
     */
    public record Acked(Outcome outcome, String ackedName) {}

    public record AckAndNext(Outcome outcome, String ackedName, List<Delivery> next) {}

    /** Acks a command and leases what is now due on the device's listened names. */
    public AckAndNext ackAndClaim(DeviceId device, String id, Collection<String> names) {
        Acked acked = acknowledge(device, id);
        return new AckAndNext(acked.outcome(), acked.ackedName(), claim(device, names));
    }

    private Acked acknowledge(DeviceId device, String id) {
        UUID uuid = CommandIds.parse(id).orElse(null);
        if (uuid == null) {
            return new Acked(Outcome.NOT_FOUND, null);
        }
        Optional<String> name = leases.ack(device.value(), uuid);
        if (name.isPresent()) {
            metrics.acked();
            return new Acked(Outcome.DONE, name.get());
        }
        return new Acked(leases.belongsTo(device.value(), uuid) ? Outcome.DONE : Outcome.NOT_FOUND, null);
    }

    /** The device could not handle the command: retried after the delay, or failed on its last attempt. */
    public Outcome nack(DeviceId device, String id, String error) {
        return nack(device, id, null, error);
    }

    /**
     * A nack for one particular hand-over (attempt): a late nack of an earlier attempt, from a connection that
     * has since died, leaves the current attempt alone.
     */
    public Outcome nack(DeviceId device, String id, Integer attempt, String error) {
        UUID uuid = CommandIds.parse(id).orElse(null);
        if (uuid == null) {
            return Outcome.NOT_FOUND;
        }
        String status =
                leases.nack(device.value(), uuid, attempt, error, settings.retryDelay(), settings.maxAttempts());
        if (status != null) {
            metrics.nacked(status.equals("failed"));
            return Outcome.DONE;
        }
        return leases.belongsTo(device.value(), uuid) ? Outcome.DONE : Outcome.NOT_FOUND;
    }

    /** Ends the leases of these hand-overs now (their connection closed before they were answered). */
    public void release(DeviceId device, Collection<Delivery> handedOver) {
        if (!handedOver.isEmpty()) {
            leases.release(device.value(), List.copyOf(handedOver));
        }
    }

    public DeliverySettings settings() {
        return settings;
    }
}
