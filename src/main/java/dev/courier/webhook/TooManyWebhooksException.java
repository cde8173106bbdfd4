package dev.courier.webhook;

import dev.courier.system.CourierProblem;
import org.springframework.http.HttpStatus;

class TooManyWebhooksException extends CourierProblem {

    private TooManyWebhooksException(String detail) {
        super(HttpStatus.CONFLICT, "Too many webhooks", detail);
    }

    static TooManyWebhooksException atMost(int max) {
        return new TooManyWebhooksException("an app may have at most " + max + " webhooks; delete one first");
    }
}
