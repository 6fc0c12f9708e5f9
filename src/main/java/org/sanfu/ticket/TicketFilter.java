package org.sanfu.ticket;

import java.time.Instant;

/** The filters of {@code GET /api/tickets}; null means "any". {@code from}/{@code to} bound reportedAt. */
public record TicketFilter(
        TicketStatus status,
        String department,
        String category,
        String town,
        String enterprise,
        Boolean overdue,
        Instant from,
        Instant toExclusive,
        String q) {
}
