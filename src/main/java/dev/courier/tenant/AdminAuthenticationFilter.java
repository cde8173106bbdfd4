package dev.courier.tenant;

import dev.courier.system.ClientConnections;
import dev.courier.system.FailedAuthentications;
import dev.courier.system.FilterOrder;
import dev.courier.system.ProblemWriter;
import dev.courier.system.RequestPaths;
import dev.courier.system.Secrets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** The operator's endpoints: the admin API and every actuator endpoint but health. */
@Component
@Order(FilterOrder.AUTHENTICATION)
class AdminAuthenticationFilter extends OncePerRequestFilter {

    private final byte[] adminToken;
    private final ClientConnections connections;
    private final FailedAuthentications failures;

    AdminAuthenticationFilter(AdminSettings settings, ClientConnections connections, FailedAuthentications failures) {
        this.connections = connections;
        this.failures = failures;
        String token = settings.adminToken();
        this.adminToken = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        boolean actuator = path.startsWith("/actuator") && !path.startsWith("/actuator/health");
        return !actuator && !path.startsWith("/v1/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (adminToken == null) {
            ProblemWriter.write(
                    response, HttpStatus.FORBIDDEN, "Admin API off", "set courier.admin-token to use this endpoint");
            return;
        }
        String presented = Secrets.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), adminToken)) {
            if (failures.refused(request, response)) {
                return; // guessing the admin token is as slow as guessing a key
            }
            failures.failed(request);
            ProblemWriter.unauthorized(response, "the admin token is required");
            return;
        }
        connections.authenticated(request);
        chain.doFilter(request, response);
    }
}
