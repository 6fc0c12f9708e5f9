package org.sanfu;

/**
 * Why a use case refused, in the domain's words: the thing does not exist, it is not the caller's,
 * the ticket's state does not allow it now, or the input is invalid. Services and process
 * listeners throw these; web.ProblemAdvice alone turns them into problem+json answers.
 */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String detail) {
        super(detail);
    }

    /** An id that names nothing (404). */
    public static final class NotFound extends DomainException {
        public NotFound(String what, String id) {
            super(what + " " + id + " does not exist");
        }
    }

    /** The thing exists, but it is not the caller's to see or to act on (403). */
    public static final class NotYours extends DomainException {
        public NotYours(String detail) {
            super(detail);
        }
    }

    /** The state does not allow it now, or the thing exists already (409). */
    public static final class NotNow extends DomainException {
        public NotNow(String detail) {
            super(detail);
        }
    }
}
