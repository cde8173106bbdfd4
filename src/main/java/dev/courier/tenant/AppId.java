package dev.courier.tenant;

public record AppId(long value) {}
