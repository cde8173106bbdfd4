package dev.courier.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** One line once Courier is ready: where it listens, where the API explorer is, and (embedded) the key file. */
@Component
class StartupLog {

    private static final Logger log = LoggerFactory.getLogger(StartupLog.class);

    private final EmbeddedSettings embedded;

    StartupLog(EmbeddedSettings embedded) {
        this.embedded = embedded;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            return;
        }
        String url = "http://localhost:" + port + environment.getProperty("server.servlet.context-path", "");
        String explorer = url + ExplorerRedirectConfiguration.EXPLORER;
        if (NoDatasourceConfigured.in(environment)) {
            log.info(
                    "Courier is ready at {} (API explorer: {}; API key of the app 'default': {})",
                    url,
                    explorer,
                    embedded.apiKeyFile().toAbsolutePath());
        } else {
            log.info("Courier is ready at {} (API explorer: {})", url, explorer);
        }
    }
}
