package dev.courier.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a client may take over a request, and how many connections an address may hold before any of them
 * authenticates ({@link SlowClientDefences}).
 *
 * @param headerDeadline the request line and all headers must arrive within it
 * @param bodyDeadline an authenticated request's whole body must arrive within it
 * @param bodyRateGrace after it, a body still arriving must have come at least at min-body-bytes-per-second
 * @param minBodyBytesPerSecond the slowest a body may arrive, on average, once the grace is over
 * @param maxUnauthenticatedConnectionsPerAddress connections one client address may hold before authenticating
 */
@ConfigurationProperties("courier.http")
record SlowClientSettings(
        @DefaultValue("10s") Duration headerDeadline,
        @DefaultValue("20s") Duration bodyDeadline,
        @DefaultValue("3s") Duration bodyRateGrace,
        @DefaultValue("1024") long minBodyBytesPerSecond,
        @DefaultValue("200") int maxUnauthenticatedConnectionsPerAddress) {}
