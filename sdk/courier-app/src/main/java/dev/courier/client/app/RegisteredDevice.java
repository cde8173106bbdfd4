package dev.courier.client.app;

/** A device just registered, or whose token was just rotated: the {@code token} is shown only now. */
public record RegisteredDevice(String ident, String token, long createdAt) {}
