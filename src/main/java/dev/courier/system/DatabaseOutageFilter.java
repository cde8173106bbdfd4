package dev.courier.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter that found the database down (an authentication lookup, say) answers 503 like a controller
 * would ({@link ProblemDefaults}), instead of a 500 with a stack trace in the log for every request of an
 * outage.
 */
@Component
@Order(FilterOrder.FIRST + 1)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException error) {
            if (!DatabaseOutage.isCause(error) || response.isCommitted()) {
                throw error;
            }
            log.warn("Database unavailable: {}", error.toString());
            DatabaseOutage.answer(response);
        }
    }
}
