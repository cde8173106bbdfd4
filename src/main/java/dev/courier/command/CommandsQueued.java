package dev.courier.command;

import java.util.List;

/** Published after a send commits: these devices have a new command of this name. */
public record CommandsQueued(long appId, String name, List<Long> deviceIds, long createdAtMillis) {}
