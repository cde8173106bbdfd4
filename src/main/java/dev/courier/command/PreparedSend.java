package dev.courier.command;

import dev.courier.command.BatchedSends.SendRequest;
import dev.courier.command.WriteCombiner.Waiting;
import java.util.List;
import java.util.Map;

/**
 * One send request of a batch with its new commands' ids; once its statement ran, the devices it queued a
 * command for. Compared by identity: two equal requests in one batch are two sends.
 */
final class PreparedSend {

    private final Waiting<SendRequest, Map<String, SendResult>> waiting;
    private final EnqueueRepository.NewCommands commands;
    private List<Long> queued;

    PreparedSend(Waiting<SendRequest, Map<String, SendResult>> waiting, EnqueueRepository.NewCommands commands) {
        this.waiting = waiting;
        this.commands = commands;
    }

    Waiting<SendRequest, Map<String, SendResult>> waiting() {
        return waiting;
    }

    SendRequest request() {
        return waiting.request();
    }

    EnqueueRepository.NewCommands commands() {
        return commands;
    }

    /** The devices that got a command; null until the statement ran. */
    List<Long> queued() {
        return queued;
    }

    void queued(List<Long> deviceIds) {
        this.queued = deviceIds;
    }
}
