package org.sanfu.web;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.sanfu.DomainException;
import org.sanfu.LockFailures;
import org.sanfu.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error answer is RFC 9457 problem+json, and none carries a stack trace. The one place where
 * a domain error becomes an HTTP status: services and process listeners throw DomainException and
 * know nothing of HTTP. Title, detail and field messages are worded from the MessageSource in the
 * request's language ({@link Languages}): the status's title, and the exception's {@link Message}.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    /** When a request that lost a race may come again (Retry-After). */
    static final int LOST_RACE_RETRY_SECONDS = 1;

    private final JsonBodies bodies;
    private final ErrorPages errorPages;
    private final Problems problems;
    private final Messages messages;

    ProblemAdvice(JsonBodies bodies, ErrorPages errorPages, Problems problems, Messages messages) {
        this.bodies = bodies;
        this.errorPages = errorPages;
        this.problems = problems;
        this.messages = messages;
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e) {
        if (e instanceof InvalidInput invalid) {
            return invalid(invalid);
        }
        HttpStatus status = status(e);
        // A new kind of domain error must be given its status here; until then it is our fault.
        if (status == null) {
            return unexpected(e);
        }
        ProblemType type = type(e);
        return problem(type == null ? problems.problem(status, e.detail()) : problems.problem(type, status, e.detail()));
    }

    /** The 409s a client must tell apart: a duplicate from a state that does not allow it; others' status says it. */
    private static ProblemType type(DomainException e) {
        if (e instanceof DomainException.Exists) {
            return ProblemType.EXISTS;
        }
        return e instanceof DomainException.NotNow ? ProblemType.NOT_NOW : null;
    }

    private static HttpStatus status(DomainException e) {
        if (e instanceof DomainException.NotFound) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof DomainException.NotYours) {
            return HttpStatus.FORBIDDEN;
        }
        if (e instanceof DomainException.NotNow) {
            return HttpStatus.CONFLICT;
        }
        return null;
    }

    /** 400: the detail names the first field at fault, {@code errors} every one, all in the request's language. */
    private ResponseEntity<Object> invalid(InvalidInput e) {
        ProblemDetail problem = problems.problem(ProblemType.INVALID, HttpStatus.BAD_REQUEST, e.detail());
        problem.setProperty("errors", messages.errors(e));
        return problem(problem);
    }

    /** Statuses only the web layer can name (a body over the size limit). */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        return problem(problems.problem(e.status(), e.detail()));
    }

    /**
     * Two commands raced for the same rows; the loser changed nothing and may simply retry: its own type, and
     * Retry-After, a second (the other request's moment, or the lock wait a new attempt begins afresh).
     */
    @ExceptionHandler({OptimisticLockingException.class, PessimisticLockingFailureException.class})
    ResponseEntity<Object> concurrent(Exception e) {
        HttpHeaders retry = new HttpHeaders();
        retry.set(HttpHeaders.RETRY_AFTER, String.valueOf(LOST_RACE_RETRY_SECONDS));
        return answer(problems.problem(ProblemType.LOST_RACE, HttpStatus.CONFLICT,
                Message.of("sanfu.problem.concurrent")), retry);
    }

    /**
     * A parameter the framework could not convert: a page or size says what it may be (a whole number from 0 to N,
     * as a page too deep says), with the other's fault when both are wrong (PageParams.unreadable), where "is not a
     * valid value" left an integrator guessing; others as before.
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> parameter(MethodArgumentTypeMismatchException e, jakarta.servlet.http.HttpServletRequest request) {
        InvalidInput paging = PageParams.unreadable(e.getName(), request.getParameter("page"), request.getParameter("size"));
        return invalid(paging != null ? paging : InvalidInput.of(e.getName(), Message.of("sanfu.validation.invalid-value")));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (LockFailures.among(e)) {
            // the engine's own SQL waited past the lock timeout, or lost a deadlock: as raced as the above
            log.info("a request gave way to another transaction's lock; answered 409: {}", e.toString());
            return concurrent(e);
        }
        log.error("unexpected error", e);
        return problem(problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, Message.of("sanfu.problem.unexpected")));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof PayloadTooLarge tooLarge) {
            return problem(problems.problem(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.detail()));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return invalid(InvalidInput.of(JsonBodies.path(mismatch), bodies.message(mismatch)));
        }
        return invalid(bodies.unreadable(e));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Bean Validation worded each message from the same MessageSource, in the request's language
        List<InvalidInput.Fault> faults = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new InvalidInput.Fault(f.getField(), Message.worded(f.getDefaultMessage())))
                .toList();
        return invalid(new InvalidInput(faults));
    }

    /** Spring MVC's own refusals (405, 415, an unknown path...): their detail in our words, from the MessageSource. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Object problem = body == null && e instanceof ErrorResponse refusal ? refusal.getBody() : body;
        if (problem instanceof ProblemDetail detail) {
            detail.setDetail(messages.text(detail(e, status, request)));
        }
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }

    private static Message detail(Exception e, HttpStatusCode status, WebRequest request) {
        if (e instanceof HttpRequestMethodNotSupportedException method) {
            String[] allowed = method.getSupportedMethods();
            return Message.of("sanfu.problem.method-not-allowed", "method", method.getMethod(),
                    "allowed", allowed == null ? List.of() : List.of(allowed));
        }
        if (e instanceof HttpMediaTypeNotSupportedException media) {
            return media.getContentType() == null
                    ? Message.of("sanfu.problem.unreadable-media-type", "supported", supported(media))
                    : Message.of("sanfu.problem.unsupported-media-type", "type", media.getContentType(),
                            "supported", media.getSupportedMediaTypes());
        }
        if (e instanceof HttpMediaTypeNotAcceptableException media) {
            return Message.of("sanfu.problem.not-acceptable", "supported", media.getSupportedMediaTypes());
        }
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "";
            return Message.of("sanfu.problem.no-such-path", "path", path);
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return Message.of("sanfu.problem.missing-parameter", "name", missing.getParameterName());
        }
        return Message.of("sanfu.problem.refused", "status", status.value());
    }

    /**
     * What to send instead of no content type: what the endpoint consumes when it names types other than
     * JSON (the import's text/csv), else application/json, not the converters' long list of JSON variants.
     */
    private static List<MediaType> supported(HttpMediaTypeNotSupportedException media) {
        List<MediaType> consumed = media.getSupportedMediaTypes();
        return consumed.isEmpty() || consumed.stream().anyMatch(JsonMedia::isJson)
                ? List.of(MediaType.APPLICATION_JSON) : consumed;
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            return answer(problem, headers);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<Object> problem(ProblemDetail problem) {
        return answer(problem, HttpHeaders.EMPTY);
    }

    /**
     * problem+json for the API and the operators' endpoints; a workbench page (a request outside them)
     * gets the Chinese error page with the same status instead: an unknown path, a GET on a form's
     * address, a parameter of the wrong type, or our own fault.
     */
    private ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current
                && current.getResponse() != null && isPage(current.getRequest().getRequestURI())) {
            try {
                errorPages.render(current.getRequest(), current.getResponse(), HttpStatus.valueOf(problem.getStatus()));
            } catch (java.io.IOException gone) {
                log.debug("the client went away before its error page", gone);
            }
            return null;
        }
        return problems.response(problem, headers);
    }

    /** Whether a request at this path (within the context) is a workbench page's, not the API's or an operator's. */
    static boolean isPage(String path) {
        return !(path.equals("/api") || path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/v3/api-docs")
                || path.startsWith("/swagger-ui") || path.startsWith("/camunda") || path.startsWith("/engine-rest"));
    }
}
