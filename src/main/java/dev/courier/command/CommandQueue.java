package dev.courier.command;

import dev.courier.device.DeviceRegistry;
import dev.courier.system.Secrets;
import dev.courier.tenant.AppId;
import dev.courier.tenant.CallingApp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The durable queue's rules: sending with queue depth and idempotency, lookup, cancel and purge. */
@Service
public class CommandQueue {

    private static final int MAX_LISTED = 10_000;
    private static final TypeReference<LinkedHashMap<String, SendResult>> RESULTS = new TypeReference<>() {};

    private final CommandRepository commands;
    private final IdempotencyRepository idempotency;
    private final DeviceRegistry devices;
    private final ApplicationEventPublisher events;
    private final CommandMetrics metrics;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CommandQueue(
            CommandRepository commands,
            IdempotencyRepository idempotency,
            DeviceRegistry devices,
            ApplicationEventPublisher events,
            CommandMetrics metrics,
            JsonMapper json,
            TransactionTemplate transactions,
            Clock clock) {
        this.commands = commands;
        this.idempotency = idempotency;
        this.devices = devices;
        this.events = events;
        this.metrics = metrics;
        this.json = json;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Queues the command for every named device with room, committed before this returns. Without an
     * idempotency key that is one auto-committed statement; with one, a transaction that also claims the key,
     * so a repeat of the same request returns the first result unchanged.
     */
    public Map<String, SendResult> send(CallingApp app, SendCommand command, String idempotencyKey) {
        if (command.dataBytes() > app.plan().maxPayloadBytes()) {
            throw PayloadTooLargeException.forData(
                    command.dataBytes(), app.plan().maxPayloadBytes());
        }
        if (idempotencyKey == null) {
            return enqueue(app, command);
        }
        return transactions.execute(status -> {
            Optional<String> earlier = idempotency.claim(app.id().value(), idempotencyKey, requestHash(command));
            if (earlier.isPresent()) {
                return json.readValue(earlier.get(), RESULTS);
            }
            Map<String, SendResult> results = enqueue(app, command);
            idempotency.remember(app.id().value(), idempotencyKey, json.writeValueAsString(results));
            return results;
        });
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
        return cancelled;
    }

    private Map<String, SendResult> enqueue(CallingApp app, SendCommand command) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String[] idents = new LinkedHashSet<>(command.deviceIdents()).toArray(String[]::new);
        UUID[] ids = new UUID[idents.length];
        Map<String, UUID> idByIdent = new HashMap<>();
        for (int i = 0; i < idents.length; i++) {
            ids[i] = CommandIds.next(now);
            idByIdent.put(idents[i], ids[i]);
        }
        Instant expiresAt = command.ttlSeconds() == null ? null : now.plusSeconds(command.ttlSeconds());
        var newCommands =
                new CommandRepository.NewCommands(app.id().value(), command.name(), command.data(), now, expiresAt);
        List<CommandRepository.Enqueued> enqueued = idents.length == 0
                ? List.of()
                : commands.enqueue(newCommands, idents, ids, app.plan().queueDepth());
        List<Long> admitted = enqueued.stream()
                .filter(CommandRepository.Enqueued::admitted)
                .map(CommandRepository.Enqueued::deviceId)
                .toList();
        if (!admitted.isEmpty()) {
            events.publishEvent(new CommandsQueued(app.id().value(), command.name(), admitted, now.toEpochMilli()));
        }
        metrics.sent(admitted.size());
        return results(command, enqueued, idByIdent);
    }

    private Map<String, SendResult> results(
            SendCommand command, List<CommandRepository.Enqueued> enqueued, Map<String, UUID> idByIdent) {
        Map<String, Boolean> admittedByIdent = new HashMap<>();
        enqueued.forEach(device -> admittedByIdent.put(device.ident(), device.admitted()));
        Map<String, SendResult> results = new LinkedHashMap<>();
        int rejected = 0;
        for (String ident : command.deviceIdents()) {
            Boolean admitted = admittedByIdent.get(ident);
            if (admitted == null) {
                results.put(ident, SendResult.deviceNotFound());
            } else if (admitted) {
                results.put(ident, SendResult.queued(idByIdent.get(ident).toString()));
            } else if (results.put(ident, SendResult.queueFull()) == null) {
                rejected++;
            }
        }
        metrics.queueFull(rejected);
        return results;
    }

    private static byte[] requestHash(SendCommand command) {
        return Secrets.hash(command.name()
                + '\n'
                + String.join(",", command.deviceIdents())
                + '\n'
                + command.data()
                + '\n'
                + command.ttlSeconds());
    }
}
