package org.sanfu.ticket.process;

import org.sanfu.ticket.TicketLifecycle;
import org.sanfu.ticket.TicketStatus;
import org.springframework.stereotype.Component;

/** {@code ${ticketStatus...}} in bpmn/ticket.bpmn: writes where the process has got to. */
@Component("ticketStatus")
public class TicketStatusListener {

    private final TicketLifecycle lifecycle;

    TicketStatusListener(TicketLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public void enter(String businessKey, String status) {
        lifecycle.enter(TicketProcess.ticketId(businessKey), TicketStatus.valueOf(status));
    }

    public void handlingEnded(String businessKey) {
        lifecycle.handlingEnded(TicketProcess.ticketId(businessKey));
    }

    /** Dissatisfied: a fresh reply clock, one reopen more. */
    public void reopen(String businessKey) {
        lifecycle.reopen(TicketProcess.ticketId(businessKey));
    }

    /** Dissatisfied once too often: the enterprise waits for an answer again, from now; no reopen counted. */
    public void awaitAnswerAgain(String businessKey) {
        lifecycle.awaitAnswerAgain(TicketProcess.ticketId(businessKey));
    }

    /** 督办, and why: RETURNS, REOPENS or LEADER, named by the flow that brought the ticket. */
    public void supervised(String businessKey, String because) {
        lifecycle.supervised(TicketProcess.ticketId(businessKey), TicketLifecycle.Supervised.valueOf(because));
    }

    /** The feedback window passed without feedback: closed, satisfaction UNRATED. */
    public void closeUnrated(String businessKey) {
        lifecycle.closeUnrated(TicketProcess.ticketId(businessKey));
    }
}
