package dev.courier.delivery;

import dev.courier.command.AckResult;
import dev.courier.command.CommandLeases;
import dev.courier.command.CommandLeases.Outcome;
import dev.courier.command.LeasedCommand;
import dev.courier.device.AuthenticatedDevice;
import dev.courier.tenant.Tenants;
import java.util.Collection;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The one place that decides what an answer from a device sets in motion. Both transports hand it their acks,
 * nacks and closed connections; it passes them to the batched queue operations ({@link CommandLeases}) and
 * wakes whoever may take the next command: the answering listener itself, the device's other listeners here,
 * or those on other instances.
 */
@Component
class DeliveryEngine {

    private final CommandLeases leases;
    private final WakeupRouter wakeups;
    private final Tenants tenants;

    DeliveryEngine(CommandLeases leases, WakeupRouter wakeups, Tenants tenants) {
        this.leases = leases;
        this.wakeups = wakeups;
        this.tenants = tenants;
    }

    /**
     * An ack from {@code from} (null for an HTTP ack), which listens to {@code listened}. When it listens to the
     * acked command's name, the queue's next head is leased to it in the ack's own statement ({@code next});
     * otherwise the device's other listeners are woken for it. {@code result}: what the device answered, or
     * null; one its plan cannot take is a 400 problem, and the ack is not taken.
     */
    CommandLeases.AckAndNext ack(
            AuthenticatedDevice device, String id, JsonNode result, DeviceListener from, Collection<String> listened) {
        String kept = result == null || result.isNull() ? null : AckResult.of(result, tenants.planOf(device.app()));
        long wokenBefore = from == null ? 0 : from.woken();
        var acked = leases.ackAndClaim(device.id(), id, kept, listened);
        if (acked.ackedName() == null) {
            if (from != null) {
                from.wake(); // a repeat, or a command that expired meanwhile: whatever is due now is claimed
            }
        } else if (!listened.contains(acked.ackedName())) {
            wakeups.wakeExcept(device.id(), from);
        } else if (acked.next().isEmpty() && from.woken() != wokenBefore) {
            // A send that committed while the ack ran: the ack's statement looked for the next head on a snapshot
            // from before it, and the send's wake-up looked while the acked command still held the head. Neither
            // handed it over, so look once more now that the ack has committed.
            from.wake();
        }
        return acked;
    }

    /**
     * A nack: the command comes back after the retry delay, so the device is woken then; on its last attempt it
     * failed, and its queue's next command is due now.
     */
    Outcome nack(AuthenticatedDevice device, String id, Integer attempt, String error) {
        Outcome outcome = leases.nack(device.id(), id, attempt, error);
        if (outcome == Outcome.FAILED) {
            wakeups.wake(device.id());
        } else if (outcome == Outcome.DONE) {
            wakeups.wakeAfter(device.id(), leases.settings().retryDelay());
        }
        return outcome;
    }

    /** A connection closed with these hand-overs unanswered: their leases end now, for whoever listens next. */
    void closed(AuthenticatedDevice device, Collection<LeasedCommand> unanswered) {
        leases.release(device.id(), unanswered);
        if (!unanswered.isEmpty()) {
            wakeups.wake(device.id());
        }
    }

    /** The listened names an HTTP ack leases nothing for. */
    static final Set<String> NO_NAMES = Set.of();
}
