package dev.courier.tenant;

import dev.courier.system.BearerAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** An API key as an app-API request presented it, or the {@link CallingApp} it proved. */
final class ApiKeyAuthentication extends BearerAuthentication {

    static final String ROLE = "APP";

    ApiKeyAuthentication(@Nullable String key, HttpServletRequest request) {
        super(key, request);
    }

    ApiKeyAuthentication(CallingApp app, ApiKeyAuthentication presented) {
        super(app, ROLE, presented);
    }

    CallingApp app() {
        return (CallingApp) getPrincipal();
    }
}
