package org.sanfu.ticket.process;

import java.util.Map;
import org.sanfu.ticket.TicketLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code ${ticketRouting.routed(...)}} after Task_Route: stores the DMN's answer on the ticket and
 * gives the diagram the lead department (null when no rule names one) for its gateway and tasks.
 */
@Component("ticketRouting")
public class TicketRoutingListener {

    private final TicketLifecycle lifecycle;

    TicketRoutingListener(TicketLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** @param result the decision's single result, or null when no rule matched */
    public String routed(String businessKey, Map<String, Object> result) {
        return lifecycle.routed(TicketProcess.ticketId(businessKey), result);
    }
}
