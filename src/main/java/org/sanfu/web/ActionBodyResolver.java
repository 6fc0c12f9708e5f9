package org.sanfu.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Reads an {@link ActionBody}: 415 for a body that is not JSON by its media type, 413 past the limit. */
@Configuration(proxyBeanMethods = false)
class ActionBodyResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final JsonBodies bodies;

    ActionBodyResolver(JsonBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ActionBody.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binders) throws Exception {
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        byte[] raw;
        try {
            raw = http.getInputStream().readAllBytes();
        } catch (PayloadTooLarge e) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, e.detail());
        } catch (IOException e) {
            throw bodies.unreadable(e);
        }
        if (raw.length == 0) {
            return new ActionBody(null, bodies);
        }
        MediaType type;
        try {
            type = http.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM
                    : MediaType.parseMediaType(http.getContentType());
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotSupportedException(e.getMessage());
        }
        if (!MediaType.APPLICATION_JSON.isCompatibleWith(type) && !"json".equals(type.getSubtypeSuffix())) {
            throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON), HttpMethod.POST);
        }
        return new ActionBody(bodies.parse(raw), bodies);
    }
}
