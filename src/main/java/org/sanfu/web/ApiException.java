package org.sanfu.web;

import org.sanfu.Message;
import org.springframework.http.HttpStatus;

/**
 * An answer other than 2xx that only the web layer can name (a body over the size limit), rendered
 * as problem+json by {@link ProblemAdvice}. Services throw {@link org.sanfu.DomainException} instead.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final transient Message detail;

    protected ApiException(HttpStatus status, Message detail) {
        super(detail.english());
        this.status = status;
        this.detail = detail;
    }

    public HttpStatus status() {
        return status;
    }

    public Message detail() {
        return detail;
    }
}
