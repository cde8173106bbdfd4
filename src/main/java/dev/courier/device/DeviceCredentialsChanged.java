package dev.courier.device;

/** A device was deleted or its token replaced: what instances remember of its token is stale. */
record DeviceCredentialsChanged(long deviceId) {}
