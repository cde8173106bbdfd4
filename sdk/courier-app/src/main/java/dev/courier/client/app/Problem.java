package dev.courier.client.app;

/**
 * An RFC 9457 problem detail as Courier answers a refused request ({@code application/problem+json}): a stable
 * {@code title}, a human {@code detail}, and for a 400 the offending {@code field}.
 */
public record Problem(String type, String title, int status, String detail, String field, String instance) {}
