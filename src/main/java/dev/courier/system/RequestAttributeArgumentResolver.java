package dev.courier.system;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands a controller the object an authentication filter left on the request (the calling app, the device),
 * by its type. The type is hidden from the OpenAPI description: it is not a request parameter.
 */
public final class RequestAttributeArgumentResolver implements HandlerMethodArgumentResolver {

    private final Class<?> type;
    private final String attribute;

    public RequestAttributeArgumentResolver(Class<?> type, String attribute) {
        this.type = type;
        this.attribute = attribute;
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(type);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == type;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object value = request.getAttribute(attribute, RequestAttributes.SCOPE_REQUEST);
        if (value == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " on the request: is its filter mapped?");
        }
        return value;
    }
}
