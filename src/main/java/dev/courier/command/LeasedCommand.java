package dev.courier.command;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** A command leased to a device for one hand-over (its {@code attempt}), in the shape devices receive (SPEC §5). */
public record LeasedCommand(
        String id, String name, @JsonRawValue String data, long timestamp, int attempt) {}
