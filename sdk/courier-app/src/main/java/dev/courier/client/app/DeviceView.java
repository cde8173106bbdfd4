package dev.courier.client.app;

/**
 * A device in the registry: {@code online} while it holds a WebSocket or polls, {@code lastSeen} (epoch
 * milliseconds, {@code null} if never), and how many commands are {@code pending} for it.
 */
public record DeviceView(String ident, long createdAt, boolean online, Long lastSeen, long pending) {}
