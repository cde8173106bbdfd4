package dev.courier.device;

import dev.courier.system.BearerAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** A device token as a device-API request presented it, or the {@link AuthenticatedDevice} it proved. */
final class DeviceAuthentication extends BearerAuthentication {

    static final String ROLE = "DEVICE";

    DeviceAuthentication(@Nullable String token, HttpServletRequest request) {
        super(token, request);
    }

    DeviceAuthentication(AuthenticatedDevice device, DeviceAuthentication presented) {
        super(device, ROLE, presented);
    }

    AuthenticatedDevice device() {
        return (AuthenticatedDevice) getPrincipal();
    }
}
