package dev.courier.command;

import dev.courier.device.DeviceRegistry;
import dev.courier.system.Secrets;
import dev.courier.tenant.AppId;
import dev.courier.tenant.CallingApp;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The durable queue's rules: sending with queue depth and idempotency, lookup, cancel and purge. */
@Service
public class CommandQueue {

    private static final int MAX_LISTED = 10_000;

    private final CommandRepository commands;
    private final BatchedSends sends;
    private final DeviceRegistry devices;
    private final ApplicationEventPublisher events;
    private final CommandMetrics metrics;
    private final EventSequencer sequencer;

    CommandQueue(
            CommandRepository commands,
            BatchedSends sends,
            DeviceRegistry devices,
            ApplicationEventPublisher events,
            CommandMetrics metrics,
            EventSequencer sequencer) {
        this.commands = commands;
        this.sends = sends;
        this.devices = devices;
        this.events = events;
        this.metrics = metrics;
        this.sequencer = sequencer;
    }

    /**
     * Queues the command for every named device with room, committed before this returns. Sends that arrive
     * together share one statement and one commit ({@link BatchedSends}); with an idempotency key, the key is
     * claimed in that commit too, so a repeat of the same request returns the first result unchanged.
     */
    public Map<String, SendResult> send(CallingApp app, SendCommand command, String idempotencyKey) {
        if (command.dataBytes() > app.plan().maxPayloadBytes()) {
            throw PayloadTooLargeException.forData(
                    command.dataBytes(), app.plan().maxPayloadBytes());
        }
        return sends.send(new BatchedSends.SendRequest(
                app.id().value(),
                app.plan().queueDepth(),
                command,
                idempotencyKey,
                idempotencyKey == null ? null : requestHash(command)));
    }

    @Transactional(readOnly = true)
    public CommandRecord find(AppId app, String id) {
        return CommandIds.parse(id)
                .flatMap(uuid -> commands.find(app.value(), uuid))
                .orElseThrow(() -> CommandNotFoundException.forId(id));
    }

    /** Cancels a queued or delivered command; cancelling a cancelled one again changes nothing. */
    @Transactional
    public CommandRecord cancel(AppId app, String id) {
        UUID uuid = CommandIds.parse(id).orElseThrow(() -> CommandNotFoundException.forId(id));
        commands.cancel(app.value(), uuid).ifPresent(device -> {
            metrics.cancelled(1);
            sequencer.nudgeAfterCommit();
            events.publishEvent(new DevicesDue(List.of(device))); // the next command of that name is due
        });
        CommandRecord record = find(app, id);
        if (!record.status().equals("cancelled")) {
            throw CommandConflictException.finished(id, record.status());
        }
        return record;
    }

    @Transactional(readOnly = true)
    public List<CommandRecord> pending(AppId app, String deviceIdent) {
        return commands.pending(devices.idOf(app, deviceIdent), MAX_LISTED);
    }

    /** Cancels every pending command of the device; returns how many were cancelled. */
    @Transactional
    public long purge(AppId app, String deviceIdent) {
        long cancelled = commands.purge(devices.idOf(app, deviceIdent));
        metrics.cancelled(cancelled);
        sequencer.nudgeAfterCommit();
        return cancelled;
    }

    static String requestHash(SendCommand command) {
        return HexFormat.of()
                .formatHex(Secrets.hash(command.name()
                        + '\n'
                        + String.join(",", command.deviceIdents())
                        + '\n'
                        + command.data()
                        + '\n'
                        + command.ttlSeconds()));
    }
}
