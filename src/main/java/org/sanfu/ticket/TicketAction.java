package org.sanfu.ticket;

import java.util.EnumSet;
import java.util.Set;

/** The actions of API.md, by their URL name, and the statuses in which the process offers each. */
public enum TicketAction {
    ASSIGN("assign", EnumSet.of(TicketStatus.DISPATCHING)),
    SIGN("sign", EnumSet.of(TicketStatus.ASSIGNED)),
    RETURN("return", EnumSet.of(TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS)),
    CONTRIBUTE("contribute", EnumSet.of(TicketStatus.IN_PROGRESS)),
    REPLY("reply", EnumSet.of(TicketStatus.IN_PROGRESS)),
    EXTEND("extend", EnumSet.of(TicketStatus.IN_PROGRESS)),
    APPROVE_EXTENSION("approve-extension", EnumSet.of(TicketStatus.IN_PROGRESS)),
    REJECT_EXTENSION("reject-extension", EnumSet.of(TicketStatus.IN_PROGRESS)),
    ESCALATE("escalate", EnumSet.of(TicketStatus.IN_PROGRESS)),
    ESCALATION_REPLY("escalation-reply", EnumSet.of(TicketStatus.ESCALATED)),
    FEEDBACK("feedback", EnumSet.of(TicketStatus.REPLIED)),
    RULE("rule", EnumSet.of(TicketStatus.SUPERVISION)),
    COMMENT("comment", EnumSet.allOf(TicketStatus.class));

    private final String urlName;
    private final Set<TicketStatus> offeredIn;

    TicketAction(String urlName, Set<TicketStatus> offeredIn) {
        this.urlName = urlName;
        this.offeredIn = offeredIn;
    }

    public String urlName() {
        return urlName;
    }

    boolean offeredIn(TicketStatus status) {
        return offeredIn.contains(status);
    }
}
