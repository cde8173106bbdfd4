package dev.courier.device;

import dev.courier.tenant.AppId;

/**
 * A device that proved itself with its token. {@code credential} is the stored token hash it matched: when
 * that changes (rotation) or disappears (deletion), the device's open connections are closed.
 */
public record AuthenticatedDevice(DeviceId id, AppId app, String ident, byte[] credential) {}
