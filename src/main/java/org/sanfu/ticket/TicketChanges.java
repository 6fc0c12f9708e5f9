package org.sanfu.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.sanfu.Sql;
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
 * {@link #defer}) until the next statement {@link Tickets} makes on the ticket table or a view of it, or
 * {@link #read} here, and writes them in one update: on H2 every update of a row rewrites its entry in each
 * of the table's indexes, whatever columns it sets, and the ticket has eighteen, so the three or four updates
 * of an action and the process's listeners cost that many times one. So every statement on the ticket table
 * inside a transaction that changes tickets goes through Tickets. Two things nothing does, that would lose a
 * held column: a savepoint (PROPAGATION_NESTED) rolled back does not take it back, and a ticket first changed
 * in another synchronization's beforeCommit is never written (this one registers too late to flush it).
 * <p>
 * And it stamps {@code updated_at} (the ticket's {@code updatedAt}, what an integrator's pull by {@code updatedSince}
 * reads) at the first change of the transaction that the API shows, in the ticket's JSON or its history, held like
 * the other columns; a statement of the ticket's own that sets it ({@link #changingStamped}) carries it instead, so that
 * an action writes it once. A change of the bookkeeping the API does not show (a clock's next moment, the process
 * instance, a reminder's mark) is none.
 * <p>
 * One change has one moment ({@link #now}): the stamp, the history event's {@code at}, the action's own column
 * (signedAt, repliedAt, assignedAt) and a channel's callback ({@code changedAt} is the ticket's updatedAt) all say the
 * same instant, where each reading the clock itself put them milliseconds to seconds apart.
 */
@Component
class TicketChanges {

    private static final String SELECT = "select " + TicketFacts.ROW_COLUMNS + " from " + TicketFacts.VIEW + " where id = ?";

    /** Columns the API shows nowhere: setting them alone leaves {@code updated_at} as it was. */
    private static final Set<String> UNSHOWN = Set.of("sign_clock_next", "reply_clock_next", "feedback_clock_next",
            "process_instance_id");

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TicketChanges(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Sets a column of the ticket's row at the next statement on the ticket table ({@link #flush}), or just
     * before commit: a value, not an expression of other columns, so that writing it later changes nothing.
     */
    void defer(long id, String column, Object value) {
        if (UNSHOWN.contains(column)) {
            mayChange(id);
        } else {
            changing(id);
        }
        Touched touched = touched();
        if (touched.committing) {
            // it would never be written: the last flush came before the commit
            throw new IllegalStateException("ticket " + id + ": " + column + " set while its transaction commits");
        }
        touched.deferred.computeIfAbsent(id, k -> new TreeMap<>()).put(column, value);
    }

    /** Writes the deferred columns, one update per ticket; Tickets calls it before each statement on the table. */
    void flush() {
        Touched touched = (Touched) TransactionSynchronizationManager.getResource(this);
        if (touched == null || touched.deferred.isEmpty()) {
            return;
        }
        Map<Long, Map<String, Object>> rows = touched.deferred;
        touched.deferred = new LinkedHashMap<>();
        for (Map.Entry<Long, Map<String, Object>> row : rows.entrySet()) {
            List<Object> params = new ArrayList<>(row.getValue().values());
            params.add(row.getKey());
            jdbc.sql("update ticket set " + String.join(" = ?, ", row.getValue().keySet()) + " = ? where id = ?")
                    .params(params).update();
        }
    }

    /** The ticket is about to change as the API shows it: remembers its facts, and stamps it, once per transaction. */
    void changing(long id) {
        mayChange(id);
        Touched touched = touched();
        if (touched.shown.add(id) && !touched.committing) {
            // nothing changed in another synchronization's beforeCommit is written (above): no stamp either
            touched.deferred.computeIfAbsent(id, k -> new TreeMap<>()).putIfAbsent("updated_at", Sql.ts(now()));
        }
    }

    /**
     * As {@link #changing(long)}, for a statement about to set the ticket's {@code updated_at} to {@link #now} itself
     * (an action's update): no stamp is held for it, and one held already is dropped, for it would be an update of
     * the row more, before that statement, writing the same moment.
     */
    void changingStamped(long id) {
        mayChange(id);
        Touched touched = touched();
        touched.shown.add(id);
        Map<String, Object> held = touched.deferred.get(id);
        if (held != null) {
            held.remove("updated_at");
            if (held.isEmpty()) {
                touched.deferred.remove(id);
            }
        }
    }

    /**
     * The moment of this transaction's change: the clock's now, read at the first ask (the use case's start) and
     * the same for every later one, the process's listeners' included; a transaction of its own inside has its own.
     */
    Instant now() {
        Touched touched = touched();
        if (touched.moment == null) {
            touched.moment = clock.instant();
        }
        return touched.moment;
    }

    /**
     * The stamp of a change at {@code moment} of a ticket whose updatedAt is {@code updatedAt}: the moment, or just after
     * the ticket's updatedAt where that is no earlier. A moment taken before the ticket's lock (a bulk step's, a sweep's
     * start) may come before a change committed meanwhile: written over it, the ticket's updatedAt would go back, and at
     * that change's very moment a pull by updatedSince whose cursor passed it (its updatedAt and id), or a receiver
     * keeping the latest callback, would miss this one. So a ticket's updatedAt never goes back, and each change moves it.
     */
    static Instant stampAfter(Instant updatedAt, Instant moment) {
        return updatedAt != null && !updatedAt.isBefore(moment) ? updatedAt.plusMillis(1) : moment;
    }

    /**
     * {@link #stampAfter} in SQL, for a statement that stamps rows it did not read under their lock (an enterprise's
     * tickets, renamed): the row's updated_at as the update finds it, after any change committed meanwhile. Its two
     * parameters are the moment. Written as both H2 and PostgreSQL read it. A step that reads its rows under their lock
     * (a handover, a recount, an action) works each moment out with {@link #stampAfter} and writes that, the one its
     * history events say: not this, a second computation of it.
     */
    static final String STAMP_AFTER =
            "updated_at = case when updated_at >= ? then updated_at + interval '0.001' second else ? end";

    /**
     * The ticket's row is locked, and its updatedAt as read under the lock: a transaction that has taken no moment yet
     * (an action, a sweep's ticket) takes it now, the clock's now or just after that updatedAt where that is no earlier
     * ({@link #stampAfter}). Read after the lock, the clock may still say a moment at or before the ticket's last
     * change: another node's clock behind this one's, or a change stamped 1 ms after a bulk step's within that
     * millisecond. A transaction whose moment was taken before the lock (a systemic case's members) keeps it, and
     * stamps each ticket after its own updatedAt itself.
     */
    void locked(Instant updatedAt) {
        Touched touched = touched();
        touched.lockTaken = true;
        if (touched.moment == null) {
            touched.moment = stampAfter(updatedAt, clock.instant());
        }
    }

    /**
     * {@link #now}, for a transaction that took a ticket's lock ({@link #locked}): a moment asked without one may come
     * before a change committed meanwhile, and what it is written to would say an earlier moment than the ticket's
     * updatedAt. Fails fast (IllegalStateException) when this transaction took none.
     */
    Instant nowUnderLock() {
        if (!touched().lockTaken) {
            throw new IllegalStateException("the change's moment asked before its ticket's lock was taken");
        }
        return now();
    }

    /**
     * The ticket may change, in what the API does not show unless {@link #changing} follows (a reminder's mark, a
     * clock's mark of a missed deadline that may have been made already): remembers its facts, once per transaction.
     */
    void mayChange(long id) {
        Touched touched = touched();
        if (!touched.before.containsKey(id)) {
            touched.before.put(id, read(id).orElse(null));
        }
    }

    /**
     * These tickets are about to change in one statement (one enterprise's, renamed; a handover's), which writes their
     * {@code updated_at} itself, to the moment answered: stamping each here would be an update per ticket.
     */
    Instant changing(Collection<Long> ids) {
        ids.forEach(this::mayChange);
        touched().shown.addAll(ids);
        return now();
    }

    /** The transaction created this ticket: there was nothing before. */
    void created(long id) {
        Touched touched = touched();
        touched.before.putIfAbsent(id, null);
        // the insert wrote its updated_at
        touched.shown.add(id);
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
        /** The tickets stamped (or inserted) in this transaction. */
        private final Set<Long> shown = new HashSet<>();
        private Map<Long, Map<String, Object>> deferred = new LinkedHashMap<>();
        /** {@link #now}: null until asked. */
        private Instant moment;
        /** Whether this transaction took a ticket's lock ({@link #locked}). */
        private boolean lockTaken;
        private boolean committing;

        @Override
        public void beforeCommit(boolean readOnly) {
            flush();
            committing = true;
            if (before.isEmpty()) {
                // the transaction asked its moment (now) and changed no ticket
                return;
            }
            List<TicketFactsChanged.Change> changes = new ArrayList<>();
            for (Map.Entry<Long, TicketFacts.Row> e : before.entrySet()) {
                changes.add(new TicketFactsChanged.Change(e.getKey(), e.getValue(), read(e.getKey()).orElse(null)));
            }
            events.publishEvent(new TicketFactsChanged(List.copyOf(changes)));
        }

        /** Listeners that read or write the database here must run their own (new) transaction. */
        @Override
        public void afterCommit() {
            if (before.isEmpty()) {
                return;
            }
            events.publishEvent(new TicketsCommitted(Set.copyOf(before.keySet())));
        }

        /** A transaction of its own (REQUIRES_NEW) inside this one tracks its own tickets, and writes its own. */
        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(TicketChanges.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(TicketChanges.this, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(TicketChanges.this);
        }
    }
}
