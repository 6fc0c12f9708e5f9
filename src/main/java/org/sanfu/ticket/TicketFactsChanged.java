package org.sanfu.ticket;

import java.util.List;

/**
 * Published just before a transaction that changed tickets commits, inside it: every ticket it wrote
 * to, with its published facts as the transaction found them and as it leaves them (equal when only
 * other columns changed: co-departments, tasks, clocks). Whoever keeps figures derived
 * from tickets applies the difference here, so they commit, or roll back, with the change itself.
 */
public record TicketFactsChanged(List<Change> changes) {

    /** One ticket: {@code before} is null for a ticket the transaction created. */
    public record Change(long id, TicketFacts.Row before, TicketFacts.Row after) {
    }
}
