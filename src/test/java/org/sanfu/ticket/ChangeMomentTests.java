package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.TickingTime;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One change, one moment (TicketChanges#now), for the rows of a ticket's files, its systemic case and its handover
 * too: a file's uploaded_at or removed_at, the history event and the ticket's updated_at say the instant the change
 * took at its start, on a clock that moves a second on every read, where each reading the clock itself said a later one.
 */
@SanfuTest
class ChangeMomentTests extends TicketWebTestSupport {

    private static final Caller REPORTER = new Caller("staff1", Role.STAFF, null);

    @Autowired
    TicketAttachments files;
    @Autowired
    TicketCases cases;
    @Autowired
    TicketReporters reporters;
    @Autowired
    Tickets tickets;
    @Autowired
    TicketDeadlines deadlines;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void stopTheClock() {
        ClockUtil.reset();
    }

    @Test
    void aFileAddedOrRemovedCarriesTheMomentOfItsChange() {
        long id = Long.parseLong(id(api.ticket("CONTAINER")));
        TickingTime.start(Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofSeconds(1));

        Instant attached = atItsMoment(() -> files.attach(String.valueOf(id), REPORTER,
                new TicketAttachments.Upload("现场照片.png", "image/png", TicketAttachmentWebTests.PNG)));
        long file = jdbc.queryForObject("select max(id) from ticket_attachment where ticket_id = ?", Long.class, id);
        assertThat(instant("select uploaded_at from ticket_attachment where id = ?", file)).isEqualTo(attached);
        assertThat(lastEventAt(id, "attach")).isEqualTo(attached);
        assertThat(updatedAt(id)).isEqualTo(attached);

        Instant detached = atItsMoment(() -> files.detach(String.valueOf(id), String.valueOf(file), REPORTER));
        assertThat(detached).isAfter(attached);
        assertThat(instant("select removed_at from ticket_attachment where id = ?", file)).isEqualTo(detached);
        assertThat(lastEventAt(id, "detach")).isEqualTo(detached);
        assertThat(updatedAt(id)).isEqualTo(detached);
    }

    @Test
    void aMemberLinkedToItsCaseCarriesTheMomentOfTheChange() {
        long id = Long.parseLong(id(api.ticket("CONTAINER")));
        // after the ticket's own moment of filing: a member is never stamped before its updatedAt (below)
        TickingTime.start(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), Duration.ofSeconds(1));

        Instant linked = atItsMoment(() -> cases.link(id, "dispatch", "并入共性问题"));
        assertThat(lastEventAt(id, "link")).isEqualTo(linked);
        assertThat(updatedAt(id)).isEqualTo(linked);
    }

    /**
     * A member changed by another transaction after this change took its moment (committed while this one waited for
     * the member's lock) keeps its later updatedAt: the link is stamped then, never earlier, so a pull that passed the
     * other change still sees this one.
     */
    @Test
    void aMemberChangedAfterTheMomentWasTakenIsNotStampedBackwards() {
        long id = Long.parseLong(id(api.ticket("CONTAINER")));
        TickingTime.start(Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofSeconds(1));
        Instant[] later = new Instant[1];

        Instant moment = atItsMoment(() -> {
            later[0] = changedMeanwhile(id, tickets.now().plus(Duration.ofMinutes(1)));
            cases.link(id, "dispatch", "并入共性问题");
        });
        assertThat(later[0]).isAfter(moment);
        // just after it, not at it: a cursor that passed the other change (its updatedAt and id) still finds this one
        assertThat(updatedAt(id)).isEqualTo(later[0].plusMillis(1));
        assertThat(lastEventAt(id, "link")).isEqualTo(later[0].plusMillis(1));
    }

    /** As above, for a member replied by its case's reply, whose process's listeners stamp the ticket too. */
    @Test
    void aMemberChangedAfterTheMomentWasTakenIsNotRepliedBackwards() {
        long id = Long.parseLong(id(api.ticket("CONTAINER")));
        TickingTime.start(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), Duration.ofSeconds(1));
        Instant[] later = new Instant[1];
        boolean[] replied = new boolean[1];

        atItsMoment(() -> {
            later[0] = changedMeanwhile(id, tickets.now().plus(Duration.ofMinutes(1)));
            replied[0] = cases.replyAsMember(id, 1L, "统一答复", Outcome.RESOLVED);
        });
        assertThat(replied[0]).isTrue();
        assertThat(updatedAt(id)).isEqualTo(later[0].plusMillis(1));
        assertThat(lastEventAt(id, "reply")).isEqualTo(later[0].plusMillis(1));
    }

    /** A handover moves every open ticket of the specialist's: looked at inside its transaction, then rolled back. */
    @Test
    void aTicketHandedOverCarriesTheMomentOfTheChange() {
        long id = Long.parseLong(id(api.ticket("CONTAINER")));
        // after the ticket's own moment of filing: a ticket handed over is never stamped before its updatedAt (below)
        TickingTime.start(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), Duration.ofSeconds(1));

        rolledBack(() -> {
            Instant moment = tickets.now();
            assertThat(reporters.handOverOpen("staff1", "staff2", "admin")).isPositive();
            assertThat(lastEventAt(id, TicketReporters.HANDOVER)).isEqualTo(moment);
            assertThat(updatedAt(id)).isEqualTo(moment);
        });
        assertThat(jdbc.queryForObject("select reporter from ticket where id = ?", String.class, id)).isEqualTo("staff1");
    }

    /**
     * A bulk step takes its moment before it locks the rows it stamps: a ticket changed meanwhile (its updatedAt later
     * than that moment) is stamped just after its own updatedAt, never back to the step's moment nor at its own (a pull
     * whose cursor passed that change would miss this one); the others of the step take the step's moment. Here an
     * enterprise's new name, written to its two tickets in one statement.
     */
    @Test
    void aTicketChangedAfterItsEnterprisesNewNameTookItsMomentIsNotRenamedBackwards() {
        String code = api.enterprise();
        List<Long> ids = twoTicketsOf(code);
        TickingTime.start(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), Duration.ofSeconds(1));
        Instant[] later = new Instant[1];

        Instant moment = atItsMoment(() -> {
            later[0] = changedMeanwhile(ids.get(1), tickets.now().plus(Duration.ofMinutes(1)));
            tickets.renameEnterprise(code, "改名后的企业", "城关镇");
        });
        assertThat(updatedAt(ids.get(0))).isEqualTo(moment);
        assertThat(updatedAt(ids.get(1))).isEqualTo(later[0].plusMillis(1));
    }

    /**
     * As above, a ticket changed at the step's very moment (a cursor may have passed it): stamped 1 ms after it, not at
     * it, where `>=` turned into `>` would leave it. The enterprise's new name, then a handover (rolled back).
     */
    @Test
    void aTicketChangedAtTheStepsVeryMomentIsStampedJustAfterIt() {
        String code = api.enterprise();
        List<Long> ids = twoTicketsOf(code);
        TickingTime.start(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), Duration.ofSeconds(1));

        Instant renamed = atItsMoment(() -> {
            changedMeanwhile(ids.get(1), tickets.now());
            tickets.renameEnterprise(code, "改名后的企业", "城关镇");
        });
        assertThat(updatedAt(ids.get(1))).isEqualTo(renamed.plusMillis(1));

        rolledBack(() -> {
            Instant moment = tickets.now();
            changedMeanwhile(ids.get(0), moment);
            assertThat(reporters.handOverOpen("staff1", "staff2", "admin")).isPositive();
            assertThat(updatedAt(ids.get(0))).isEqualTo(moment.plusMillis(1));
            assertThat(lastEventAt(ids.get(0), TicketReporters.HANDOVER)).isEqualTo(moment.plusMillis(1));
        });
    }

    /** As above, for a handover: the ticket's history says the moment its updatedAt does. Rolled back. */
    @Test
    void aTicketChangedAfterItsHandoverTookItsMomentIsNotHandedOverBackwards() {
        List<Long> ids = twoTicketsOf(api.enterprise());
        TickingTime.start(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), Duration.ofSeconds(1));

        rolledBack(() -> {
            Instant moment = tickets.now();
            Instant later = changedMeanwhile(ids.get(1), moment.plus(Duration.ofMinutes(1)));
            assertThat(reporters.handOverOpen("staff1", "staff2", "admin")).isPositive();
            assertThat(updatedAt(ids.get(0))).isEqualTo(moment);
            assertThat(lastEventAt(ids.get(0), TicketReporters.HANDOVER)).isEqualTo(moment);
            assertThat(updatedAt(ids.get(1))).isEqualTo(later.plusMillis(1));
            assertThat(lastEventAt(ids.get(1), TicketReporters.HANDOVER)).isEqualTo(later.plusMillis(1));
        });
    }

    /**
     * As above, for the deadline sweep's mark of a missed deadline: a ticket whose updatedAt is no earlier than the
     * clock's now read under its lock is marked just after it, not at it; one earlier, at that now.
     */
    @Test
    void aTicketTheSweepFindsChangedLaterIsMarkedJustAfterItsChangeNotAtIt() {
        List<Long> ids = twoTicketsOf(api.enterprise());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(1);
        // the sweep's first two: their sign deadlines missed long ago
        Timestamp deadline = Timestamp.from(Instant.parse("2000-01-02T00:00:00Z"));
        ids.forEach(id -> jdbc.update("update ticket set sign_deadline = ?, sign_clock_next = ? where id = ?", deadline,
                Timestamp.from(Instant.parse("2000-01-01T00:00:00Z")), id));
        // at the clock's now itself: the same moment, which a cursor may have passed, is no later
        Instant later = changedMeanwhile(ids.get(1), now);
        ClockUtil.setCurrentTime(Date.from(now));

        deadlines.sweep();
        assertThat(updatedAt(ids.get(0))).isEqualTo(now);
        assertThat(lastEventAt(ids.get(0), "overdue")).isEqualTo(now);
        assertThat(updatedAt(ids.get(1))).isEqualTo(later.plusMillis(1));
        assertThat(lastEventAt(ids.get(1), "overdue")).isEqualTo(later.plusMillis(1));
    }

    /**
     * An action takes its moment under the ticket's lock (Tickets#lock): a ticket whose updatedAt lies ahead of this
     * node's clock (stamped by a node whose clock runs ahead, or 1 ms after a bulk step's moment within that
     * millisecond) is signed and replied just after it, never at or before it; the history says the same moment.
     */
    @Test
    void aTicketStampedAheadOfTheClockIsSignedAndRepliedAfterIt() {
        String id = id(api.ticket("CONTAINER"));
        Instant ahead = Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofHours(1));
        changedMeanwhile(Long.parseLong(id), ahead);

        api.act(id, "sign", "transport", null);
        assertThat(updatedAt(Long.parseLong(id))).isEqualTo(ahead.plusMillis(1));
        assertThat(lastEventAt(Long.parseLong(id), "sign")).isEqualTo(ahead.plusMillis(1));

        api.act(id, "reply", "transport", Map.of("resolution", "已协调船公司", "outcome", "RESOLVED"));
        assertThat(updatedAt(Long.parseLong(id))).isEqualTo(ahead.plusMillis(2));
        assertThat(lastEventAt(Long.parseLong(id), "reply")).isEqualTo(ahead.plusMillis(2));
    }

    /** Two tickets of the enterprise, filed by staff1 at one visit: their ids. */
    private List<Long> twoTicketsOf(String code) {
        return api.visit(code, List.of(Api.problem("CONTAINER", "甲"), Api.problem("CONTAINER", "乙"))).stream()
                .map(t -> t.get("id").asLong()).toList();
    }

    /** Another transaction changed the ticket at {@code at} and committed: that moment. */
    private Instant changedMeanwhile(long id, Instant at) {
        TransactionTemplate other = new TransactionTemplate(transactions);
        other.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        other.executeWithoutResult(tx -> jdbc.update("update ticket set updated_at = ? where id = ?", Timestamp.from(at),
                id));
        return at;
    }

    /**
     * Runs the work in a transaction whose moment is asked first, as an action's use case asks it at its start (and
     * the process's listeners after it): its moment.
     */
    /** Runs {@code steps} in a transaction rolled back at its end, so that the shared database keeps nothing of them. */
    private void rolledBack(Runnable steps) {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            steps.run();
            tx.setRollbackOnly();
        });
    }

    private Instant atItsMoment(Runnable work) {
        return new TransactionTemplate(transactions).execute(tx -> {
            Instant moment = tickets.now();
            work.run();
            return moment;
        });
    }

    private Instant lastEventAt(long id, String action) {
        List<Timestamp> at = jdbc.queryForList("select at from ticket_event where ticket_id = ? and action = ? "
                + "order by id desc", Timestamp.class, id, action);
        assertThat(at).as(action + " event").isNotEmpty();
        return at.get(0).toInstant();
    }

    private Instant updatedAt(long id) {
        return instant("select updated_at from ticket where id = ?", id);
    }

    private Instant instant(String sql, long id) {
        return jdbc.queryForObject(sql, Timestamp.class, id).toInstant();
    }
}
