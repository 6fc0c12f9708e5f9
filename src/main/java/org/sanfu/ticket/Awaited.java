package org.sanfu.ticket;

import java.util.List;
import java.util.function.Predicate;

/**
 * What a ticket waits on that only its history says: the return dispatch arbitrates (the department's reason, who,
 * when), the escalation a task force is to answer (the level and the reason, who, when) and the enterprise's 不满意
 * a reopened ticket is to answer (its reason, who recorded it, when). One reader of each, over
 * a ticket's events oldest first, for its /work card (TicketQueries reads a page of tickets' events from the latest of
 * the action on, in one query) and for its page (the whole history): any run of events that ends the history and holds
 * that latest one gives the same answer.
 */
public enum Awaited {

    /** A returned ticket waiting for dispatch to assign it again (kept its lead, so 交回 rejects the return). */
    RETURN(TicketAction.RETURN, TicketView::returnedByLead),
    /** A ticket with a task force: the escalation that sent it there. */
    ESCALATION(TicketAction.ESCALATE, ticket -> ticket.status() == TicketStatus.ESCALATED),
    /**
     * A ticket handled again after the enterprise's 不满意 (TicketView#handledAgain): the rating that sent it back, the
     * latest one, since no reply has come after it; its text is the grade and the enterprise's reason.
     */
    REOPEN(TicketAction.FEEDBACK, TicketView::handledAgain);

    private final TicketAction action;
    private final Predicate<TicketView> waits;

    Awaited(TicketAction action, Predicate<TicketView> waits) {
        this.action = action;
        this.waits = waits;
    }

    /** The action whose latest event it is. */
    TicketAction action() {
        return action;
    }

    /** Whether the ticket waits on it now; a ticket that does not has nothing to read. */
    public boolean waits(TicketView ticket) {
        return waits.test(ticket);
    }

    /** The event the ticket waits on, the latest of the action in these events; null when it waits on none. */
    public TicketEvent in(TicketView ticket, List<TicketEvent> events) {
        if (!waits(ticket)) {
            return null;
        }
        for (int i = events.size() - 1; i >= 0; i--) {
            if (action.urlName().equals(events.get(i).action())) {
                return events.get(i);
            }
        }
        return null;
    }
}
