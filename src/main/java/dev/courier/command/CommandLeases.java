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
     * awaiting an ack (already acked, or not this device's); {@code moreQueued}: that queue holds more.
     */
    private record Acked(Outcome outcome, String ackedName, boolean moreQueued) {}

    public record AckAndNext(Outcome outcome, String ackedName, List<Delivery> next) {}

    /**
     * Acks a command and leases what is now due on the device's listened names. When the ack emptied its
     * queue there is nothing new to lease (the other names' heads were leased when they came due), so no claim
     * is made: a device that keeps up costs one statement per ack. (A send committing while the ack is in
     * flight is seen by one of the two: its wake-up claims after it, or the ack reports it queued. Only a
     * wake-up claim that ran before the ack committed, with the ack not seeing the send, leaves it to the sweep's
     * check for overdue commands, about a second later.)
     */
    public AckAndNext ackAndClaim(DeviceId device, String id, Collection<String> names) {
        Acked acked = acknowledge(device, id);
        boolean queueEmptied = acked.ackedName() != null && !acked.moreQueued();
        List<Delivery> next = queueEmptied ? List.of() : claim(device, names);
        return new AckAndNext(acked.outcome(), acked.ackedName(), next);
    }

    private Acked acknowledge(DeviceId device, String id) {
        UUID uuid = CommandIds.parse(id).orElse(null);
        if (uuid == null) {
            return new Acked(Outcome.NOT_FOUND, null, false);
        }
        Optional<LeaseRepository.Acked> acked = leases.ack(device.value(), uuid);
        if (acked.isPresent()) {
            metrics.acked();
            return new Acked(Outcome.DONE, acked.get().name(), acked.get().moreQueued());
        }
        Outcome outcome = leases.belongsTo(device.value(), uuid) ? Outcome.DONE : Outcome.NOT_FOUND;
        return new Acked(outcome, null, false);
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
