package dev.courier.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * First local use, when no spring.datasource.url is configured ({@link NoDatasourceConfigured}).
 *
 * @param dataDir the embedded PostgreSQL's data directory; it survives restarts
 * @param apiKeyFile where the first start writes the API key of the app 'default' (readable only by the owner)
 */
@ConfigurationProperties("courier.embedded")
public record EmbeddedSettings(
        @DefaultValue(".courier/pgdata") Path dataDir,
        @DefaultValue(".courier/api-key") Path apiKeyFile) {}
