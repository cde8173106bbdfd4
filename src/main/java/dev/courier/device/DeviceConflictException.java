package dev.courier.device;

import dev.courier.system.CourierProblem;
import org.springframework.http.HttpStatus;

class DeviceConflictException extends CourierProblem {

    private DeviceConflictException(String title, String detail) {
        super(HttpStatus.CONFLICT, title, detail);
    }

    static DeviceConflictException exists(String ident) {
        return new DeviceConflictException("Device exists", "a device " + ident + " already exists");
    }

    static DeviceConflictException limitReached(int maxDevices) {
        return new DeviceConflictException(
                "Device limit reached", "the plan allows " + maxDevices + " devices; delete one or change plan");
    }
}
