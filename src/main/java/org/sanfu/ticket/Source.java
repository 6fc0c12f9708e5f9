package org.sanfu.ticket;

import java.util.Arrays;
import java.util.List;

/**
 * Where a visit's problems were heard: a visit (走访), a forum (座谈会), the hotline or online. A ticket's
 * own source is a string, since it may also be a channel's code (a 12345 hotline filing by machine) or
 * SYSTEMIC (the case of a systemic problem); these four are the ones a person can log.
 */
public enum Source {
    VISIT, FORUM, HOTLINE, ONLINE;

    /**
     * An entry: what an enterprise reported by telephone or online, logged by dispatch (热线诉求, 网上诉求),
     * not a meeting with it (走访, 座谈会). Dispatch logs entries only; pages word an entry's record its way.
     */
    public boolean isEntry() {
        return this == HOTLINE || this == ONLINE;
    }

    /** The entries' sources by name (HOTLINE, ONLINE): what the office's #hotlineReplied lists, and its link asks for. */
    public static List<String> entries() {
        return Arrays.stream(values()).filter(Source::isEntry).map(Source::name).toList();
    }

    /**
     * Whether a ticket's source names an entry ({@link #isEntry()}); a channel's code or SYSTEMIC does not. The rule
     * Ticket's and TicketView's {@code fromEntry()} ask.
     */
    public static boolean isEntry(String source) {
        return Arrays.stream(values()).anyMatch(s -> s.isEntry() && s.name().equals(source));
    }
}
