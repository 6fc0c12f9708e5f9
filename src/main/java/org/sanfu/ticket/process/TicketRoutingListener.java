package org.sanfu.ticket.process;

import org.sanfu.ticket.TicketLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code ${ticketRouting.routed(...)}} in Task_Route: stores the routing table's answer on the ticket and
 * gives the diagram the lead department (null when no rule names one) for its gateway and tasks.
 */
@Component("ticketRouting")
public class TicketRoutingListener {

    private final TicketLifecycle lifecycle;

    TicketRoutingListener(TicketLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public String routed(String businessKey) {
        return lifecycle.routed(TicketProcess.ticketId(businessKey), null);
    }

    /** @param namedLead the lead department dispatch named at the start (a systemic problem's case), or null */
    public String routed(String businessKey, Object namedLead) {
        return lifecycle.routed(TicketProcess.ticketId(businessKey), namedLead == null ? null : namedLead.toString());
    }
}
