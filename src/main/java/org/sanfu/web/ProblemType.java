package org.sanfu.web;

import java.net.URI;

/**
 * The problems a client must tell apart by more than their status (RFC 9457 3.1.1), each with a {@code type} of its
 * own; every other problem's status says it all, and its type stays {@code about:blank}. URNs, not addresses: the
 * service runs at each deployer's own host, so no address of it names a type the same everywhere, and a client never
 * needs to dereference a type (API.md "General" says what each means).
 */
public enum ProblemType {

    /** 409 that changed nothing because another request held or changed the same rows: send it again. */
    LOST_RACE("lost-race"),
    /** 409: the state of the thing (a ticket's status, say) does not allow this now; the same request will not do. */
    NOT_NOW("not-now"),
    /** 409: what this would create exists already (a credit code, a channel's code, a user name...). */
    EXISTS("exists"),
    /** 400 whose {@code errors} name each field or parameter at fault. */
    INVALID("invalid"),
    /** 429: sign-ins of the account or address are locked after too many failures until Retry-After has passed. */
    SIGN_IN_LOCKED("sign-in-locked");

    private static final String PREFIX = "urn:sanfu:problem:";

    private final URI uri;

    ProblemType(String name) {
        this.uri = URI.create(PREFIX + name);
    }

    public URI uri() {
        return uri;
    }
}
