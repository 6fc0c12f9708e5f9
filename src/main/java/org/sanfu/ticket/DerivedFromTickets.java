package org.sanfu.ticket;

/**
 * What another module keeps derived from the ticket rows (pre-computed figures, a search index), so
 * that it can be recomputed from them: after the data generator's bulk load, a restored backup, or
 * rows written by other tools ({@code --rebuild-figures}, README).
 */
public interface DerivedFromTickets {

    /** Recomputes everything it derives from the ticket and ticket_event rows, committing its own work. */
    void rebuildFromTickets();
}
