package dev.courier.tenant;

import dev.courier.system.CourierProblem;
import org.springframework.http.HttpStatus;

class TenantNotFoundException extends CourierProblem {

    private TenantNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    static TenantNotFoundException app(long id) {
        return new TenantNotFoundException("no app with id " + id);
    }

    static TenantNotFoundException apiKey(long id) {
        return new TenantNotFoundException("no API key with id " + id);
    }
}
