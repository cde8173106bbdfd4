package dev.courier.event;

import dev.courier.system.CourierProblem;
import org.springframework.http.HttpStatus;

class TooManyStreamsException extends CourierProblem {

    private TooManyStreamsException(String detail) {
        super(HttpStatus.TOO_MANY_REQUESTS, "Too many event streams", detail);
    }

    static TooManyStreamsException atMost(int max) {
        return new TooManyStreamsException(
                "an app may hold at most " + max + " event streams on one Courier instance; close one first");
    }
}
