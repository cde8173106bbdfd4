package dev.courier.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * What the security chain answers, as problem details through {@link ProblemWriter}: 401 with {@code
 * WWW-Authenticate: Bearer} for missing or bad credentials (each counted against the client's address), 429
 * for an address that failed too often, 403 for a credential switched off or not enough, 400 for a request the
 * firewall rejects. A request that authenticates has its connection marked ({@link ClientConnections}) and goes
 * on only if its credential admits it.
 */
@Component
class AuthenticationProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final ClientConnections connections;
    private final FailedAuthentications failures;

    AuthenticationProblems(ClientConnections connections, FailedAuthentications failures) {
        this.connections = connections;
        this.failures = failures;
    }

    AuthenticationFailureHandler failureFor(BearerCredential credential) {
        return (request, response, failure) -> {
            if (failure instanceof TooManyFailedAuthentications) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                ProblemWriter.write(
                        response,
                        HttpStatus.TOO_MANY_REQUESTS,
                        "Too many failed authentications",
                        failure.getMessage());
            } else if (failure instanceof CredentialOffException off) {
                ProblemWriter.write(response, HttpStatus.FORBIDDEN, off.title(), off.getMessage());
            } else {
                failures.failed(request.getRemoteAddr());
                ProblemWriter.unauthorized(response, credential.challenge());
            }
        };
    }

    AuthenticationSuccessHandler successFor(BearerCredential credential) {
        return new AuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(
                    HttpServletRequest request,
                    HttpServletResponse response,
                    FilterChain chain,
                    Authentication authentication)
                    throws IOException, ServletException {
                connections.authenticated(request);
                if (credential.admit(request, response, authentication)) {
                    chain.doFilter(request, response);
                }
            }

            @Override
            public void onAuthenticationSuccess(
                    HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
                throw new UnsupportedOperationException("a bearer credential goes on down the chain");
            }
        };
    }

    /** Not reached on a path that needs a credential (its converter always yields a token): a safe default. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        ProblemWriter.unauthorized(response, "valid credentials are required: Authorization: Bearer <secret>");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        ProblemWriter.write(
                response, HttpStatus.FORBIDDEN, "Forbidden", "these credentials do not grant access to this resource");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        ProblemWriter.write(
                response,
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                "the path may not contain ';', '%', '\\\\', empty or dot segments, and the method and headers"
                        + " must be plain HTTP");
    }
}
