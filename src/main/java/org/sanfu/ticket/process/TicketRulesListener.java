package org.sanfu.ticket.process;

import java.util.List;
import org.sanfu.ticket.TicketLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code ${ticketRules...}} in bpmn/ticket.bpmn: the gateways (and Task_Feedback's candidate groups) ask
 * the ticket, which owns its counters, co-departments and source, rather than copies of them kept in
 * process variables.
 */
@Component("ticketRules")
public class TicketRulesListener {

    private final TicketLifecycle lifecycle;

    TicketRulesListener(TicketLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public boolean returnedTooOften(String businessKey) {
        return lifecycle.ticket(TicketProcess.ticketId(businessKey)).returnedTooOften();
    }

    public boolean reopenedTooOften(String businessKey) {
        return lifecycle.ticket(TicketProcess.ticketId(businessKey)).reopenedTooOften();
    }

    public boolean coHandled(String businessKey) {
        return !coDepartments(businessKey).isEmpty();
    }

    /** Whether dispatch logged it from the hotline or online: Task_Feedback's candidate groups ask. */
    public boolean fromEntry(String businessKey) {
        return lifecycle.fromEntry(TicketProcess.ticketId(businessKey));
    }

    /** The multi-instance collection: one part for each co-department named when the ticket was assigned. */
    public List<String> coDepartments(String businessKey) {
        return lifecycle.coDepartments(TicketProcess.ticketId(businessKey));
    }
}
