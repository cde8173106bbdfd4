package dev.courier.tenant;

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

/** Lets controllers take the authenticated {@link CallingApp} as a method argument. */
@Configuration(proxyBeanMethods = false)
class TenantWebConfiguration implements WebMvcConfigurer {

    static {
        // not a request parameter: hide it from the OpenAPI description
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallingApp.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallingAppResolver());
    }

    private static final class CallingAppResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == CallingApp.class;
        }

        @Override
        public Object resolveArgument(
                MethodParameter parameter,
                ModelAndViewContainer container,
                NativeWebRequest request,
                WebDataBinderFactory binderFactory) {
            Object app = request.getAttribute(ApiKeyAuthenticationFilter.CALLING_APP, RequestAttributes.SCOPE_REQUEST);
            if (app == null) {
                throw new IllegalStateException("no authenticated app on an app-API request");
            }
            return app;
        }
    }
}
