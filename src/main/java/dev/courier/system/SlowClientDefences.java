package dev.courier.system;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the server answering while clients send their requests as slowly as they can, with or without
 * credentials. Tomcat parses headers without holding a thread; what it lacks, and gets here: a deadline for
 * the headers and a cap per address on connections that have not authenticated ({@link
 * GuardedHttp11NioProtocol}), no reading of the rest of a body after an error answer ({@link
 * CloseAfterErrorValve}), and bodies read without a thread, within a deadline and at a minimum rate ({@link
 * BodyDeadlineFilter}). Measured with {@code bench}'s {@code SlowClients} harness (BENCHMARKS.md).
 */
@Configuration(proxyBeanMethods = false)
class SlowClientDefences {

    @Bean
    ClientConnections clientConnections(SlowClientSettings settings) {
        return new ClientConnections(settings.maxUnauthenticatedConnectionsPerAddress());
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> guardedConnector(
            ClientConnections connections, SlowClientSettings settings) {
        return factory -> {
            factory.setProtocol(GuardedHttp11NioProtocol.class.getName());
            factory.addEngineValves(new CloseAfterErrorValve());
            // the host's error page, for errors Tomcat answers before Spring sees the request
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof GuardedHttp11NioProtocol guarded) {
                    guarded.guard(connections, settings.headerDeadline());
                }
            });
        };
    }
}
