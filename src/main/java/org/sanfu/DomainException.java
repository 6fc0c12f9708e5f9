package org.sanfu;

/**
 * Why a use case refused, in the domain's words: the thing does not exist, it is not the caller's,
 * the ticket's state does not allow it now, or the input is invalid. Services and process
 * listeners throw these; web.ProblemAdvice alone turns them into problem+json answers. Each carries
 * its {@link #detail()} as a {@link Message}, which the answer words in the request's language;
 * {@link #getMessage()} is the same in English, for logs.
 */
public abstract class DomainException extends RuntimeException {

    private final transient Message detail;

    protected DomainException(Message detail) {
        super(detail.english());
        this.detail = detail;
    }

    /** What went wrong, as a message of the MessageSource. */
    public Message detail() {
        return detail;
    }

    /** An id that names nothing (404): {@code what} names the message {@code sanfu.not-found.<what>}. */
    public static final class NotFound extends DomainException {
        public NotFound(String what, String id) {
            super(Message.of("sanfu.not-found." + what, "id", id));
        }
    }

    /** The thing exists, but it is not the caller's to see or to act on (403). */
    public static final class NotYours extends DomainException {
        public NotYours(Message detail) {
            super(detail);
        }
    }

    /** The state does not allow it now, or the thing exists already ({@link Exists}) (409). */
    public static class NotNow extends DomainException {
        public NotNow(Message detail) {
            super(detail);
        }
    }

    /**
     * What this would create exists already, a duplicate (409 as any {@link NotNow}, which pages catch): the API
     * tells it apart from a state that does not allow the action by its problem's type.
     */
    public static final class Exists extends NotNow {
        public Exists(Message detail) {
            super(detail);
        }
    }
}
