package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The briefing lists the first {@link ReportQueries#MAX_LINES} tickets closed in its week, but counts
 * every one: a province closes thousands a week, and "closed this week" once read 500; and says so, where the
 * list begins, lest its 500 read as the week's.
 */
@SanfuTest
class WeeklyClosedCountWebTests {

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;

    @RegisterExtension
    final TicketCopies copies = new TicketCopies();

    @Test
    void closedThisWeekCountsEveryTicketClosedThatWeekNotOnlyThoseListed() {
        // written behind the service's back, in a week of 2012 no other test uses, and removed afterwards
        OffsetDateTime closed = OffsetDateTime.parse("2012-03-07T10:00:00+08:00");
        int n = ReportQueries.MAX_LINES + 7;
        for (int i = 0; i < n; i++) {
            long id = copies.copy();
            jdbc.update("update ticket set status = 'CLOSED', reported_at = ?, closed_at = ? where id = ?",
                    closed.minusDays(1), closed.plusMinutes(i), id);
        }

        JsonNode b = api.get("/api/reports/weekly?week=2012-W10", "dispatch").json();
        assertThat(b.get("resolved")).hasSize(ReportQueries.MAX_LINES);
        assertThat(b.get("closedThisWeek").asInt()).isEqualTo(n);
        // the cut list says so where it begins, in the text as on the page and in the workbook (BriefingNotesUnitTests)
        String markdown = api.perform(MockMvcRequestBuilders.get("/api/reports/weekly?week=2012-W10")
                .accept("text/markdown"), "dispatch").text();
        assertThat(markdown.substring(markdown.indexOf("## 六、本周办结案例"))).startsWith("## 六、本周办结案例\n\n**本周办结 "
                + n + " 件，以下列出最早办结的 " + ReportQueries.MAX_LINES + " 件。**\n\n1. #");
        // and 超期事项 counts every open overdue ticket it may leave out
        assertThat(b.get("overdueCount").asLong()).isEqualTo(jdbc.queryForObject(
                "select count(*) from ticket where overdue and status <> 'CLOSED'", Long.class));
    }
}
