package dev.courier.device;

/**
 * How many commands wait for a device. The command module owns the queue and implements this, so the
 * registry can show the count without depending on it.
 */
public interface PendingCommands {

    long pendingCount(DeviceId device);
}
