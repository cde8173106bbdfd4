package dev.courier.webhook;

import dev.courier.tenant.CallingApp;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/webhooks")
class WebhookController implements WebhookApi {

    private final WebhookEndpoints endpoints;

    WebhookController(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Webhook create(CallingApp app, @RequestBody @Valid CreateWebhookRequest body) {
        return endpoints.register(app, body);
    }

    @Override
    @GetMapping
    public List<Webhook> list(CallingApp app) {
        return endpoints.list(app);
    }

    @Override
    @GetMapping("/{id}")
    public Webhook get(CallingApp app, @PathVariable long id) {
        return endpoints.find(app, id);
    }

    @Override
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(CallingApp app, @PathVariable long id) {
        endpoints.delete(app, id);
    }

    @Override
    @PostMapping("/{id}/rotate-secret")
    public Webhook rotateSecret(CallingApp app, @PathVariable long id) {
        return endpoints.rotateSecret(app, id);
    }

    @Override
    @GetMapping("/{id}/deliveries")
    public List<WebhookDelivery> deliveries(
            CallingApp app, @PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
        return endpoints.deliveries(app, id, limit);
    }
}
