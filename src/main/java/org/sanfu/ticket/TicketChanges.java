package org.sanfu.ticket;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which tickets the current transaction changes, and their facts as it found them. {@link Tickets}
 * tells it before each write; just before commit it reads the rows again and publishes
 * {@link TicketFactsChanged} inside the transaction, and after commit {@link TicketsCommitted}. The
 * one place every ticket write passes, so nothing derived from tickets can miss one.
 * <p>
 * It also holds the columns a command sets to plain values (status, clocks, the process instance, a rating:
 * {@link #defer}) until the next statement on the ticket table, and writes them in one update: on H2 every
 * update of a row rewrites its entry in each of the table's indexes, whatever columns it sets, and the
 * ticket has eighteen, so the three or four updates of an action and the process's listeners cost that many
 * times one.
 */
@Component
class TicketChanges {

    private static final String SELECT = "select " + TicketFacts.ROW_COLUMNS + " from " + TicketFacts.VIEW + " where id = ?";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    TicketChanges(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Sets a column of the ticket's row at the next statement on the ticket table ({@link #flush}), or just
     * before commit: a value, not an expression of other columns, so that writing it later changes nothing.
     */
    void defer(long id, String column, Object value) {
        changing(id);
        touched().deferred.computeIfAbsent(id, k -> new TreeMap<>()).put(column, value);
    }

    /** Writes the deferred columns, one update per ticket; Tickets calls it before each statement on the table. */
    void flush() {
        Touched touched = (Touched) TransactionSynchronizationManager.getResource(this);
        if (touched == null || touched.deferred.isEmpty()) {
            return;
        }
        List<Map.Entry<Long, Map<String, Object>>> rows = List.copyOf(touched.deferred.entrySet());
        touched.deferred.clear();
        for (Map.Entry<Long, Map<String, Object>> row : rows) {
            List<Object> params = new ArrayList<>(row.getValue().values());
            params.add(row.getKey());
            jdbc.sql("update ticket set " + String.join(" = ?, ", row.getValue().keySet()) + " = ? where id = ?")
                    .params(params).update();
        }
    }

    /** The ticket is about to change: remembers its facts, once per transaction. */
    void changing(long id) {
        Touched touched = touched();
        if (!touched.before.containsKey(id)) {
            touched.before.put(id, read(id).orElse(null));
        }
    }

    /** These tickets are about to change (one enterprise's, renamed). */
    void changing(Collection<Long> ids) {
        ids.forEach(this::changing);
    }

    /** The transaction created this ticket: there was nothing before. */
    void created(long id) {
        touched().before.putIfAbsent(id, null);
    }

    /** The ticket's co-departments or contributions are about to change in this transaction. */
    void coHandlingChanging(long id) {
        changing(id);
        touched().coHandling.add(id);
    }

    /** Whether this transaction changed the ticket's co-departments or contributions. */
    boolean coHandlingChanged(long id) {
        Touched touched = (Touched) TransactionSynchronizationManager.getResource(this);
        return touched != null && touched.coHandling.contains(id);
    }

    private Optional<TicketFacts.Row> read(long id) {
        flush();
        return jdbc.sql(SELECT).param(id).query((rs, n) -> TicketFacts.Row.of(rs)).optional();
    }

    private Touched touched() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("tickets change only inside a transaction");
        }
        Touched touched = (Touched) TransactionSynchronizationManager.getResource(this);
        if (touched == null) {
            touched = new Touched();
            TransactionSynchronizationManager.bindResource(this, touched);
            TransactionSynchronizationManager.registerSynchronization(touched);
        }
        return touched;
    }

    /** The tickets one transaction touched, each with its facts before the first change. */
    private final class Touched implements TransactionSynchronization {

        private final Map<Long, TicketFacts.Row> before = new LinkedHashMap<>();
        private final Set<Long> coHandling = new HashSet<>();
        private final Map<Long, Map<String, Object>> deferred = new LinkedHashMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            flush();
            List<TicketFactsChanged.Change> changes = new ArrayList<>();
            for (Map.Entry<Long, TicketFacts.Row> e : before.entrySet()) {
                changes.add(new TicketFactsChanged.Change(e.getKey(), e.getValue(), read(e.getKey()).orElse(null)));
            }
            events.publishEvent(new TicketFactsChanged(List.copyOf(changes)));
        }

        /** Listeners that read or write the database here must run their own (new) transaction. */
        @Override
        public void afterCommit() {
            events.publishEvent(new TicketsCommitted(Set.copyOf(before.keySet())));
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(TicketChanges.this);
        }
    }
}
