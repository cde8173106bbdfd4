package dev.courier.device;

import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets device-API controllers take the {@link AuthenticatedDevice} as a method argument. */
@Configuration(proxyBeanMethods = false)
class DeviceWebConfiguration implements WebMvcConfigurer {

    static {
        // not a request parameter: hide it from the OpenAPI description
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedDevice.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AuthenticatedDeviceResolver());
    }

    private static final class AuthenticatedDeviceResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == AuthenticatedDevice.class;
        }

        @Override
        public Object resolveArgument(
                MethodParameter parameter,
                ModelAndViewContainer container,
                NativeWebRequest request,
                WebDataBinderFactory binderFactory) {
            Object device = request.getAttribute(DeviceAuthenticationFilter.DEVICE, RequestAttributes.SCOPE_REQUEST);
            if (device == null) {
                throw new IllegalStateException("no authenticated device on a device-API request");
            }
            return device;
        }
    }
}
