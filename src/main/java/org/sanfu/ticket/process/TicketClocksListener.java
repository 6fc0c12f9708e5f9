package org.sanfu.ticket.process;

import java.util.Date;
import org.sanfu.ticket.DeadlineClock;
import org.sanfu.ticket.TicketDeadlines;
import org.springframework.stereotype.Component;

/**
 * {@code ${ticketClocks...}} in bpmn/ticket.bpmn and bpmn/deadline-sweep.bpmn: which deadline clock
 * runs while the process waits where it waits, the feedback window's due date, and the sweep that
 * reminds and marks overdue.
 */
@Component("ticketClocks")
public class TicketClocksListener {

    private final TicketDeadlines clocks;

    TicketClocksListener(TicketDeadlines clocks) {
        this.clocks = clocks;
    }

    public void run(String businessKey, String clock) {
        clocks.run(TicketProcess.ticketId(businessKey), DeadlineClock.valueOf(clock));
    }

    public void stop(String businessKey, String clock) {
        clocks.stop(TicketProcess.ticketId(businessKey), DeadlineClock.valueOf(clock));
    }

    public Date openFeedbackWindow(String businessKey) {
        return Date.from(clocks.openFeedbackWindow(TicketProcess.ticketId(businessKey)));
    }

    /** Reminds and marks every ticket whose running clock reached a point; how many it saw. */
    public int sweep() {
        return clocks.sweep();
    }
}
