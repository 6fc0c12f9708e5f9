package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
            later[0] = tickets.now().plus(Duration.ofMinutes(1));
            TransactionTemplate other = new TransactionTemplate(transactions);
            other.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
            other.executeWithoutResult(tx -> jdbc.update("update ticket set updated_at = ? where id = ?",
                    Timestamp.from(later[0]), id));
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
            later[0] = tickets.now().plus(Duration.ofMinutes(1));
            TransactionTemplate other = new TransactionTemplate(transactions);
            other.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
            other.executeWithoutResult(tx -> jdbc.update("update ticket set updated_at = ? where id = ?",
                    Timestamp.from(later[0]), id));
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
        TickingTime.start(Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofSeconds(1));

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            Instant moment = tickets.now();
            assertThat(reporters.handOverOpen("staff1", "staff2", "admin")).isPositive();
            assertThat(lastEventAt(id, TicketReporters.HANDOVER)).isEqualTo(moment);
            assertThat(updatedAt(id)).isEqualTo(moment);
            tx.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("select reporter from ticket where id = ?", String.class, id)).isEqualTo("staff1");
    }

    /**
     * Runs the work in a transaction whose moment is asked first, as an action's use case asks it at its start (and
     * the process's listeners after it): its moment.
     */
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
