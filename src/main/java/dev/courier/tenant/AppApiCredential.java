package dev.courier.tenant;

import dev.courier.system.BearerAuthentication;
import dev.courier.system.BearerCredential;
import dev.courier.system.ProblemWriter;
import dev.courier.system.RequestPaths;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Every app-API request ({@code /v1/**} but the admin and device APIs) carries a live API key, and stays within
 * its plan's rate; the {@link CallingApp} is left on the request for the controllers.
 */
@Component
class AppApiCredential implements BearerCredential {

    static final String CALLING_APP = CallingApp.class.getName();

    private static final RequestMatcher APP_API = request -> {
        String path = RequestPaths.of(request);
        return path.startsWith("/v1/") && !path.startsWith("/v1/admin/") && !path.startsWith("/v1/device/");
    };

    private final PlanRateLimits rateLimits;

    AppApiCredential(PlanRateLimits rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Override
    public RequestMatcher requiredOn() {
        return APP_API;
    }

    @Override
    public String role() {
        return ApiKeyAuthentication.ROLE;
    }

    @Override
    public String challenge() {
        return "a valid API key is required: Authorization: Bearer <api key>";
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        return new ApiKeyAuthentication(BearerAuthentication.presentedSecret(request), request);
    }

    @Override
    public boolean admit(HttpServletRequest request, HttpServletResponse response, Authentication authenticated)
            throws IOException {
        CallingApp app = ((ApiKeyAuthentication) authenticated).app();
        ConsumptionProbe probe = rateLimits.consume(app);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            ProblemWriter.write(
                    response,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many requests",
                    "the plan allows " + app.plan().requestsPerSecond() + " requests per second");
            return false;
        }
        request.setAttribute(CALLING_APP, app);
        return true;
    }
}
