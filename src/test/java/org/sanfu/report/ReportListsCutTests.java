package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sanfu.SanfuTest;
import org.sanfu.Sql;
import org.sanfu.ticket.TicketFacts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reports' lists find their first {@link ReportQueries#MAX_LINES} tickets by the ticket module's id
 * queries, which sort and cut on the ticket's indexes: the lines are exactly those the published view gives
 * when it is filtered, sorted and cut as each list is defined, ties of a deadline or a moment broken by id
 * alike, here with more tickets than a list holds in every one of them.
 */
@SanfuTest
class ReportListsCutTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** A Tuesday of a year no other test uses; its next working day is the Wednesday. */
    private static final LocalDate DAY = LocalDate.of(2011, 5, 10);
    private static final List<String> CATEGORIES = List.of("CONTAINER", "LOGISTICS", "FINANCING", "POLICY", "LABOR");
    /** Open statuses, REPLIED among them (answered, so not due). */
    private static final List<String> OPEN = List.of("ASSIGNED", "IN_PROGRESS", "REPLIED", "ESCALATED", "IN_PROGRESS");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReportQueries queries;

    @RegisterExtension
    final TicketCopies copies = new TicketCopies();

    @Test
    void everyListIsTheViewFilteredSortedAndCutAsItsDefinitionSays() {
        Instant from = instant(DAY, "00:00");
        Instant to = instant(DAY.plusDays(1), "00:00");
        Instant nextFrom = to;
        Instant nextTo = instant(DAY.plusDays(2), "00:00");
        // written behind the service's back, in a year no other test uses, and removed afterwards: the day's
        // reports and closes on a few shared minutes, deadlines on a few shared instants, some overdue since
        // before the day and closed on it or later, some still open and overdue now
        int n = 2 * ReportQueries.MAX_LINES + 400;
        for (int i = 0; i < n; i++) {
            boolean closed = i % 2 == 0;
            String category = CATEGORIES.get(i % CATEGORIES.size());
            Instant reported = instant(DAY, "09:0" + (i % 7));
            Instant closedAt = !closed ? null : i % 8 == 2 ? instant(DAY.plusDays(3), "10:00") : instant(DAY, "16:0" + (i % 5));
            Instant overdueSince = i % 8 == 7 ? null : instant(DAY.minusDays(1 + i % 5), "17:30");
            Instant replyDeadline = i % 23 == 0 ? null : instant(DAY.plusDays(1), "17:3" + (i % 3));
            String status = closed ? "CLOSED" : OPEN.get(i % OPEN.size());
            copy(reported, category, status, closedAt, overdueSince, replyDeadline);
            // and earlier problems of the same enterprise and category, which a digest names
            if (i % 50 == 0) {
                copy(instant(DAY.minusDays(3 + i % 40), "11:00"), category, "CLOSED", instant(DAY.minusDays(1), "11:00"),
                        null, replyDeadline);
            }
        }

        assertThat(ids(queries.reportedBetween(from, to))).hasSize(ReportQueries.MAX_LINES)
                .isEqualTo(view("t.reported_at >= ? and t.reported_at < ?", "t.reported_at, t.id", from, to));
        assertThat(ids(queries.closedBetween(from, to)))
                .isEqualTo(view("t.closed_at >= ? and t.closed_at < ?", "t.closed_at, t.id", from, to));
        assertThat(queries.countClosedBetween(from, to)).isEqualTo(
                jdbc.queryForObject("select count(*) from ticket_facts t where t.closed_at >= ? and t.closed_at < ?",
                        Long.class, Sql.ts(from), Sql.ts(to)));
        assertThat(ids(queries.openOverdueAt(to))).hasSize(ReportQueries.MAX_LINES)
                .isEqualTo(view(TicketFacts.OPEN_OVERDUE_AT, "t.reply_deadline, t.id", to, to, to));
        assertThat(ids(queries.openOverdue())).hasSize(ReportQueries.MAX_LINES)
                .isEqualTo(view(TicketFacts.OPEN_OVERDUE, TicketFacts.missedDeadline("t") + " nulls last, t.id"));
        assertThat(ids(queries.dueBetween(nextFrom, nextTo))).hasSize(ReportQueries.MAX_LINES)
                .isEqualTo(view("(t.status = 'ASSIGNED' and t.sign_deadline >= ? and t.sign_deadline < ?) or "
                        + "(t.status in ('DISPATCHING', 'ASSIGNED', 'IN_PROGRESS', 'ESCALATED', 'SUPERVISION') "
                        + "and t.reply_deadline >= ? and t.reply_deadline < ?)", "t.reply_deadline, t.id",
                        nextFrom, nextTo, nextFrom, nextTo));

        Instant since = from.minus(DailyDigests.REPEAT_WINDOW);
        // each reported ticket's earlier ones of its kind: all counted, the most recently reported named, by id
        Map<String, DailyDigest.RepeatedProblem.Earlier> earlier = new LinkedHashMap<>();
        for (String id : view("t.reported_at >= ? and t.reported_at < ?", "t.reported_at, t.id", from, to)) {
            List<Long> before = jdbc.queryForList("select p.id from ticket_facts t join ticket_facts p "
                    + "on p.enterprise_credit_code = t.enterprise_credit_code and p.category = t.category "
                    + "and p.reported_at < t.reported_at and p.reported_at >= ? where t.id = ? "
                    + "order by p.reported_at desc, p.id desc", Long.class, Sql.ts(since), Long.parseLong(id));
            if (!before.isEmpty()) {
                earlier.put(id, new DailyDigest.RepeatedProblem.Earlier(before.stream()
                        .limit(ReportQueries.MAX_EARLIER).sorted().map(String::valueOf).toList(), before.size()));
            }
        }
        assertThat(earlier).as("the test repeats problems").isNotEmpty();
        assertThat(earlier.values()).as("and some more often than are named")
                .anyMatch(e -> e.count() > ReportQueries.MAX_EARLIER);
        assertThat(queries.earlierOfSameKind(from, to, since)).isEqualTo(earlier);
    }

    /** A copy of a new ticket (its enterprise, texts), its fields as the arguments say. */
    private void copy(Instant reported, String category, String status, Instant closedAt, Instant overdueSince,
            Instant replyDeadline) {
        jdbc.update("update ticket set category = ?, status = ?, reported_at = ?, closed_at = ?, overdue = ?, "
                + "overdue_since = ?, overdue_span_class = ?, sign_deadline = ?, reply_deadline = ? where id = ?",
                category, status, Sql.ts(reported), Sql.ts(closedAt), overdueSince != null, Sql.ts(overdueSince),
                closedAt == null || overdueSince == null ? null : TicketFacts.overdueSpanClass(overdueSince, closedAt),
                Sql.ts(instant(DAY.plusDays(1), "17:30")), Sql.ts(replyDeadline), copies.copy());
    }

    /** The ids the view gives for the condition (alias t), sorted and cut as the reports' lists are. */
    private List<String> view(String condition, String order, Instant... args) {
        return jdbc.queryForList("select t.id from ticket_facts t where " + condition + " order by " + order
                + " limit " + ReportQueries.MAX_LINES, Long.class, Arrays.stream(args).map(Sql::ts).toArray())
                .stream().map(String::valueOf).toList();
    }

    private static List<String> ids(List<TicketLine> lines) {
        return lines.stream().map(TicketLine::id).toList();
    }

    private static Instant instant(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(SHANGHAI).toInstant();
    }

}
