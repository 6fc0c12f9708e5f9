package org.sanfu.visit;

import java.time.Instant;
import java.util.List;
import org.sanfu.enterprise.OperatingStatus;
import org.sanfu.ticket.Source;
import org.sanfu.ticket.TicketView;

/** A visit as API.md shows it, with its tickets in the order of its problems. */
public record VisitView(String id, String enterpriseCreditCode, Instant visitedAt, String staff, Source source,
        OperatingStatus operatingStatus, Integer orderBacklogMonths, String notes, Instant createdAt,
        List<TicketView> tickets) {

    static VisitView of(Visit v, List<TicketView> tickets) {
        return new VisitView(String.valueOf(v.id()), v.enterpriseCreditCode(), v.visitedAt(), v.staff(), v.source(),
                v.operatingStatus(), v.orderBacklogMonths(), v.notes(), v.createdAt(), tickets);
    }
}
