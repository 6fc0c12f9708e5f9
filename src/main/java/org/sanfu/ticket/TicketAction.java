package org.sanfu.ticket;

import java.util.Set;

/** The actions of API.md, by their URL name, and the statuses in which the process offers each. */
public enum TicketAction {
    ASSIGN("assign", TicketStatus.DISPATCHING),
    SIGN("sign", TicketStatus.ASSIGNED),
    RETURN("return", TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS),
    REPLY("reply", TicketStatus.IN_PROGRESS),
    FEEDBACK("feedback", TicketStatus.REPLIED);

    private final String urlName;
    private final Set<TicketStatus> offeredIn;

    TicketAction(String urlName, TicketStatus first, TicketStatus... more) {
        this.urlName = urlName;
        this.offeredIn = java.util.EnumSet.of(first, more);
    }

    public String urlName() {
        return urlName;
    }

    boolean offeredIn(TicketStatus status) {
        return offeredIn.contains(status);
    }
}
