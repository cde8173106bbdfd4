package dev.courier.device;

import dev.courier.system.BearerAuthentication;
import dev.courier.system.BearerCredential;
import dev.courier.system.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Every device-API request ({@code /v1/device/**}, the WebSocket handshake included: its token comes in the
 * handshake's {@code Authorization} header) carries a current device token; a bad one is refused with 401
 * before any upgrade or frame. The {@link AuthenticatedDevice} is left on the request.
 */
@Component
class DeviceApiCredential implements BearerCredential {

    static final String DEVICE = AuthenticatedDevice.class.getName();

    private static final RequestMatcher DEVICE_API =
            request -> RequestPaths.of(request).startsWith("/v1/device/");

    @Override
    public RequestMatcher requiredOn() {
        return DEVICE_API;
    }

    @Override
    public String role() {
        return DeviceAuthentication.ROLE;
    }

    @Override
    public String challenge() {
        return "a valid device token is required: Authorization: Bearer <device token>";
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        return new DeviceAuthentication(BearerAuthentication.presentedSecret(request), request);
    }

    @Override
    public boolean admit(HttpServletRequest request, HttpServletResponse response, Authentication authenticated) {
        request.setAttribute(DEVICE, ((DeviceAuthentication) authenticated).device());
        return true;
    }
}
