package dev.courier.command;

import dev.courier.system.CourierProblem;
import org.springframework.http.HttpStatus;

class PayloadTooLargeException extends CourierProblem {

    private PayloadTooLargeException(String detail) {
        super(HttpStatus.CONTENT_TOO_LARGE, "Payload too large", detail);
    }

    static PayloadTooLargeException forData(int bytes, int limit) {
        return new PayloadTooLargeException("data is " + bytes + " bytes as JSON; the plan allows " + limit);
    }
}
