package dev.courier.tenant;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's token.
 *
 * @param adminToken the operator's bearer token for /v1/admin/** and the actuator (but health); unset turns both off
 */
@ConfigurationProperties("courier")
record AdminSettings(@Nullable String adminToken) {}
