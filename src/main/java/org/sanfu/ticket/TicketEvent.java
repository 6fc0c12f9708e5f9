package org.sanfu.ticket;

import java.time.Instant;
import org.sanfu.Actors;

/** One line of a ticket's history: who did what, when, and how its status moved. */
public record TicketEvent(Instant at, String actor, String action, TicketStatus fromStatus, TicketStatus toStatus,
        String detail) {

    /** The actor of what the service did by itself. */
    public static final String SYSTEM = Actors.SYSTEM;

    /** The first event of every ticket: its actor logged the problem, whoever follows the ticket later (工作交接). */
    public static final String REPORT = "report";
}
