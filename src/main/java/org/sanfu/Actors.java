package org.sanfu;

/**
 * Actors of a ticket's history that are no person's account: the service itself. Here, not in the ticket module, so
 * that the accounts' module can refuse the name to a person without depending on the tickets' (which depend on it).
 */
public final class Actors {

    /** What the service did by itself (a route, a timer's mark, a close unrated): shown as 系统. */
    public static final String SYSTEM = "system";

    private Actors() {
    }
}
