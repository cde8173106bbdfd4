package dev.courier.command;

import dev.courier.device.DeviceId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * The queue's operations for the transports: hand a device its due commands under a lease, take its acks
 * and nacks, and let the leases of a closed connection go. At least once: a lease that lapses without an ack
 * hands the command over again with its attempt counted. Claims, acks and nacks that arrive together, from any
 * devices, are combined into one statement each ({@link WriteCombiner}).
 */
@Service
public class CommandLeases implements DisposableBean {

    private static final int CLAIM_BATCH_NAMES = 2_000;
    private static final int ACK_BATCH = 1_000;

    private final LeaseRepository leases;
    private final DeliverySettings settings;
    private final CommandMetrics metrics;
    private final Clock clock;
    private final EventSequencer sequencer;
    private final OutcomeWaits waits;
    private final WriteCombiner<LeaseRepository.Claim, List<LeasedCommand>> claims;
    private final WriteCombiner<LeaseRepository.Ack, LeaseRepository.Acked> acks;
    private final WriteCombiner<LeaseRepository.Nack, Optional<String>> nacks;

    CommandLeases(
            LeaseRepository leases,
            DeliverySettings settings,
            CommandMetrics metrics,
            Clock clock,
            EventSequencer sequencer,
            OutcomeWaits waits) {
        this.leases = leases;
        this.sequencer = sequencer;
        this.waits = waits;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.claims = new WriteCombiner<>(
                "courier-claim",
                settings.combiners(),
                claim -> claim.names().size(),
                CLAIM_BATCH_NAMES,
                this::claimBatch);
        this.acks = new WriteCombiner<>("courier-ack", settings.combiners(), ack -> 1, ACK_BATCH, this::ackBatch);
        this.nacks = new WriteCombiner<>("courier-nack", settings.combiners(), nack -> 1, ACK_BATCH, this::nackBatch);
    }

    /** What an ack or nack did: done (a repeat of a finished one included), the command failed for good, or unknown. */
    public enum Outcome {
        DONE,
        /** a nack on the last allowed attempt: the command is {@code failed} and its queue moves on */
        FAILED,
        /** an ack of a command that ended otherwise (cancelled, expired, failed) or is not delivered: a no-op */
        NOT_AWAITING_ACK,
        NOT_FOUND
    }

    /** Leases the head of each named queue of the device that is due, one command per name. */
    public List<LeasedCommand> claim(DeviceId device, Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return claims.submit(new LeaseRepository.Claim(device.value(), Set.copyOf(names)));
    }

    /** Acks a command of the device; acking a finished one again is harmless. */
    public Outcome ack(DeviceId device, String id) {
        return ackAndClaim(device, id, null, Set.of()).outcome();
    }

    /**
     * What an ack did: {@code ackedName} is the name of the queue it moved on, null when the command was not
     * awaiting an ack (already finished, or not this device's); {@code next}: that queue's next head, leased to
     * the acking connection when it listens to the name; {@code status}: the command's status after the ack
     * ({@code acked}, or what it already was).
     */
    public record AckAndNext(Outcome outcome, String ackedName, List<LeasedCommand> next, String status) {}

    /**
     * Acks a command and, in the same statement, leases the next head of its queue when {@code names} (what
     * the acking connection listens to) holds its name. The other names' heads were leased when they came due,
     * so a device that keeps up costs a share of one statement per command. {@code result}: what the device
     * answered, JSON text ({@link AckResult}) or null, kept with the command.
     */
    public AckAndNext ackAndClaim(DeviceId device, String id, String result, Collection<String> names) {
        UUID uuid = CommandIds.parse(id).orElse(null);
        if (uuid == null) {
            return new AckAndNext(Outcome.NOT_FOUND, null, List.of(), null);
        }
        LeaseRepository.Acked acked =
                acks.submit(new LeaseRepository.Ack(device.value(), uuid, result, Set.copyOf(names)));
        if (acked.name() != null) {
            return new AckAndNext(Outcome.DONE, acked.name(), acked.next(), "acked");
        }
        // acked already: the device repeated its ack (its answer lost, say), a no-op like the first
        return leases.statusOf(device.value(), uuid)
                .map(status -> new AckAndNext(
                        status.equals("acked") ? Outcome.DONE : Outcome.NOT_AWAITING_ACK, null, List.of(), status))
                .orElseGet(() -> new AckAndNext(Outcome.NOT_FOUND, null, List.of(), null));
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
        String status = nacks.submit(new LeaseRepository.Nack(device.value(), uuid, attempt, error))
                .orElse(null);
        if (status != null) {
            boolean failed = status.equals("failed");
            metrics.nacked(failed);
            return failed ? Outcome.FAILED : Outcome.DONE;
        }
        return leases.belongsTo(device.value(), uuid) ? Outcome.DONE : Outcome.NOT_FOUND;
    }

    /** Ends the leases of these hand-overs now (their connection closed before they were answered). */
    public void release(DeviceId device, Collection<LeasedCommand> handedOver) {
        if (!handedOver.isEmpty()) {
            leases.release(device.value(), List.copyOf(handedOver));
        }
    }

    public DeliverySettings settings() {
        return settings;
    }

    private void claimBatch(List<WriteCombiner.Waiting<LeaseRepository.Claim, List<LeasedCommand>>> batch) {
        var leased = leases.claim(
                batch.stream().map(WriteCombiner.Waiting::request).toList(), settings.lease(), settings.maxAttempts());
        if (leased.stream().anyMatch(commands -> !commands.isEmpty())) {
            sequencer.nudge();
        }
        for (int i = 0; i < batch.size(); i++) {
            counted(leased.get(i));
            batch.get(i).answer(leased.get(i));
        }
    }

    private void ackBatch(List<WriteCombiner.Waiting<LeaseRepository.Ack, LeaseRepository.Acked>> batch) {
        var acked = leases.ack(
                batch.stream().map(WriteCombiner.Waiting::request).toList(), settings.lease(), settings.maxAttempts());
        sequencer.nudge();
        List<String> finished = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (acked.get(i).name() != null) {
                metrics.acked();
                finished.add(batch.get(i).request().id().toString());
            }
            counted(acked.get(i).next());
            batch.get(i).answer(acked.get(i));
        }
        waits.finishedHere(finished);
    }

    private void nackBatch(List<WriteCombiner.Waiting<LeaseRepository.Nack, Optional<String>>> batch) {
        List<String> statuses = leases.nack(
                batch.stream().map(WriteCombiner.Waiting::request).toList(),
                settings.retryDelay(),
                settings.maxAttempts());
        sequencer.nudge();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer(Optional.ofNullable(statuses.get(i)));
        }
    }

    private void counted(List<LeasedCommand> leased) {
        long now = clock.millis();
        leased.forEach(command -> metrics.delivered(command.attempt(), now - command.timestamp()));
    }

    @Override
    public void destroy() {
        claims.close();
        acks.close();
        nacks.close();
    }
}
