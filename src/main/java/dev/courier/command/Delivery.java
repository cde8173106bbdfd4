package dev.courier.command;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** One hand-over of a command to a device, in the shape devices receive (SPEC §5). */
public record Delivery(String id, String name, @JsonRawValue String data, long timestamp, int attempt) {}
