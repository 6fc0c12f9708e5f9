package org.sanfu.ticket;

/**
 * A department (reply) or the task force (escalation-reply) answered a ticket: published inside the
 * action's transaction, so that a listener's work (a systemic problem's case replying its members)
 * commits with the reply or not at all.
 */
public record TicketReplied(long ticketId, String resolution, Outcome outcome) {
}
