package dev.courier.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One kind of bearer credential a module accepts (API key, device token, admin token): the requests that need
 * it, and, as an {@link AuthenticationConverter}, the {@link BearerAuthentication} its provider checks.
 * {@code SecurityConfiguration} puts each on the one security chain. On the requests that need it the
 * converter returns a token even when none is presented, so that a missing secret fails (and counts) like a
 * wrong one.
 */
public interface BearerCredential extends AuthenticationConverter {

    /** The requests that need this credential: authorized with {@code hasRole(role())}. */
    RequestMatcher requiredOn();

    /** The requests it is looked for on: those that need it, and any where it only adds (health's details). */
    default RequestMatcher presentedOn() {
        return requiredOn();
    }

    /** The role an authenticated credential grants. */
    String role();

    /** What the 401 answer's detail says is needed. */
    String challenge();

    /**
     * After the credential authenticated: leaves the caller on the request for the controllers, and may answer
     * the request itself (429, say) by returning false.
     */
    boolean admit(HttpServletRequest request, HttpServletResponse response, Authentication authenticated)
            throws IOException;

    @Override
    @Nullable
    Authentication convert(HttpServletRequest request);
}
