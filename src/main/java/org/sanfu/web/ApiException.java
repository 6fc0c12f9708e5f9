package org.sanfu.web;

import org.springframework.http.HttpStatus;

/**
 * An answer other than 2xx that only the web layer can name (a body over the size limit), rendered
 * as problem+json by {@link ProblemAdvice}. Services throw {@link org.sanfu.DomainException} instead.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    protected ApiException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
