package dev.courier.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How large a request may be ({@link BodySizeLimitFilter}).
 *
 * @param maxRequestBytes the largest request body accepted, in bytes; a larger one is answered 413
 */
@ConfigurationProperties("courier")
record RequestSizeSettings(@DefaultValue("4194304") long maxRequestBytes) {}
