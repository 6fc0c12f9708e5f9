package org.sanfu.ticket.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.sanfu.ticket.TicketLifecycle;
import org.sanfu.ticket.TicketStatus;
import org.springframework.stereotype.Component;

/** {@code ${ticketStatus...}} in bpmn/ticket.bpmn: writes the status the process has reached. */
@Component("ticketStatus")
public class TicketStatusListener {

    private final TicketLifecycle lifecycle;

    TicketStatusListener(TicketLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public void enter(DelegateExecution execution, String status) {
        lifecycle.enter(TicketProcess.ticketId(execution), TicketStatus.valueOf(status));
    }

    public void handlingEnded(DelegateExecution execution) {
        lifecycle.handlingEnded(TicketProcess.ticketId(execution));
    }

    /** Dissatisfied: answering is entered again at handling, with a fresh reply clock. */
    public void reopen(DelegateExecution execution) {
        lifecycle.reopen(TicketProcess.ticketId(execution));
        execution.setVariable(TicketProcess.VAR_ENTRY, TicketProcess.ENTRY_REOPEN);
    }

    /** Dissatisfied after two reopens: answering is entered again at the leader's ruling. */
    public void supervise(DelegateExecution execution) {
        execution.setVariable(TicketProcess.VAR_ENTRY, TicketProcess.ENTRY_SUPERVISE);
    }
}
