package org.sanfu.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sanfu.calendar.CalendarOnRecord;
import org.sanfu.calendar.CalendarProperties;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.enterprise.EnterpriseService;
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
 * whose row lock one node recounts while the others wait and then find it recorded. A node of a cluster
 * still running on the old file follows the recorded calendar within {@code sanfu.calendar.follow-interval}
 * (calendar.CalendarInEffect).
 */
@Service
public class DeadlineRecount implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DeadlineRecount.class);

    /** From this many deadlines brought nearer, a recipient gets one notice for them all. */
    static final int DIGEST_FROM = 4;
    /** The nearest deadlines such a notice lists. */
    static final int DIGEST_SHOWN = 5;

    private final Tickets tickets;
    private final EnterpriseService enterprises;
    private final TicketEvents events;
    private final CalendarOnRecord onRecord;
    private final WorkingDayCalendar calendar;
    private final ApplicationEventPublisher publisher;
    private final Notifications notifications;
    private final TransactionTemplate transaction;
    private final boolean olderAccepted;

    DeadlineRecount(Tickets tickets, TicketEvents events, CalendarOnRecord onRecord, WorkingDayCalendar calendar,
            ApplicationEventPublisher publisher, Notifications notifications, PlatformTransactionManager transactions,
            CalendarProperties settings, EnterpriseService enterprises) {
        this.enterprises = enterprises;
        this.olderAccepted = settings.olderFileAccepted();
        this.notifications = notifications;
        this.tickets = tickets;
        this.events = events;
        this.onRecord = onRecord;
        this.calendar = calendar;
        this.publisher = publisher;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** At start, before the web server and the deadline sweep: the running deadlines on the calendar on file. */
    @Override
    public void afterSingletonsInstantiated() {
        countOn(calendar);
    }

    /**
     * Makes {@code current} the calendar on record, first recounting on it the deadlines still running when
     * the one on record differs. How many deadlines moved. Refused ({@link OlderCalendar}) when {@code current}
     * lacks a notice of this year or later that the one on record has, unless the settings accept that
     * ({@code sanfu.calendar.older-file-accepted}).
     * <p>
     * Runs only at the start ({@link #afterSingletonsInstantiated}), before the web server takes a request and the job
     * executor runs the process's timers (tests call it with the application quiet): no clock starts on this node
     * between its read of the running deadlines and its commit. A recount at run time would have to hold back clock
     * starts meanwhile, or a clock started after that read would stay counted on the old calendar (the comment in
     * {@code recount} says why the start needs none).
     */
    public int countOn(WorkingDayCalendar current) {
        return countOn(current, olderAccepted);
    }

    /**
     * {@link #countOn(WorkingDayCalendar)}, with {@code olderAccepted} in place of the setting: a calendar
     * that lacks a notice on record is then counted on as any other. At the start only, as that says.
     */
    public int countOn(WorkingDayCalendar current, boolean olderAccepted) {
        Integer moved = transaction.execute(status -> {
            String recorded = onRecord.lockRecorded().orElse(null);
            String described = current.described();
            // the recount's one moment: its events' at and the moved tickets' updatedAt
            Instant now = tickets.now();
            if (recorded == null) {
                onRecord.recordFirst(described, now);
                return 0;
            }
            if (recorded.equals(described)) {
                return 0;
            }
            WorkingDayCalendar was = WorkingDayCalendar.ofDescribed(recorded);
            LocalDate today = current.dayOf(now);
            List<Integer> lacking = was.noticesLackedBy(current, today.getYear());
            if (was.firstDayCountedDifferently(current, today) == null) {
                // the same days and hours ahead, only written otherwise (a past year dropped, a notice with the
                // days of its provisional year): nothing to move and no change to tell; a notice stays on record
                if (lacking.isEmpty()) {
                    onRecord.recordSame(described);
                }
                return 0;
            }
            if (!lacking.isEmpty()) {
                if (!olderAccepted) {
                    throw new OlderCalendar(lacking, current.noticeYears());
                }
                log.warn("the holiday file lacks the notice for {}, which the calendar in effect has; counting the"
                        + " running deadlines back on it, as sanfu.calendar.older-file-accepted says: remove that"
                        + " setting now, or a node left on an old file will do the same", lacking);
            }
            int count = recount(was, current, now);
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
        // each deadline counted again first (no row taken yet), so that only the tickets that move are locked.
        // A clock started after this read is not in it, and needs no recount: on this node none starts before the
        // recount commits (it runs at the start, before the web server takes a request and the job executor runs the
        // process's timers), and one started later counts on this node's calendar, the file's since it was created
        // (CalendarInEffect follows another only after the start), the one the start recounts on. Another node still on
        // the old file counts its new deadlines on that until it follows the calendar recorded at this commit, within
        // sanfu.calendar.follow-interval (README: they stay as it counted them); one it starts between this read and
        // the commit is of that same minute, which no lock taken here could close (its clocks start without the record)
        record Move(DeadlineClock clock, Tickets.RunningDeadline running) {}
        List<Move> moves = new ArrayList<>();
        Instant ahead = now.isAfter(after) ? now : after;
        for (DeadlineClock which : DeadlineClock.values()) {
            for (Tickets.RunningDeadline running : tickets.runningDeadlinesAfter(which, ahead)) {
                Instant counted = countedAgain(running.deadline(), was, is, now);
                if (!counted.equals(running.deadline())) {
                    moves.add(new Move(which, running));
                }
            }
        }
        // their enterprises' rows before any ticket's, in the order the import and a correction take them, each
        // enterprise's before renaming its tickets: taking the tickets first, this could hold one a rename is about
        // to take while waiting for another it holds, and the database would end one of the two for nothing (409).
        // Only the moving tickets' enterprises: a visit filed meanwhile for another waits for nothing.
        enterprises.lockBeforeTheirTickets(moves.stream().map(m -> m.running().enterpriseCreditCode())
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        // then the moving tickets' rows, in id order as a handover takes them (clock by clock, a ticket held for its
        // sign deadline could be one a handover waits for while it holds one whose reply deadline moves), in one read
        Map<Long, Tickets.Locked> locked = tickets.lockInIdOrder(moves.stream().map(m -> m.running().id()).toList());
        List<Nearer> nearer = new ArrayList<>();
        int moved = 0;
        for (Move m : moves) {
            Tickets.Locked ticket = locked.get(m.running().id());
            // as the lock finds it: an action committed since the read may have stopped the clock, or set the deadline
            // anew (a route, a reopen) on the old calendar, which is then counted again from there, not from the one read
            Instant deadline = ticket == null ? null : ticket.running().get(m.clock());
            if (deadline == null || !deadline.isAfter(ahead)) {
                continue;
            }
            Instant counted = countedAgain(deadline, was, is, now);
            if (counted.equals(deadline)) {
                continue;
            }
            // the ticket's one moment (its deadlines moved, their events): the recount's, or just after its updatedAt
            // where a change committed since the recount took its moment is no earlier
            Instant at = TicketChanges.stampAfter(ticket.updatedAt(), now);
            move(m.running().id(), m.clock(), deadline, counted, is, at).ifPresent(nearer::add);
            moved++;
        }
        toldTogether(nearer, is.zone()).forEach(notifications::send);
        return moved;
    }

    /**
     * The notices of deadlines brought nearer, as they go out: a recipient with fewer than
     * {@link #DIGEST_FROM} hears of each ticket; one with more gets one notice for them all (a notice often
     * brings every open ticket of a department nearer by a day, and a group chat should not get forty
     * messages at once). That notice names no single ticket: its text lists the {@link #DIGEST_SHOWN}
     * nearest, and its deadline is the nearest of all.
     */
    static List<Notification> toldTogether(List<Nearer> nearer, ZoneId zone) {
        Map<String, List<Nearer>> byRecipient = new LinkedHashMap<>();
        nearer.forEach(n -> byRecipient.computeIfAbsent(n.notice().recipient(), r -> new ArrayList<>()).add(n));
        List<Notification> told = new ArrayList<>();
        byRecipient.forEach((recipient, moves) -> {
            if (moves.size() < DIGEST_FROM) {
                moves.forEach(n -> told.add(n.notice()));
                return;
            }
            List<Nearer> nearest = moves.stream().sorted(Comparator.comparing(n -> n.notice().deadline())).toList();
            String shown = nearest.stream().limit(DIGEST_SHOWN)
                    .map(n -> "事项 " + n.notice().ticketId() + "「" + n.notice().title() + "」" + n.clock().deadlineName()
                            + "提前到 " + TicketDeadlines.minutes(n.notice().deadline(), zone))
                    .collect(Collectors.joining("；"));
            long ticketCount = moves.stream().map(n -> n.notice().ticketId()).distinct().count();
            String howMany = ticketCount == moves.size() ? ticketCount + " 件事项的期限提前"
                    : ticketCount + " 件事项的 " + moves.size() + " 个期限提前";
            told.add(new Notification(Notification.Kind.REMINDER, null, recipient, "节假日安排调整", null,
                    nearest.get(0).notice().deadline(), "节假日安排调整，" + howMany + "，最近的：" + shown
                            + (moves.size() > DIGEST_SHOWN ? "；其余见待办。" : "。")));
        });
        return told;
    }

    /** A deadline brought nearer: the notice for its ticket alone, and which deadline it is. */
    record Nearer(Notification notice, DeadlineClock clock) {}

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

    /**
     * Moves the deadline, at the ticket's moment {@code at}; the notice for whoever is to move the ticket on, if it came
     * nearer.
     */
    private Optional<Nearer> move(long id, DeadlineClock which, Instant from, Instant to, WorkingDayCalendar is,
            Instant at) {
        // less time than they were told: whoever is to move it on hears it now, not at the next reminder; to know
        // who that is takes the ticket's open tasks, which the other moves do not need
        boolean nearer = which != DeadlineClock.FEEDBACK && to.isBefore(from);
        tickets.deadlineMoved(id, which, to, at);
        Ticket t = (nearer ? tickets.find(id) : tickets.findRow(id)).orElseThrow();
        tickets.clockNext(id, which, t.nextClockPoint(which, is::pointOf));
        String before = TicketDeadlines.minutes(from, is.zone());
        String after = TicketDeadlines.minutes(to, is.zone());
        events.append(id, new TicketEvent(at, TicketEvent.SYSTEM, "recount", t.status(), t.status(),
                "节假日安排调整，" + which.deadlineName() + "由 " + before + " 改为 " + after));
        if (which == DeadlineClock.FEEDBACK) {
            publisher.publishEvent(new FeedbackWindowMoved(id, to));
        }
        return nearer ? Optional.of(new Nearer(t.notice(Notification.Kind.REMINDER, t.holder(), to,
                "节假日安排调整，" + which.deadlineName() + "由 " + before + " 提前到 " + after), which)) : Optional.empty();
    }

    /**
     * The holiday file this node starts with lacks a notice that the calendar in effect has: it is older
     * than the file the calendar in effect came from (a node of a cluster left behind when the others were
     * given the State Council's notice), or only part of a file: an operator with the jar alone, told by /admin
     * to add next year to config/holidays.yml, wrote a file holding that year only, which replaces the packed
     * one whole. Recounting on it would move every running deadline back, so the start fails instead, saying
     * which years and what to do: for a part (a year lacked before one it has), never to start on it anyway.
     */
    public static final class OlderCalendar extends IllegalStateException {

        /** Where the full file is when only the jar is at hand (Spring Boot packs the classes under BOOT-INF). */
        static final String PACKED_FILE = "BOOT-INF/classes/config/holidays.yml";

        OlderCalendar(List<Integer> years, Set<Integer> onFile) {
            super(said(years, onFile));
        }

        private static String said(List<Integer> years, Set<Integer> onFile) {
            String lacks = "the holiday file lacks the State Council's notice for " + listed(years) + ", which the"
                    + " calendar in effect has";
            int earliestLacked = years.stream().min(Integer::compare).orElseThrow();
            List<Integer> later = onFile.stream().filter(year -> year > earliestLacked).sorted().toList();
            if (!later.isEmpty()) {
                // a part of the calendar, not an older one: no setting may start on it
                return lacks + ", though it has " + listed(later) + ": the file holds only part of the calendar. A"
                        + " holidays.yml (sanfu.calendar.holidays-file, ./config/holidays.yml) replaces the one packed"
                        + " in the jar whole: copy the full file (the packed one: unzip -p sanfu-<version>.jar "
                        + PACKED_FILE + " > config/holidays.yml, or the repository's config/holidays.yml), add the new"
                        + " year to it, and start again.";
            }
            return lacks + " (another start recorded it): this file is older than the one in effect. Give this node"
                    + " the holiday file the others run (sanfu.calendar.holidays-file). To go back to this file on"
                    + " purpose (a notice entered by mistake), start once with sanfu.calendar.older-file-accepted=true:"
                    + " the running deadlines are then counted again on it.";
        }

        private static String listed(List<Integer> years) {
            return years.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
    }

    /** A ticket's feedback window (回访) now ends at {@code due}: what was issued for it should live as long. */
    public record FeedbackWindowMoved(long ticketId, Instant due) {}
}
