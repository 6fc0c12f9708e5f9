package org.sanfu.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.sanfu.calendar.CalendarOnRecord;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.sla.Notification;
import org.sanfu.sla.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Running deadlines follow the holiday calendar when it changes. A deadline of N working days is counted
 * once, when its clock starts, on the calendar of that day; when the office then adds the State Council's
 * notice for a year that was provisional (its make-up workdays, a longer Spring Festival) or corrects a
 * date, and restarts, every deadline still ahead is counted again on the new calendar before the service
 * takes a request: the working days it still had left on the old calendar, counted from now on the new
 * one. Days already past count as they were counted, and a deadline that has passed stays passed (its
 * 超期 stands, or the next sweep marks it). Each move is on the ticket's timeline, and the reminder points
 * follow the new deadline.
 *
 * <p>The calendar the deadlines were counted on is kept in the database ({@link CalendarOnRecord}), under
 * whose row lock one node recounts while the others wait and then find it recorded. Nodes of a cluster
 * should start on the same calendar: one still on the old file counts new deadlines on it.
 */
@Service
public class DeadlineRecount implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DeadlineRecount.class);

    private final Tickets tickets;
    private final TicketEvents events;
    private final CalendarOnRecord onRecord;
    private final WorkingDayCalendar calendar;
    private final ApplicationEventPublisher publisher;
    private final Notifications notifications;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DeadlineRecount(Tickets tickets, TicketEvents events, CalendarOnRecord onRecord, WorkingDayCalendar calendar,
            ApplicationEventPublisher publisher, Notifications notifications, PlatformTransactionManager transactions,
            Clock clock) {
        this.notifications = notifications;
        this.tickets = tickets;
        this.events = events;
        this.onRecord = onRecord;
        this.calendar = calendar;
        this.publisher = publisher;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** At start, before the web server and the deadline sweep: the running deadlines on the calendar on file. */
    @Override
    public void afterSingletonsInstantiated() {
        countOn(calendar);
    }

    /**
     * Makes {@code current} the calendar on record, first recounting on it the deadlines still running when
     * the one on record differs. How many deadlines moved.
     */
    public int countOn(WorkingDayCalendar current) {
        Integer moved = transaction.execute(status -> {
            String recorded = onRecord.lockRecorded().orElse(null);
            String described = current.described();
            Instant now = clock.instant();
            if (recorded == null) {
                onRecord.recordFirst(described, now);
                return 0;
            }
            if (recorded.equals(described)) {
                return 0;
            }
            int count = recount(WorkingDayCalendar.ofDescribed(recorded), current, now);
            onRecord.recordChange(described, now, count);
            return count;
        });
        if (moved != null && moved > 0) {
            log.info("the holiday calendar changed: {} running deadlines were counted again on it", moved);
        }
        return moved == null ? 0 : moved;
    }

    private int recount(WorkingDayCalendar was, WorkingDayCalendar is, Instant now) {
        LocalDate today = is.dayOf(now);
        LocalDate first = was.firstDayCountedDifferently(is, today);
        if (first == null) {
            return 0;
        }
        // a deadline on or before the first day counted differently has no such day left before it
        Instant after = first.atStartOfDay(is.zone()).toInstant();
        int moved = 0;
        for (DeadlineClock which : DeadlineClock.values()) {
            for (Tickets.RunningDeadline running : tickets.runningDeadlinesAfter(which, now.isAfter(after) ? now : after)) {
                Instant counted = countedAgain(running.deadline(), was, is, now);
                if (!counted.equals(running.deadline())) {
                    move(running.id(), which, running.deadline(), counted, is, now);
                    moved++;
                }
            }
        }
        return moved;
    }

    /**
     * The deadline the working days left on {@code was} reach on {@code is}, at the same time of day (the
     * end of the working day, if that changed).
     */
    private static Instant countedAgain(Instant deadline, WorkingDayCalendar was, WorkingDayCalendar is, Instant now) {
        int left = was.workingDaysAfter(was.dayOf(now), was.dayOf(deadline));
        if (left == 0) {
            return deadline;
        }
        LocalDate day = is.dayOf(is.plusWorkingDays(now, left));
        LocalTime time = deadline.atZone(was.zone()).toLocalTime();
        return day.atTime(time.equals(was.workEnd()) ? is.workEnd() : time).atZone(is.zone()).toInstant();
    }

    private void move(long id, DeadlineClock which, Instant from, Instant to, WorkingDayCalendar is, Instant now) {
        // less time than they were told: whoever is to move it on hears it now, not at the next reminder; to know
        // who that is takes the ticket's open tasks, which the other moves do not need
        boolean nearer = which != DeadlineClock.FEEDBACK && to.isBefore(from);
        tickets.deadlineMoved(id, which, to);
        Ticket t = (nearer ? tickets.find(id) : tickets.findRow(id)).orElseThrow();
        tickets.clockNext(id, which, t.nextClockPoint(which, is::pointOf));
        String before = TicketDeadlines.minutes(from, is.zone());
        String after = TicketDeadlines.minutes(to, is.zone());
        events.append(id, new TicketEvent(now, TicketEvent.SYSTEM, "recount", t.status(), t.status(),
                "节假日安排调整，" + which.label() + "时限由 " + before + " 改为 " + after));
        if (which == DeadlineClock.FEEDBACK) {
            publisher.publishEvent(new FeedbackWindowMoved(id, to));
        } else if (nearer) {
            notifications.send(t.notice(Notification.Kind.REMINDER, t.holder(), to,
                    "节假日安排调整，" + which.label() + "时限由 " + before + " 提前到 " + after));
        }
    }

    /** A ticket's feedback window (回访) now ends at {@code due}: what was issued for it should live as long. */
    public record FeedbackWindowMoved(long ticketId, Instant due) {}
}
