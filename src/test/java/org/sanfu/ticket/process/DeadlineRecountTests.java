package org.sanfu.ticket.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.HeldRow;
import org.sanfu.LostRace;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.StoredTicket;
import org.sanfu.calendar.CalendarInEffect;
import org.sanfu.calendar.CalendarOnRecord;
import org.sanfu.calendar.CalendarProperties;
import org.sanfu.calendar.Holidays;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.sla.Notification;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.ticket.DeadlineClock;
import org.sanfu.ticket.DeadlineRecount;
import org.sanfu.ticket.TicketEvent;
import org.sanfu.ticket.TicketLifecycle;
import org.sanfu.ticket.TicketView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A changed holiday calendar (the State Council's notice replacing a provisional year, a corrected date)
 * moves the deadlines still running: the working days they had left, counted again on it. Each test
 * works in a year of its own (2031 to 2039) and puts the suite's calendar back afterwards at the same
 * moment (accepting it, though it lacks the test's notice), which moves every deadline it moved back where it was (other tests' tickets may run that far).
 */
@SanfuTest
@RecordApplicationEvents
class DeadlineRecountTests extends ProcessTestSupport {

    @Autowired
    DeadlineRecount recount;
    @Autowired
    CalendarOnRecord onRecord;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    CalendarProperties settings;
    @Autowired
    TicketLifecycle lifecycle;
    @Autowired
    Pages pages;
    @Autowired
    ApplicationEvents published;
    @Autowired
    CalendarInEffect inEffect;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    LostRace race;

    @AfterEach
    void backToTheCalendarOnFile() throws IOException {
        calendar.follow(withYear("").described(), calendar.dayOf(Instant.now()));
        recount.countOn(calendar, true);
    }

    private static Instant at(String shanghai) {
        return OffsetDateTime.parse(shanghai + "+08:00").toInstant();
    }

    /** The calendar on file with this year's entry added, as the office would add a notice. */
    private WorkingDayCalendar withYear(String entry) throws IOException {
        return calendarOf(Files.readString(Path.of(settings.holidaysFile()), StandardCharsets.UTF_8) + entry);
    }

    /** The calendar on file with the State Council's notice of one day's holiday added (as its year's entry). */
    private WorkingDayCalendar withNoticeOf(String day) throws IOException {
        return withYear("- year: " + day.substring(0, 4) + "\n  notice: 测试通知\n  holidays:\n"
                + "    - { name: 测试假日, from: " + day + ", to: " + day + " }\n");
    }

    private WorkingDayCalendar calendarOf(String file) throws IOException {
        return new WorkingDayCalendar(calendar.zone(), settings.workStart(), settings.workEnd(),
                Holidays.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8))));
    }

    private List<TicketEvent> recounts(String id) {
        return tickets.history(id, STAFF).stream().filter(e -> e.action().equals("recount")).toList();
    }

    /**
     * What the recount told people of the ticket: its own notice, or the one notice of a recipient with
     * many deadlines brought nearer, which names it (other tests' tickets may run as far).
     */
    private List<Notification> told(String id) {
        return published.stream(Notification.class).filter(n -> n.text().contains("节假日安排调整")
                && (id.equals(n.ticketId()) || n.ticketId() == null && n.text().contains("事项 " + id + "「"))).toList();
    }

    private Instant next(String id, DeadlineClock clock) {
        return lifecycle.ticket(Long.parseLong(id)).clocks().next(clock);
    }

    @Test
    void theCalendarTheServiceStartedOnIsOnRecord() {
        // the start-up recorded it (or found it recorded), so a changed file would be recounted
        assertThat(onRecord.lockRecorded()).contains(calendar.described());
        assertThat(recount.countOn(calendar)).isZero();
    }

    @Test
    void aDayOffAddedMovesTheDeadlinesThatHadItStillAheadByOneWorkingDay() throws IOException {
        now(at("2031-03-10T10:00:00")); // a Monday; 2031 has no holidays on file
        String id = open("CONTAINER");
        TicketView before = ticket(id);
        assertThat(before.signDeadline()).isEqualTo(at("2031-03-11T17:30:00"));
        assertThat(before.replyDeadline()).isEqualTo(at("2031-03-17T17:30:00"));

        WorkingDayCalendar notice = withYear("""
                - year: 2031
                  notice: 测试通知
                  holidays:
                    - { name: 测试假日, from: 2031-03-12, to: 2031-03-12 }
                """);
        // other tests' tickets may run that far too (a visit dated at the latest date allowed): at least this one
        int moved = recount.countOn(notice);
        assertThat(moved).isPositive();

        TicketView after = ticket(id);
        assertThat(after.signDeadline()).as("Wednesday lies after the sign deadline").isEqualTo(before.signDeadline());
        assertThat(after.replyDeadline()).isEqualTo(at("2031-03-18T17:30:00"));
        assertThat(next(id, DeadlineClock.REPLY)).as("the first reminder point follows the deadline")
                .isEqualTo(notice.pointOf(at("2031-03-10T10:00:00"), at("2031-03-18T17:30:00"), 50))
                .isNotEqualTo(calendar.pointOf(at("2031-03-10T10:00:00"), at("2031-03-17T17:30:00"), 50));
        assertThat(recounts(id)).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(TicketEvent.SYSTEM);
            assertThat(e.detail()).isEqualTo("节假日安排调整，答复期限由 2031-03-17 17:30 改为 2031-03-18 17:30");
            // the ticket was filed at the recount's very moment (the clock stands still): the recount comes just after
            assertThat(e.at()).isEqualTo(at("2031-03-10T10:00:00").plusMillis(1));
        });
        assertThat(api.get("/api/tickets/" + id + "/history", "staff1").json()).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("recount");
            assertThat(e.get("actor").asText()).isEqualTo("system");
        });
        assertThat(onRecord.lockRecorded()).contains(notice.described());
        assertThat(onRecord.lastChange()).hasValue(new CalendarOnRecord.Change(at("2031-03-10T10:00:00"), moved));
        assertThat(pages.get("/admin", "admin").html().selectFirst("#calendarChanged").text())
                .contains("节假日安排最近一次变更于 2031-03-10 10:00 生效", moved + " 个进行中的时限已按新的日历重算");

        // the same calendar again moves nothing
        assertThat(recount.countOn(notice)).isZero();
        assertThat(ticket(id).replyDeadline()).isEqualTo(at("2031-03-18T17:30:00"));
        assertThat(recounts(id)).hasSize(1);
        assertThat(told(id)).as("more time: nobody needs telling").isEmpty();
    }

    /**
     * A ticket changed after the recount took its moment (its updatedAt later, committed before the recount took its
     * lock) keeps its order: its moved deadline and its recount event say 1 ms after that updatedAt, never the
     * recount's earlier moment (a pull whose cursor passed that change would miss this one); a ticket not changed
     * meanwhile takes the recount's moment. September 2031.
     */
    @Test
    void aTicketChangedAfterTheRecountTookItsMomentIsNotStampedBackwards() throws IOException {
        now(at("2031-09-08T10:00:00")); // a Monday
        String id = open("CONTAINER");
        String changed = open("CONTAINER");
        Instant moment = at("2031-09-08T10:05:00");
        now(moment);
        Instant later = moment.plusSeconds(60);
        jdbc.sql("update ticket set updated_at = ? where id = ?").params(Timestamp.from(later), Long.parseLong(changed))
                .update();

        assertThat(recount.countOn(withNoticeOf("2031-09-10"))).isPositive();
        assertThat(StoredTicket.updatedAt(jdbc, id)).isEqualTo(moment);
        assertThat(recounts(id)).isNotEmpty().allSatisfy(e -> assertThat(e.at()).isEqualTo(moment));
        assertThat(StoredTicket.updatedAt(jdbc, changed)).isEqualTo(later.plusMillis(1));
        assertThat(recounts(changed)).isNotEmpty().allSatisfy(e -> assertThat(e.at()).isEqualTo(later.plusMillis(1)));
    }

    /**
     * The recount takes its tickets' enterprises' rows before any ticket's, in credit-code order, as the import and a
     * correction take each enterprise's row before renaming its tickets: with a rename under way (its enterprise's row
     * held), the recount waits for it holding no ticket, so neither holds a row the other waits for (before, the
     * recount could hold one of the enterprise's tickets while the rename held another, and the database ended one of
     * the two, 409). March 2038, a year of its own.
     */
    @Test
    void theRecountWaitsForARenameUnderWayBeforeItHoldsAnyTicket() throws Exception {
        now(at("2038-03-08T10:00:00")); // a Monday
        String id = open("CONTAINER");
        assertThat(ticket(id).replyDeadline()).isEqualTo(at("2038-03-15T17:30:00"));
        String enterprise = jdbc.sql("select enterprise_credit_code from ticket where id = ?").param(Long.parseLong(id))
                .query(String.class).single();
        WorkingDayCalendar notice = withYear("""
                - year: 2038
                  notice: 测试通知
                  holidays:
                    - { name: 测试假日, from: 2038-03-10, to: 2038-03-10 }
                """);
        recountsWaitingHoldingNot(notice, "select credit_code from enterprise where credit_code = ? for update",
                enterprise, "select credit_code from enterprise where credit_code in %", id);
        assertThat(ticket(id).replyDeadline()).isEqualTo(at("2038-03-16T17:30:00"));
    }

    /**
     * The recount takes its moving tickets' rows in id order, as a handover takes them: held back at the lower one, it
     * holds no higher one a handover holding that lower one would take next. Before, it took them clock by clock: the
     * higher ticket for its sign deadline, then waited for the lower one for its reply deadline, and the two could
     * each wait for the other (the database ends one, 409). March 2041, a year of its own.
     */
    @Test
    void theRecountTakesItsTicketsInIdOrderAsAHandoverDoes() throws Exception {
        now(at("2041-03-04T10:00:00")); // a Monday
        String lower = open("CONTAINER");
        actions.sign(lower, TRANSPORT);
        // not signed: its sign deadline (Tuesday) moves too, and the sign clock's moves come before the reply clock's
        String higher = open("CONTAINER");
        assertThat(Long.parseLong(higher)).isGreaterThan(Long.parseLong(lower));
        // held by a handover, which takes the higher one next
        recountsWaitingHoldingNot(withNoticeOf("2041-03-05"), "select id from ticket where id = ? for update",
                Long.parseLong(lower), "select %updated_at% from ticket where id %", higher);
        assertThat(ticket(higher).signDeadline()).isEqualTo(at("2041-03-06T17:30:00"));
    }

    /**
     * The recount reads the running deadlines before it takes any ticket: an action that set a ticket's deadline anew
     * (a route, a reopen, counted on the old calendar) and committed before the recount took its lock is not written
     * over with a deadline counted from the one read; the recount counts the new one again, and its event says so.
     * March 2042, a year of its own.
     */
    @Test
    void aDeadlineSetAnewBeforeTheRecountTookItsTicketIsCountedFromTheNewOne() throws Exception {
        now(at("2042-03-03T10:00:00")); // a Monday
        String id = open("CONTAINER");
        assertThat(ticket(id).replyDeadline()).isEqualTo(at("2042-03-10T17:30:00"));
        Instant anew = at("2042-03-07T17:30:00");
        ExecutorService recounting = Executors.newSingleThreadExecutor();
        // an action's transaction: the row changed and held, committed once the recount waits for it
        try (HeldRow action = HeldRow.changed(transactions, () -> jdbc.sql(
                "update ticket set reply_deadline = ? where id = ?").params(Timestamp.from(anew), Long.parseLong(id))
                .update())) {
            WorkingDayCalendar notice = withNoticeOf("2042-03-05");
            Future<Integer> counting = recounting.submit(() -> recount.countOn(notice));
            race.awaitAt("select %updated_at% from ticket where id %", 1, counting);
            action.close();
            assertThat(counting.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            recounting.shutdownNow();
        }
        // Tuesday, Thursday, Friday left, with Wednesday off: to Monday (from the one read, it would be Tuesday 11th)
        assertThat(ticket(id).replyDeadline()).isEqualTo(at("2042-03-10T17:30:00"));
        assertThat(recounts(id)).extracting(TicketEvent::detail)
                .containsExactly("节假日安排调整，答复期限由 2042-03-07 17:30 改为 2042-03-10 17:30");
    }

    /**
     * Recounts on {@code notice} while another transaction holds a row ({@code held}, a statement locking it by
     * {@code key}): once the recount waits at a statement like {@code waitsAt}, the ticket {@code free} is not among the
     * rows it holds (held, it would be waited for past the lock timeout here, and fail). Then the row is let go, and
     * the recount moves deadlines.
     */
    private void recountsWaitingHoldingNot(WorkingDayCalendar notice, String held, Object key, String waitsAt,
            String free) throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> counting;
            try (HeldRow holding = new HeldRow(transactions, jdbc, held, key)) {
                counting = other.submit(() -> recount.countOn(notice));
                race.awaitAt(waitsAt, 1, counting);
                assertThat(counting).as("waiting for the row held").isNotDone();
                new TransactionTemplate(transactions).executeWithoutResult(status -> assertThat(jdbc
                        .sql("select id from ticket where id = ? for update").param(Long.parseLong(free))
                        .query(Long.class).list()).hasSize(1));
            }
            assertThat(counting.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aWorkdayAddedBringsADeadlineNearerAndOnePassedStaysPassed() throws IOException {
        now(at("2032-03-08T10:00:00")); // a Monday
        String id = open("CONTAINER");
        assertThat(ticket(id).signDeadline()).isEqualTo(at("2032-03-09T17:30:00"));
        assertThat(ticket(id).replyDeadline()).isEqualTo(at("2032-03-15T17:30:00"));
        now(at("2032-03-10T09:00:00")); // Wednesday: the sign deadline passed, not yet swept
        Instant signNext = next(id, DeadlineClock.SIGN);

        WorkingDayCalendar notice = withYear("""
                - year: 2032
                  notice: 测试通知
                  holidays:
                    - { name: 测试假日, from: 2032-03-09, to: 2032-03-09 }
                  workdays: [2032-03-13]
                """);
        assertThat(recount.countOn(notice)).isPositive();

        TicketView after = ticket(id);
        assertThat(after.signDeadline()).as("a deadline passed stays passed").isEqualTo(at("2032-03-09T17:30:00"));
        // left on Wednesday: Thursday, Friday, Monday; now Thursday, Friday and the Saturday worked
        assertThat(after.replyDeadline()).isEqualTo(at("2032-03-13T17:30:00"));
        assertThat(recounts(id)).extracting(TicketEvent::detail)
                .containsExactly("节假日安排调整，答复期限由 2032-03-15 17:30 改为 2032-03-13 17:30");
        assertThat(told(id)).as("less time: the department hears it at once").singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notification.Kind.REMINDER);
            assertThat(n.recipient()).isEqualTo("TRANSPORT");
            assertThat(n.deadline()).isEqualTo(at("2032-03-13T17:30:00"));
            // its own notice, unless other tests' tickets far ahead came nearer too (then one for them all)
            assertThat(n.text()).contains(n.ticketId() != null
                    ? "节假日安排调整，答复期限由 2032-03-15 17:30 提前到 2032-03-13 17:30"
                    : "事项 " + id + "「问题 CONTAINER」答复期限提前到 2032-03-13 17:30");
        });
        assertThat(next(id, DeadlineClock.SIGN)).as("the sweep attends the passed sign clock as before")
                .isEqualTo(signNext);
        assertThat(next(id, DeadlineClock.REPLY)).as("and remind on the nearer reply deadline's way")
                .isEqualTo(notice.pointOf(at("2032-03-08T10:00:00"), at("2032-03-13T17:30:00"), 50));
    }

    @Test
    void aDepartmentWithManyDeadlinesBroughtNearerHearsItOnceNotPerTicket() throws IOException {
        now(at("2034-03-06T10:00:00")); // a Monday
        List<String> ids = List.of(open("CONTAINER"), open("CONTAINER"), open("CONTAINER"), open("CONTAINER"));
        ids.forEach(id -> assertThat(ticket(id).replyDeadline()).isEqualTo(at("2034-03-13T17:30:00")));

        WorkingDayCalendar notice = withYear("""
                - year: 2034
                  notice: 测试通知
                  workdays: [2034-03-11]
                """);
        assertThat(recount.countOn(notice)).isGreaterThanOrEqualTo(4);

        ids.forEach(id -> assertThat(ticket(id).replyDeadline()).isEqualTo(at("2034-03-11T17:30:00")));
        ids.forEach(id -> assertThat(recounts(id)).hasSize(1));
        List<Notification> toTransport = published.stream(Notification.class)
                .filter(n -> n.text().contains("节假日安排调整") && "TRANSPORT".equals(n.recipient())).toList();
        assertThat(toTransport).as("one notice for them all").singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notification.Kind.REMINDER);
            assertThat(n.ticketId()).isNull();
            assertThat(n.deadline()).isEqualTo(at("2034-03-11T17:30:00"));
            assertThat(n.text()).startsWith("节假日安排调整，").contains("件事项的期限提前，最近的：");
            ids.forEach(id -> assertThat(n.text()).contains("事项 " + id + "「问题 CONTAINER」答复期限提前到 2034-03-11 17:30"));
        });
    }

    @Test
    void theFeedbackWindowMovesWithItsLinkAndStoppedClocksStay() throws IOException {
        now(at("2033-03-07T10:00:00")); // a Monday
        String id = open("CONTAINER");
        actions.sign(id, TRANSPORT);
        actions.reply(id, TRANSPORT, body(ActionRequests.Reply.class, Map.of("resolution", "已订到舱位",
                "outcome", "RESOLVED")));
        TicketView replied = ticket(id);
        assertThat(replied.feedbackDue()).isEqualTo(at("2033-03-14T17:30:00"));
        Api.Response link = api.post("/api/tickets/" + id + "/feedback-link", "staff1", null);
        assertThat(link.status()).isEqualTo(201);
        assertThat(OffsetDateTime.parse(link.json().get("expiresAt").asText()).toInstant()).isEqualTo(at("2033-03-14T17:30:00"));

        WorkingDayCalendar notice = withYear("""
                - year: 2033
                  notice: 测试通知
                  holidays:
                    - { name: 测试假日, from: 2033-03-08, to: 2033-03-08 }
                """);
        assertThat(recount.countOn(notice)).isPositive();

        TicketView after = ticket(id);
        assertThat(after.signDeadline()).as("signed: its clock stopped").isEqualTo(replied.signDeadline());
        assertThat(after.replyDeadline()).as("replied: its clock stopped").isEqualTo(replied.replyDeadline());
        assertThat(after.feedbackDue()).isEqualTo(at("2033-03-15T17:30:00"));
        assertThat(next(id, DeadlineClock.FEEDBACK)).isEqualTo(at("2033-03-15T17:30:00"));
        assertThat(recounts(id)).extracting(TicketEvent::detail)
                .containsExactly("节假日安排调整，回访期限由 2033-03-14 17:30 改为 2033-03-15 17:30");
        assertThat(jdbc.sql("select expires_at from feedback_link where ticket_id = ? and voided_at is null")
                .param(Long.parseLong(id)).query(OffsetDateTime.class).single().toInstant())
                .as("the live link lives as long as the window").isEqualTo(at("2033-03-15T17:30:00"));
    }

    @Test
    void aStartOnAFileOlderThanTheCalendarInEffectFailsAndMovesNothing() throws IOException {
        now(at("2035-03-05T10:00:00")); // a Monday
        String id = open("CONTAINER");
        WorkingDayCalendar notice = withNoticeOf("2035-03-07");
        assertThat(recount.countOn(notice)).isPositive();
        Instant counted = ticket(id).replyDeadline();
        assertThat(counted).isEqualTo(at("2035-03-13T17:30:00"));
        CalendarOnRecord.Change change = onRecord.lastChange().orElseThrow();

        // a node of the cluster still on the file without the notice (its 2035 provisional, or not there)
        WorkingDayCalendar provisional = withYear("""
                - year: 2035
                  provisional: true
                  notice: 待通知
                  holidays: []
                """);
        for (WorkingDayCalendar older : List.of(provisional, calendar)) {
            assertThatThrownBy(() -> recount.countOn(older)).isInstanceOf(DeadlineRecount.OlderCalendar.class)
                    .hasMessageContaining("lacks the State Council's notice for 2035")
                    .hasMessageContaining("this file is older than the one in effect")
                    .hasMessageContaining("sanfu.calendar.older-file-accepted=true")
                    .hasMessageNotContaining("only part");
        }
        assertThat(ticket(id).replyDeadline()).as("nothing moved back").isEqualTo(counted);
        assertThat(recounts(id)).hasSize(1);
        assertThat(onRecord.lockRecorded()).contains(notice.described());
        assertThat(onRecord.lastChange()).hasValue(change);

        // on purpose (the setting): counted again on it
        assertThat(recount.countOn(provisional, true)).isPositive();
        assertThat(ticket(id).replyDeadline()).isEqualTo(at("2035-03-12T17:30:00"));
        assertThat(onRecord.lockRecorded()).contains(provisional.described());
        // a notice of a year already past is no longer the calendar in effect's to keep
        now(at("2036-03-03T10:00:00"));
        assertThat(recount.countOn(notice)).isZero();
        assertThat(recount.countOn(provisional)).isZero();
    }

    /**
     * An operator with the jar alone, told by /admin to add next year to config/holidays.yml, writes a file holding
     * that year only: it replaces the packed one whole, so it lacks this year's notice. It is a part of the calendar,
     * not an older one, and the refusal says so and where the full file is; nothing moves.
     */
    @Test
    void aStartOnAFileOfTheNewYearAloneFailsSayingItIsAPartNotAnOlderFile() throws IOException {
        now(at("2039-03-07T10:00:00")); // a Monday
        String id = open("CONTAINER");
        WorkingDayCalendar notice = withNoticeOf("2039-03-09");
        recount.countOn(notice);
        Instant counted = ticket(id).replyDeadline();
        WorkingDayCalendar newYearAlone = calendarOf("""
                - year: 2040
                  notice: 国务院办公厅关于2040年部分节假日安排的通知
                  holidays:
                    - { name: 元旦, from: 2040-01-01, to: 2040-01-01 }
                """);

        assertThatThrownBy(() -> recount.countOn(newYearAlone)).isInstanceOf(DeadlineRecount.OlderCalendar.class)
                .hasMessageContaining("lacks the State Council's notice for 2039, which the calendar in effect has,"
                        + " though it has 2040: the file holds only part of the calendar")
                .hasMessageContaining("replaces the one packed in the jar whole: copy the full file")
                .hasMessageContaining("BOOT-INF/classes/config/holidays.yml")
                .hasMessageContaining("add the new year to it")
                .hasMessageNotContaining("older than").hasMessageNotContaining("older-file-accepted");
        assertThat(ticket(id).replyDeadline()).as("nothing moved back").isEqualTo(counted);
        assertThat(onRecord.lockRecorded()).contains(notice.described());
    }

    @Test
    void theNoticeOfAProvisionalYearWithTheSameDaysChangesNothingToTell() throws IOException {
        now(at("2036-03-03T10:00:00")); // a Monday
        WorkingDayCalendar provisional = withYear("""
                - year: 2036
                  provisional: true
                  notice: 待通知
                  holidays:
                    - { name: 测试假日, from: 2036-03-05, to: 2036-03-05 }
                """);
        recount.countOn(provisional);
        Optional<CalendarOnRecord.Change> change = onRecord.lastChange();
        WorkingDayCalendar notice = withYear("""
                - year: 2036
                  notice: 测试通知
                  holidays:
                    - { name: 测试假日, from: 2036-03-05, to: 2036-03-05 }
                """);
        assertThat(notice.described()).isNotEqualTo(provisional.described());
        assertThat(recount.countOn(notice)).isZero();
        assertThat(onRecord.lockRecorded()).as("the notice is on record").contains(notice.described());
        assertThat(onRecord.lastChange()).as("and no change is shown for it").isEqualTo(change);
        // a node still on the provisional year starts: it counts alike, so it is not refused, and the notice stays
        assertThat(recount.countOn(provisional)).isZero();
        assertThat(onRecord.lockRecorded()).contains(notice.described());
        assertThat(WorkingDayCalendar.ofDescribed(notice.described()).noticeYears()).contains(2036);
    }
    @Test
    void aNodeStillRunningOnTheOldFileFollowsTheCalendarAnotherNodesStartPutInEffect() throws IOException {
        now(at("2037-03-09T10:00:00")); // a Monday; 2037 has no holidays on file
        String before = open("CONTAINER");
        assertThat(ticket(before).replyDeadline()).isEqualTo(at("2037-03-16T17:30:00"));
        String onFile = calendar.described();
        assertThat(calendar.countsOnFile()).isTrue();
        assertThat(inEffect.follow()).as("the calendar on record is this node's own").isFalse();

        // another node restarts with the State Council's notice: it recounts the running deadlines and records it
        WorkingDayCalendar notice = withYear("""
                - year: 2037
                  notice: 测试通知
                  holidays:
                    - { name: 测试假日, from: 2037-03-11, to: 2037-03-11 }
                """);
        assertThat(recount.countOn(notice)).isPositive();
        assertThat(ticket(before).replyDeadline()).isEqualTo(at("2037-03-17T17:30:00"));

        // this node, still running on its old file, follows it: new deadlines skip the day off too
        assertThat(inEffect.follow()).isTrue();
        assertThat(calendar.countsOnFile()).isFalse();
        assertThat(calendar.described()).isEqualTo(notice.described());
        assertThat(calendar.noticesOnFile()).as("its file is what it is").doesNotContainKey(2037);
        assertThat(inEffect.noticesLackedOnFile()).containsExactly(2037);
        String after = open("CONTAINER");
        assertThat(ticket(after).signDeadline()).isEqualTo(at("2037-03-10T17:30:00"));
        assertThat(ticket(after).replyDeadline()).isEqualTo(at("2037-03-17T17:30:00"));
        assertThat(inEffect.follow()).as("nothing new on record").isFalse();
        assertThat(pages.get("/admin", "admin").html().selectFirst("#calendarFollowed").text())
                .contains("config/holidays.yml").contains("2037 年的国务院办公厅通知").contains("重启");
        // its own record of the calendar in effect is the one it follows: a recount on it moves nothing
        assertThat(recount.countOn(calendar)).isZero();

        // the calendar in effect goes back to this node's file (on purpose, from another node): so does it
        recount.countOn(withYear(""), true);
        assertThat(inEffect.follow()).isTrue();
        assertThat(calendar.countsOnFile()).isTrue();
        assertThat(calendar.described()).isEqualTo(onFile);
        assertThat(pages.get("/admin", "admin").html().selectFirst("#calendarFollowed")).isNull();
    }
}
