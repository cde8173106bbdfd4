package dev.courier.tenant;

import dev.courier.system.FailedAuthentications;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Checks the admin token; guessing it is as slow as guessing a key (failures count per address). */
@Component
class AdminAuthenticationProvider implements AuthenticationProvider {

    private final AdminToken token;
    private final FailedAuthentications failures;

    AdminAuthenticationProvider(AdminToken token, FailedAuthentications failures) {
        this.token = token;
        this.failures = failures;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var presented = (AdminAuthentication) authentication;
        if (token.matches(presented.secret())) {
            return new AdminAuthentication(presented); // never refused for what others at its address tried
        }
        failures.check(presented.clientAddress());
        throw new BadCredentialsException("not the admin token");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return AdminAuthentication.class.isAssignableFrom(authentication);
    }
}
