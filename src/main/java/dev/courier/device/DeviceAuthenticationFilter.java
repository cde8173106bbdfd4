package dev.courier.device;

import dev.courier.system.ClientConnections;
import dev.courier.system.FailedAuthentications;
import dev.courier.system.FilterOrder;
import dev.courier.system.ProblemWriter;
import dev.courier.system.RequestPaths;
import dev.courier.system.Secrets;
import dev.courier.system.ShortLivedCache;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every device-API request ({@code /v1/device/**}, the WebSocket handshake included) carries a current device
 * token; a bad one is refused with 401 before any upgrade or frame.
 */
@Component
@Order(FilterOrder.AUTHENTICATION)
class DeviceAuthenticationFilter extends OncePerRequestFilter {

    static final String DEVICE = AuthenticatedDevice.class.getName();

    private final DeviceRegistry registry;
    // a rotated token or deleted device is refused within a second (the promise is 2 s)
    private final ShortLivedCache<String, AuthenticatedDevice> recent =
            new ShortLivedCache<>(Duration.ofSeconds(1), 100_000);

    private final ClientConnections connections;
    private final FailedAuthentications failures;

    DeviceAuthenticationFilter(DeviceRegistry registry, ClientConnections connections, FailedAuthentications failures) {
        this.connections = connections;
        this.failures = failures;
        this.registry = registry;
    }

    /** The instance that made a change applies it to its very next request (others within the cache's second). */
    @TransactionalEventListener(fallbackExecution = true)
    void forget(DeviceCredentialsChanged changed) {
        recent.forget(device -> device.id().value() == changed.deviceId());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RequestPaths.of(request).startsWith("/v1/device/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = Secrets.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        Optional<AuthenticatedDevice> device = token == null ? Optional.empty() : recent.peek(token);
        if (device.isEmpty()) {
            if (failures.refused(request, response)) {
                return;
            }
            device = token == null ? Optional.empty() : recent.get(token, registry::authenticate);
        }
        if (device.isEmpty()) {
            failures.failed(request);
            ProblemWriter.unauthorized(
                    response, "a valid device token is required: Authorization: Bearer <device token>");
            return;
        }
        connections.authenticated(request);
        request.setAttribute(DEVICE, device.get());
        chain.doFilter(request, response);
    }
}
