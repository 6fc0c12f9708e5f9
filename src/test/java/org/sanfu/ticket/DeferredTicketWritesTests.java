package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Sql;
import org.sanfu.SanfuTest;
import org.sanfu.StoredTicket;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The columns set to plain values (status, clocks, a rating...) wait for the next statement on the ticket table
 * and go in one update (TicketChanges.defer): every read through Tickets finds them, a later write keeps its
 * place after them, the commit writes what no statement came for, and a rollback writes nothing.
 */
@SanfuTest
class DeferredTicketWritesTests {

    @Autowired
    Api api;
    @Autowired
    Tickets tickets;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private long id;
    private Instant signClockNext;

    @BeforeEach
    void anAssignedTicket() {
        id = api.ticket("FINANCING").get("id").asLong();
        assertThat(stored("status")).isEqualTo("ASSIGNED");
        signClockNext = jdbc.sql("select sign_clock_next from ticket where id = ?").param(id)
                .query((rs, n) -> Sql.instant(rs, 1)).single();
        assertThat(signClockNext).isNotNull();
    }

    /** The column as the table holds it, read past Tickets (and so past what it holds back). */
    private String stored(String column) {
        return jdbc.sql("select " + column + " from ticket where id = ?").param(id).query(String.class).single();
    }

    @Test
    void aReadThroughTicketsFindsTheHeldColumnsAndARollbackWritesNothing() {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            tickets.setStatus(id, TicketStatus.IN_PROGRESS, Instant.now());
            assertThat(stored("status")).as("held back").isEqualTo("ASSIGNED");
            assertThat(tickets.findRow(id).orElseThrow().status()).isEqualTo(TicketStatus.IN_PROGRESS);
            assertThat(stored("status")).as("written before the read").isEqualTo("IN_PROGRESS");
            tx.setRollbackOnly();
        });
        assertThat(stored("status")).isEqualTo("ASSIGNED");

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            tickets.setStatus(id, TicketStatus.IN_PROGRESS, Instant.now());
            tx.setRollbackOnly();
        });
        assertThat(stored("status")).isEqualTo("ASSIGNED");
    }

    @Test
    void theCommitWritesTheHeldColumnsOfSeveralWriters() {
        Instant later = signClockNext.plus(1, ChronoUnit.MINUTES);
        Instant updated = StoredTicket.updatedAt(jdbc, id);
        Instant at = updated.plusSeconds(60);
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            tickets.clockNext(id, DeadlineClock.SIGN, later);
            tickets.setStatus(id, TicketStatus.ASSIGNED, at);
            assertThat(StoredTicket.updatedAt(jdbc, id)).as("held back").isEqualTo(updated);
        });
        assertThat(jdbc.sql("select sign_clock_next from ticket where id = ?").param(id)
                .query((rs, n) -> Sql.instant(rs, 1)).single()).isEqualTo(later);
        assertThat(StoredTicket.updatedAt(jdbc, id)).isEqualTo(at);
        assertThat(stored("status")).isEqualTo("ASSIGNED");
    }

    @Test
    void aTransactionOfItsOwnInsideNeitherSeesNorWritesWhatTheOuterOneHolds() {
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            tickets.setStatus(id, TicketStatus.IN_PROGRESS, Instant.now());
            TicketStatus inside = own.execute(inner -> tickets.findRow(id).orElseThrow().status());
            assertThat(inside).as("the committed row").isEqualTo(TicketStatus.ASSIGNED);
            tx.setRollbackOnly();
        });
        assertThat(stored("status")).as("written by neither").isEqualTo("ASSIGNED");
    }

    @Test
    void nothingIsHeldOnceTheTransactionCommits() {
        // as a listener of TicketFactsChanged would, after the commit's flush: it would never be written
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            tickets.touch(id, Instant.now());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    tickets.setStatus(id, TicketStatus.IN_PROGRESS, Instant.now());
                }
            });
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("commits");
        assertThat(stored("status")).isEqualTo("ASSIGNED");
    }

    @Test
    void aWriteAfterAHeldColumnWinsAsItWouldInSequence() {
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant second = first.plusSeconds(1);
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            tickets.setStatus(id, TicketStatus.ASSIGNED, first);
            tickets.signed(id, second, false);
        });
        assertThat(StoredTicket.updatedAt(jdbc, id)).as("the sign came after the status").isEqualTo(second);

        Instant third = second.plusSeconds(1);
        Instant fourth = third.plusSeconds(1);
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            tickets.signed(id, third, false);
            tickets.setStatus(id, TicketStatus.ASSIGNED, fourth);
        });
        assertThat(StoredTicket.updatedAt(jdbc, id)).as("the status came after the sign").isEqualTo(fourth);
    }
}
