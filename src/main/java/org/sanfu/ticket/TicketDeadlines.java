package org.sanfu.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.sanfu.DomainException;
import org.sanfu.SanfuProperties;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.sla.Notification;
import org.sanfu.sla.Notifications;
import org.sanfu.sla.SlaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sanfu.ticket.process.TicketProcess;
import org.sanfu.ticket.process.TicketProcessGateway;
import org.springframework.stereotype.Service;

/**
 * The deadline clocks of tickets (签收期限 and 答复期限). The process says when a clock runs (listeners
 * on bpmn/ticket.bpmn); this keeps, on the ticket row, the next moment a running clock needs
 * attention, and the sweep of bpmn/deadline-sweep.bpmn reminds (催办), marks overdue (超期) and ends
 * passed feedback windows for every ticket whose moment came. No timer job per ticket: one indexed
 * column per clock instead.
 */
@Service
public class TicketDeadlines {

    private static final Logger log = LoggerFactory.getLogger(TicketDeadlines.class);
    /** Tickets attended per sweep; the rest wait for the next one, a minute later. */
    static final int SWEEP_BATCH = 500;

    private final Tickets tickets;
    private final TicketEvents events;
    private final WorkingDayCalendar calendar;
    private final Notifications notifications;
    private final SlaProperties sla;
    private final ZoneId zone;
    private final Clock clock;
    private final TicketProcessGateway process;

    TicketDeadlines(Tickets tickets, TicketEvents events, WorkingDayCalendar calendar, Notifications notifications,
            SlaProperties sla, SanfuProperties properties, Clock clock, TicketProcessGateway process) {
        this.tickets = tickets;
        this.events = events;
        this.calendar = calendar;
        this.notifications = notifications;
        this.sla = sla;
        this.zone = properties.zone();
        this.clock = clock;
        this.process = process;
    }

    /**
     * The clock runs from here: the sign and reply clocks from their start, deadline and what was
     * said already; the feedback window opens now for the configured working days.
     */
    public void run(long ticketId, DeadlineClock which) {
        if (which == DeadlineClock.FEEDBACK) {
            tickets.feedbackDue(ticketId, calendar.plusWorkingDays(tickets.now(), sla.feedbackWindow()));
        } else {
            reschedule(ticketId, which);
        }
    }

    public void stop(long ticketId, DeadlineClock which) {
        tickets.clockNext(ticketId, which, null);
    }

    /**
     * Attends every ticket whose running clock reached its next point, each in a transaction of its
     * own under its row lock (the ticket's row and, for a passed feedback window, its process commit
     * together), so that one failing ticket neither stops the others nor the sweep.
     */
    public int sweep() {
        Instant now = clock.instant();
        List<Long> due = tickets.clocksDue(now, SWEEP_BATCH);
        for (long id : due) {
            try {
                process.inOwnTransaction(() -> attend(id, now));
            } catch (RuntimeException e) {
                log.error("deadline sweep: ticket {} could not be attended; the next sweep tries again", id, e);
            }
        }
        return due.size();
    }

    /**
     * {@code now}, the sweep's start, decides which clocks are due and what a reminder says; what the ticket's row and
     * history say happens at the moment its lock gives ({@link Tickets#lock}: the clock's now read under it, or just
     * after the ticket's updatedAt where that is no earlier): a batch takes a while, and someone may have changed the
     * ticket since the sweep began, so the sweep's start would move its updatedAt back, and that change's own moment
     * would hide the sweep's from a pull whose cursor passed it.
     */
    private void attend(long ticketId, Instant now) {
        Ticket t = tickets.lock(ticketId).orElse(null);
        if (t == null) {
            return;
        }
        for (DeadlineClock which : DeadlineClock.values()) {
            Instant next = t.clocks().next(which);
            if (next == null || next.isAfter(now)) {
                continue;
            }
            if (which == DeadlineClock.FEEDBACK) {
                closeUnrated(t);
                continue;
            }
            if (!now.isBefore(t.deadline(which))) {
                markOverdue(t, which);
            } else {
                remind(t, which, now);
            }
            reschedule(ticketId, which);
        }
    }

    /** The feedback window passed with no feedback: the feedback task ends unrated, and the process closes it. */
    private void closeUnrated(Ticket t) {
        t.openTasks().stream().filter(task -> task.taskKey().equals(TicketProcess.TASK_FEEDBACK)).findFirst()
                .ifPresent(task -> process.complete(task.taskId(), Map.of(TicketProcess.VAR_SATISFIED, false,
                        TicketProcess.VAR_UNRATED, true)));
    }

    /**
     * 超期 at once, for a deadline that had passed when its clock started (a visit logged late); whether
     * it had.
     */
    public boolean markIfPassed(long ticketId, DeadlineClock which) {
        Ticket t = row(ticketId);
        Instant now = tickets.now();
        if (t.deadline(which) != null && !now.isBefore(t.deadline(which))) {
            // with its open tasks, to tell whoever holds it
            markOverdue(tickets.find(ticketId).orElse(t), which);
            reschedule(ticketId, which);
            return true;
        }
        return false;
    }

    /** The clock's next moment, from the ticket as it stands now (after a reminder or a mark). */
    private void reschedule(long ticketId, DeadlineClock which) {
        tickets.clockNext(ticketId, which, row(ticketId).nextClockPoint(which, calendar::pointOf));
    }

    /** 催办 for the latest point passed: a sweep that comes late says only that one. */
    private void remind(Ticket t, DeadlineClock which, Instant now) {
        Instant deadline = t.deadline(which);
        int percent = Ticket.REMINDER_POINTS.stream()
                .filter(p -> !now.isBefore(calendar.pointOf(t.clockStart(which), deadline, p)))
                .reduce((a, b) -> b).orElse(0);
        if (percent == 0 || !tickets.reminded(t.id(), which, percent)) {
            return;
        }
        String text = which.label() + "时限已过 " + percent + "%，请于 " + format(deadline) + " 前完成";
        events.append(t.id(), new TicketEvent(tickets.now(), TicketEvent.SYSTEM, "remind", t.status(), t.status(), text));
        notifications.send(t.notice(Notification.Kind.REMINDER, t.holder(), deadline, text));
    }

    /** 超期: the work goes on; the ticket is marked, once per clock. */
    private void markOverdue(Ticket t, DeadlineClock which) {
        Instant deadline = t.deadline(which);
        if (!tickets.markOverdue(t.id(), which)) {
            return;
        }
        String text = which.label() + "超期：期限 " + format(deadline);
        events.append(t.id(), new TicketEvent(tickets.now(), TicketEvent.SYSTEM, "overdue", t.status(), t.status(), text));
        notifications.send(t.notice(Notification.Kind.OVERDUE, t.holder(), deadline, text));
    }

    private String format(Instant instant) {
        return minutes(instant, zone);
    }

    /** A deadline as the ticket's history and notices say it: 2026-12-01 17:30 in the service's zone. */
    static String minutes(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(instant);
    }

    private Ticket row(long ticketId) {
        return tickets.findRow(ticketId).orElseThrow(() -> new DomainException.NotFound("ticket",
                String.valueOf(ticketId)));
    }
}
