package org.sanfu.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * A file sent as bytes (a ticket's 附件, the briefings' workbooks and Word documents, the ticket list's workbook) goes
 * out with its type as it is, {@code application/pdf}, not {@code application/pdf;charset=UTF-8}: every answer is
 * given UTF-8 first ({@code server.servlet.encoding.force}, for the pages and the JSON's Chinese), and the servlet
 * container writes that charset after any type set later. A charset on a PDF, a workbook or a picture says nothing
 * true, and a client that compares the type it stored with the one it downloads (an integrator's checksum job) sees
 * another. A type that names its own charset (the enterprise import's template, text/csv;charset=UTF-8) keeps it. Only
 * the service's own answers: the API documents springdoc sends as bytes are text and keep their charset.
 */
@ControllerAdvice(basePackages = "org.sanfu")
class FilesWithoutCharset implements ResponseBodyAdvice<byte[]> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return ByteArrayHttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public byte[] beforeBodyWrite(byte[] body, MethodParameter returnType, MediaType selected,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (selected.getCharset() == null && response instanceof ServletServerHttpResponse servlet) {
            // before the headers are written (with the first byte of the body): the type then goes out as set
            servlet.getServletResponse().setCharacterEncoding((String) null);
        }
        return body;
    }
}
