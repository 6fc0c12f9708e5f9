package org.sanfu.ticket;

import java.util.Arrays;
import java.util.List;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;

/** Who may see a ticket and whose each action is: the one place both reads and actions ask. */
final class TicketPolicy {

    private TicketPolicy() {
    }

    /** A department sees the tickets it leads or co-handles; every other role sees all. */
    static boolean maySee(Ticket ticket, Caller caller) {
        return !caller.is(Role.DEPT) || ticket.involves(caller.department());
    }

    /** Whether the action is the caller's on this ticket, whatever its status (else 403). */
    static boolean belongsTo(TicketAction action, Ticket ticket, Caller caller) {
        return switch (action) {
            case ASSIGN -> caller.is(Role.DISPATCH);
            case SIGN, RETURN, REPLY -> caller.isDepartment(ticket.leadDepartment());
            case FEEDBACK -> caller.is(Role.STAFF);
        };
    }

    /** The actions the caller may take on the ticket now. */
    static List<String> allowedActions(Ticket ticket, Caller caller) {
        return Arrays.stream(TicketAction.values())
                .filter(a -> a.offeredIn(ticket.status()) && belongsTo(a, ticket, caller))
                .map(TicketAction::urlName)
                .toList();
    }
}
