package org.sanfu.ticket;

/**
 * Where a visit's problems were heard: a visit (走访), a forum (座谈会), the hotline or online. A ticket's
 * own source is a string, since it may also be a channel's code (a 12345 hotline filing by machine) or
 * SYSTEMIC (the case of a systemic problem); these four are the ones a person can log.
 */
public enum Source {
    VISIT, FORUM, HOTLINE, ONLINE
}
