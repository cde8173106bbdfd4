package dev.courier.tenant;

import dev.courier.system.CourierProblem;
import org.springframework.http.HttpStatus;

class TenantConflictException extends CourierProblem {

    private TenantConflictException(String detail) {
        super(HttpStatus.CONFLICT, "Conflict", detail);
    }

    static TenantConflictException appExists(String name) {
        return new TenantConflictException("an app named " + name + " already exists");
    }
}
