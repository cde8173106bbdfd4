package dev.courier.tenant;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/admin")
class AdminController implements AdminApi {

    private final Tenants tenants;
    private final Plans plans;

    AdminController(Tenants tenants, Plans plans) {
        this.tenants = tenants;
        this.plans = plans;
    }

    @Override
    @PostMapping("/apps")
    @ResponseStatus(HttpStatus.CREATED)
    public Tenants.CreatedApp createApp(@RequestBody @Valid AppRequests.CreateApp body) {
        return tenants.createApp(body.name(), body.plan() == null ? plans.defaultPlan() : body.plan());
    }

    @Override
    @PostMapping("/apps/{id}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    public Tenants.IssuedKey issueKey(@PathVariable long id) {
        return tenants.issueApiKey(id);
    }

    @Override
    @DeleteMapping("/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void revokeKey(@PathVariable long id) {
        tenants.revokeApiKey(id);
    }

    @Override
    @PatchMapping("/apps/{id}")
    public Tenants.AppView changePlan(@PathVariable long id, @RequestBody @Valid AppRequests.ChangePlan body) {
        return tenants.changePlan(id, body.plan());
    }
}
