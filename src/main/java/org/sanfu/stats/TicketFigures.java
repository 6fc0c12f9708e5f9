package org.sanfu.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sanfu.SanfuProperties;
import org.sanfu.ticket.TicketFacts;
import org.sanfu.web.Where;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The figures of a set of tickets, grouped. For a period of whole days in the service's zone (every
 * period the API, the dashboard, the ranking and the briefing ask for by date) the counts come from
 * the pre-computed {@link FigureRollup} and the medians from {@link ClosingTimes} (the database's
 * percentile_cont while that is not ready); otherwise, and as the reference the tests compare the rollup with, everything is one aggregate query
 * over the tickets the ticket module publishes (the view {@link org.sanfu.ticket.TicketFacts}, never its
 * tables nor Camunda's history). Conditional counts and percentile_cont run the same on H2 and
 * PostgreSQL.
 */
@Repository
class TicketFigures {

    /** What the figures may be grouped by: a column of the published tickets each. */
    enum Grouping {
        NONE(null), CATEGORY("category"), DEPARTMENT("lead_department"), TOWN("town"), SOURCE("source");

        final String column;

        Grouping(String column) {
            this.column = column;
        }
    }

    private static final String MEDIAN =
            "percentile_cont(0.5) within group (order by t.hours_to_close) as median_hours";

    private static final String COUNTS = """
            count(*) as total,
            sum(case when t.status = 'CLOSED' then 1 else 0 end) as closed,
            sum(case when %s then 1 else 0 end) as overdue_open,
            sum(case when t.overdue then 1 else 0 end) as overdue,
            sum(case when t.signed_at is not null then 1 else 0 end) as signed,
            sum(case when t.signed_on_time then 1 else 0 end) as signed_on_time,
            sum(case when t.signed_at is null and t.sign_overdue then 1 else 0 end) as unsigned_overdue,
            sum(case when t.status <> 'CLOSED' and t.reply_overdue then 1 else 0 end) as open_reply_overdue,
            sum(case when t.status = 'CLOSED' and (%s) then 1 else 0 end) as closed_on_time,
            sum(case when t.satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED') then 1 else 0 end)
                as rated,
            sum(case when t.satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED') then 1 else 0 end) as satisfied,
            sum(case when t.replied_at is not null then 1 else 0 end) as replied,
            sum(case when t.reopen_count > 0 then 1 else 0 end) as reopened,
            sum(case when t.assigned_at is not null then 1 else 0 end) as assigned,
            sum(case when t.return_count > 0 then 1 else 0 end) as returned,
            """.formatted(TicketFacts.OPEN_OVERDUE, FigureRollup.CLOSED_ON_TIME) + MEDIAN;

    private final JdbcClient jdbc;
    private final FigureRollup rollup;
    private final ClosingTimes closingTimes;
    private final ZoneId zone;

    TicketFigures(JdbcClient jdbc, FigureRollup rollup, ClosingTimes closingTimes, SanfuProperties properties) {
        this.jdbc = jdbc;
        this.rollup = rollup;
        this.closingTimes = closingTimes;
        this.zone = properties.zone();
    }

    /** The figures of the tickets the filter selects, and the same per value of each grouping asked for. */
    Grouped grouped(TicketFilter filter, Grouping... groupings) {
        LocalDate from = day(filter.from());
        LocalDate to = day(filter.toExclusive());
        if ((filter.from() != null && from == null) || (filter.toExclusive() != null && to == null)) {
            Map<Grouping, Map<String, Figures.Counts>> recomputed = new EnumMap<>(Grouping.class);
            recomputed.put(Grouping.NONE, recomputed(filter, Grouping.NONE));
            for (Grouping grouping : groupings) {
                recomputed.put(grouping, recomputed(filter, grouping));
            }
            return new Grouped(recomputed);
        }
        Map<FigureRollup.Group, long[]> sums = rollup.sums(from, to, filter.department(), filter.category(),
                filter.town());
        Map<Grouping, Map<String, long[]>> gathered = new EnumMap<>(Grouping.class);
        Map<Grouping, Map<String, Long>> timed = new EnumMap<>(Grouping.class);
        for (Grouping grouping : EnumSet.of(Grouping.NONE, groupings)) {
            Map<String, long[]> byKey = gather(sums, grouping);
            gathered.put(grouping, byKey);
            Map<String, Long> closedWithHours = new HashMap<>();
            byKey.forEach((key, c) -> closedWithHours.put(key, c[FigureRollup.TIMED]));
            timed.put(grouping, closedWithHours);
        }
        Map<Grouping, Map<String, BigDecimal>> medians = closingTimes.medians(filter, from, to, timed);
        Map<Grouping, Map<String, Figures.Counts>> result = new EnumMap<>(Grouping.class);
        gathered.forEach((grouping, byKey) -> {
            Map<String, BigDecimal> median = medians != null ? medians.get(grouping)
                    : byKey.isEmpty() ? Map.of() : medians(filter, grouping);
            boolean turns = byTurns(filter, grouping);
            Map<String, Figures.Counts> counts = new LinkedHashMap<>();
            byKey.forEach((key, c) -> counts.put(key, turns
                    ? new Figures.Counts(c[0], c[1], c[2], c[3], c[4] + c[FigureRollup.TURN_SIGNED],
                            c[5] + c[FigureRollup.TURN_SIGNED_ON_TIME], c[6] + c[FigureRollup.TURN_UNSIGNED_OVERDUE],
                            c[7], c[8], c[9], c[10], c[11], c[12], c[FigureRollup.TURNS], c[FigureRollup.TURNS_RETURNED],
                            median.get(key))
                    : new Figures.Counts(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11],
                            c[12], c[13], c[14], median.get(key))));
            result.put(grouping, counts);
        });
        return new Grouped(result);
    }

    /**
     * Whether the return rate of these figures is a department's: the tickets assigned to it (whoever leads
     * them now) and of those, the ones it returned (GLOSSARY.md, 退单率). So it is per department, and for all
     * figures of one department; elsewhere it is the tickets returned at least once, of those assigned. So
     * are its signs: those of the tickets it leads, and those of its turns that ended (按时签收率).
     */
    private static boolean byTurns(TicketFilter filter, Grouping grouping) {
        return grouping == Grouping.DEPARTMENT || filter.department() != null;
    }

    /** Figures per grouping; NONE holds the whole set under the null key. */
    record Grouped(Map<Grouping, Map<String, Figures.Counts>> byGrouping) {

        Figures.Counts total() {
            return byGrouping.get(Grouping.NONE).getOrDefault(null, Figures.Counts.none());
        }

        Map<String, Figures.Counts> by(Grouping grouping) {
            return byGrouping.get(grouping);
        }
    }

    /** The day an instant starts, if it is the start of a day in the service's zone; else null. */
    private LocalDate day(Instant instant) {
        if (instant == null) {
            return null;
        }
        LocalDate day = instant.atZone(zone).toLocalDate();
        return day.atStartOfDay(zone).toInstant().equals(instant) ? day : null;
    }

    /** The rollup's sums gathered per value of the grouping, in its order. */
    private static Map<String, long[]> gather(Map<FigureRollup.Group, long[]> sums, Grouping grouping) {
        Map<String, long[]> grouped = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        sums.forEach((group, counts) -> {
            if (Arrays.stream(counts).allMatch(c -> c == 0)) {
                return; // a group whose tickets all moved to another: no longer a group at all
            }
            String key = switch (grouping) {
                case NONE -> null;
                case CATEGORY -> group.category();
                case DEPARTMENT -> group.department();
                case TOWN -> group.town();
                case SOURCE -> group.source();
            };
            long[] sum = grouped.computeIfAbsent(key, k -> new long[counts.length]);
            for (int i = 0; i < counts.length; i++) {
                sum[i] += counts[i];
            }
        });
        return grouped;
    }

    /** Medians to the thousandth of an hour, however the database scales or floats them (PostgreSQL: double). */
    static BigDecimal median(BigDecimal value) {
        return value == null ? null : value.setScale(3, RoundingMode.HALF_UP);
    }

    /** The median hours to close per value of the grouping, over the closed tickets only. */
    private Map<String, BigDecimal> medians(TicketFilter filter, Grouping grouping) {
        Where where = where(filter).add("t.hours_to_close is not null");
        String key = grouping.column == null ? "" : "t." + grouping.column + " as group_key, ";
        String groupBy = grouping.column == null ? "" : " group by t." + grouping.column;
        Map<String, BigDecimal> result = new HashMap<>();
        jdbc.sql("select " + key + MEDIAN + " from ticket_facts t" + where.sql() + groupBy).params(where.args())
                .query(rs -> {
                    result.put(grouping.column == null ? null : rs.getString("group_key"),
                            median(rs.getBigDecimal("median_hours")));
                });
        return result;
    }

    private static Where where(TicketFilter filter) {
        return whereButDepartment(filter).eq("t.lead_department", filter.department());
    }

    private static Where whereButDepartment(TicketFilter filter) {
        return new Where()
                .notBefore("t.reported_at", filter.from())
                .before("t.reported_at", filter.toExclusive())
                .eq("t.category", filter.category())
                .eq("t.town", filter.town());
    }

    /**
     * Counts per value of the grouping column (null key for NONE), in the column's order, counted from
     * the tickets themselves: for periods that are not whole days, and the reference for the rollup.
     */
    Map<String, Figures.Counts> recomputed(TicketFilter filter, Grouping grouping) {
        Where where = where(filter);
        String key = grouping.column == null ? "" : "t." + grouping.column + " as group_key, ";
        String groupBy = grouping.column == null ? "" : " group by t." + grouping.column + " order by t." + grouping.column;
        Map<String, Figures.Counts> result = new LinkedHashMap<>();
        jdbc.sql("select " + key + COUNTS + " from ticket_facts t" + where.sql() + groupBy).params(where.args()).query(rs -> {
            result.put(grouping.column == null ? null : rs.getString("group_key"), counts(rs));
        });
        return byTurns(filter, grouping) ? withTurns(result, turns(filter, grouping)) : result;
    }

    /**
     * The departments' turns counted from the tickets, per value of the grouping: for each ticket whose lead
     * a department held (the filter's department, if it names one), a turn in the department's group
     * (DEPARTMENT) or the ticket's; {turns, of which returned by that department, then the signs of that
     * department's ended turns: signed, on time, unsigned past the deadline}. Read as the few distinct
     * combinations of departments the tickets hold, per value.
     */
    private Map<String, long[]> turns(TicketFilter filter, Grouping grouping) {
        Where where = whereButDepartment(filter).add("t.lead_departments is not null");
        boolean ticketsKey = grouping.column != null && grouping != Grouping.DEPARTMENT;
        String key = ticketsKey ? "t." + grouping.column + ", " : "";
        Map<String, long[]> turns = new HashMap<>();
        jdbc.sql("select " + key + "t.lead_departments, t.returned_by, t.sign_turns, count(*) from ticket_facts t"
                + where.sql() + " group by " + key + "t.lead_departments, t.returned_by, t.sign_turns")
                .params(where.args()).query(rs -> {
                    int column = ticketsKey ? 2 : 1;
                    List<String> returnedBy = TicketFacts.departments(rs.getString(column + 1));
                    List<TicketFacts.SignTurn> signTurns = TicketFacts.signTurns(rs.getString(column + 2));
                    long n = rs.getLong(column + 3);
                    for (String department : TicketFacts.departments(rs.getString(column))) {
                        if (filter.department() != null && !filter.department().equals(department)) {
                            continue;
                        }
                        String k = grouping == Grouping.DEPARTMENT ? department : ticketsKey ? rs.getString(1) : null;
                        long[] sum = turns.computeIfAbsent(k, x -> new long[5]);
                        sum[0] += n;
                        sum[1] += returnedBy.contains(department) ? n : 0;
                        long[] signs = TicketFacts.SignOutcome.counts(signTurns, department, n);
                        for (int i = 0; i < signs.length; i++) {
                            sum[2 + i] += signs[i];
                        }
                    }
                });
        return turns;
    }

    /**
     * The counts with the turns as the assigned and returned, the ended turns' signs added to the signs, and a
     * group for turns without tickets.
     */
    private static Map<String, Figures.Counts> withTurns(Map<String, Figures.Counts> counts, Map<String, long[]> turns) {
        Map<String, Figures.Counts> result = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        Set<String> keys = new HashSet<>(counts.keySet());
        keys.addAll(turns.keySet());
        for (String key : keys) {
            Figures.Counts c = counts.getOrDefault(key, Figures.Counts.none());
            long[] t = turns.getOrDefault(key, new long[5]);
            result.put(key, new Figures.Counts(c.total(), c.closed(), c.overdueOpen(), c.overdue(), c.signed() + t[2],
                    c.signedOnTime() + t[3], c.unsignedOverdue() + t[4], c.openReplyOverdue(), c.closedOnTime(), c.rated(),
                    c.satisfied(), c.replied(), c.reopened(), t[0], t[1], c.medianHours()));
        }
        return result;
    }

    private static Figures.Counts counts(ResultSet rs) throws SQLException {
        BigDecimal median = median(rs.getBigDecimal("median_hours"));
        return new Figures.Counts(rs.getLong("total"), rs.getLong("closed"), rs.getLong("overdue_open"),
                rs.getLong("overdue"), rs.getLong("signed"), rs.getLong("signed_on_time"), rs.getLong("unsigned_overdue"),
                rs.getLong("open_reply_overdue"),
                rs.getLong("closed_on_time"), rs.getLong("rated"), rs.getLong("satisfied"), rs.getLong("replied"),
                rs.getLong("reopened"), rs.getLong("assigned"), rs.getLong("returned"), median);
    }
}
