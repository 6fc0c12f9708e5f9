package org.sanfu.ticket;

/**
 * The ticket module's published read side for other modules' SQL (the leaders' figures, the
 * reports): the database view {@value #VIEW}, one row per ticket, created by
 * {@code db/migration/V5__published_read_views.sql}, which lists its columns ({@code overdue_since}
 * added by {@code V9__overdue_since.sql}). Other modules read tickets through this view or
 * {@link TicketQueries}, never the ticket tables, so this module may change its tables as long as the
 * view keeps its columns and their meaning.
 */
public final class TicketFacts {

    /** The view's name, to select from. */
    public static final String VIEW = "ticket_facts";

    /**
     * 超期在办, as every figure and list counts it (alias {@code t}): not closed, and a deadline missed.
     * The same rule as {@link #OPEN_OVERDUE_AT} at the present moment, on the indexed flags.
     */
    public static final String OPEN_OVERDUE = "t.status <> 'CLOSED' and t.overdue";

    /**
     * 超期在办 at the end of a moment, for a day that has passed (alias {@code t}; its three parameters
     * are that moment, exclusive): reported before it, its first missed deadline before it, and not
     * closed by then. Tickets logged late count from when the enterprise spoke, as everywhere.
     */
    public static final String OPEN_OVERDUE_AT =
            "t.reported_at < ? and t.overdue_since < ? and (t.closed_at is null or t.closed_at >= ?)";

    private TicketFacts() {
    }
}
