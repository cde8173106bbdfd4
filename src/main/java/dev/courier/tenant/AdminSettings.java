package dev.courier.tenant;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code courier.admin-token}: the operator's token for /v1/admin/** and the actuator; unset turns both off. */
@ConfigurationProperties("courier")
record AdminSettings(@Nullable String adminToken) {}
