package org.sanfu.ticket;

import java.util.List;
import java.util.Map;
import org.sanfu.ticket.process.TicketProcess;
import org.sanfu.ticket.process.TicketProcessGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * For tickets written straight into the tables (the data generator's bulk load): an open ticket
 * needs its process waiting where its status says, so that the service can act on it. Cheaper than
 * replaying its history through the process: the process starts at the waiting task, the diagram's
 * listeners skipped (the row holds their result already: status, deadlines, clocks), and the
 * engine's task listener fills {@code ticket_task} as for any task.
 */
@Service
public class OpenTicketProcesses {

    private final Tickets tickets;
    private final TicketProcessGateway process;

    OpenTicketProcesses(Tickets tickets, TicketProcessGateway process) {
        this.tickets = tickets;
        this.process = process;
    }

    /**
     * Starts the process of an open ticket whose row (with its co-departments) is stored, waiting in
     * the task of {@code status}; for IN_PROGRESS with {@code partsOpen}, also one open part for each
     * co-department. Runs in the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void resume(long ticketId, TicketStatus status, String leadDepartment, boolean partsOpen) {
        List<String> activities = switch (status) {
            case DISPATCHING -> List.of(TicketProcess.TASK_ASSIGN);
            case ASSIGNED -> List.of(TicketProcess.TASK_SIGN);
            case IN_PROGRESS -> partsOpen ? List.of(TicketProcess.TASK_HANDLE, TicketProcess.CONTRIBUTE_PARTS)
                    : List.of(TicketProcess.TASK_HANDLE);
            case ESCALATED -> List.of(TicketProcess.TASK_ESCALATION_REPLY);
            case REPLIED -> List.of(TicketProcess.TASK_FEEDBACK);
            case SUPERVISION -> List.of(TicketProcess.TASK_RULE);
            case CLOSED -> throw new IllegalArgumentException("a closed ticket " + ticketId + " has no process to resume");
        };
        Map<String, Object> variables = leadDepartment == null ? Map.of()
                : Map.of(TicketProcess.VAR_LEAD_DEPARTMENT, leadDepartment);
        tickets.setProcessInstance(ticketId, process.startAt(ticketId, activities, variables));
    }
}
