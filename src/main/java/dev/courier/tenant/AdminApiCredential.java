package dev.courier.tenant;

import dev.courier.system.BearerAuthentication;
import dev.courier.system.BearerCredential;
import dev.courier.system.CredentialOffException;
import dev.courier.system.FailedAuthentications;
import dev.courier.system.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * The operator's endpoints need the admin token: the admin API and every actuator endpoint but health. On
 * health the token is optional: with it, health shows its components; any other bearer (an app's key, a
 * probe's) is ignored there, as health is open. Since the answer tells whether a bearer was the admin token,
 * wrong ones are counted per address (apart from the API's failures, which health must not add to): an address
 * that tried too many lately is shown no components, whatever it presents, until its bucket refills.
 */
@Component
class AdminApiCredential implements BearerCredential {

    private static final RequestMatcher OPERATOR_ENDPOINTS = request -> {
        String path = RequestPaths.of(request);
        boolean actuator = path.startsWith("/actuator") && !path.startsWith("/actuator/health");
        return actuator || path.startsWith("/v1/admin/");
    };
    private static final RequestMatcher HEALTH =
            request -> RequestPaths.of(request).startsWith("/actuator/health");

    private final AdminToken token;
    private final FailedAuthentications healthGuesses = new FailedAuthentications();

    AdminApiCredential(AdminToken token) {
        this.token = token;
    }

    @Override
    public RequestMatcher requiredOn() {
        return OPERATOR_ENDPOINTS;
    }

    @Override
    public RequestMatcher presentedOn() {
        return request -> OPERATOR_ENDPOINTS.matches(request) || HEALTH.matches(request);
    }

    @Override
    public String role() {
        return AdminAuthentication.ROLE;
    }

    @Override
    public String challenge() {
        return "the admin token is required";
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        String secret = BearerAuthentication.presentedSecret(request);
        if (!OPERATOR_ENDPOINTS.matches(request)) { // health
            String address = request.getRemoteAddr();
            if (secret == null || healthGuesses.refuses(address)) {
                return null;
            }
            if (token.matches(secret)) {
                return new AdminAuthentication(secret, request);
            }
            healthGuesses.failed(address);
            return null;
        }
        if (token.isOff()) {
            throw new CredentialOffException("Admin API off", "set courier.admin-token to use this endpoint");
        }
        return new AdminAuthentication(secret, request);
    }

    @Override
    public boolean admit(HttpServletRequest request, HttpServletResponse response, Authentication authenticated) {
        return true;
    }
}
