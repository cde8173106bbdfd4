package dev.courier.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** {@code GET /} leads a browser to the API explorer (Swagger UI), which springdoc serves. */
@Configuration(proxyBeanMethods = false)
class ExplorerRedirectConfiguration implements WebMvcConfigurer {

    /** springdoc's entry to Swagger UI; it forwards to {@code /swagger-ui/index.html} with Courier's API. */
    static final String EXPLORER = "/swagger-ui.html";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", EXPLORER);
    }
}
