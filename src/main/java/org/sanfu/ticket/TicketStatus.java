package org.sanfu.ticket;

/** The statuses of API.md; the process in bpmn/ticket.bpmn moves a ticket between them. */
public enum TicketStatus {
    DISPATCHING, ASSIGNED, IN_PROGRESS, ESCALATED, REPLIED, SUPERVISION, CLOSED
}
