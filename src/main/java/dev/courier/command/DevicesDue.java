package dev.courier.command;

import java.util.Collection;

/** Published when these devices may have a command to receive again (a lease lapsed, a retry came due). */
public record DevicesDue(Collection<Long> deviceIds) {}
