package dev.courier.device;

import java.util.Collection;
import java.util.Map;

/**
 * How many commands wait for a device. The command module owns the queue and implements this, so the
 * registry can show the count without depending on it.
 */
public interface PendingCommands {

    /** How many commands wait for each of the devices (absent: none), in one query. */
    Map<DeviceId, Long> pendingCounts(Collection<DeviceId> devices);

    /**
     * Removes everything the command module keeps for a device (its queue, counters and history), inside the
     * transaction that deleted the device. The device row is deleted first: a send that had locked it has
     * committed by then, so its rows are removed too, and a later send no longer finds the device. The queue
     * is removed before the history, the order every queue operation locks them in.
     */
    void forgetDevice(DeviceId device);
}
