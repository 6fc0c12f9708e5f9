package org.sanfu.ticket.process;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.sanfu.routing.Routing;
import org.sanfu.routing.RoutingDecision;
import org.sanfu.ticket.TicketLifecycle;
import org.sanfu.ticket.Urgency;
import org.springframework.stereotype.Component;

/**
 * {@code ${ticketRouting.routed(execution)}} after Task_Route: stores the DMN's answer on the ticket
 * and keeps only the lead department as a process variable.
 */
@Component("ticketRouting")
public class TicketRoutingListener {

    private final Routing routing;
    private final TicketLifecycle lifecycle;

    TicketRoutingListener(Routing routing, TicketLifecycle lifecycle) {
        this.routing = routing;
        this.lifecycle = lifecycle;
    }

    @SuppressWarnings("unchecked")
    public void routed(DelegateExecution execution) {
        Map<String, Object> result = (Map<String, Object>) execution.getVariable(TicketProcess.VAR_ROUTING_RESULT);
        boolean urgent = Urgency.URGENT.name().equals(execution.getVariable(TicketProcess.VAR_URGENCY));
        RoutingDecision decision = routing.decide(result, urgent);
        lifecycle.routed(TicketProcess.ticketId(execution), decision);
        execution.setVariable(TicketProcess.VAR_LEAD_DEPARTMENT, decision.leadDepartment());
        execution.removeVariable(TicketProcess.VAR_ROUTING_RESULT);
    }
}
