package org.sanfu.ticket;

import java.time.Instant;
import java.util.List;
import org.sanfu.DomainException;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.routing.Routing;
import org.sanfu.routing.RoutingDecision;
import org.sanfu.sla.Notification;
import org.sanfu.sla.Notifications;
import org.sanfu.sla.SlaProperties;
import org.sanfu.ticket.process.TicketProcessGateway;
import org.springframework.stereotype.Service;

/**
 * What the ticket process writes to the read model as it moves. Called only from the listeners in
 * bpmn/ticket.bpmn (and the engine's task listener), inside the transaction of the command that
 * moved the process.
 */
@Service
public class TicketLifecycle implements TicketProcessGateway.OpenTasks {

    private final Tickets tickets;
    private final TicketEvents events;
    private final Routing routing;
    private final WorkingDayCalendar calendar;
    private final Notifications notifications;
    private final SlaProperties sla;
    private final TicketMetrics metrics;

    TicketLifecycle(Tickets tickets, TicketEvents events, Routing routing, WorkingDayCalendar calendar,
            Notifications notifications, SlaProperties sla, TicketMetrics metrics) {
        this.tickets = tickets;
        this.events = events;
        this.routing = routing;
        this.calendar = calendar;
        this.notifications = notifications;
        this.sla = sla;
        this.metrics = metrics;
    }

    /** The ticket's row, without co-departments and open tasks: what the gateways of the diagram ask. */
    public Ticket ticket(long ticketId) {
        return tickets.findRow(ticketId).orElseThrow(() -> new DomainException.NotFound("ticket",
                String.valueOf(ticketId)));
    }

    /** Whether dispatch logged it from the hotline or online (Source.isEntry): its source alone, not the row. */
    public boolean fromEntry(long ticketId) {
        return Source.isEntry(tickets.sourceOf(ticketId));
    }

    public void enter(long ticketId, TicketStatus status) {
        tickets.setStatus(ticketId, status, tickets.now());
        if (status == TicketStatus.CLOSED) {
            metrics.closed(ticket(ticketId).category());
        }
    }

    /**
     * The routing decision (bpmn/routing.dmn): its departments and limits. The reply clock runs from
     * the moment the enterprise spoke, so a visit logged late may be overdue at once; the sign clock
     * from now. The lead department, or null for dispatch to assign. A lead department named at the
     * start (dispatch's, for a systemic problem's case) replaces the table's, without its
     * co-departments; the table's limits for the category still apply.
     */
    public String routed(long ticketId, String namedLead) {
        Ticket ticket = ticket(ticketId);
        RoutingDecision table = routing.route(ticket.category(), ticket.urgency().name());
        RoutingDecision decision = namedLead == null ? table
                : new RoutingDecision(namedLead, List.of(), table.signLimit(), table.replyLimit());
        Instant now = tickets.now();
        Instant replyDeadline = calendar.plusWorkingDays(ticket.reportedAt(), decision.replyLimit());
        Instant signDeadline = decision.routed() ? calendar.plusWorkingDays(now, decision.signLimit()) : null;
        tickets.route(ticketId, decision.leadDepartment(), decision.coDepartments(), decision.signLimit(),
                decision.replyLimit(), decision.routed() ? now : null, signDeadline, replyDeadline,
                decision.routed() ? now : null, now);
        return decision.leadDepartment();
    }

    /** The enterprise was dissatisfied: the department gets a fresh reply limit from now. */
    public void reopen(long ticketId) {
        restartReplyClock(ticketId, true);
    }

    /**
     * Dissatisfied once too often: a leader decides, and meanwhile the enterprise waits for an answer
     * again, from now, as after a reopen (not counted as one). The deadline the last reply met is not
     * this wait's: running the clock on it marked a department that had answered in time 超期.
     */
    public void awaitAnswerAgain(long ticketId) {
        restartReplyClock(ticketId, false);
    }

    private void restartReplyClock(long ticketId, boolean reopen) {
        Ticket ticket = ticket(ticketId);
        Instant now = tickets.now();
        tickets.replyClockRestarted(ticketId, calendar.plusWorkingDays(now, ticket.replyLimit()), now, reopen);
    }

    /** The co-departments whose parts the handling opens (the multi-instance collection). */
    public List<String> coDepartments(long ticketId) {
        return tickets.coDepartments(ticketId);
    }

    /** The history's event of an extension request withdrawn as the handling ended (API.md). */
    static final String EXTENSION_WITHDRAWN = "extension-withdrawn";

    /**
     * Handling ended (reply, return, escalation, supervision): a pending extension request is withdrawn with
     * it, and the history says so, or the request would stand there without an outcome.
     */
    public void handlingEnded(long ticketId) {
        Ticket ticket = ticket(ticketId);
        Ticket.ExtensionRequest pending = ticket.extensionRequest();
        if (pending != null) {
            Instant now = tickets.now();
            tickets.extensionDecided(ticketId, ticket.replyDeadline(), now);
            events.append(ticketId, new TicketEvent(now, TicketEvent.SYSTEM, EXTENSION_WITHDRAWN, ticket.status(),
                    ticket.status(), "办理已结束，待审批的延期申请（" + pending.workingDays() + " 个工作日）随之撤回"));
        }
    }

    /** The feedback window passed without feedback: closed, satisfaction UNRATED. */
    public void closeUnrated(long ticketId) {
        Ticket t = ticket(ticketId);
        Instant now = tickets.now();
        tickets.rated(ticketId, Satisfaction.UNRATED, now);
        events.append(ticketId, new TicketEvent(now, TicketEvent.SYSTEM, "close-unrated", t.status(),
                TicketStatus.CLOSED, "回访期满（" + sla.feedbackWindow() + " 个工作日）未收到企业评价，自动销号"));
    }

    /** Why a ticket came under a leader's supervision (督办). */
    public enum Supervised { RETURNS, REOPENS, LEADER }

    /** 督办: the leaders hear of a ticket that needs their ruling, and why it came to them. */
    public void supervised(long ticketId, Supervised because) {
        Ticket t = ticket(ticketId);
        String why = switch (because) {
            case RETURNS -> "退回 " + t.returnCount() + " 次，转领导督办";
            case REOPENS -> "重办 " + t.reopenCount() + " 次企业仍不满意，转领导督办";
            case LEADER -> "已由领导督办";
        };
        notifications.send(t.notice(Notification.Kind.SUPERVISION, "LEADER", t.replyDeadline(), why));
    }

    @Override
    public void opened(long ticketId, String taskId, String taskKey, List<String> candidateGroups,
            String processDefinitionId) {
        for (String group : candidateGroups) {
            tickets.taskOpened(ticketId, taskId, taskKey, group, processDefinitionId);
        }
    }

    @Override
    public void ended(String taskId) {
        tickets.taskEnded(taskId);
    }
}
