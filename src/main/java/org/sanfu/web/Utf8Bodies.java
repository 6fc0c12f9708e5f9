package org.sanfu.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * A {@code @RequestBody} read as JSON must be well-formed UTF-8, as an action's raw body must be
 * ({@link JsonBodies#requireUtf8}): Jackson alone would decode overlong and surrogate forms, and would
 * read the bytes in any charset the client declares (RFC 8259: JSON is UTF-8), turning Chinese into other text. Its fault
 * becomes ProblemAdvice's 400 naming "body"; a body past the size limit still fails while it is read (413).
 */
@ControllerAdvice
class Utf8Bodies extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] raw = message.getBody().readAllBytes();
        try {
            JsonBodies.requireUtf8(raw);
        } catch (CharacterCodingException e) {
            throw new HttpMessageNotReadableException("not UTF-8", e, message);
        }
        // Read as the UTF-8 it was found to be, whatever charset the client declared, as an action's body is
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(message.getHeaders());
        MediaType declared = headers.getContentType();
        if (declared != null && declared.getCharset() != null) {
            headers.setContentType(new MediaType(declared, StandardCharsets.UTF_8));
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(raw);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }
}
