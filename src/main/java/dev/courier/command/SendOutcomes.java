package dev.courier.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Turns a batch statement's rows into each request's per-device results (SPEC §1), counts them, and announces
 * the queued commands once they are committed.
 */
@Component
class SendOutcomes {

    private final CommandMetrics metrics;
    private final ApplicationEventPublisher events;

    SendOutcomes(CommandMetrics metrics, ApplicationEventPublisher events) {
        this.metrics = metrics;
        this.events = events;
    }

    /** The results of each send, in the order of {@code sends}; also records which devices each queued for. */
    List<Map<String, SendResult>> of(List<PreparedSend> sends, List<EnqueueRepository.Enqueued> rows) {
        List<Map<String, Boolean>> admittedByIdent = new ArrayList<>();
        sends.forEach(send -> admittedByIdent.add(new HashMap<>()));
        List<List<Long>> queued = new ArrayList<>();
        sends.forEach(send -> queued.add(new ArrayList<>()));
        for (EnqueueRepository.Enqueued row : rows) {
            admittedByIdent.get(row.request()).put(row.ident(), row.admitted());
            if (row.admitted()) {
                queued.get(row.request()).add(row.deviceId());
            }
        }
        List<Map<String, SendResult>> results = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            sends.get(i).queued(queued.get(i));
            results.add(results(sends.get(i), admittedByIdent.get(i)));
        }
        return results;
    }

    private Map<String, SendResult> results(PreparedSend send, Map<String, Boolean> admittedByIdent) {
        String[] idents = send.commands().idents();
        Map<String, SendResult> results = new LinkedHashMap<>();
        int rejected = 0;
        for (int i = 0; i < idents.length; i++) {
            Boolean admitted = admittedByIdent.get(idents[i]);
            if (admitted == null) {
                results.put(idents[i], SendResult.deviceNotFound());
            } else if (admitted) {
                results.put(
                        idents[i], SendResult.queued(send.commands().ids()[i].toString()));
            } else {
                results.put(idents[i], SendResult.queueFull());
                rejected++;
            }
        }
        metrics.sent(send.queued().size());
        metrics.queueFull(rejected);
        return results;
    }

    /** After the commit: wakes the devices that got a command. */
    void published(List<PreparedSend> sends) {
        for (PreparedSend send : sends) {
            if (send.queued() != null && !send.queued().isEmpty()) {
                var commands = send.commands();
                events.publishEvent(new CommandsQueued(
                        commands.appId(),
                        commands.name(),
                        send.queued(),
                        commands.createdAt().toEpochMilli()));
            }
        }
    }
}
