package dev.courier.tenant;

import dev.courier.system.CachedCredentials;
import dev.courier.system.FailedAuthentications;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Checks API keys against the database, through a second's cache: a revoked key or a changed plan takes effect
 * at once on the instance that made the change, and within a second on the others (the promise is 2 s).
 */
@Component
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final CachedCredentials<CallingApp> apps;

    ApiKeyAuthenticationProvider(Tenants tenants, FailedAuthentications failures) {
        this.apps = new CachedCredentials<>(tenants::authenticate, failures);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void forget(AppChanged changed) {
        apps.forget(app -> app.id().value() == changed.appId());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var presented = (ApiKeyAuthentication) authentication;
        return new ApiKeyAuthentication(apps.authenticate(presented), presented);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthentication.class.isAssignableFrom(authentication);
    }
}
