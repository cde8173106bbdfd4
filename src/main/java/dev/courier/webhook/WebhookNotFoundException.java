package dev.courier.webhook;

import dev.courier.system.CourierProblem;
import org.springframework.http.HttpStatus;

class WebhookNotFoundException extends CourierProblem {

    private WebhookNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "Webhook not found", detail);
    }

    static WebhookNotFoundException forId(long id) {
        return new WebhookNotFoundException("no webhook " + id);
    }
}
