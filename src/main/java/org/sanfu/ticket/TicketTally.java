package org.sanfu.ticket;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a visit's tickets stand, as a visit's card says it (事项 2 件：在办 1，待回访 1): the specialist who logged it
 * sees from /work or the profile which problems are still with a department, which wait for the enterprise's
 * feedback and which are closed, without opening each. 在办 is every status before a reply (a supervision too).
 */
public record TicketTally(int total, int open, int awaitingFeedback, int closed) {

    /** The tally of tickets in these statuses. */
    public static TicketTally of(Collection<TicketStatus> statuses) {
        int awaiting = (int) statuses.stream().filter(s -> s == TicketStatus.REPLIED).count();
        int closed = (int) statuses.stream().filter(s -> s == TicketStatus.CLOSED).count();
        return new TicketTally(statuses.size(), statuses.size() - awaiting - closed, awaiting, closed);
    }

    /** The tallies of these tickets' visits, by visit id; a channel's tickets (no visit) are left out. */
    public static Map<String, TicketTally> byVisit(List<TicketView> tickets) {
        return tickets.stream().filter(t -> t.visitId() != null)
                .collect(Collectors.groupingBy(TicketView::visitId, Collectors.collectingAndThen(
                        Collectors.mapping(TicketView::status, Collectors.toList()), TicketTally::of)));
    }
}
