package dev.courier.device;

public record DeviceId(long value) {}
