package org.sanfu.ticket.process;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.sanfu.ticket.DeadlineClock;
import org.sanfu.ticket.TicketLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code ${ticketSla...}} in bpmn/ticket.bpmn: the timers' due dates, read from the deadlines on the
 * ticket, and what the timers do when they fire.
 */
@Component("ticketSla")
public class TicketSlaListener {

    private final TicketLifecycle lifecycle;

    TicketSlaListener(TicketLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public Date signPoint(DelegateExecution execution, int percent) {
        return lifecycle.signPoint(TicketProcess.ticketId(execution), percent);
    }

    public Date signDeadline(DelegateExecution execution) {
        return lifecycle.signDeadline(TicketProcess.ticketId(execution));
    }

    public Date replyPoint(DelegateExecution execution, int percent) {
        return lifecycle.replyPoint(TicketProcess.ticketId(execution), percent);
    }

    public Date replyDeadline(DelegateExecution execution) {
        return lifecycle.replyDeadline(TicketProcess.ticketId(execution));
    }

    public Date openFeedbackWindow(DelegateExecution execution) {
        return lifecycle.openFeedbackWindow(TicketProcess.ticketId(execution));
    }

    public void remind(DelegateExecution execution, String clock, int percent) {
        lifecycle.remind(TicketProcess.ticketId(execution), DeadlineClock.valueOf(clock), percent);
    }

    public void overdue(DelegateExecution execution, String clock) {
        lifecycle.overdue(TicketProcess.ticketId(execution), DeadlineClock.valueOf(clock));
    }

    public void closeUnrated(DelegateExecution execution) {
        lifecycle.closeUnrated(TicketProcess.ticketId(execution));
    }

    public void supervised(DelegateExecution execution) {
        lifecycle.supervised(TicketProcess.ticketId(execution));
    }
}
