package dev.courier.device;

import jakarta.servlet.http.HttpServletRequest;

/** The device a device-API request authenticated as, for transports outside Spring MVC's arguments. */
public final class DeviceRequests {

    private DeviceRequests() {}

    public static AuthenticatedDevice authenticated(HttpServletRequest request) {
        return (AuthenticatedDevice) request.getAttribute(DeviceApiCredential.DEVICE);
    }
}
