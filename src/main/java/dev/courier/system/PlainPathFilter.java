package dev.courier.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request paths that are not plain: path parameters ({@code ;…}), percent-escapes, empty or dot
 * segments. No Courier path needs them (idents, names and ids are plain ASCII), and the authentication
 * filters decide what to guard by the path, so every path must mean exactly what it reads.
 */
@Component
@Order(FilterOrder.FIRST)
class PlainPathFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isPlain(request.getRequestURI())) {
            ProblemWriter.write(
                    response,
                    HttpStatus.BAD_REQUEST,
                    "Invalid path",
                    "the path may not contain ';', '%', '\\\\', empty or dot segments");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isPlain(String path) {
        return path.indexOf(';') < 0
                && path.indexOf('%') < 0
                && path.indexOf('\\') < 0
                && !path.contains("//")
                && !path.contains("/./")
                && !path.contains("/../")
                && !path.endsWith("/.")
                && !path.endsWith("/..");
    }
}
