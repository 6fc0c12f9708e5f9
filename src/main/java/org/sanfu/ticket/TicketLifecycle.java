package org.sanfu.ticket;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import org.sanfu.SanfuProperties;
import org.sanfu.sla.Notification;
import org.sanfu.sla.Notifications;
import org.sanfu.sla.SlaProperties;
import java.time.Instant;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.routing.RoutingDecision;
import org.sanfu.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * What the ticket process writes to the read model as it moves. Called only from the listeners in
 * bpmn/ticket.bpmn, inside the transaction of the command that moved the process.
 */
@Service
public class TicketLifecycle {

    /** The percentages of each limit at which the reminder timers of bpmn/ticket.bpmn fire. */
    public static final List<Integer> REMINDER_POINTS = List.of(50, 75);

    private final Tickets tickets;
    private final TicketEvents events;
    private final WorkingDayCalendar calendar;
    private final Notifications notifications;
    private final SlaProperties sla;
    private final ZoneId zone;
    private final Clock clock;
    private final TicketMetrics metrics;

    TicketLifecycle(Tickets tickets, TicketEvents events, WorkingDayCalendar calendar, Notifications notifications,
            SanfuProperties properties, SlaProperties sla, Clock clock, TicketMetrics metrics) {
        this.tickets = tickets;
        this.events = events;
        this.calendar = calendar;
        this.notifications = notifications;
        this.sla = sla;
        this.zone = properties.zone();
        this.clock = clock;
        this.metrics = metrics;
    }

    public void enter(long ticketId, TicketStatus status) {
        tickets.setStatus(ticketId, status, clock.instant());
        if (status == TicketStatus.CLOSED) {
            metrics.closed(get(ticketId).category());
        }
    }

    /**
     * The routing decision: its departments and limits. The reply clock runs from the moment the
     * enterprise spoke, so a visit logged late may be overdue at once; the sign clock from now.
     */
    public void routed(long ticketId, RoutingDecision decision) {
        Ticket ticket = get(ticketId);
        Instant now = clock.instant();
        Instant replyDeadline = calendar.plusWorkingDays(ticket.reportedAt(), decision.replyLimit());
        Instant signDeadline = decision.routed() ? calendar.plusWorkingDays(now, decision.signLimit()) : null;
        tickets.route(ticketId, decision.leadDepartment(), decision.coDepartments(), decision.signLimit(),
                decision.replyLimit(), decision.routed() ? now : null, signDeadline, replyDeadline,
                decision.routed() ? now : null, now);
    }

    /**
     * A visit logged late may bring a reply deadline that has passed already: it is marked at once,
     * after the routing is on record, rather than when the overdue timer gets to it.
     */
    public void markOverdueIfPassed(long ticketId) {
        Ticket ticket = get(ticketId);
        if (ticket.replyDeadline() != null && ticket.replyDeadline().isBefore(clock.instant())) {
            overdue(ticketId, DeadlineClock.REPLY);
        }
    }

    /** The enterprise was dissatisfied: the department gets a fresh reply limit from now. */
    public void reopen(long ticketId) {
        Ticket ticket = get(ticketId);
        Instant now = clock.instant();
        tickets.reopened(ticketId, calendar.plusWorkingDays(now, ticket.replyLimit()), now);
    }

    /** The co-departments whose parts the handling opens (the multi-instance collection). */
    public java.util.List<String> coDepartments(long ticketId) {
        return tickets.coDepartments(ticketId);
    }

    public void partOpened(long ticketId, String department) {
        tickets.openPart(ticketId, department);
    }

    /**
     * Handling ended (reply, return or escalation): no co-department part stays open, and a pending
     * extension request is withdrawn with it.
     */
    public void handlingEnded(long ticketId) {
        Ticket ticket = get(ticketId);
        tickets.closeParts(ticketId);
        if (ticket.extensionRequest() != null) {
            tickets.extensionDecided(ticketId, ticket.replyDeadline(), clock.instant());
        }
    }

    // --- the clocks: due dates of the timers in bpmn/ticket.bpmn and what they do when they fire ---

    public Date signPoint(long ticketId, int percent) {
        Ticket t = get(ticketId);
        return Date.from(calendar.pointOf(t.clocks().signStart(), t.signDeadline(), percent));
    }

    public Date signDeadline(long ticketId) {
        return Date.from(get(ticketId).signDeadline());
    }

    public Date replyPoint(long ticketId, int percent) {
        Ticket t = get(ticketId);
        return Date.from(calendar.pointOf(t.clocks().replyStart(), t.replyDeadline(), percent));
    }

    public Date replyDeadline(long ticketId) {
        return Date.from(get(ticketId).replyDeadline());
    }

    /**
     * The feedback window opens when the reply reaches the enterprise's side (the feedback task
     * starts, and its timer asks for this due date): the configured working days from now.
     */
    public Date openFeedbackWindow(long ticketId) {
        Instant due = calendar.plusWorkingDays(clock.instant(), sla.feedbackWindow());
        tickets.feedbackDue(ticketId, due);
        return Date.from(due);
    }

    /**
     * 催办: once per clock and point, only while the deadline is still ahead, and not when a later
     * point has passed too (timers that fire late, after a restart, say only the latest).
     */
    public void remind(long ticketId, DeadlineClock clock, int percent) {
        Ticket t = get(ticketId);
        Instant deadline = deadline(t, clock);
        Instant now = this.clock.instant();
        if (deadline == null || !now.isBefore(deadline)) {
            return;
        }
        Instant start = clock == DeadlineClock.SIGN ? t.clocks().signStart() : t.clocks().replyStart();
        boolean superseded = REMINDER_POINTS.stream()
                .anyMatch(later -> later > percent && !now.isBefore(calendar.pointOf(start, deadline, later)));
        if (superseded || !tickets.reminded(ticketId, clock, percent)) {
            return;
        }
        String text = clock.label() + "时限已过 " + percent + "%，请于 " + format(deadline) + " 前完成";
        events.append(ticketId, new TicketEvent(now, TicketEvent.SYSTEM, "remind", t.status(), t.status(), text));
        notifications.send(new Notification(Notification.Kind.REMINDER, String.valueOf(ticketId),
                t.leadDepartment(), t.title(), t.enterpriseName(), deadline, "事项 " + ticketId + "「" + t.title()
                        + "」" + text));
    }

    /** 超期: the work goes on; the ticket is marked, once per clock. */
    public void overdue(long ticketId, DeadlineClock clock) {
        Ticket t = get(ticketId);
        Instant deadline = deadline(t, clock);
        Instant now = this.clock.instant();
        if (deadline == null || now.isBefore(deadline) || !tickets.markOverdue(ticketId, clock)) {
            return;
        }
        String text = clock.label() + "超期：时限 " + format(deadline);
        events.append(ticketId, new TicketEvent(now, TicketEvent.SYSTEM, "overdue", t.status(), t.status(), text));
        notifications.send(new Notification(Notification.Kind.OVERDUE, String.valueOf(ticketId),
                t.leadDepartment(), t.title(), t.enterpriseName(), deadline, "事项 " + ticketId + "「" + t.title()
                        + "」" + text));
    }

    /** The feedback window passed without feedback: closed, satisfaction UNRATED. */
    public void closeUnrated(long ticketId) {
        Ticket t = get(ticketId);
        Instant now = clock.instant();
        tickets.rated(ticketId, Satisfaction.UNRATED, now);
        events.append(ticketId, new TicketEvent(now, TicketEvent.SYSTEM, "close-unrated", t.status(),
                TicketStatus.CLOSED, "回访期满（" + sla.feedbackWindow() + " 个工作日）未收到企业评价，自动销号"));
    }

    /** 督办: the leaders hear of a ticket that needs their ruling. */
    public void supervised(long ticketId) {
        Ticket t = get(ticketId);
        notifications.send(new Notification(Notification.Kind.SUPERVISION, String.valueOf(ticketId), "LEADER",
                t.title(), t.enterpriseName(), t.replyDeadline(), "事项 " + ticketId + "「" + t.title()
                        + "」转领导督办（退回 " + t.returnCount() + " 次，重办 " + t.reopenCount() + " 次）"));
    }

    private static Instant deadline(Ticket t, DeadlineClock clock) {
        return clock == DeadlineClock.SIGN ? t.signDeadline() : t.replyDeadline();
    }

    private String format(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(instant);
    }

    /** The ticket's row; the co-handling lists are left empty (coDepartments reads its own). */
    private Ticket get(long ticketId) {
        return tickets.findRow(ticketId).orElseThrow(() -> ApiException.notFound("ticket", String.valueOf(ticketId)));
    }
}
