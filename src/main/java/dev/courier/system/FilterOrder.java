package dev.courier.system;

import org.springframework.core.Ordered;

/** Where Courier's servlet filters run: credentials are checked before a request's body is read. */
public final class FilterOrder {

    /** Plain paths and the body size cap: before anything else looks at a request. */
    public static final int FIRST = Ordered.HIGHEST_PRECEDENCE;
    /** The API key, device token and admin token filters. */
    public static final int AUTHENTICATION = 0;
    /** {@link BodyDeadlineFilter}: only a request that has authenticated gets its body read. */
    public static final int READ_BODY = AUTHENTICATION + 10;

    private FilterOrder() {}
}
