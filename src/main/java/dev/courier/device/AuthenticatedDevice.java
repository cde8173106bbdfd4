package dev.courier.device;

import dev.courier.tenant.AppId;

/** A device that proved itself with its token. */
public record AuthenticatedDevice(DeviceId id, AppId app, String ident) {}
