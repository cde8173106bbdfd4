package dev.courier.command;

import java.util.Set;

/** Which events a reader wants: each set empty for any. */
public record EventFilter(Set<String> names, Set<String> deviceIdents, Set<String> statuses, Set<String> commandIds) {

    public static final EventFilter ALL = new EventFilter(Set.of(), Set.of(), Set.of(), Set.of());

    public EventFilter {
        names = Set.copyOf(names);
        deviceIdents = Set.copyOf(deviceIdents);
        statuses = Set.copyOf(statuses);
        commandIds = Set.copyOf(commandIds);
    }

    public boolean test(CommandEvent event) {
        return (names.isEmpty() || names.contains(event.name()))
                && (deviceIdents.isEmpty() || deviceIdents.contains(event.deviceIdent()))
                && (statuses.isEmpty() || statuses.contains(event.status()))
                && (commandIds.isEmpty() || commandIds.contains(event.commandId()));
    }
}
