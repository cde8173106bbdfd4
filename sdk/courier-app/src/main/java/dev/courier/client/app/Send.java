package dev.courier.client.app;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A send with Courier's extras: {@code Send.command("reboot", List.of("sensor_01"), data).ttl(Duration.ofHours(1))}.
 * It carries an idempotency key, generated unless given, which every retry of this send reuses: a send whose
 * answer was lost is tried again without queueing the command twice. Send the same {@code Send} object again to
 * get the first answer back; make a new one for a new command.
 */
public final class Send {

    private final String name;
    private final List<String> deviceIdents;
    private final Object data;
    private Duration ttl;
    private Duration wait;
    private String idempotencyKey = UUID.randomUUID().toString();

    private Send(String name, Collection<String> deviceIdents, Object data) {
        this.name = Objects.requireNonNull(name, "name");
        this.deviceIdents = List.copyOf(deviceIdents);
        this.data = data;
    }

    public static Send command(String name, Collection<String> deviceIdents, Object data) {
        return new Send(name, deviceIdents, data);
    }

    /** Expires the command if it is not acked within this time (whole seconds). */
    public Send ttl(Duration ttl) {
        this.ttl = ttl;
        return this;
    }

    /** Your own key, e.g. from the request that made you send: the same key returns the same result. */
    public Send idempotencyKey(String key) {
        this.idempotencyKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /**
     * Asks Courier to answer once every command is final or after this long (whole seconds, up to 60), so each result's
     * {@code status} is the one at that moment. Needs a Courier that supports {@code wait} on a send; an older one
     * refuses the field (400).
     */
    public Send waitFor(Duration wait) {
        this.wait = wait;
        return this;
    }

    String name() {
        return name;
    }

    List<String> deviceIdents() {
        return deviceIdents;
    }

    Object data() {
        return data;
    }

    Duration ttl() {
        return ttl;
    }

    Duration waitFor() {
        return wait;
    }

    String idempotencyKey() {
        return idempotencyKey;
    }
}
