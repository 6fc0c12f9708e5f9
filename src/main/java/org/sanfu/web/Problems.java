package org.sanfu.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sanfu.Message;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Builds problem+json answers, both in controllers and in servlet filters (security, body size), with
 * the title of the status and the detail from the MessageSource in the API's language ({@link Languages}).
 */
@Component
public class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Messages messages;

    Problems(Messages messages) {
        this.messages = messages;
    }

    /** A problem of this status, its detail worded in the language of the request Spring MVC is handling. */
    ProblemDetail problem(HttpStatus status, Message detail) {
        return ProblemDetail.forStatusAndDetail(status, messages.text(detail));
    }

    /** The same, of a type a client tells apart from others of its status. */
    ProblemDetail problem(ProblemType type, HttpStatus status, Message detail) {
        ProblemDetail problem = problem(status, detail);
        problem.setType(type.uri());
        return problem;
    }

    /** The answer of a problem built in Spring MVC; its title is the status's own in the request's language. */
    ResponseEntity<Object> response(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .header(HttpHeaders.CONTENT_LANGUAGE, LocaleContextHolder.getLocale().toLanguageTag())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(titled(problem));
    }

    /** The problem with the title of its status in the request's language, and a type. */
    ProblemDetail titled(ProblemDetail problem) {
        problem.setTitle(messages.title(HttpStatusCode.valueOf(problem.getStatus()), LocaleContextHolder.getLocale()));
        if (problem.getType() == null) {
            problem.setType(URI.create("about:blank"));
        }
        return problem;
    }

    /**
     * Writes a problem directly to a servlet response, for errors raised outside Spring MVC (the
     * security filters' 401 and 403, a body too large), in the API's language for this request.
     */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, Message detail)
            throws IOException {
        write(request, response, null, status, detail);
    }

    /** The same, of a type a client tells apart from others of its status (null: {@code about:blank}). */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, HttpStatus status,
            Message detail) throws IOException {
        Locale locale = Languages.api(request);
        send(response, answer(type, status, messages.text(detail, locale), null, locale));
    }

    /** 400 naming the field (a header), as {@link InvalidInput} answers within Spring MVC. */
    public void writeInvalid(HttpServletRequest request, HttpServletResponse response, String field, Message fault)
            throws IOException {
        send(response, invalid(request, field, fault));
    }

    /**
     * The same 400 naming the field, for a caller that hands the answer to another framework instead of
     * writing it (an error mapper of Camunda's engine-rest, a Jersey application beside Spring MVC).
     */
    public Answer invalid(HttpServletRequest request, String field, Message fault) {
        Locale locale = Languages.api(request);
        String text = messages.text(fault, locale);
        return answer(ProblemType.INVALID, HttpStatus.BAD_REQUEST, field + ": " + text,
                List.of(Map.of("field", field, "message", text)), locale);
    }

    /** A problem to send: its status, its language (Content-Language) and its problem+json body in UTF-8. */
    public record Answer(int status, Locale language, byte[] body) {}

    private Answer answer(ProblemType type, HttpStatus status, String detail, List<Map<String, String>> errors,
            Locale locale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type == null ? "about:blank" : type.uri().toString());
        body.put("title", messages.title(status, locale));
        body.put("status", status.value());
        body.put("detail", detail);
        if (errors != null) {
            body.put("errors", errors);
        }
        try {
            return new Answer(status.value(), locale, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem of texts and a number could not be written as JSON", e);
        }
    }

    private static void send(HttpServletResponse response, Answer answer) throws IOException {
        response.setStatus(answer.status());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader(HttpHeaders.CONTENT_LANGUAGE, answer.language().toLanguageTag());
        try (OutputStream out = response.getOutputStream()) {
            out.write(answer.body());
        }
    }
}
