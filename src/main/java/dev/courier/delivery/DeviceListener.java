package dev.courier.delivery;

import dev.courier.device.AuthenticatedDevice;

/** Something on this instance waiting for a device's commands: an open socket or a parked long-poll. */
interface DeviceListener {

    AuthenticatedDevice device();

    /** The device may have commands due: try to hand them over. Must not block the caller. */
    void wake();

    /** How many wake-ups it has had so far: tells whether one came while something was under way. */
    long woken();

    /** The device's token was revoked: stop serving it. */
    void revoke();
}
