package org.sanfu.ticket.process;

import org.sanfu.ticket.DeadlineClock;
import org.sanfu.ticket.TicketDeadlines;
import org.springframework.stereotype.Component;

/**
 * {@code ${ticketClocks...}} in bpmn/ticket.bpmn and bpmn/deadline-sweep.bpmn: which deadline clock
 * runs while the process waits where it waits (sign, reply, feedback window), and the sweep that
 * reminds, marks overdue and ends passed feedback windows.
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

    /** Reminds and marks every ticket whose running clock reached a point; how many it saw. */
    public int sweep() {
        return clocks.sweep();
    }
}
