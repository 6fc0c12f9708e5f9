package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sanfu.Api;
import org.sanfu.LostRace;
import org.sanfu.SanfuTest;
import org.sanfu.web.IsoWeek;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The weekly briefing as the API answers it: its overdue lines by the deadline each gives, and with its week's own
 * scores the ranking of its month, the one the dashboard and the monthly report give.
 */
@SanfuTest
class WeeklyBriefingWebTests {

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LostRace race;
    @Autowired
    Briefings briefings;
    @Autowired
    PlatformTransactionManager transactions;

    @RegisterExtension
    final TicketCopies copies = new TicketCopies();

    private long overdue(boolean sign, boolean reply, String signDeadline, String replyDeadline) {
        long id = copies.copy();
        jdbc.update("update ticket set overdue = true, sign_overdue = ?, reply_overdue = ?, sign_deadline = ?,"
                + " reply_deadline = ? where id = ?", sign, reply, OffsetDateTime.parse(signDeadline + "+08:00"),
                OffsetDateTime.parse(replyDeadline + "+08:00"), id);
        return id;
    }

    /**
     * Two jobs storing one week at once (2011-W30, no other test's): the later finds it stored and leaves it as the
     * first stored it, and its transaction, in which the engine's own writes follow, goes on. On PostgreSQL the
     * insert that met the first's row would abort it, unless it ran in a savepoint.
     */
    @Test
    void aWeekStoredMeanwhileStaysAsTheFirstStoredItAndTheLatersTransactionGoesOn() throws Exception {
        IsoWeek week = IsoWeek.parse("2011-W30");
        Instant first = Instant.parse("2011-08-01T00:00:00Z");

        Boolean storedAgain = race.loser("briefing", () -> briefings.store(week, first, "{\"first\":true}"),
                () -> new TransactionTemplate(transactions).execute(status -> {
                    boolean stored = briefings.store(week, first.plusSeconds(60), "{\"first\":false}");
                    jdbc.queryForObject("select count(*) from briefing", Long.class);
                    return stored;
                }));

        assertThat(storedAgain).isFalse();
        assertThat(briefings.find(week)).contains("{\"first\":true}");
    }

    @Test
    void overdueLinesAreListedByTheDeadlineEachGivesNotAllByTheReplyDeadline() {
        // written behind the service's back, deadlines in 2003, before any other test's, and removed afterwards
        long replyLate = overdue(false, true, "2003-01-06T17:30:00", "2003-01-10T17:30:00");
        long signLate = overdue(true, false, "2003-01-08T17:30:00", "2003-01-20T17:30:00");
        long bothLate = overdue(true, true, "2003-01-07T17:30:00", "2003-01-15T17:30:00");

        JsonNode b = api.get("/api/reports/weekly?week=2012-W10", "leader").json();
        List<String> ours = new ArrayList<>();
        b.get("overdue").forEach(t -> {
            if (List.of(replyLate, signLate, bothLate).contains(t.get("id").asLong())) {
                ours.add(t.get("id").asText());
            }
        });
        // 签收期限 2003-01-08, then 答复期限 2003-01-10 and 2003-01-15
        assertThat(ours).containsExactly(String.valueOf(signLate), String.valueOf(replyLate), String.valueOf(bothLate));
    }

    @Test
    void theWeeklyBriefingCarriesItsMonthsRankingAsTheDashboardAndTheMonthlyReportGiveIt() {
        JsonNode weekly = api.get("/api/reports/weekly?week=2026-W48", "leader").json();
        assertThat(weekly.get("ranking").get("month").asText()).as("the week's own, as before").isEqualTo("2026-W48");
        JsonNode month = api.get("/api/stats/ranking?month=2026-11", "leader").json();
        assertThat(weekly.get("monthRanking")).isEqualTo(month);
        assertThat(api.get("/api/reports/monthly?month=2026-11", "leader").json().get("ranking")).isEqualTo(month);
        // 2026-11-30 to 2026-12-06: most of its days, its Thursday, in December
        assertThat(api.get("/api/reports/weekly?week=2026-W49", "leader").json().get("monthRanking").get("month")
                .asText()).isEqualTo("2026-12");
    }
}
