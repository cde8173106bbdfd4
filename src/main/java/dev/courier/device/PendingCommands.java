package dev.courier.device;

/**
 * How many commands wait for a device. The command module owns the queue and implements this, so the
 * registry can show the count without depending on it.
 */
public interface PendingCommands {

    long pendingCount(DeviceId device);

    /**
     * Removes the device's queue ahead of the device itself, inside the deleting transaction: the queue's
     * rows are then locked before its history, the order every queue operation takes them in.
     */
    void dropQueueOf(DeviceId device);
}
