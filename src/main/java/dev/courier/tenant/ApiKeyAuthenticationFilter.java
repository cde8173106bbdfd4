package dev.courier.tenant;

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
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every app-API request ({@code /v1/**} but the admin and device APIs) carries a live API key; the key is
 * checked on every request, so a deleted key stops working at once. Also applies the plan's rate limit.
 */
@Component
@Order(FilterOrder.AUTHENTICATION)
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String CALLING_APP = CallingApp.class.getName();

    private final Tenants tenants;
    private final RateLimiter rateLimiter;
    // a deleted key or a changed plan takes effect within a second (the promise is 2 s)
    private final ShortLivedCache<String, CallingApp> recent = new ShortLivedCache<>(Duration.ofSeconds(1), 100_000);

    private final ClientConnections connections;
    private final FailedAuthentications failures;

    ApiKeyAuthenticationFilter(
            Tenants tenants, RateLimiter rateLimiter, ClientConnections connections, FailedAuthentications failures) {
        this.connections = connections;
        this.failures = failures;
        this.tenants = tenants;
        this.rateLimiter = rateLimiter;
    }

    /** The instance that made a change applies it to its very next request (others within the cache's second). */
    @TransactionalEventListener(fallbackExecution = true)
    void forget(AppChanged changed) {
        recent.forget(app -> app.id().value() == changed.appId());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return !path.startsWith("/v1/") || path.startsWith("/v1/admin/") || path.startsWith("/v1/device/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = Secrets.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        Optional<CallingApp> app = key == null ? Optional.empty() : recent.peek(key);
        if (app.isEmpty()) {
            if (failures.refused(request, response)) {
                return;
            }
            app = key == null ? Optional.empty() : recent.get(key, tenants::authenticate);
        }
        if (app.isEmpty()) {
            failures.failed(request);
            ProblemWriter.unauthorized(response, "a valid API key is required: Authorization: Bearer <api key>");
            return;
        }
        connections.authenticated(request);
        if (!rateLimiter.tryAcquire(app.get())) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            ProblemWriter.write(
                    response,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many requests",
                    "the plan allows " + app.get().plan().requestsPerSecond() + " requests per second");
            return;
        }
        request.setAttribute(CALLING_APP, app.get());
        chain.doFilter(request, response);
    }
}
