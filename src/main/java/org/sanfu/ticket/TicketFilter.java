package org.sanfu.ticket;

import java.time.Instant;
import java.util.List;

/**
 * The filters of {@code GET /api/tickets}; null means "any". {@code from}/{@code to} bound reportedAt.
 * {@code department} is a department the ticket involves (lead or co), {@code leadDepartment} its lead
 * only: the department the leaders' figures count it under. {@code open} true keeps the tickets not yet
 * CLOSED (the figures' 在办), false the CLOSED ones. {@code reporter} is the username of the person who
 * reported it (the visit's specialist, or dispatch for a hotline entry): a specialist's own problems.
 * {@code sources} keeps the tickets that came from any of them (VISIT, FORUM, HOTLINE, ONLINE, SYSTEMIC or a
 * channel's code): the office's hotline and online entries are two; null or empty means any.
 * {@code updatedSince} (addition) keeps the tickets changed at or after that moment (updatedAt), and orders the list
 * by updatedAt, then id, ascending: an integrator's pull. {@code afterId} (addition, only with updatedSince; null
 * means none) is where the pull's last page ended: of the tickets of that very moment only those of a greater id are
 * kept (keyset paging), so a ticket of that moment that changes meanwhile moves none of the others out of the pull, as
 * a page number would.
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
        Boolean open,
        String reporter,
        List<String> sources,
        Instant updatedSince,
        Long afterId) {

    public TicketFilter {
        sources = sources == null || sources.isEmpty() ? null : List.copyOf(sources);
    }

    /** Changed at any time. */
    public TicketFilter(TicketStatus status, String department, String category, String town, String enterprise,
            Boolean overdue, Instant from, Instant toExclusive, String q, String leadDepartment, Boolean open,
            String reporter, List<String> sources) {
        this(status, department, category, town, enterprise, overdue, from, toExclusive, q, leadDepartment, open,
                reporter, sources, null, null);
    }

    /** From any source. */
    public TicketFilter(TicketStatus status, String department, String category, String town, String enterprise,
            Boolean overdue, Instant from, Instant toExclusive, String q, String leadDepartment, Boolean open,
            String reporter) {
        this(status, department, category, town, enterprise, overdue, from, toExclusive, q, leadDepartment, open,
                reporter, null);
    }

    /** The tickets in {@code status} that {@code department} leads: a department's own, wherever they are now. */
    public static TicketFilter ledBy(String department, TicketStatus status) {
        return new TicketFilter(status, null, null, null, null, null, null, null, null, department, null, null, null);
    }

    /** The tickets {@code reporter} reported that are not CLOSED, in {@code status} (null: any of those). */
    public static TicketFilter openReportedBy(String reporter, TicketStatus status) {
        return new TicketFilter(status, null, null, null, null, null, null, null, null, null, true, reporter, null);
    }

    /** Of anyone who reported it. */
    public TicketFilter(TicketStatus status, String department, String category, String town, String enterprise,
            Boolean overdue, Instant from, Instant toExclusive, String q, String leadDepartment, Boolean open) {
        this(status, department, category, town, enterprise, overdue, from, toExclusive, q, leadDepartment, open,
                null, null);
    }

    /** Without open or not. */
    public TicketFilter(TicketStatus status, String department, String category, String town, String enterprise,
            Boolean overdue, Instant from, Instant toExclusive, String q, String leadDepartment) {
        this(status, department, category, town, enterprise, overdue, from, toExclusive, q, leadDepartment, null,
                null, null);
    }

    /** Without a lead department. */
    public TicketFilter(TicketStatus status, String department, String category, String town, String enterprise,
            Boolean overdue, Instant from, Instant toExclusive, String q) {
        this(status, department, category, town, enterprise, overdue, from, toExclusive, q, null, null, null, null);
    }
}
