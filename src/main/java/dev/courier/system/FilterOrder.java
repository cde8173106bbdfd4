package dev.courier.system;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;

/** Where Courier's servlet filters run: credentials are checked before a request's body is read. */
public final class FilterOrder {

    /** The body size cap and the header checks: before anything else looks at a request. */
    public static final int FIRST = Ordered.HIGHEST_PRECEDENCE;
    /**
     * Spring Security's chain (firewall, API keys, device tokens, the admin token), at Spring Boot's order for
     * it ({@code spring.security.filter.order}, left at its default).
     */
    public static final int AUTHENTICATION = SecurityFilterProperties.DEFAULT_FILTER_ORDER;
    /** {@link BodyDeadlineFilter}: only a request that has authenticated gets its body read. */
    public static final int READ_BODY = 10;

    private FilterOrder() {}
}
