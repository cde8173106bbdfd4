package dev.courier.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's header and its three bearer schemes: app API key, device token, admin token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI courierOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Courier")
                        .version("v1")
                        .description("Durable commands for IoT devices. Click Authorize and paste an API key"
                                + " (for example the one in .courier/api-key) to try the app API."))
                .components(new Components()
                        .addSecuritySchemes("apiKey", bearer("An app's API key (ck_…)"))
                        .addSecuritySchemes("deviceToken", bearer("A device's token (dt_…)"))
                        .addSecuritySchemes("adminToken", bearer("The operator's courier.admin-token")));
    }

    private static SecurityScheme bearer(String description) {
        return new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description(description);
    }
}
