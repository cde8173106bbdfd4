package dev.courier.client.app;

/**
 * What a send did for one device, as in the spec's result object: {@code sent} and, when sent, the command's
 * {@code id} and {@code status} ({@code queued}; with {@link Send#waitFor} the status when Courier answered); when
 * not sent, the {@code error} ({@code Device not found}, {@code Queue full}).
 */
public record SendResult(boolean sent, String id, String status, String error) {}
