package org.sanfu.stats;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.sanfu.SanfuProperties;
import org.sanfu.Sql;
import org.sanfu.ticket.DerivedFromTickets;
import org.sanfu.ticket.TicketFacts;
import org.sanfu.ticket.TicketFactsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The figures' counts pre-computed per day and per month of report (in the service's zone), lead
 * department, category, town and source, in {@code figure_day} and {@code figure_month}, and over all
 * time in {@code figure_all_time}. A period of whole days then sums at most a few thousand rows however
 * many tickets there are, where counting the tickets themselves took 40 s at a million; all time (the
 * dashboard's default) reads one row per group rather than summing every month's (18,000 rows a year).
 * <p>
 * Exact by construction: every ticket write passes {@link TicketFactsChanged} inside its transaction,
 * and the difference between the ticket's contribution before and after is added here, in the same
 * transaction. Rows are written in key order, so two transactions never wait on each other in a circle.
 * {@link #rebuildFromTickets()} recomputes everything from the tickets.
 */
@Repository
class FigureRollup implements DerivedFromTickets, InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(FigureRollup.class);

    /**
     * The counts, in the order of {@link Figures.Counts}' fields and of the tables' columns; then
     * {@code timed}: the closed tickets with hours to close, of which the median is taken; then the
     * department's turns (V27_1__lead_turns.sql): in a row keyed by a department, the tickets whose lead it
     * held, whoever leads them now, and of those, the ones it returned; then the signs of its turns that ended
     * (V31_1__sign_turns.sql): signed, of which on time, and unsigned past the sign deadline.
     */
    static final List<String> COUNTS = List.of("total", "closed", "overdue_open", "overdue", "signed",
            "signed_on_time", "unsigned_overdue", "open_reply_overdue", "closed_on_time", "rated", "satisfied",
            "replied", "reopened", "assigned", "returned", "timed", "turns", "turns_returned", "turn_signed",
            "turn_signed_on_time", "turn_unsigned_overdue");
    static final int TIMED = 15;
    static final int TURNS = 16;
    static final int TURNS_RETURNED = 17;
    static final int TURN_SIGNED = 18;
    static final int TURN_SIGNED_ON_TIME = 19;
    static final int TURN_UNSIGNED_OVERDUE = 20;

    /** The tables: their name and the column of the period their key starts with (none for all time). */
    enum Table {
        DAY("figure_day", "report_day"), MONTH("figure_month", "report_month"), ALL_TIME("figure_all_time", null);

        final String name;
        final String period;

        Table(String name, String period) {
            this.name = name;
            this.period = period;
        }

        LocalDate periodOf(LocalDate day) {
            return switch (this) {
                case DAY -> day;
                case MONTH -> day.withDayOfMonth(1);
                case ALL_TIME -> null;
            };
        }

        /** The key's columns: the period's, if any, and the four of a {@link Group}. */
        String keyColumns() {
            return (period == null ? "" : period + ", ") + GROUP_KEY;
        }

        int keyColumnCount() {
            return (period == null ? 0 : 1) + GROUP_COLUMNS;
        }
    }

    /** What the counts are grouped by below the period; "" in the tables for none. */
    record Group(String department, String category, String town, String source) {
    }

    /** The columns of a {@link Group}, in every table's key after the period's, and how many. */
    private static final String GROUP_KEY = "lead_department, category, town, source";
    private static final int GROUP_COLUMNS = 4;

    /** Each table's statements of a ticket's change, written once (three tables on every ticket commit). */
    private static final Map<Table, String> ADD_H2 = each(FigureRollup::addH2);
    private static final Map<Table, String> INSERT = each(FigureRollup::insert);
    private static final Map<Table, String> UPSERT_POSTGRES = each(FigureRollup::upsertPostgres);

    private static Map<Table, String> each(Function<Table, String> statement) {
        Map<Table, String> statements = new EnumMap<>(Table.class);
        for (Table table : Table.values()) {
            statements.put(table, statement.apply(table));
        }
        return statements;
    }

    /** A row's key: the first day of its period (null for all time), and the group. */
    record Key(LocalDate period, Group group) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::period,
                        Comparator.nullsFirst(Comparator.<LocalDate>naturalOrder()))
                .thenComparing(k -> key(k.group.department)).thenComparing(k -> key(k.group.category))
                .thenComparing(k -> key(k.group.town)).thenComparing(k -> key(k.group.source));
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ZoneId zone;
    private final Clock clock;
    private final boolean postgres;

    FigureRollup(DataSource dataSource, PlatformTransactionManager transactionManager, SanfuProperties properties,
            Clock clock, SQLExceptionTranslator lockFailuresFirst) {
        this.jdbc = new JdbcTemplate(dataSource);
        // as every JdbcClient's (org.sanfu.LockFailureTranslation): a rollup row held past the lock timeout by
        // another ticket's transaction is Spring's lock failure, which the pages answer as a lost race, with the form
        this.jdbc.setExceptionTranslator(lockFailuresFirst);
        this.jdbc.setFetchSize(2000);
        this.transactions = new TransactionTemplate(transactionManager);
        this.zone = properties.zone();
        this.clock = clock;
        this.postgres = Sql.postgres(dataSource);
    }

    /**
     * Built once for a database that has none yet (a new one, or one from before the rollup) or another zone;
     * otherwise all time caught up with the months.
     */
    @Override
    public void afterPropertiesSet() {
        String builtFor = jdbc.queryForObject("select zone from figure_state where id = 1", String.class);
        if (!zone.getId().equals(builtFor)) {
            // none yet: a new database, or a migration that asked for them again (V27_1)
            log.info("building the pre-computed figures from the tickets for zone {} ({})", zone.getId(),
                    builtFor == null ? "none built yet" : "built for zone " + builtFor + " until now");
            rebuildFromTickets();
        } else {
            catchUpAllTime();
        }
    }

    /**
     * Adds to all time what the months hold beyond it. They agree by construction, except after a release that
     * added all time (V20) rolled out node by node (README, "Upgrades"): nodes of the earlier version, still
     * running, kept the days and months of the tickets they changed but not all time. One statement reads both
     * tables (one snapshot: the changes other nodes committed meanwhile are in both and cancel out) and the
     * differences are added as any change is, so that the node started after the last old one stopped leaves
     * all time exact. A few hundred ms at a million tickets, at start only.
     */
    private void catchUpAllTime() {
        String sql = "select " + GROUP_KEY + ", " + String.join(", ", COUNTS.stream().map(c -> "sum(" + c + ")").toList())
                + " from (select " + GROUP_KEY + ", " + String.join(", ", COUNTS) + " from " + Table.MONTH.name
                + " union all select " + GROUP_KEY + ", "
                + String.join(", ", COUNTS.stream().map(c -> "-" + c).toList()) + " from " + Table.ALL_TIME.name
                + ") d group by " + GROUP_KEY + " having "
                + String.join(" or ", COUNTS.stream().map(c -> "sum(" + c + ") <> 0").toList());
        transactions.executeWithoutResult(status -> {
            Map<Key, long[]> behind = new TreeMap<>(Key.ORDER);
            jdbc.query(sql, (ResultSet rs) -> {
                long[] delta = new long[COUNTS.size()];
                addCounts(rs, delta);
                behind.put(new Key(null, group(rs)), delta);
            });
            if (!behind.isEmpty()) {
                log.warn("all-time figures lagged behind the months in {} group(s) (tickets changed by a node of an "
                        + "earlier version); added from the months", behind.size());
                behind.forEach((key, delta) -> apply(Table.ALL_TIME, key, delta));
            }
        });
    }

    /**
     * What one ticket adds to the table, by key: its counts to its group (by its present lead department),
     * and a turn to the group of each department that held its lead.
     */
    private void addTicket(Map<Key, long[]> sums, Table table, TicketFacts.Row t, int sign) {
        add(sums, keyOf(table, t, t.leadDepartment()), contribution(t), sign);
        for (String department : t.leadDepartments()) {
            add(sums, keyOf(table, t, department), turn(t, department), sign);
        }
    }

    /**
     * The counts a ticket adds to the group of a department that held its lead: a turn, returned or not, and
     * the sign of each of its turns that ended.
     */
    static long[] turn(TicketFacts.Row t, String department) {
        long[] counts = new long[COUNTS.size()];
        counts[TURNS] = 1;
        counts[TURNS_RETURNED] = one(t.returnedBy().contains(department));
        long[] signs = TicketFacts.SignOutcome.counts(t.signTurns(), department, 1);
        System.arraycopy(signs, 0, counts, TURN_SIGNED, signs.length);
        return counts;
    }

    /**
     * Closed within its deadline (按时办结, GLOSSARY): replied no later than its reply deadline, or, closed with no reply
     * (a leader's ruling struck it off, 督办裁定销号), closed no later than it. A ticket the leader closed before its
     * department had to answer was not answered late: counted so, it cost the department its place in the ranking for a
     * decision that was not its own. One closed by ruling past its reply deadline stays late. The same rule in SQL is
     * {@link #CLOSED_ON_TIME}.
     */
    static boolean closedOnTime(TicketFacts.Row t) {
        if (t.repliedAt() != null) {
            return Boolean.TRUE.equals(t.repliedOnTime());
        }
        return t.closedAt() != null && t.replyDeadline() != null && !t.closedAt().isAfter(t.replyDeadline());
    }

    /** {@link #closedOnTime} of a closed ticket {@code t} of the view, as a condition. */
    static final String CLOSED_ON_TIME = "(t.replied_at is not null and t.replied_on_time)"
            + " or (t.replied_at is null and t.closed_at <= t.reply_deadline)";

    /** The counts one ticket adds to its group, in {@link #COUNTS}' order (no turns nor their signs: see {@link #turn}). */
    static long[] contribution(TicketFacts.Row t) {
        boolean closed = "CLOSED".equals(t.status());
        String s = t.satisfaction();
        boolean satisfied = "SATISFIED".equals(s) || "BASICALLY_SATISFIED".equals(s);
        return new long[] {
            1,
            one(closed),
            one(!closed && t.overdue()),
            one(t.overdue()),
            one(t.signedAt() != null),
            one(Boolean.TRUE.equals(t.signedOnTime())),
            one(t.signedAt() == null && t.signOverdue()),
            one(!closed && t.replyOverdue()),
            one(closed && closedOnTime(t)),
            one(satisfied || "DISSATISFIED".equals(s)),
            one(satisfied),
            one(t.repliedAt() != null),
            one(t.reopenCount() > 0),
            one(t.assignedAt() != null),
            one(t.returnCount() > 0),
            one(t.hoursToClose() != null),
            0,
            0,
            0,
            0,
            0,
        };
    }

    private static long one(boolean b) {
        return b ? 1 : 0;
    }

    /** The key of the ticket's period, category, town and source, with this department. */
    private Key keyOf(Table table, TicketFacts.Row t, String department) {
        return new Key(table.periodOf(t.reportedAt().atZone(zone).toLocalDate()),
                new Group(department, t.category(), t.town(), t.source()));
    }

    /** Adds the changed tickets' differences, in the transaction that changed them. */
    @EventListener
    void on(TicketFactsChanged changed) {
        for (Table table : Table.values()) {
            Map<Key, long[]> deltas = new TreeMap<>(Key.ORDER);
            for (TicketFactsChanged.Change change : changed.changes()) {
                if (Objects.equals(change.before(), change.after())) {
                    continue;
                }
                if (change.before() != null) {
                    addTicket(deltas, table, change.before(), -1);
                }
                if (change.after() != null) {
                    addTicket(deltas, table, change.after(), 1);
                }
            }
            deltas.forEach((key, delta) -> {
                if (Arrays.stream(delta).anyMatch(v -> v != 0)) {
                    apply(table, key, delta);
                }
            });
        }
    }

    private static void add(Map<Key, long[]> sums, Key key, long[] counts, int sign) {
        long[] sum = sums.computeIfAbsent(key, k -> new long[COUNTS.size()]);
        for (int i = 0; i < counts.length; i++) {
            sum[i] += sign * counts[i];
        }
    }

    /** The key's columns, as the table orders them. */
    private static List<Object> keyValues(Table table, Key key) {
        List<Object> values = new ArrayList<>(table.keyColumnCount());
        if (table.period != null) {
            values.add(Date.valueOf(key.period));
        }
        values.addAll(List.of(key(key.group.department), key(key.group.category), key(key.group.town),
                key(key.group.source)));
        return values;
    }

    /** The arguments of {@code first}'s columns, then {@code then}'s. */
    private static Object[] concat(List<Object> first, List<Object> then) {
        List<Object> args = new ArrayList<>(first);
        args.addAll(then);
        return args.toArray();
    }

    private static List<Object> countValues(long[] counts) {
        return Arrays.stream(counts).<Object>mapToObj(Long::valueOf).toList();
    }

    /** The key's columns and the counts, as the table's columns are ordered. */
    private static Object[] columns(Table table, Key key, long[] counts) {
        return concat(keyValues(table, key), countValues(counts));
    }

    private void apply(Table table, Key key, long[] delta) {
        if (postgres) {
            jdbc.update(UPSERT_POSTGRES.get(table), columns(table, key, delta));
            return;
        }
        // H2: an update by the primary key, and an insert for a group's first ticket of the period (a
        // MERGE ... USING (VALUES ...) cost H2 several times the update, measured under load)
        Object[] countsThenKey = concat(countValues(delta), keyValues(table, key));
        if (jdbc.update(ADD_H2.get(table), countsThenKey) > 0) {
            return;
        }
        try {
            jdbc.update(INSERT.get(table), columns(table, key, delta));
        } catch (DuplicateKeyException raced) {
            // another transaction inserted this key first and committed; H2 keeps our transaction going
            jdbc.update(ADD_H2.get(table), countsThenKey);
        }
    }

    private static String upsertPostgres(Table table) {
        return insert(table) + " on conflict (" + table.keyColumns() + ") do update set "
                + String.join(", ", COUNTS.stream().map(c -> c + " = " + table.name + "." + c + " + excluded." + c).toList());
    }

    private static String addH2(Table table) {
        return "update " + table.name + " set " + String.join(", ", COUNTS.stream().map(c -> c + " = " + c + " + ?").toList())
                + " where " + String.join(" and ", Arrays.stream(table.keyColumns().split(", ")).map(c -> c + " = ?")
                        .toList());
    }

    private static String insert(Table table) {
        return "insert into " + table.name + " (" + table.keyColumns() + ", " + String.join(", ", COUNTS) + ") values ("
                + Sql.placeholders(table.keyColumnCount() + COUNTS.size()) + ")";
    }

    /**
     * The counts of the tickets reported on the days [from, to) (null: unbounded; both null: all time, one
     * row per group) of the given lead department, category and town (null: any), per group.
     */
    Map<Group, long[]> sums(LocalDate from, LocalDate toExclusive, String department, String category, String town) {
        Map<Group, long[]> sums = new HashMap<>();
        if (from == null && toExclusive == null) {
            read(sums, Table.ALL_TIME, null, null, department, category, town);
            return sums;
        }
        // whole months from figure_month, the days before the first and after the last from figure_day
        LocalDate firstMonth = from == null ? null
                : from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate endMonth = toExclusive == null ? null : toExclusive.withDayOfMonth(1);
        if (firstMonth != null && endMonth != null && !firstMonth.isBefore(endMonth)) {
            read(sums, Table.DAY, from, toExclusive, department, category, town);
            return sums;
        }
        read(sums, Table.MONTH, firstMonth, endMonth, department, category, town);
        if (from != null && from.isBefore(firstMonth)) {
            read(sums, Table.DAY, from, firstMonth, department, category, town);
        }
        if (toExclusive != null && endMonth.isBefore(toExclusive)) {
            read(sums, Table.DAY, endMonth, toExclusive, department, category, town);
        }
        return sums;
    }

    private void read(Map<Group, long[]> sums, Table table, LocalDate from, LocalDate toExclusive, String department,
            String category, String town) {
        // all time holds one row per group: nothing to sum
        boolean periods = table.period != null;
        StringBuilder sql = new StringBuilder("select " + GROUP_KEY + ", ")
                .append(String.join(", ", COUNTS.stream().map(c -> periods ? "sum(" + c + ")" : c).toList()))
                .append(" from ").append(table.name).append(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.append(" and ").append(table.period).append(" >= ?");
            args.add(Date.valueOf(from));
        }
        if (toExclusive != null) {
            sql.append(" and ").append(table.period).append(" < ?");
            args.add(Date.valueOf(toExclusive));
        }
        for (String[] eq : new String[][] {{"lead_department", department}, {"category", category}, {"town", town}}) {
            if (eq[1] != null) {
                sql.append(" and ").append(eq[0]).append(" = ?");
                args.add(eq[1]);
            }
        }
        if (periods) {
            sql.append(" group by " + GROUP_KEY);
        }
        jdbc.query(sql.toString(), (ResultSet rs) -> {
            addCounts(rs, sums.computeIfAbsent(group(rs), g -> new long[COUNTS.size()]));
        }, args.toArray());
    }

    /** Whether a ticket names this town (镇（街道）), exactly as written. */
    boolean knowsTown(String town) {
        return jdbc.queryForObject("select count(*) from (select 1 from figure_all_time where town = ? limit 1) t",
                Long.class, town) > 0;
    }

    /** The towns the tickets name, those with the most tickets first (all time: a few thousand rows). */
    List<String> towns() {
        return jdbc.queryForList("select town from figure_all_time where town <> '' group by town"
                + " order by sum(total) desc, town", String.class);
    }

    /** The group of a row that starts with {@link #GROUP_KEY}'s columns. */
    private static Group group(ResultSet rs) throws SQLException {
        return new Group(none(rs.getString(1)), none(rs.getString(2)), none(rs.getString(3)), none(rs.getString(4)));
    }

    /** Adds the counts that follow {@link #GROUP_KEY}'s columns in the row, in {@link #COUNTS}' order. */
    private static void addCounts(ResultSet rs, long[] into) throws SQLException {
        for (int i = 0; i < into.length; i++) {
            into[i] += rs.getLong(GROUP_COLUMNS + 1 + i);
        }
    }

    private static String key(String value) {
        return value == null ? "" : value;
    }

    private static String none(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * Recomputes both tables from the tickets in one transaction (memory bounded by the number of
     * keys, never by the number of tickets), and records the zone they were cut in.
     */
    @Override
    public void rebuildFromTickets() {
        transactions.executeWithoutResult(status -> {
            Map<Table, Map<Key, long[]>> sums = new HashMap<>();
            for (Table table : Table.values()) {
                sums.put(table, new TreeMap<>(Key.ORDER));
            }
            jdbc.query("select " + TicketFacts.ROW_COLUMNS + " from " + TicketFacts.VIEW, (ResultSet rs) -> {
                TicketFacts.Row row = row(rs);
                for (Table table : Table.values()) {
                    addTicket(sums.get(table), table, row, 1);
                }
            });
            for (Table table : Table.values()) {
                jdbc.update("delete from " + table.name);
                List<Object[]> rows = new ArrayList<>();
                sums.get(table).forEach((key, counts) -> rows.add(columns(table, key, counts)));
                jdbc.batchUpdate(INSERT.get(table), rows);
            }
            jdbc.update("update figure_state set zone = ?, built_at = ? where id = 1", zone.getId(),
                    Sql.ts(clock.instant()));
        });
    }

    private static TicketFacts.Row row(ResultSet rs) {
        try {
            return TicketFacts.Row.of(rs);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
