package dev.courier.device;

import dev.courier.system.CourierProblem;
import org.springframework.http.HttpStatus;

public class DeviceNotFoundException extends CourierProblem {

    private DeviceNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "Device not found", detail);
    }

    public static DeviceNotFoundException forIdent(String ident) {
        return new DeviceNotFoundException("no device " + ident);
    }
}
