package org.sanfu.ticket;

import java.time.Instant;

/**
 * The filters of {@code GET /api/tickets}; null means "any". {@code from}/{@code to} bound reportedAt.
 * {@code department} is a department the ticket involves (lead or co), {@code leadDepartment} its lead
 * only: the department the leaders' figures count it under. {@code open} true keeps the tickets not yet
 * CLOSED (the figures' 在办), false the CLOSED ones.
 */
public record TicketFilter(
        TicketStatus status,
        String department,
        String category,
        String town,
        String enterprise,
        Boolean overdue,
        Instant from,
        Instant toExclusive,
        String q,
        String leadDepartment,
        Boolean open) {

    /** Without open or not. */
    public TicketFilter(TicketStatus status, String department, String category, String town, String enterprise,
            Boolean overdue, Instant from, Instant toExclusive, String q, String leadDepartment) {
        this(status, department, category, town, enterprise, overdue, from, toExclusive, q, leadDepartment, null);
    }

    /** Without a lead department. */
    public TicketFilter(TicketStatus status, String department, String category, String town, String enterprise,
            Boolean overdue, Instant from, Instant toExclusive, String q) {
        this(status, department, category, town, enterprise, overdue, from, toExclusive, q, null, null);
    }
}
