package dev.courier.tenant;

import dev.courier.system.EmbeddedSettings;
import dev.courier.system.NoDatasourceConfigured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * First local use (embedded database): creates the {@code default} app and writes its API key to
 * {@code .courier/api-key}, readable only by the owner, so the README's curl walk-through works at once. As an
 * application runner it is done before Courier reports ready (readiness, the start-up line of {@code StartupLog}).
 */
@Component
@Conditional(NoDatasourceConfigured.class)
class DefaultAppBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DefaultAppBootstrap.class);

    private final Tenants tenants;
    private final Path keyFile;

    DefaultAppBootstrap(Tenants tenants, EmbeddedSettings settings) {
        this.tenants = tenants;
        this.keyFile = settings.apiKeyFile();
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        var created = tenants.createIfMissing("default");
        if (created.isPresent()) {
            writeOwnerOnly(created.get().apiKey());
            log.info("Created the app 'default' and wrote its API key to {}", keyFile.toAbsolutePath());
        }
    }

    private void writeOwnerOnly(String apiKey) throws IOException {
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        Files.deleteIfExists(keyFile);
        try {
            Files.createFile(
                    keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(keyFile);
        }
        Files.writeString(keyFile, apiKey + System.lineSeparator());
    }
}
