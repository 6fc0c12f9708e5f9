package org.sanfu.ticket;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sanfu.Sql;

/**
 * The ticket module's published read side for other modules' SQL (the leaders' figures, the
 * reports): the database view {@value #VIEW}, one row per ticket, created by
 * {@code db/migration/V5__published_read_views.sql}, which lists its columns ({@code overdue_since}
 * added by {@code V9__overdue_since.sql}, {@code overdue_span_class} by {@code V12__scale_indexes.sql},
 * {@code source} by {@code V17}, {@code lead_departments} and {@code returned_by} by {@code V27_1__lead_turns.sql},
 * {@code sign_turns} by {@code V31_1__sign_turns.sql}).
 * Other modules read tickets through this view, the id queries below or {@link TicketQueries}, never the
 * ticket tables, so this module may change its tables as long as the view keeps its columns and their
 * meaning and the id queries select what they say.
 * <p>
 * The id queries are written here, on the ticket table and its indexes, for the other modules to select the
 * view's rows by (a derived table joined to the view on id): H2 does not merge a view into the query that
 * reads it but builds every row of the view in full, from the ticket's row, before the outer query filters,
 * counts, sorts or limits. A week of closed tickets read through the view is 20,000 row reads and a sort for
 * the 500 a report shows (300 ms at a million on H2); the same first 500 ids from the index on closed_at are
 * 500 index entries (6 ms), and counting them reads that index alone. PostgreSQL merges the view and plans
 * both alike.
 */
public final class TicketFacts {

    /** The view's name, to select from. */
    public static final String VIEW = "ticket_facts";

    /**
     * 超期在办, as every figure and list counts it (alias {@code t}): not closed, and a deadline missed.
     * The same rule as {@link #OPEN_OVERDUE_AT} at the present moment, on the indexed flags.
     */
    public static final String OPEN_OVERDUE = "t.status <> 'CLOSED' and t.overdue";

    /**
     * The ids of the tickets {@link #OPEN_OVERDUE} selects, as a query to join the view on (a derived
     * table): one equality of the index on (overdue, status) per open status, so that the database reads
     * the few thousand open overdue tickets and nothing else (35 ms at a million on H2). With
     * {@code OPEN_OVERDUE} and an order by a deadline, H2 walks that deadline's index through a million
     * tickets for the first 500 (3.4 s); with {@code status in (...)} it reads every ticket ever overdue.
     */
    public static final String OPEN_OVERDUE_ID_QUERY = openOverdue("select id from ticket");

    /**
     * The rows of the tickets {@link #OPEN_OVERDUE} selects, as {@link #OPEN_OVERDUE_ID_QUERY} finds them, for
     * this module's lists to filter and page (a derived table of the ticket table's columns, alias it
     * {@code t}): H2 runs a join of the ticket table to that id query as a probe of the union per ticket.
     */
    static final String OPEN_OVERDUE_ROWS = openOverdue("select * from ticket");

    /** The select for each open status, with the condition of {@link #OPEN_OVERDUE}, joined by union all. */
    private static String openOverdue(String select) {
        return String.join(" union all ", Arrays.stream(TicketStatus.values())
                .filter(s -> s != TicketStatus.CLOSED)
                .map(s -> select + " where overdue = true and status = '" + s.name() + "'").toList());
    }

    /**
     * The deadline an open overdue ticket of {@code table} (the table or its alias) missed, as the reports' overdue
     * lines give it: the sign deadline of one that missed that alone (its reply deadline may be days ahead), else
     * the reply deadline.
     */
    public static String missedDeadline(String table) {
        return "case when " + table + ".sign_overdue and not " + table + ".reply_overdue then " + table
                + ".sign_deadline else " + table + ".reply_deadline end";
    }

    /**
     * The ids of the first {@code limit} tickets {@link #OPEN_OVERDUE} selects, by {@link #missedDeadline} (none
     * last, on either database) then id: the order the reader must give its own query on the view for the
     * same answer. The few thousand found as {@link #OPEN_OVERDUE_ID_QUERY} finds them are sorted here, so that
     * the view builds only the rows shown.
     */
    public static String openOverdueIdsByMissedDeadline(int limit) {
        return "select id from (" + openOverdue("select id, " + missedDeadline("ticket") + " as missed_deadline from ticket")
                + ") d order by missed_deadline nulls last, id limit " + limit;
    }

    /** The first {@code limit} ids of a query of ids and reply deadlines, by reply deadline then id. */
    private static String byReplyDeadline(String idsAndDeadlines, int limit) {
        return "select id from (" + idsAndDeadlines + ") d order by reply_deadline, id limit " + limit;
    }

    /** A moment of a ticket's life that the reports list and count tickets by: the view's column of that name. */
    public enum Moment {
        REPORTED("reported_at"), CLOSED("closed_at");

        private final String column;

        Moment(String column) {
            this.column = column;
        }
    }

    /**
     * The ids of the first {@code limit} tickets whose moment lies in [?, ?) (its two parameters), in the
     * order of that moment then id: read from the moment's index, which stops after them.
     */
    public static String firstIdsBetween(Moment moment, int limit) {
        return "select id from ticket where " + moment.column + " >= ? and " + moment.column + " < ? order by "
                + moment.column + ", id limit " + limit;
    }

    /**
     * The tickets of every enterprise and category among {@link #firstIdsBetween firstIdsBetween(REPORTED,
     * limit)} reported from the look-back's start up to the day's end: {@code id, enterprise_credit_code,
     * category, reported_at}, by enterprise, category, report time and id. Parameters: the day's start and
     * end, the look-back's start, the day's end. Each kind is one range of the index on enterprise,
     * category and report time, so the day's tickets and the earlier ones of their kind come in as many
     * rows as there are tickets, not as pairs: an enterprise that raised one problem 400 times a day is 400
     * rows, not 80,000.
     */
    public static String ofTheSameKinds(int limit) {
        return "select p.id, p.enterprise_credit_code, p.category, p.reported_at from (select distinct"
                + " t.enterprise_credit_code, t.category from (" + firstIdsBetween(Moment.REPORTED, limit)
                + ") c join ticket t on t.id = c.id) k join ticket p"
                + " on p.enterprise_credit_code = k.enterprise_credit_code and p.category = k.category"
                + " and p.reported_at >= ? and p.reported_at < ?"
                + " order by p.enterprise_credit_code, p.category, p.reported_at, p.id";
    }

    /** When the earliest ticket was reported (null without tickets): the first entry of the index on report time. */
    public static final String FIRST_REPORTED = "select min(reported_at) from ticket";

    /** How many tickets' moment lies in [?, ?) (its two parameters), counted on the moment's index alone. */
    public static String countBetween(Moment moment) {
        return "select count(*) from ticket where " + moment.column + " >= ? and " + moment.column + " < ?";
    }

    /**
     * The ids of the first {@code limit} open tickets due in [?, ?) (its parameters: from, to, from, to), by
     * reply deadline then id: waiting to be signed (ASSIGNED) with the sign deadline in it, or not yet answered
     * (neither REPLIED nor CLOSED) with the reply deadline in it. The unanswered are named by the two statuses
     * they are not: H2 reads a list of the open statuses by the index on status, every open ticket (17,000 at
     * a million), where the reply deadline's index holds the day's few thousand.
     */
    public static String dueIdsByReplyDeadline(int limit) {
        return byReplyDeadline("select id, reply_deadline from ticket where status = '" + TicketStatus.ASSIGNED.name()
                + "' and sign_deadline >= ? and sign_deadline < ? union select id, reply_deadline from ticket"
                + " where status not in ('" + TicketStatus.REPLIED.name() + "', '" + TicketStatus.CLOSED.name()
                + "') and reply_deadline >= ? and reply_deadline < ?", limit);
    }

    /**
     * 超期在办 at the end of a moment, for a day that has passed (alias {@code t}; its three parameters
     * are that moment, exclusive): reported before it, its first missed deadline before it, and not
     * closed by then. Tickets logged late count from when the enterprise spoke, as everywhere.
     */
    public static final String OPEN_OVERDUE_AT =
            "t.reported_at < ? and t.overdue_since < ? and (t.closed_at is null or t.closed_at >= ?)";

    /** The columns of {@value #VIEW} that {@link Row} reads, to select. */
    public static final String ROW_COLUMNS = "id, enterprise_credit_code, town, category, status, lead_department, "
            + "reported_at, assigned_at, signed_at, replied_at, closed_at, sign_deadline, reply_deadline, overdue, "
            + "sign_overdue, reply_overdue, signed_on_time, replied_on_time, reopen_count, return_count, satisfaction, "
            + "hours_to_close, overdue_since, source, lead_departments, returned_by, sign_turns";

    /** The columns of {@value #VIEW} the figures are made of, for {@link TicketFactsChanged}. */
    public record Row(long id, String enterpriseCreditCode, String town, String category, String status,
            String leadDepartment, Instant reportedAt, Instant assignedAt, Instant signedAt, Instant repliedAt,
            Instant closedAt, Instant signDeadline, Instant replyDeadline, boolean overdue, boolean signOverdue,
            boolean replyOverdue, Boolean signedOnTime, Boolean repliedOnTime, int reopenCount, int returnCount,
            String satisfaction, BigDecimal hoursToClose, Instant overdueSince, String source,
            List<String> leadDepartments, List<String> returnedBy, List<SignTurn> signTurns) {

        /** Reads the current row of {@value #VIEW} (aliased or not) that the result set is on. */
        public static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getLong("id"), rs.getString("enterprise_credit_code"), rs.getString("town"),
                    rs.getString("category"), rs.getString("status"), rs.getString("lead_department"),
                    Sql.instant(rs, "reported_at"), Sql.instant(rs, "assigned_at"), Sql.instant(rs, "signed_at"),
                    Sql.instant(rs, "replied_at"), Sql.instant(rs, "closed_at"), Sql.instant(rs, "sign_deadline"),
                    Sql.instant(rs, "reply_deadline"), rs.getBoolean("overdue"), rs.getBoolean("sign_overdue"),
                    rs.getBoolean("reply_overdue"), rs.getObject("signed_on_time", Boolean.class),
                    rs.getObject("replied_on_time", Boolean.class), rs.getInt("reopen_count"),
                    rs.getInt("return_count"), rs.getString("satisfaction"), rs.getBigDecimal("hours_to_close"),
                    Sql.instant(rs, "overdue_since"), rs.getString("source"),
                    departments(rs.getString("lead_departments")), departments(rs.getString("returned_by")),
                    TicketFacts.signTurns(rs.getString("sign_turns")));
        }
    }

    /** How a department's turn as lead ended for its sign, when a sign was due of it. */
    public enum SignOutcome {
        ON_TIME, LATE, UNSIGNED_OVERDUE;

        /**
         * How a lead's sign stands when its turn ends: signed on time or late, or unsigned past the sign
         * deadline (the sign clock runs only while the ticket waits for the sign, so that is the lead's own
         * deadline); null when no sign was due yet.
         */
        public static SignOutcome of(boolean signed, Boolean signedOnTime, boolean signOverdue) {
            if (signed) {
                return Boolean.TRUE.equals(signedOnTime) ? ON_TIME : LATE;
            }
            return signOverdue ? UNSIGNED_OVERDUE : null;
        }

        /**
         * What the turns of this department among {@code turns} add to its signs, each {@code times}:
         * {signed, of which on time, unsigned past the deadline}.
         */
        public static long[] counts(List<SignTurn> turns, String department, long times) {
            long[] counts = new long[3];
            for (SignTurn turn : turns) {
                if (turn.department().equals(department)) {
                    counts[0] += turn.outcome() == UNSIGNED_OVERDUE ? 0 : times;
                    counts[1] += turn.outcome() == ON_TIME ? times : 0;
                    counts[2] += turn.outcome() == UNSIGNED_OVERDUE ? times : 0;
                }
            }
            return counts;
        }
    }

    /**
     * The sign of a department whose turn as lead ended (it returned the ticket and dispatch gave it to
     * another, or a leader's ruling did): signed on time, late, or not signed by its sign deadline. The
     * present lead's sign is the ticket's own ({@code signed_at}, {@code signed_on_time}).
     */
    public record SignTurn(String department, SignOutcome outcome) {}

    /**
     * The ended turns a column of {@code sign_turns} holds (V31_1__sign_turns.sql): {@code DEPARTMENT:OUTCOME},
     * in the order they ended, joined by commas; null for none. A turn in which no sign was due (returned
     * before its sign deadline, unsigned) is not among them.
     */
    public static List<SignTurn> signTurns(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(column.split(",")).map(turn -> {
            int colon = turn.indexOf(':');
            return new SignTurn(turn.substring(0, colon), SignOutcome.valueOf(turn.substring(colon + 1)));
        }).toList();
    }

    /** Such a column with one ended turn more, last. */
    public static String withSignTurn(String column, SignTurn turn) {
        String entry = turn.department() + ":" + turn.outcome().name();
        return column == null || column.isEmpty() ? entry : column + "," + entry;
    }

    /**
     * The departments a column of {@code lead_departments} or {@code returned_by} holds (V27_1__lead_turns.sql):
     * codes, sorted, joined by commas; null for none.
     */
    public static List<String> departments(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split(","));
    }

    /** Such a column's value for these departments: sorted, without repeats, null for none. */
    public static String departmentsColumn(Collection<String> departments) {
        return departments.isEmpty() ? null : String.join(",", new TreeSet<>(departments));
    }

    /** The column with one department more. */
    static String withDepartment(String column, String department) {
        Set<String> departments = new TreeSet<>(departments(column));
        departments.add(department);
        return departmentsColumn(departments);
    }

    /** The classes of {@code overdue_span_class} below the last: class k spans less than 2^k days. */
    private static final int BOUNDED_SPAN_CLASSES = 10;

    /**
     * Exactly the tickets of {@link #OPEN_OVERDUE_AT} at a moment, found by index ranges rather than by
     * every ticket ever overdue before it: the ids of the first {@code limit} of them by reply deadline then
     * id, to join the view on, with its arguments from
     * {@link #openOverdueAtArgs}. One range of {@code overdue_since} per {@code overdue_span_class}
     * (V12__scale_indexes.sql), each read by the index on both, about twice the tickets the answer holds in
     * all. Join it (a derived table) rather than {@code id in (...)}: H2 may test an IN over a union on every
     * row of a range and run the union again for each.
     */
    public static String openOverdueAtIdsByReplyDeadline(int limit) {
        return byReplyDeadline(OPEN_OVERDUE_AT_PARTS, limit);
    }

    private static final String OPEN_OVERDUE_AT_PARTS;

    static {
        String select = "select id, reply_deadline from ticket where ";
        String rest = " and reported_at < ? and (closed_at is null or closed_at >= ?)";
        List<String> parts = new ArrayList<>();
        // open (or closed before the class was kept): the lower bound skips, in H2's indexes where nulls
        // come first, the tickets never overdue
        parts.add(select + "overdue_span_class is null and overdue_since >= ? and overdue_since < ?" + rest);
        for (int k = 0; k < BOUNDED_SPAN_CLASSES; k++) {
            parts.add(select + "overdue_span_class = " + k + " and overdue_since >= ? and overdue_since < ?" + rest);
        }
        parts.add(select + "overdue_span_class = " + BOUNDED_SPAN_CLASSES + " and overdue_since < ?" + rest);
        OPEN_OVERDUE_AT_PARTS = String.join(" union all ", parts);
    }

    /** The arguments of {@link #openOverdueAtIdsByReplyDeadline} at {@code end} (exclusive). */
    public static List<Object> openOverdueAtArgs(Instant end) {
        List<Object> args = new ArrayList<>();
        args.addAll(List.of(Sql.ts(Instant.EPOCH), Sql.ts(end), Sql.ts(end), Sql.ts(end)));
        for (int k = 0; k < BOUNDED_SPAN_CLASSES; k++) {
            args.add(Sql.ts(end.minus(Duration.ofDays(1L << k))));
            args.addAll(List.of(Sql.ts(end), Sql.ts(end), Sql.ts(end)));
        }
        args.addAll(List.of(Sql.ts(end), Sql.ts(end), Sql.ts(end)));
        return args;
    }

    /**
     * How long a ticket closed at {@code closedAt} stayed overdue since {@code overdueSince}, as its
     * {@code overdue_span_class}: 0 under a day, k under 2^k days, the last class beyond.
     */
    public static int overdueSpanClass(Instant overdueSince, Instant closedAt) {
        Duration span = Duration.between(overdueSince, closedAt);
        int k = 0;
        while (k < BOUNDED_SPAN_CLASSES && span.compareTo(Duration.ofDays(1L << k)) >= 0) {
            k++;
        }
        return k;
    }

    private TicketFacts() {
    }
}
