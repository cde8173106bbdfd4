package dev.courier.device;

import dev.courier.system.RequestAttributeArgumentResolver;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets device-API controllers take the {@link AuthenticatedDevice} as a method argument. */
@Configuration(proxyBeanMethods = false)
class DeviceWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new RequestAttributeArgumentResolver(AuthenticatedDevice.class, DeviceApiCredential.DEVICE));
    }
}
