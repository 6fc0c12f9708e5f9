package org.sanfu.web;

import java.util.List;
import org.sanfu.Message;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Jackson's converter writes any body as any +json type the client asks for, so a ticket was answered 200
 * labelled application/problem+json, the type of an error. A success goes out as application/json (or
 * another +json type the client names) instead; when problem+json is the only JSON the client takes the
 * answer is a 406 problem, as for any other Accept nothing here can meet. Writes are refused so before
 * they run ({@link JsonOnlyWrites}), so this 406 follows no change. A ProblemDetail keeps its problem+json.
 */
@ControllerAdvice
class SuccessIsNoProblem implements ResponseBodyAdvice<Object> {

    private final Problems problems;

    SuccessIsNoProblem(Problems problems) {
        this.problems = problems;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selected,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof ProblemDetail || !MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(selected)) {
            return body;
        }
        MediaType success = JsonMedia.successType(request.getHeaders().getAccept());
        if (success == null) {
            // the handler has run, but only a read gets here: writes were refused before (JsonOnlyWrites)
            response.setStatusCode(HttpStatus.NOT_ACCEPTABLE);
            response.getHeaders().set(HttpHeaders.CONTENT_LANGUAGE, LocaleContextHolder.getLocale().toLanguageTag());
            return problems.titled(problems.problem(HttpStatus.NOT_ACCEPTABLE,
                    Message.of("sanfu.problem.not-acceptable", "supported", List.of(MediaType.APPLICATION_JSON))));
        }
        // the converter keeps a Content-Type already set, and writes UTF-8 for any JSON type
        response.getHeaders().setContentType(success);
        return body;
    }
}
