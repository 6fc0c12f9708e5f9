package org.sanfu.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.sanfu.Sql;
import org.sanfu.ticket.process.TicketProcess;
import org.sanfu.ticket.search.TicketIndex;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The ticket read model: rows, co-departments, and the queries lists and inboxes need. */
@Repository
class Tickets {

    private final JdbcClient jdbc;
    private final boolean postgres;
    private final TicketChanges changes;
    private final TicketIndex index;

    Tickets(JdbcClient jdbc, TicketChanges changes, TicketIndex index, DataSource dataSource) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.index = index;
        this.postgres = Sql.postgres(dataSource);
    }

    /**
     * A statement that reads or writes the ticket table (or a view of it): the columns set to plain values in
     * this transaction are written first ({@link TicketChanges#defer}), so it finds every earlier write.
     * Statements on ticket_task, ticket_co_department and ticket_contribution need not wait.
     */
    private JdbcClient.StatementSpec sql(String sql) {
        changes.flush();
        return jdbc.sql(sql);
    }

    long insert(NewTicket t, int signLimit, int replyLimit, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        sql("""
                insert into ticket (visit_id, enterprise_credit_code, enterprise_name, town, reporter, category,
                    title, description, urgency, source, status, reported_at, replied_at, sign_limit, reply_limit,
                    overdue, sign_overdue, reply_overdue, reopen_count, return_count, resolution, outcome,
                    resolved_on_site, replied_on_time, reply_clock_start, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DISPATCHING', ?, ?, ?, ?, false, false, false, 0, 0, ?, ?, ?, ?, ?, ?)
                """)
                .params(t.visitId(), t.enterpriseCreditCode(), t.enterpriseName(), t.town(), t.reporter(),
                        t.category(), t.title(), t.description(), t.urgency().name(), t.source(),
                        Sql.ts(t.reportedAt()), t.resolvedOnSite() ? Sql.ts(t.reportedAt()) : null, signLimit,
                        replyLimit, t.resolvedOnSite() ? t.onSiteResolution() : null,
                        t.resolvedOnSite() ? Outcome.RESOLVED.name() : null, t.resolvedOnSite(),
                        t.resolvedOnSite() ? Boolean.TRUE : null, Sql.ts(t.reportedAt()),
                        Sql.ts(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        changes.created(id);
        return id;
    }

    Optional<Ticket> find(long id) {
        return withCoHandling(sql("select " + COLUMNS + " from ticket where id = ?").param(id)
                .query(Tickets::map).list()).stream().findFirst();
    }

    /**
     * The ticket again after an action's step on its locked row, for the answer: the row and its open
     * tasks read anew, its co-departments and contributions as {@code before} holds them unless this
     * transaction routed the ticket or added a contribution (nothing else changes them, and the lock
     * keeps other transactions out).
     */
    Ticket afterStep(Ticket before) {
        if (changes.coHandlingChanged(before.id())) {
            return find(before.id()).orElseThrow();
        }
        Ticket row = findRow(before.id()).orElseThrow();
        List<Ticket.OpenTask> open = openTasks(List.of(before.id())).getOrDefault(before.id(), List.of());
        return row.withCoHandling(before.coDepartments(), open, before.contributions());
    }

    /**
     * The row alone, without co-departments, open parts and contributions: for the process's
     * listeners and timers, which ask for it several times a command and need none of those.
     */
    Optional<Ticket> findRow(long id) {
        return sql("select " + COLUMNS + " from ticket where id = ?").param(id).query(Tickets::map).optional();
    }

    /** The ticket's source alone (the process asks it as the feedback task begins, on every lifecycle). */
    String sourceOf(long id) {
        return sql("select source from ticket where id = ?").param(id).query(String.class).single();
    }

    /**
     * Takes the row's lock, held until the transaction ends (one action at a time per ticket), and reads
     * the row: on PostgreSQL in one statement; on H2 in two, because H2 keeps no parsed statement that
     * locks: a short one to parse on every call, and the read that it keeps. A transaction that has taken no moment
     * yet takes it here, under the lock, after the row's updatedAt ({@link TicketChanges#locked}).
     */
    Optional<Ticket> lock(long id) {
        Optional<Ticket> locked;
        if (postgres) {
            locked = withCoHandling(sql("select " + COLUMNS + " from ticket where id = ? for update").param(id)
                    .query(Tickets::map).list()).stream().findFirst();
        } else {
            boolean exists = sql("select id from ticket where id = ? for update").param(id).query(Long.class)
                    .optional().isPresent();
            locked = exists ? find(id) : Optional.empty();
        }
        locked.ifPresent(t -> changes.locked(t.updatedAt()));
        return locked;
    }

    /**
     * The moment of the change this transaction makes ({@link TicketChanges#now}): a use case reads it at its start,
     * after its ticket's {@link #lock}, the process's listeners it calls read the same, so that one change has one
     * moment wherever it is written.
     */
    Instant now() {
        return changes.now();
    }

    /** {@link #now}, for a transaction that took its ticket's {@link #lock}; else IllegalStateException. */
    Instant nowUnderLock() {
        return changes.nowUnderLock();
    }

    void setProcessInstance(long id, String processInstanceId) {
        changes.defer(id, "process_instance_id", processInstanceId);
    }

    void setStatus(long id, TicketStatus status, Instant now) {
        changes.defer(id, "status", status.name());
        changes.defer(id, "updated_at", Sql.ts(now));
        if (status == TicketStatus.CLOSED) {
            // neither column is ever deferred: what the row holds is what the sequence of writes left
            Instant[] times = jdbc.sql("select reported_at, overdue_since from ticket where id = ?").param(id)
                    .query((rs, n) -> new Instant[] {Sql.instant(rs, "reported_at"), Sql.instant(rs, "overdue_since")})
                    .single();
            changes.defer(id, "closed_at", Sql.ts(now));
            changes.defer(id, "hours_to_close", BigDecimal.valueOf(Duration.between(times[0], now).toMinutes())
                    .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP));
            changes.defer(id, "overdue_span_class", times[1] == null ? null : TicketFacts.overdueSpanClass(times[1], now));
        }
    }

    /**
     * Lead and co-departments, the limits, and the deadlines. {@code signClockStart} non-null starts a
     * new sign clock (not reminded, not overdue, not signed: the new lead's sign is the one that counts, and a
     * sign of the department that returned the ticket stays in its history); null keeps the running one
     * (a rejected return).
     */
    void route(long id, String lead, List<String> co, int signLimit, int replyLimit, Instant assignedAt,
            Instant signDeadline, Instant replyDeadline, Instant signClockStart, Instant now) {
        changes.changingStamped(id);
        Turn ending = turn(id);
        boolean newSignClock = signClockStart != null;
        // the lead whose turn a new sign clock ends keeps its sign, or its missed sign deadline
        TicketFacts.SignOutcome outcome = newSignClock ? ending.signOutcome() : null;
        String signTurns = outcome == null ? ending.signTurns()
                : TicketFacts.withSignTurn(ending.signTurns(), new TicketFacts.SignTurn(ending.lead(), outcome));
        sql("""
                update ticket set lead_department = ?, lead_departments = ?, sign_limit = ?, reply_limit = ?,
                    assigned_at = ?, sign_deadline = ?, reply_deadline = ?, updated_at = ?,
                    sign_clock_start = coalesce(?, sign_clock_start),
                    sign_reminded = case when ? then 0 else sign_reminded end,
                    sign_overdue = case when ? then false else sign_overdue end,
                    signed_at = case when ? then null else signed_at end,
                    signed_on_time = case when ? then null else signed_on_time end,
                    sign_turns = ?
                where id = ?
                """)
                .params(lead, lead == null ? ending.leads() : TicketFacts.withDepartment(ending.leads(), lead),
                        signLimit, replyLimit, Sql.ts(assignedAt), Sql.ts(signDeadline), Sql.ts(replyDeadline),
                        Sql.ts(now), Sql.ts(signClockStart), newSignClock, newSignClock, newSignClock, newSignClock,
                        signTurns, id)
                .update();
        changes.coHandlingChanging(id);
        jdbc.sql("delete from ticket_co_department where ticket_id = ?").param(id).update();
        for (String department : co) {
            jdbc.sql("insert into ticket_co_department (ticket_id, department) values (?, ?)")
                    .params(id, department).update();
        }
    }

    /**
     * Sets overdue_since to this deadline column when its one parameter is true, unless the ticket
     * missed a deadline before: a ticket is overdue from the first deadline it missed
     * ({@link TicketFacts#OPEN_OVERDUE_AT}), not from when the sweep noticed.
     */
    private static String overdueSince(String deadlineColumn) {
        return "overdue_since = case when ? and overdue_since is null then " + deadlineColumn
                + " else overdue_since end";
    }

    /** Dispatch re-classified the ticket (重新分类): the figures and the index follow through {@link TicketChanges}. */
    void reclassified(long id, String category, Instant now) {
        changes.defer(id, "category", category);
        changes.defer(id, "updated_at", Sql.ts(now));
    }

    void signed(long id, Instant at, boolean late) {
        changes.changingStamped(id);
        // a late sign is a missed sign clock even if its timer has not fired yet
        sql("update ticket set signed_at = ?, signed_on_time = ?, sign_overdue = sign_overdue or ?, "
                        + "overdue = overdue or ?, " + overdueSince("sign_deadline") + ", updated_at = ? where id = ?")
                .params(Sql.ts(at), !late, late, late, late, Sql.ts(at), id).update();
    }

    /**
     * The lead's turn as a route finds it: the departments that held the lead ({@code lead_departments} as
     * {@value TicketFacts#VIEW} publishes it), the present lead and its sign, and the turns ended before.
     */
    private record Turn(String leads, String lead, boolean signed, Boolean signedOnTime, boolean signOverdue,
            String signTurns) {

        /** How the lead's sign stands if its turn ends now; null when it had none due (or there is no lead). */
        TicketFacts.SignOutcome signOutcome() {
            return lead == null ? null : TicketFacts.SignOutcome.of(signed, signedOnTime, signOverdue);
        }
    }

    private Turn turn(long id) {
        return sql("select lead_departments, lead_department, signed_at, signed_on_time, sign_overdue, sign_turns"
                        + " from " + TicketFacts.VIEW + " where id = ?").param(id)
                .query((rs, n) -> new Turn(rs.getString(1), rs.getString(2), rs.getTimestamp(3) != null,
                        rs.getObject(4, Boolean.class), rs.getBoolean(5), rs.getString(6)))
                .single();
    }

    /**
     * The ticket's {@code lead_departments} or {@code returned_by} as {@value TicketFacts#VIEW} publishes it
     * (null for none): the view reads a stored null lead_departments as the present lead alone, if the ticket
     * was assigned (V27_1__lead_turns.sql, which so spared the tickets from before it a write).
     */
    private String published(long id, String column) {
        List<String> value = sql("select " + column + " from " + TicketFacts.VIEW + " where id = ?").param(id)
                .query(String.class).list();
        return value.isEmpty() ? null : value.get(0);
    }

    /** The lead department sent the ticket back: one return more, and the department among those that returned it. */
    void returned(long id, String department, Instant now) {
        changes.changingStamped(id);
        String returnedBy = published(id, "returned_by");
        sql("update ticket set return_count = return_count + 1, returned_by = ?, updated_at = ? where id = ?")
                .params(TicketFacts.withDepartment(returnedBy, department), Sql.ts(now), id).update();
    }

    void replied(long id, String resolution, Outcome outcome, Instant at, boolean late) {
        changes.changingStamped(id);
        sql("update ticket set resolution = ?, outcome = ?, replied_at = ?, replied_on_time = ?, "
                        + "reply_overdue = reply_overdue or ?, overdue = overdue or ?, " + overdueSince("reply_deadline")
                        + ", updated_at = ? where id = ?")
                .params(resolution, outcome.name(), Sql.ts(at), !late, late, late, late, Sql.ts(at), id).update();
    }

    void rated(long id, Satisfaction satisfaction, Instant now) {
        changes.defer(id, "satisfaction", satisfaction.name());
        changes.defer(id, "updated_at", Sql.ts(now));
    }

    /** A new reply clock from {@code now}, one reopen more when {@code reopen}. */
    void replyClockRestarted(long id, Instant replyDeadline, Instant now, boolean reopen) {
        changes.changingStamped(id);
        sql("update ticket set reopen_count = reopen_count + ?, reply_deadline = ?, reply_clock_start = ?, "
                        + "reply_reminded = 0, reply_overdue = false, updated_at = ? where id = ?")
                .params(reopen ? 1 : 0, Sql.ts(replyDeadline), Sql.ts(now), Sql.ts(now), id).update();
    }

    /** Records a reminder of a clock at {@code percent}; false when it was reminded that far already. */
    boolean reminded(long id, DeadlineClock clock, int percent) {
        // the mark itself is shown nowhere; the reminder's event that follows it is (TicketEvents)
        changes.mayChange(id);
        String column = clock == DeadlineClock.SIGN ? "sign_reminded" : "reply_reminded";
        return sql("update ticket set " + column + " = ? where id = ? and " + column + " < ?")
                .params(percent, id, percent).update() == 1;
    }

    /** Marks the current clock missed; false when it was marked already. */
    boolean markOverdue(long id, DeadlineClock clock) {
        changes.mayChange(id);
        String column = clock == DeadlineClock.SIGN ? "sign_overdue" : "reply_overdue";
        String deadline = deadlineColumn(clock);
        // the ticket shows it (overdue, signOverdue or replyOverdue): its updated_at moves, in the mark's statement
        boolean marked = sql("update ticket set " + column + " = true, overdue = true, " + overdueSince(deadline)
                        + ", updated_at = ? where id = ? and not " + column)
                .params(true, Sql.ts(changes.now()), id).update() == 1;
        if (marked) {
            changes.changingStamped(id);
        }
        return marked;
    }

    /** The next moment a clock needs attention; null when it is not running or has nothing left to say. */
    void clockNext(long id, DeadlineClock clock, Instant next) {
        changes.defer(id, nextColumn(clock), Sql.ts(next));
    }

    /** Tickets whose running clock reached its next moment, the longest waiting first. */
    List<Long> clocksDue(Instant now, int limit) {
        return sql("""
                select id from (
                    select id, sign_clock_next as due from ticket where sign_clock_next <= ?
                    union all
                    select id, reply_clock_next as due from ticket where reply_clock_next <= ?
                    union all
                    select id, feedback_clock_next as due from ticket where feedback_clock_next <= ?
                ) d group by id order by min(due), id limit ?
                """).params(Sql.ts(now), Sql.ts(now), Sql.ts(now), limit).query(Long.class).list();
    }

    /** A running clock's deadline, of a ticket the recount may move, and the ticket's enterprise. */
    record RunningDeadline(long id, Instant deadline, String enterpriseCreditCode) {}

    /**
     * The tickets whose clock runs (it has a next moment) to a deadline after {@code after}, by id: the
     * deadlines a change of the calendar may move.
     */
    List<RunningDeadline> runningDeadlinesAfter(DeadlineClock clock, Instant after) {
        String next = nextColumn(clock);
        String deadline = deadlineColumn(clock);
        return sql("select id, " + deadline + ", enterprise_credit_code from ticket where " + next + " is not null and "
                        + deadline + " > ? order by id")
                .param(Sql.ts(after))
                .query((rs, n) -> new RunningDeadline(rs.getLong(1), Sql.instant(rs, 2), rs.getString(3))).list();
    }

    /**
     * A ticket as {@link #lockInIdOrder} found it under its lock: its updatedAt, and the deadline of each clock still
     * running (one with a next moment), which an action committed before the lock may have changed since it was read.
     */
    record Locked(Instant updatedAt, Map<DeadlineClock, Instant> running) {}

    /**
     * Takes these tickets' row locks in id order, as a handover takes them (so neither holds a row the other waits for),
     * a thousand at a time: each one as found under its lock, by id.
     */
    Map<Long, Locked> lockInIdOrder(Collection<Long> ids) {
        StringBuilder columns = new StringBuilder("id, updated_at");
        for (DeadlineClock clock : DeadlineClock.values()) {
            columns.append(", ").append(deadlineColumn(clock)).append(", ").append(nextColumn(clock));
        }
        Map<Long, Locked> found = new HashMap<>();
        List<Long> inOrder = ids.stream().distinct().sorted().toList();
        Sql.inChunks(inOrder, chunk -> sql("select " + columns + " from ticket where id in ("
                        + Sql.placeholders(chunk) + ") order by id for update")
                .params(List.copyOf(chunk)).query((rs, n) -> {
                    Map<DeadlineClock, Instant> running = new HashMap<>();
                    for (DeadlineClock clock : DeadlineClock.values()) {
                        if (rs.getTimestamp(nextColumn(clock)) != null) {
                            running.put(clock, Sql.instant(rs, deadlineColumn(clock)));
                        }
                    }
                    return Map.entry(rs.getLong(1), new Locked(Sql.instant(rs, 2), running));
                }).list())
                .forEach(row -> found.put(row.getKey(), row.getValue()));
        return found;
    }

    /** A clock's deadline moved (a changed calendar counted it anew), at the ticket's moment, taken under its lock. */
    void deadlineMoved(long id, DeadlineClock clock, Instant deadline, Instant at) {
        changes.changingStamped(id);
        sql("update ticket set " + deadlineColumn(clock) + " = ?, updated_at = ? where id = ?")
                .params(Sql.ts(deadline), Sql.ts(at), id).update();
    }

    private static String deadlineColumn(DeadlineClock clock) {
        return switch (clock) {
            case SIGN -> "sign_deadline";
            case REPLY -> "reply_deadline";
            case FEEDBACK -> "feedback_due";
        };
    }

    private static String nextColumn(DeadlineClock clock) {
        return switch (clock) {
            case SIGN -> "sign_clock_next";
            case REPLY -> "reply_clock_next";
            case FEEDBACK -> "feedback_clock_next";
        };
    }

    void taskOpened(long ticketId, String taskId, String taskKey, String candidateGroup, String processDefinitionId) {
        changes.changing(ticketId);
        jdbc.sql("insert into ticket_task (task_id, ticket_id, task_key, candidate_group, process_definition_id)"
                + " values (?, ?, ?, ?, ?)").params(taskId, ticketId, taskKey, candidateGroup, processDefinitionId).update();
    }

    /** Open tasks opened before their rows recorded the diagram's version (V30), after {@code afterTaskId}. */
    List<String> tasksOfUnknownVersion(String afterTaskId, int limit) {
        return jdbc.sql("select distinct task_id from ticket_task where process_definition_id is null and task_id > ?"
                + " order by task_id limit ?").params(afterTaskId, limit).query(String.class).list();
    }

    void taskVersion(String taskId, String processDefinitionId) {
        jdbc.sql("update ticket_task set process_definition_id = ? where task_id = ? and process_definition_id is null")
                .params(processDefinitionId, taskId).update();
    }

    void taskEnded(String taskId) {
        jdbc.sql("delete from ticket_task where task_id = ?").param(taskId).update();
    }

    /** The feedback window opens: it ends at {@code due}, and its clock waits for that moment. */
    void feedbackDue(long id, Instant due) {
        changes.defer(id, "feedback_due", Sql.ts(due));
        changes.defer(id, "feedback_clock_next", Sql.ts(due));
    }

    List<String> coDepartments(long id) {
        return jdbc.sql("select department from ticket_co_department where ticket_id = ? order by department")
                .param(id).query(String.class).list();
    }

    void contributed(long id, String department, String opinion, String by, Instant at) {
        changes.coHandlingChanging(id);
        jdbc.sql("insert into ticket_contribution (ticket_id, department, opinion, contributed_by, contributed_at) "
                        + "values (?, ?, ?, ?, ?)")
                .params(id, department, opinion, by, Sql.ts(at)).update();
        touch(id, at);
    }

    void escalated(long id, EscalationLevel level, Instant now) {
        changes.defer(id, "escalation_level", level.name());
        changes.defer(id, "updated_at", Sql.ts(now));
    }

    void extensionRequested(long id, int workingDays, String reason, Instant at) {
        changes.defer(id, "extension_days", workingDays);
        changes.defer(id, "extension_reason", reason);
        changes.defer(id, "extension_requested_at", Sql.ts(at));
        changes.defer(id, "updated_at", Sql.ts(at));
    }

    /** The pending request is decided; an approval moves the reply deadline. */
    void extensionDecided(long id, Instant replyDeadline, Instant now) {
        changes.defer(id, "extension_days", null);
        changes.defer(id, "extension_reason", null);
        changes.defer(id, "extension_requested_at", null);
        changes.defer(id, "reply_deadline", Sql.ts(replyDeadline));
        changes.defer(id, "updated_at", Sql.ts(now));
    }

    void touch(long id, Instant now) {
        changes.defer(id, "updated_at", Sql.ts(now));
    }

    /**
     * The tickets a handover moves (工作交接): those a specialist logs at a visit or a forum, not closed; the office's
     * hotline and online entries, and the cases of systemic problems it files, stay the office's (its 回访 queue),
     * whoever hands over its account's work. Its parameters: {@link #openReportedBy}.
     */
    private static final String OPEN = "status <> ? and source in (?, ?)";
    private static final String OPEN_REPORTED = "reporter = ? and " + OPEN;
    private static final List<Object> OPEN_PARAMS =
            List.of(TicketStatus.CLOSED.name(), Source.VISIT.name(), Source.FORUM.name());

    private static Object[] openReportedBy(String reporter) {
        List<Object> params = new ArrayList<>(List.of(reporter));
        params.addAll(OPEN_PARAMS);
        return params.toArray();
    }

    /** How many tickets {@link #changeOpenReporter} would move. */
    long countOpenReportedBy(String reporter) {
        return sql("select count(*) from ticket where " + OPEN_REPORTED).params(openReportedBy(reporter))
                .query(Long.class).single();
    }

    /**
     * How many tickets {@link #changeOpenReporter} would move of each of these user names (those with none left out):
     * each name's open visit and forum tickets are one range of the index ticket_open_reported (V46), whatever else the
     * name reported.
     */
    Map<String, Long> countOpenReportedAmong(List<String> reporters) {
        Map<String, Long> counts = new HashMap<>();
        Sql.inChunks(reporters, names -> {
            List<Object> params = new ArrayList<>(names);
            params.addAll(OPEN_PARAMS);
            return sql("select reporter, count(*) as n from ticket where reporter in ("
                    + Sql.placeholders(names) + ") and " + OPEN + " group by reporter").params(params)
                    .query((row, i) -> Map.entry(row.getString("reporter"), row.getLong("n"))).list();
        }).forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** The enterprises of the tickets {@link #changeOpenReporter} would move, each once. */
    List<String> enterprisesOfOpenReportedBy(String reporter) {
        return sql("select distinct enterprise_credit_code from ticket where " + OPEN_REPORTED)
                .params(openReportedBy(reporter)).query(String.class).list();
    }

    /** A ticket a handover moved: its status, and the moment its change took ({@link TicketChanges#stampAfter}). */
    record HandedOver(TicketStatus status, Instant at) {}

    /**
     * Every open ticket (not CLOSED) this user name reported is reported by {@code to} from now on: their rows locked
     * in id order, as an action locks one, so that none closes meanwhile. Their ids with the status each has, by id.
     * Each is stamped {@code now}, or just after its updatedAt where a change committed before its lock is no earlier.
     */
    Map<Long, HandedOver> changeOpenReporter(String from, String to, Instant now) {
        Map<Long, HandedOver> open = new LinkedHashMap<>();
        sql("select id, status, updated_at from ticket where " + OPEN_REPORTED + " order by id for update")
                .params(openReportedBy(from))
                .query(rs -> {
                    open.put(rs.getLong(1), new HandedOver(TicketStatus.valueOf(rs.getString(2)),
                            TicketChanges.stampAfter(Sql.instant(rs, 3), now)));
                });
        changes.changing(open.keySet());
        // the rows are locked: each is stamped with the moment HandedOver says, which its history event says too (one
        // computation, not a second in SQL that could differ), a statement per moment (all but those changed since
        // the handover took its moment share it)
        Map<Instant, List<Object>> byMoment = new LinkedHashMap<>();
        open.forEach((id, ticket) -> byMoment.computeIfAbsent(ticket.at(), at -> new ArrayList<>()).add(id));
        byMoment.forEach((at, ids) -> {
            for (List<Object> chunk : Sql.chunks(ids)) {
                List<Object> params = new ArrayList<>(List.of(to, Sql.ts(at)));
                params.addAll(chunk);
                sql("update ticket set reporter = ?, updated_at = ? where id in ("
                        + Sql.placeholders(chunk) + ")").params(params).update();
            }
        });
        return open;
    }

    /**
     * The enterprise's new name and town on its tickets, each stamped with the change's moment, or just after its
     * updatedAt: the moment is taken before the statement locks the rows, and a ticket changed meanwhile keeps its order.
     */
    void renameEnterprise(String creditCode, String name, String town) {
        Instant now = changes.changing(sql("select id from ticket where enterprise_credit_code = ?").param(creditCode)
                .query(Long.class).list());
        sql("update ticket set enterprise_name = ?, town = ?, " + TicketChanges.STAMP_AFTER
                        + " where enterprise_credit_code = ?")
                .params(name, town, Sql.ts(now), Sql.ts(now), creditCode).update();
    }

    /**
     * From the index (ticket.search) when it is ready: the page's ids and the total from it, the rows
     * by id from here; else, and for a page deeper than the index serves, the same list in SQL. A pull by
     * {@code updatedSince} always in SQL: the index holds no updatedAt, and one a second behind the database (a
     * cluster's change log) would answer a pull without the latest changes, which its next pull would then miss.
     */
    PageResult<Ticket> list(TicketFilter f, String scopeDepartment, PageParams page) {
        Optional<TicketIndex.Hits> hits = f.updatedSince() != null ? Optional.empty()
                : index.page(f, scopeDepartment, page.offset(), page.size());
        if (hits.isEmpty()) {
            return listInSql(f, scopeDepartment, page);
        }
        List<Ticket> rows = byIds(hits.get().ids());
        long total = hits.get().total();
        if (scopeDepartment != null) {
            // in a cluster another node's change reaches this node's index within a second (the change log):
            // a ticket moved away from the department meanwhile is no longer its to see, even by its title
            // (nor counted, as far as this page shows; one on another page is, for that second)
            List<Ticket> involved = rows.stream().filter(t -> t.involves(scopeDepartment)).toList();
            total -= rows.size() - involved.size();
            rows = involved;
        }
        return PageResult.of(rows, page, total);
    }

    /**
     * The list in SQL: what the index must answer exactly (SearchEquivalenceTests), and the answer
     * while it is being built. At a million tickets a text search here scans them all.
     */
    PageResult<Ticket> listInSql(TicketFilter f, String scopeDepartment, PageParams page) {
        Where where = new Where();
        if (scopeDepartment != null) {
            where.involves(scopeDepartment);
        }
        if (f.department() != null) {
            where.involves(f.department());
        }
        where.eq("t.status", f.status() == null ? null : f.status().name())
                .eq("t.lead_department", f.leadDepartment())
                .eq("t.category", f.category())
                .eq("t.town", f.town())
                .eq("t.enterprise_credit_code", f.enterprise())
                .eq("t.reporter", f.reporter())
                .in("t.source", f.sources())
                .eq("t.overdue", f.overdue())
                .notBefore("t.reported_at", f.from())
                .before("t.reported_at", f.toExclusive())
                .notBefore("t.updated_at", f.updatedSince())
                .contains(f.q(), "t.title", "t.description", "t.enterprise_name", "e.name_as_said", "t.town");
        if (f.open() != null) {
            where.add(f.open() ? "t.status <> ?" : "t.status = ?", TicketStatus.CLOSED.name());
        }
        if (f.updatedSince() != null && f.afterId() != null) {
            // a pull's next page by its keyset, not its offset: of the moment it ended at, the ids after the last one
            // it received; a ticket of that moment changed meanwhile leaves it without moving the others back a row.
            // As a row value, PostgreSQL starts ticket_updated's scan right after that pair (an or of the two columns
            // starts it at the moment and reads past each ticket of it before the id); H2 starts at the moment
            where.add("(t.updated_at, t.id) > (?, ?)", Sql.ts(f.updatedSince()), f.afterId());
        }
        // the name as people say it (温岭海通 for 温岭市海通…) is the enterprise's (NameAsSaid), on its row
        String from = f.q() == null ? "ticket t"
                : "ticket t join enterprise e on e.credit_code = t.enterprise_credit_code";
        // a pull (updatedSince) reads the changes oldest first, each ticket once at its latest (ticket_updated, V52)
        return page(where, from, f.updatedSince() != null ? "t.updated_at asc, t.id asc" : "t.reported_at desc, t.id desc",
                page);
    }

    /** These tickets, in this order, with their co-handling (an id without a row is left out). */
    List<Ticket> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Ticket> rows = new HashMap<>();
        sql("select " + COLUMNS + " from ticket where id in (" + Sql.placeholders(ids) + ")").params(List.copyOf(ids))
                .query(Tickets::map).list().forEach(t -> rows.put(t.id(), t));
        return withCoHandling(ids.stream().map(rows::get).filter(Objects::nonNull).toList());
    }

    /**
     * Open tickets (any status but CLOSED) that missed a deadline, reported in [from, to) and of the
     * lead department, category and town where given; the earliest reply deadline first.
     */
    PageResult<Ticket> openOverdue(Instant from, Instant toExclusive, String leadDepartment, String category,
            String town, String scopeDepartment, PageParams page) {
        Where where = new Where().add(TicketFacts.OPEN_OVERDUE);
        if (scopeDepartment != null) {
            where.involves(scopeDepartment);
        }
        where.eq("t.lead_department", leadDepartment)
                .eq("t.category", category)
                .eq("t.town", town)
                .notBefore("t.reported_at", from)
                .before("t.reported_at", toExclusive);
        // PostgreSQL would walk reply_deadline's index through the table, filtering (577k rows, 310 ms at a
        // million); starting from the open overdue ids (an index equality per open status) and sorting those
        // few thousand takes 40 ms. H2 ran that join as a probe of the union per ticket (4.7 s), and the plain
        // filter reads every ticket ever overdue (150k rows, 250 ms): it reads the open overdue rows by the
        // same index equalities, as the table t.
        String tickets = postgres ? "ticket t join (" + TicketFacts.OPEN_OVERDUE_ID_QUERY + ") o on o.id = t.id"
                : "(" + TicketFacts.OPEN_OVERDUE_ROWS + ") t";
        return page(where, tickets, "t.reply_deadline asc nulls last, t.id asc", page);
    }

    /**
     * Tickets on which a process task waits for one of these groups (a role, a department), and for
     * STAFF only those of the enterprises the user reported on or looks after; the deadline each card
     * names first ({@link #CURRENT_DEADLINE}). A task of the key {@code besidesTask} (null: none) does not
     * count.
     */
    PageResult<Ticket> inbox(Collection<String> groups, String staffUsername, String besidesTask, PageParams page) {
        if (groups.isEmpty()) {
            return PageResult.of(List.of(), page, 0);
        }
        return page(inboxWhere(groups, staffUsername, besidesTask), CURRENT_DEADLINE + " asc nulls last, t.id asc",
                page);
    }

    /** How many tickets {@link #inbox} holds: its count alone, without reading, sorting or completing a row. */
    long inboxCount(Collection<String> groups, String staffUsername) {
        if (groups.isEmpty()) {
            return 0;
        }
        changes.flush();
        Where where = inboxWhere(groups, staffUsername, null);
        return jdbc.sql("select count(*) from ticket t" + where.sql()).params(where.args()).query(Long.class).single();
    }

    private static Where inboxWhere(Collection<String> groups, String staffUsername, String besidesTask) {
        // driven from the open tasks (a small table), never from every ticket: the ids waiting for these
        // groups, then each of those rows by its key; what remains to sort is one inbox, not all tickets
        String marks = Sql.placeholders(groups);
        List<Object> args = new ArrayList<>(groups);
        String besides = "";
        if (besidesTask != null) {
            besides = " and k.task_key <> ?";
            args.add(besidesTask);
        }
        Where where = new Where().add("t.id in (select k.ticket_id from ticket_task k where k.candidate_group in ("
                + marks + ")" + besides + ")", args.toArray());
        if (staffUsername != null) {
            where.add("(t.reporter = ? or exists (select 1 from enterprise_facts e where e.credit_code = "
                    + "t.enterprise_credit_code and e.specialist = ?))", staffUsername, staffUsername);
        }
        return where;
    }

    private static final String SIGN_UNLESS_REPLY_FIRST =
            "case when t.reply_deadline < t.sign_deadline then t.reply_deadline else t.sign_deadline end";

    /**
     * The deadline of the clock the ticket's open task runs against, as its card names it
     * ({@link TicketView#currentDeadline()}), so that an inbox is in the order of the deadlines its cards say:
     * 回访's feedback due; 签收's sign deadline (the reply deadline if that comes first), and so for 交办 of a
     * ticket its lead returned, whose sign deadline binds if dispatch gives it back; else the reply deadline.
     * TicketReadWebTests holds the two together.
     */
    private static final String CURRENT_DEADLINE = "case (select min(s.task_key) from ticket_task s"
            + " where s.ticket_id = t.id and s.task_key in ('" + TicketProcess.TASK_FEEDBACK + "', '"
            + TicketProcess.TASK_SIGN + "', '" + TicketProcess.TASK_ASSIGN + "'))"
            + " when '" + TicketProcess.TASK_FEEDBACK + "' then t.feedback_due"
            + " when '" + TicketProcess.TASK_SIGN + "' then " + SIGN_UNLESS_REPLY_FIRST
            + " when '" + TicketProcess.TASK_ASSIGN + "' then case when t.lead_department is not null"
            + " and t.return_count > 0 and t.sign_deadline is not null then " + SIGN_UNLESS_REPLY_FIRST
            + " else t.reply_deadline end"
            + " else t.reply_deadline end";

    /** Replied tickets by their feedback deadline (回访期限), the soonest first. */
    private static final String REPLIED_ORDER = "t.feedback_due asc nulls last, t.id asc";

    /**
     * The replied tickets (REPLIED) of these sources, the feedback window closing soonest first: what waits for the
     * enterprise's rating, in the order it runs out. Read through the status's index: replied tickets are those of
     * one feedback window, not all tickets ever.
     */
    PageResult<Ticket> repliedOf(Collection<String> sources, PageParams page) {
        if (sources.isEmpty()) {
            return PageResult.of(List.of(), page, 0);
        }
        Where where = new Where();
        where.eq("t.status", TicketStatus.REPLIED.name()).in("t.source", sources);
        return page(where, REPLIED_ORDER, page);
    }

    /**
     * The replied tickets {@code department} leads, waiting for the enterprise's rating: the feedback window closing
     * soonest first, as {@link #repliedOf} lists the office's entries.
     */
    PageResult<Ticket> repliedLedBy(String department, PageParams page) {
        Where where = new Where();
        where.eq("t.lead_department", department).eq("t.status", TicketStatus.REPLIED.name());
        return page(where, REPLIED_ORDER, page);
    }

    /** Whether any ticket came from this source: one probe of the ticket_source index (V39). */
    boolean anyFrom(String source) {
        return sql("select id from ticket where source = ? limit 1").param(source).query(Long.class).optional()
                .isPresent();
    }

    List<Ticket> ofEnterprise(String creditCode, String scopeDepartment) {
        Where where = new Where();
        where.eq("t.enterprise_credit_code", creditCode);
        if (scopeDepartment != null) {
            where.involves(scopeDepartment);
        }
        return withCoHandling(sql("select " + T_COLUMNS + " from ticket t" + where.sql()
                        + " order by t.reported_at desc, t.id desc")
                .params(where.args()).query(Tickets::map).list());
    }

    /**
     * Open tickets (not CLOSED) reported since {@code from}, but not of the given source: the systemic
     * scan's candidates. Rows only, oldest first.
     */
    List<Ticket> openReportedSince(Instant from, String exceptSource) {
        return sql("select " + COLUMNS + " from ticket where reported_at >= ? and status <> 'CLOSED' "
                        + "and source <> ? order by reported_at, id")
                .params(Sql.ts(from), exceptSource).query(Tickets::map).list();
    }

    List<Ticket> ofVisit(long visitId) {
        return ofVisits(List.of(visitId));
    }

    /** The tickets of these visits (a handful: a page's recent visits), in one read, by visit then id. */
    List<Ticket> ofVisits(List<Long> visitIds) {
        if (visitIds.isEmpty()) {
            return List.of();
        }
        return withCoHandling(sql("select " + COLUMNS + " from ticket where visit_id in (" + Sql.placeholders(visitIds)
                + ") order by visit_id, id").params(List.copyOf(visitIds)).query(Tickets::map).list());
    }

    /** How many tickets are open (not CLOSED), and how many of those missed a deadline. */
    record OpenCounts(long open, long overdue) {}

    OpenCounts openCounts() {
        // the open statuses named, so that both counts read an index of the open tickets alone rather
        // than every ticket ever closed ("<> 'CLOSED'" is a scan of a million rows)
        List<String> open = java.util.Arrays.stream(TicketStatus.values()).filter(s -> s != TicketStatus.CLOSED)
                .map(Enum::name).toList();
        String marks = Sql.placeholders(open);
        long all = sql("select count(*) from ticket where status in (" + marks + ")").params(open)
                .query(Long.class).single();
        long overdue = sql("select count(*) from ticket where overdue and status in (" + marks + ")").params(open)
                .query(Long.class).single();
        return new OpenCounts(all, overdue);
    }

    private PageResult<Ticket> page(Where where, String order, PageParams page) {
        return page(where, "ticket t", order, page);
    }

    /** A page of tickets ({@code t}) from {@code from}, with their co-handling. */
    private PageResult<Ticket> page(Where where, String from, String order, PageParams page) {
        changes.flush();
        PageResult<Ticket> rows = where.page(jdbc, T_COLUMNS, from, order, page, Tickets::map);
        return PageResult.of(withCoHandling(rows.items()), page, rows.total());
    }

    /** Adds co-departments, their open parts and their contributions, in two queries for the whole list. */
    private List<Ticket> withCoHandling(List<Ticket> tickets) {
        if (tickets.isEmpty()) {
            return tickets;
        }
        Map<Long, List<String>> co = new HashMap<>();
        Map<Long, List<Ticket.Contribution>> answers = new HashMap<>();
        String marks = Sql.placeholders(tickets);
        List<Object> ids = tickets.stream().map(Ticket::id).map(Object.class::cast).toList();
        jdbc.sql("select ticket_id, department from ticket_co_department where ticket_id in (" + marks
                        + ") order by department")
                .params(ids)
                .query(rs -> {
                    co.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        Map<Long, List<Ticket.OpenTask>> open = openTasks(ids);
        jdbc.sql("select ticket_id, department, opinion, contributed_by, contributed_at from ticket_contribution "
                        + "where ticket_id in (" + marks + ") order by id")
                .params(ids)
                .query(rs -> {
                    answers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Ticket.Contribution(
                            rs.getString(2), rs.getString(3), rs.getString(4), Sql.instant(rs, "contributed_at")));
                });
        return tickets.stream().map(t -> t.withCoHandling(List.copyOf(co.getOrDefault(t.id(), List.of())),
                List.copyOf(open.getOrDefault(t.id(), List.of())), List.copyOf(answers.getOrDefault(t.id(), List.of()))))
                .toList();
    }

    /** The open tasks of the tickets of these ids, by ticket, in the order of their groups. */
    private Map<Long, List<Ticket.OpenTask>> openTasks(List<Object> ids) {
        Map<Long, List<Ticket.OpenTask>> open = new HashMap<>();
        jdbc.sql("select ticket_id, task_id, task_key, candidate_group, process_definition_id from ticket_task"
                        + " where ticket_id in (" + Sql.placeholders(ids) + ") order by candidate_group, task_id")
                .params(ids)
                .query(rs -> {
                    open.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Ticket.OpenTask(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                });
        return open;
    }

    /**
     * The columns {@link #map} reads, in the order it reads them: it reads by position, because H2
     * upper-cases a column's name to find it on every read by name (a few per cent of the CPU of an action).
     */
    private static final List<String> COLUMN_NAMES = List.of("id", "visit_id", "enterprise_credit_code",
            "enterprise_name", "town", "reporter", "category", "title", "description", "urgency", "source", "status",
            "lead_department", "reported_at", "assigned_at", "signed_at", "replied_at", "closed_at", "sign_limit",
            "reply_limit", "sign_deadline", "reply_deadline", "overdue", "sign_clock_start", "sign_reminded",
            "sign_overdue", "reply_clock_start", "reply_reminded", "reply_overdue", "feedback_due", "sign_clock_next",
            "reply_clock_next", "feedback_clock_next", "reopen_count", "return_count", "escalation_level",
            "satisfaction", "resolution", "outcome", "resolved_on_site", "process_instance_id", "extension_days",
            "extension_reason", "extension_requested_at", "updated_at");
    private static final String COLUMNS = String.join(", ", COLUMN_NAMES);
    /** {@link #COLUMNS} of the ticket {@code t}. */
    private static final String T_COLUMNS = String.join(", ", COLUMN_NAMES.stream().map(c -> "t." + c).toList());

    /** A row of {@link #COLUMNS}, read in their order. */
    private static Ticket map(ResultSet rs, int row) throws SQLException {
        Columns c = new Columns(rs);
        long id = c.longValue();
        Long visitId = c.object(Long.class);
        String creditCode = c.string();
        String enterpriseName = c.string();
        String town = c.string();
        String reporter = c.string();
        String category = c.string();
        String title = c.string();
        String description = c.string();
        Urgency urgency = Urgency.valueOf(c.string());
        String source = c.string();
        TicketStatus status = TicketStatus.valueOf(c.string());
        String lead = c.string();
        Instant reportedAt = c.instant();
        Instant assignedAt = c.instant();
        Instant signedAt = c.instant();
        Instant repliedAt = c.instant();
        Instant closedAt = c.instant();
        int signLimit = c.intValue();
        int replyLimit = c.intValue();
        Instant signDeadline = c.instant();
        Instant replyDeadline = c.instant();
        boolean overdue = c.bool();
        Ticket.Clocks clocks = new Ticket.Clocks(c.instant(), c.intValue(), c.bool(), c.instant(), c.intValue(),
                c.bool(), c.instant(), c.instant(), c.instant(), c.instant());
        int reopenCount = c.intValue();
        int returnCount = c.intValue();
        String escalation = c.string();
        String satisfaction = c.string();
        String resolution = c.string();
        String outcome = c.string();
        boolean resolvedOnSite = c.bool();
        String processInstanceId = c.string();
        Integer extensionDays = c.object(Integer.class);
        String extensionReason = c.string();
        Instant extensionRequestedAt = c.instant();
        Instant updatedAt = c.instant();
        return new Ticket(id, visitId, creditCode, enterpriseName, town, reporter, category, title, description,
                urgency, source, status, lead, List.of(), reportedAt, assignedAt, signedAt, repliedAt, closedAt,
                signLimit, replyLimit, signDeadline, replyDeadline, overdue, clocks, reopenCount, returnCount,
                escalation == null ? null : EscalationLevel.valueOf(escalation),
                satisfaction == null ? null : Satisfaction.valueOf(satisfaction),
                resolution, outcome == null ? null : Outcome.valueOf(outcome), resolvedOnSite, processInstanceId,
                List.of(), extensionDays == null ? null
                        : new Ticket.ExtensionRequest(extensionDays, extensionReason, extensionRequestedAt),
                List.of(), updatedAt);
    }

    /** Reads a result set's columns one after the other, from the first. */
    private static final class Columns {
        private final ResultSet rs;
        private int next = 1;

        Columns(ResultSet rs) {
            this.rs = rs;
        }

        long longValue() throws SQLException {
            return rs.getLong(next++);
        }

        int intValue() throws SQLException {
            return rs.getInt(next++);
        }

        boolean bool() throws SQLException {
            return rs.getBoolean(next++);
        }

        String string() throws SQLException {
            return rs.getString(next++);
        }

        <T> T object(Class<T> type) throws SQLException {
            return rs.getObject(next++, type);
        }

        Instant instant() throws SQLException {
            return Sql.instant(rs, next++);
        }
    }

    /**
     * The shared optional-conditions builder on the ticket {@code t}, typed so that chained conditions
     * stay a ticket's, plus who is involved in a ticket.
     */
    static final class Where extends org.sanfu.web.Where {

        @Override
        public Where add(String condition, Object... values) {
            super.add(condition, values);
            return this;
        }

        @Override
        public Where eq(String column, Object value) {
            super.eq(column, value);
            return this;
        }

        @Override
        public Where in(String column, Collection<?> values) {
            super.in(column, values);
            return this;
        }

        /** The department leads the ticket or co-handles it. */
        Where involves(String department) {
            return add("(t.lead_department = ? or exists (select 1 from ticket_co_department c "
                    + "where c.ticket_id = t.id and c.department = ?))", department, department);
        }
    }
}
