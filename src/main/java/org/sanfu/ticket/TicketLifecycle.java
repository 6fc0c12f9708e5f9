package org.sanfu.ticket;

import java.time.Clock;
import java.time.Instant;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.routing.RoutingDecision;
import org.sanfu.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * What the ticket process writes to the read model as it moves. Called only from the listeners in
 * bpmn/ticket.bpmn, inside the transaction of the command that moved the process.
 */
@Service
public class TicketLifecycle {

    private final Tickets tickets;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    TicketLifecycle(Tickets tickets, WorkingDayCalendar calendar, Clock clock) {
        this.tickets = tickets;
        this.calendar = calendar;
        this.clock = clock;
    }

    public void enter(long ticketId, TicketStatus status) {
        tickets.setStatus(ticketId, status, clock.instant());
    }

    /**
     * The routing decision: its departments and limits. The reply clock runs from the moment the
     * enterprise spoke, so a visit logged late may be overdue at once; the sign clock from now.
     */
    public void routed(long ticketId, RoutingDecision decision) {
        Ticket ticket = get(ticketId);
        Instant now = clock.instant();
        Instant replyDeadline = calendar.plusWorkingDays(ticket.reportedAt(), decision.replyLimit());
        Instant signDeadline = decision.routed() ? calendar.plusWorkingDays(now, decision.signLimit()) : null;
        tickets.route(ticketId, decision.leadDepartment(), decision.coDepartments(), decision.signLimit(),
                decision.replyLimit(), decision.routed() ? now : null, signDeadline, replyDeadline, now);
        if (replyDeadline.isBefore(now)) {
            tickets.markReplyOverdue(ticketId);
        }
    }

    /** The enterprise was dissatisfied: the department gets a fresh reply limit from now. */
    public void reopen(long ticketId) {
        Ticket ticket = get(ticketId);
        Instant now = clock.instant();
        tickets.reopened(ticketId, calendar.plusWorkingDays(now, ticket.replyLimit()), now);
    }

    /** The co-departments whose parts the handling opens (the multi-instance collection). */
    public java.util.List<String> coDepartments(long ticketId) {
        return tickets.coDepartments(ticketId);
    }

    public void partOpened(long ticketId, String department) {
        tickets.openPart(ticketId, department);
    }

    /**
     * Handling ended (reply, return or escalation): no co-department part stays open, and a pending
     * extension request is withdrawn with it.
     */
    public void handlingEnded(long ticketId) {
        Ticket ticket = get(ticketId);
        tickets.closeParts(ticketId);
        if (ticket.extensionRequest() != null) {
            tickets.extensionDecided(ticketId, ticket.replyDeadline(), clock.instant());
        }
    }

    private Ticket get(long ticketId) {
        return tickets.find(ticketId).orElseThrow(() -> ApiException.notFound("ticket", String.valueOf(ticketId)));
    }
}
