package dev.courier.tenant;

import dev.courier.system.RequestAttributeArgumentResolver;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets controllers take the authenticated {@link CallingApp} as a method argument. */
@Configuration(proxyBeanMethods = false)
class TenantWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new RequestAttributeArgumentResolver(CallingApp.class, AppApiCredential.CALLING_APP));
    }
}
