package org.sanfu.ticket;

/**
 * The ticket module's published read side for other modules' SQL (the leaders' figures, the
 * reports): the database view {@value #VIEW}, one row per ticket, created by
 * {@code db/migration/V5__published_read_views.sql}, which lists its columns. Other modules read
 * tickets through this view or {@link TicketQueries}, never the ticket tables, so this module may
 * change its tables as long as the view keeps its columns and their meaning.
 */
public final class TicketFacts {

    /** The view's name, to select from. */
    public static final String VIEW = "ticket_facts";

    private TicketFacts() {
    }
}
