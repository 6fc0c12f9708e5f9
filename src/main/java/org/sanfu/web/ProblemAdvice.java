package org.sanfu.web;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.sanfu.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error answer is RFC 9457 problem+json, and none carries a stack trace. The one place where
 * a domain error becomes an HTTP status: services and process listeners throw DomainException and
 * know nothing of HTTP.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final JsonBodies bodies;
    private final ErrorPages errorPages;

    ProblemAdvice(JsonBodies bodies, ErrorPages errorPages) {
        this.bodies = bodies;
        this.errorPages = errorPages;
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e) {
        if (e instanceof InvalidInput invalid) {
            return invalid(invalid);
        }
        HttpStatus status = status(e);
        // A new kind of domain error must be given its status here; until then it is our fault.
        return status == null ? unexpected(e) : problem(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
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

    private static ResponseEntity<Object> invalid(InvalidInput e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("errors", e.errors());
        return problem(problem);
    }

    /** Statuses only the web layer can name (a body over the size limit), and the ticket module's old ones. */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        return problem(ProblemDetail.forStatusAndDetail(e.status(), e.getMessage()));
    }

    /**
     * An unknown path: problem+json under /api; elsewhere the Chinese error page.
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet && !servlet.getRequest().getRequestURI().startsWith("/api/")
                && servlet.getResponse() != null) {
            try {
                errorPages.render(servlet.getRequest(), servlet.getResponse(), HttpStatus.NOT_FOUND);
                return null;
            } catch (java.io.IOException gone) {
                log.debug("the client went away before its 404 page", gone);
                return null;
            }
        }
        return super.handleNoResourceFoundException(e, headers, status, request);
    }

    /** Two commands raced for the same ticket; the loser changed nothing and may simply retry. */
    @ExceptionHandler({OptimisticLockingException.class, PessimisticLockingFailureException.class})
    ResponseEntity<Object> concurrent(RuntimeException e) {
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "the ticket was changed by another request at the same moment; reload it and try again"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> parameter(MethodArgumentTypeMismatchException e) {
        return invalid(InvalidInput.of(e.getName(), "is not a valid value"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "an unexpected error occurred; it has been logged"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof PayloadTooLarge tooLarge) {
            return problem(ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage()));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return invalid(InvalidInput.of(JsonBodies.path(mismatch), bodies.message(mismatch)));
        }
        return invalid(bodies.unreadable());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidInput.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new InvalidInput.FieldError(f.getField(), f.getDefaultMessage()))
                .toList();
        return invalid(new InvalidInput(errors));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            return problem(problem, headers);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return problem(problem, HttpHeaders.EMPTY);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem, HttpHeaders headers) {
        return Problems.response(problem, headers);
    }
}
