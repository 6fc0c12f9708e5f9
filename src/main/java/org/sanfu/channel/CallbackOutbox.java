package org.sanfu.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.sanfu.Sql;
import org.sanfu.catalog.Catalog;
import org.sanfu.ticket.TicketFactsChanged;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a callback for every status change of a channel's ticket into the outbox (channel_callback),
 * inside the transaction that changed it (ticket.TicketFactsChanged comes just before commit, with the
 * status before and after): a change the service acknowledged has its callback stored with it, and a
 * change rolled back has none. The write runs in a savepoint: if it fails, the callback is lost (logged
 * as an error) but the ticket's change commits, for a channel's callback must never fail a ticket. Before
 * numbering, the transaction locks the row of every channel it stores callbacks of, in code order (the
 * numbers' lock, held to commit), so that two transactions storing callbacks of several channels never
 * deadlock. A transaction that stored a callback wakes the sender after it commits.
 */
@Component
class CallbackOutbox {

    private static final Logger log = LoggerFactory.getLogger(CallbackOutbox.class);

    private final Catalog catalog;
    private final Channels channels;
    private final TicketQueries tickets;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final CallbackSchedule schedule;
    /** The lock of a row about to be updated (Sql.updateLock): PostgreSQL's leaves a channel_ticket insert's FK check alone. */
    private final String rowLock;

    CallbackOutbox(Channels channels, TicketQueries tickets, JdbcClient jdbc, ObjectMapper json,
            PlatformTransactionManager transactions, Clock clock, CallbackSchedule schedule, Catalog catalog,
            DataSource dataSource) {
        this.rowLock = Sql.updateLock(dataSource);
        this.catalog = catalog;
        this.channels = channels;
        this.tickets = tickets;
        this.jdbc = jdbc;
        this.json = json;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.schedule = schedule;
    }

    @EventListener
    void on(TicketFactsChanged changed) {
        List<Long> changedStatus = new ArrayList<>();
        for (TicketFactsChanged.Change change : changed.changes()) {
            if (change.after() == null || change.before() != null
                    && Objects.equals(change.before().status(), change.after().status())
                    // a visit's or a case's ticket: no channel filed it (those codes are reserved)
                    || ChannelAdministration.RESERVED.contains(change.after().source())) {
                continue;
            }
            changedStatus.add(change.id());
        }
        if (changedStatus.isEmpty()) {
            return;
        }
        Map<Long, Channels.Filed> due;
        try {
            due = savepoint.execute(status -> due(changedStatus));
        } catch (RuntimeException e) {
            log.error("callbacks for tickets {} not stored; the tickets' change goes on: {}", changedStatus, e.toString());
            return;
        }
        if (due.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    schedule.sendSoon();
                }
            });
        }
        // Every channel's row this transaction numbers callbacks of, locked first and in one order (by code): a
        // transaction storing callbacks of several channels (a case's reply to tickets several channels filed, a
        // sweep) took them in the order of its changes, so two such at once could each hold one row and wait for the
        // other's (HOTLINE then ONLINE against ONLINE then HOTLINE), and one lost its callbacks to the deadlock.
        // In one order, the second waits for the first's commit instead. A channel whose row does not come within
        // the lock timeout loses this transaction's callbacks (logged), as each callback's write lost it before.
        Set<String> locked = new TreeSet<>();
        for (String code : new TreeSet<>(due.values().stream().map(Channels.Filed::channelCode).toList())) {
            try {
                savepoint.executeWithoutResult(status -> jdbc.sql("select code from channel where code = ? " + rowLock)
                        .param(code).query(String.class).single());
                locked.add(code);
            } catch (RuntimeException e) {
                log.error("callbacks of channel {} not stored; the tickets' change goes on: {}", code, e.toString());
            }
        }
        for (Map.Entry<Long, Channels.Filed> ticket : due.entrySet()) {
            if (!locked.contains(ticket.getValue().channelCode())) {
                continue;
            }
            try {
                savepoint.executeWithoutResult(status -> write(ticket.getKey(), ticket.getValue()));
            } catch (RuntimeException e) {
                log.error("callback for ticket {} not stored; the ticket's change goes on: {}", ticket.getKey(), e.toString());
            }
        }
    }

    /** The tickets among these that a live channel with a callback URL filed, each with its channel, in their order. */
    private Map<Long, Channels.Filed> due(List<Long> ticketIds) {
        Map<Long, Channels.Filed> due = new LinkedHashMap<>();
        for (long id : ticketIds) {
            channels.filedAs(id).filter(filed -> filed.callbackUrl() != null).ifPresent(filed -> due.put(id, filed));
        }
        return due;
    }

    private void write(long ticketId, Channels.Filed filed) {
        TicketView t = tickets.filed(ticketId).orElseThrow();
        Instant now = clock.instant();
        // the channel's next number, its row locked (above) until this transaction ends: another node storing a callback
        // of the same channel waited for it, and a rollback takes the number back with the callback (no gap)
        jdbc.sql("update channel set callback_sequence = callback_sequence + 1 where code = ?")
                .param(filed.channelCode()).update();
        long sequence = jdbc.sql("select callback_sequence from channel where code = ?").param(filed.channelCode())
                .query(Long.class).single();
        // changedAt: the change's own moment, as the ticket's updatedAt says it (ticket.TicketChanges), not this write's;
        // (addition) who has it and by when, as the read-back says it: what a hotline tells its caller (承办单位、答复期限);
        // and how it ended, so that it need not read the ticket back to tell its citizen
        CallbackBody body = new CallbackBody(filed.channelCode(), filed.externalId(), t.id(), t.status(), t.resolution(),
                t.satisfaction(), t.updatedAt(), t.leadDepartment(), catalog.departmentLabel(t.leadDepartment()), t.replyDeadline(),
                t.feedbackDue(), t.outcome(), t.closedAt(), t.reopenCount(), sequence);
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jdbc.sql("""
                insert into channel_callback (channel_code, ticket_id, body, state, attempts, next_attempt_at, created_at,
                    channel_sequence)
                values (?, ?, ?, 'PENDING', 0, ?, ?, ?)
                """).params(filed.channelCode(), ticketId, text, Sql.ts(now), Sql.ts(now), sequence).update();
    }
}
