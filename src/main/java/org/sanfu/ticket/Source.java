package org.sanfu.ticket;

/** Where a problem was heard: a visit (走访), a forum (座谈会), the hotline or online. */
public enum Source {
    VISIT, FORUM, HOTLINE, ONLINE
}
