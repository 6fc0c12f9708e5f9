package org.sanfu.ticket.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.sanfu.ticket.TicketLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code ${ticketCoHandling...}} in bpmn/ticket.bpmn: the co-departments' parts (协办) of the
 * handling subprocess, kept in step with the read model so lists and inboxes show them.
 */
@Component("ticketCoHandling")
public class TicketCoHandlingListener {

    private final TicketLifecycle lifecycle;

    TicketCoHandlingListener(TicketLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** The multi-instance collection: one part for each co-department named when the ticket was assigned. */
    public List<String> coDepartments(DelegateExecution execution) {
        return lifecycle.coDepartments(TicketProcess.ticketId(execution));
    }

    public void partOpened(DelegateExecution execution) {
        lifecycle.partOpened(TicketProcess.ticketId(execution),
                (String) execution.getVariable(TicketProcess.VAR_CO_DEPARTMENT));
    }
}
