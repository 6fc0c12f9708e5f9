package org.sanfu.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sanfu.Sql;
import org.sanfu.catalog.Catalog;
import org.sanfu.ticket.TicketFacts;
import org.sanfu.ticket.TicketFacts.Moment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read side of the reports: plain SQL over what the ticket, visit and enterprise modules publish
 * for reading ({@link org.sanfu.ticket.TicketFacts}, {@link org.sanfu.visit.VisitFacts},
 * {@link org.sanfu.enterprise.EnterpriseFacts}), never over their tables. A list selects the view's rows by
 * one of TicketFacts' id queries, which finds and limits the ids on the ticket's indexes: H2 builds every
 * row of a view it reads in full, so a list filtered, sorted and cut on the view itself costs a row read
 * per ticket in its range (20,000 for a week's closed tickets) rather than one per line shown.
 */
@Repository
class ReportQueries {

    static final int MAX_LINES = 500;
    /** Earlier tickets named per repeated problem: the most recent; the rest are counted. */
    static final int MAX_EARLIER = 20;
    /** The order of TicketFacts' id queries "by reply deadline", on the view. */
    private static final String OVERDUE_ORDER = "t.reply_deadline, t.id";

    private final JdbcClient jdbc;
    private final Catalog catalog;

    ReportQueries(JdbcClient jdbc, Catalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    List<TicketLine> reportedBetween(Instant from, Instant to) {
        return lines("(" + TicketFacts.firstIdsBetween(Moment.REPORTED, MAX_LINES) + ")", "t.reported_at, t.id",
                List.of(Sql.ts(from), Sql.ts(to)));
    }

    List<TicketLine> closedBetween(Instant from, Instant to) {
        return lines("(" + TicketFacts.firstIdsBetween(Moment.CLOSED, MAX_LINES) + ")", "t.closed_at, t.id",
                List.of(Sql.ts(from), Sql.ts(to)));
    }

    /** How many tickets were closed in [from, to): all of them, where {@link #closedBetween} lists the first ones. */
    long countClosedBetween(Instant from, Instant to) {
        return jdbc.sql(TicketFacts.countBetween(Moment.CLOSED)).params(Sql.ts(from), Sql.ts(to)).query(Long.class)
                .single();
    }

    /** When the service's first ticket was reported (by report time, as the briefings count), if any. */
    Optional<Instant> firstReported() {
        // min() of no rows is one row of null
        return jdbc.sql(TicketFacts.FIRST_REPORTED).query((rs, n) -> Sql.instant(rs, 1)).list().stream()
                .filter(Objects::nonNull).findFirst();
    }

    /**
     * Open tickets that missed a deadline, as the briefings list them: by the deadline each line gives (the sign
     * deadline of one that missed that alone, else the reply deadline), the earliest first.
     */
    List<TicketLine> openOverdue() {
        return lines("(" + TicketFacts.openOverdueIdsByMissedDeadline(MAX_LINES) + ")",
                TicketFacts.missedDeadline("t") + " nulls last, t.id", List.of());
    }

    /**
     * How many tickets are open and overdue: all of them, where {@code listed} ({@link #openOverdue}) holds the first
     * ones; a list shorter than {@link #MAX_LINES} is all of them, and is not counted again.
     */
    long countOpenOverdue(List<TicketLine> listed) {
        if (listed.size() < MAX_LINES) {
            return listed.size();
        }
        return jdbc.sql("select count(*) from (" + TicketFacts.OPEN_OVERDUE_ID_QUERY + ") o").query(Long.class).single();
    }

    /** The tickets that were open and overdue at {@code end} (exclusive), in the same order. */
    List<TicketLine> openOverdueAt(Instant end) {
        return lines("(" + TicketFacts.openOverdueAtIdsByReplyDeadline(MAX_LINES) + ")", OVERDUE_ORDER,
                TicketFacts.openOverdueAtArgs(end));
    }

    /** Open tickets whose sign deadline (waiting to be signed) or reply deadline (not yet answered) falls in [from, to). */
    List<TicketLine> dueBetween(Instant from, Instant to) {
        // one index range of that day on each deadline, rather than an "or" that reads every ticket
        return lines("(" + TicketFacts.dueIdsByReplyDeadline(MAX_LINES) + ")", OVERDUE_ORDER,
                List.of(Sql.ts(from), Sql.ts(to), Sql.ts(from), Sql.ts(to)));
    }

    List<DailyDigest.AbnormalEnterprise> turnedAbnormal(Instant from, Instant to) {
        Map<String, DailyDigest.AbnormalEnterprise> byEnterprise = new LinkedHashMap<>();
        // the enterprise's name and town looked up per visit (every visit has its enterprise): joined, H2
        // read every enterprise and each one's visits of the day through the view (5,000 lookups, any day)
        jdbc.sql("""
                select v.id, v.enterprise_credit_code, v.visited_at,
                    (select e.name from enterprise_facts e where e.credit_code = v.enterprise_credit_code) as name,
                    (select e.town from enterprise_facts e where e.credit_code = v.enterprise_credit_code) as town,
                    (select p.operating_status from visit_facts p where p.enterprise_credit_code = v.enterprise_credit_code
                        and p.visited_at < v.visited_at and p.operating_status is not null
                        order by p.visited_at desc, p.id desc limit 1) as previous_status
                from visit_facts v
                where v.visited_at >= ? and v.visited_at < ? and v.operating_status = 'ABNORMAL'
                order by v.visited_at, v.id
                """)
                .params(Sql.ts(from), Sql.ts(to))
                .query(rs -> {
                    String previous = rs.getString("previous_status");
                    String code = rs.getString("enterprise_credit_code");
                    if (!"ABNORMAL".equals(previous) && !byEnterprise.containsKey(code)) {
                        byEnterprise.put(code, new DailyDigest.AbnormalEnterprise(code, rs.getString("name"),
                                rs.getString("town"), String.valueOf(rs.getLong("id")), Sql.instant(rs, "visited_at"),
                                previous));
                    }
                });
        return List.copyOf(byEnterprise.values());
    }

    /**
     * For each ticket {@link #reportedBetween} lists for [from, to) (the first {@link #MAX_LINES}) that has
     * earlier tickets of its enterprise and category reported since {@code since}: how many, and the
     * {@link #MAX_EARLIER} most recently reported of them (by report time, then id), in id order.
     */
    Map<String, DailyDigest.RepeatedProblem.Earlier> earlierOfSameKind(Instant from, Instant to, Instant since) {
        List<Reported> tickets = jdbc.sql(TicketFacts.ofTheSameKinds(MAX_LINES))
                .params(Sql.ts(from), Sql.ts(to), Sql.ts(since), Sql.ts(to))
                .query((rs, n) -> new Reported(rs.getLong("id"), rs.getString("enterprise_credit_code") + '\u0000'
                        + rs.getString("category"), Sql.instant(rs, "reported_at")))
                .list();
        // every listed ticket's kind is among these, so the day's first MAX_LINES of them are the listed ones
        Set<Long> listed = tickets.stream().filter(t -> !t.at().isBefore(from))
                .sorted(Comparator.comparing(Reported::at).thenComparingLong(Reported::id)).limit(MAX_LINES)
                .map(Reported::id).collect(Collectors.toSet());
        Map<String, DailyDigest.RepeatedProblem.Earlier> earlier = new LinkedHashMap<>();
        int kindStart = 0;
        for (int i = 1; i <= tickets.size(); i++) {
            if (i == tickets.size() || !tickets.get(i).kind().equals(tickets.get(kindStart).kind())) {
                addEarlier(tickets.subList(kindStart, i), listed, earlier);
                kindStart = i;
            }
        }
        return earlier;
    }

    /** A ticket of one enterprise and category. */
    private record Reported(long id, String kind, Instant at) {}

    /** One kind's tickets in report order: for each listed one, those reported strictly before it. */
    private static void addEarlier(List<Reported> kind, Set<Long> listed,
            Map<String, DailyDigest.RepeatedProblem.Earlier> earlier) {
        int before = 0;
        for (Reported ticket : kind) {
            while (kind.get(before).at().isBefore(ticket.at())) {
                before++;
            }
            if (before > 0 && listed.contains(ticket.id())) {
                earlier.put(String.valueOf(ticket.id()), new DailyDigest.RepeatedProblem.Earlier(
                        kind.subList(Math.max(0, before - MAX_EARLIER), before).stream().map(Reported::id).sorted()
                                .map(String::valueOf).toList(), before));
            }
        }
    }

    /** The tickets whose ids the query {@code ids} selects, joined on them, in that order, {@link #MAX_LINES} at most. */
    private List<TicketLine> lines(String ids, String order, List<Object> args) {
        return jdbc.sql("select t.* from " + ids + " c join ticket_facts t on t.id = c.id order by " + order
                + " limit " + MAX_LINES).params(args).query(this::line).list();
    }

    private TicketLine line(ResultSet rs, int row) throws SQLException {
        String lead = rs.getString("lead_department");
        return new TicketLine(String.valueOf(rs.getLong("id")), rs.getString("enterprise_credit_code"),
                rs.getString("enterprise_name"), rs.getString("town"), rs.getString("category"),
                catalog.categoryLabel(rs.getString("category")), rs.getString("title"), rs.getString("status"), lead,
                catalog.departmentLabel(lead), Sql.instant(rs, "reported_at"),
                Sql.instant(rs, "sign_deadline"), Sql.instant(rs, "reply_deadline"), Sql.instant(rs, "closed_at"),
                rs.getString("resolution"), rs.getString("satisfaction"),
                TicketLine.missed(rs.getBoolean("sign_overdue"), rs.getBoolean("reply_overdue")));
    }
}
