package org.sanfu.ticket;

import java.time.Instant;
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
            case ASSIGN, APPROVE_EXTENSION, REJECT_EXTENSION, ESCALATION_REPLY -> caller.is(Role.DISPATCH);
            case SIGN, RETURN, REPLY, EXTEND, ESCALATE -> caller.isDepartment(ticket.leadDepartment());
            case CONTRIBUTE -> caller.is(Role.DEPT) && ticket.coDepartments().contains(caller.department());
            case FEEDBACK -> caller.is(Role.STAFF);
            case RULE -> caller.is(Role.LEADER);
            case COMMENT -> maySee(ticket, caller);
        };
    }

    /**
     * Whether the ticket's state offers the action now: its status, and for some actions what is
     * pending (co-department parts, an extension request), and for an extension the time: it may only
     * be asked before the reply deadline. A taken action is refused with 409 otherwise.
     */
    static boolean offeredNow(TicketAction action, Ticket ticket, Caller caller, Instant now) {
        if (!action.offeredIn(ticket.status())) {
            return false;
        }
        return switch (action) {
            case REPLY -> ticket.openParts().isEmpty();
            case EXTEND -> ticket.extensionRequest() == null && ticket.replyDeadline() != null
                    && now.isBefore(ticket.replyDeadline());
            case APPROVE_EXTENSION, REJECT_EXTENSION -> ticket.extensionRequest() != null;
            case CONTRIBUTE -> ticket.hasOpenPart(caller.department());
            default -> true;
        };
    }

    /** The actions the caller may take on the ticket now. */
    static List<String> allowedActions(Ticket ticket, Caller caller, Instant now) {
        return Arrays.stream(TicketAction.values())
                .filter(a -> belongsTo(a, ticket, caller) && offeredNow(a, ticket, caller, now))
                .map(TicketAction::urlName)
                .toList();
    }
}
