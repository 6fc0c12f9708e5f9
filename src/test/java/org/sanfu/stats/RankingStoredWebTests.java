package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanfu.Api.at;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.LostRace;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * bpmn/monthly-ranking.bpmn stores last month's ranking on the first of the month at 08:00, and from then on
 * the ranking, the quarter's roll, the dashboard and the talks (约谈) go by what was stored. August 2022, used
 * by no other test: a town red-carded (Api.redCardedTown) and a town with one ticket.
 */
@SanfuTest
class RankingStoredWebTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String V28_INSTALLED =
            "update \"flyway_schema_history\" set \"installed_on\" = ? where \"version\" = '28'";

    @Autowired
    Api api;
    @Autowired
    ManagementService management;
    @Autowired
    Pages pages;
    @Autowired
    LostRace race;
    @Autowired
    RankingRolls rolls;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MonthlyRankings monthlyRankings;

    /** The timer's due date before the test ran it, given back after it so that it is not left past due. */
    private Date due;
    /** When Flyway recorded V28 before the test moved it, given back after it. */
    private Timestamp rankingsBegan;

    @AfterEach
    void realTime() {
        ClockUtil.reset();
        if (rankingsBegan != null) {
            jdbc.sql(V28_INSTALLED).param(rankingsBegan).update();
        }
        if (due != null) {
            management.setJobDuedate(management.createJobQuery().processDefinitionKey("monthlyRanking").timers()
                    .singleResult().getId(), due);
        }
    }

    private JsonNode ranking() {
        return ranking("2022-08");
    }

    private Api.Response talk(String kind, String subject) {
        return api.post("/api/stats/talks", "leader", Map.of("month", "2022-08", "subjectKind", kind, "subject", subject,
                "heldOn", "2022-09-05", "note", "约谈通报"));
    }

    /**
     * Two jobs storing one month at once (July 2011, no other test's): the later finds it stored and leaves it as the
     * first stored it, and its transaction, in which the engine's own writes follow, goes on. On PostgreSQL the
     * insert that met the first's row would abort it, unless it ran in a savepoint.
     */
    @Test
    void aMonthStoredMeanwhileStaysAsTheFirstStoredItAndTheLatersTransactionGoesOn() throws Exception {
        YearMonth month = YearMonth.of(2011, 7);
        Ranking ranking = new Ranking(month.toString(), List.of(), List.of());
        Instant first = Instant.parse("2011-08-01T00:00:00Z");

        Boolean storedAgain = race.loser("ranking_roll", () -> rolls.store(month, ranking, first),
                () -> new TransactionTemplate(transactions).execute(status -> {
                    boolean stored = rolls.store(month, ranking, first.plusSeconds(60));
                    jdbc.sql("select count(*) from ranking_roll").query(Long.class).single();
                    return stored;
                }));

        assertThat(storedAgain).isFalse();
        assertThat(rolls.find(month).orElseThrow().storedAt()).isEqualTo(first);
    }

    @Test
    void theFirstOfTheMonthStoresLastMonthsRankingAndItStandsWhateverHappensLater() {
        Job timer = management.createJobQuery().processDefinitionKey("monthlyRanking").timers().singleResult();
        assertThat(timer).as("bpmn/monthly-ranking.bpmn's timer").isNotNull();
        due = timer.getDuedate();
        OffsetDateTime due = timer.getDuedate().toInstant().atZone(SHANGHAI).toOffsetDateTime();
        assertThat(due.getDayOfMonth()).isEqualTo(1);
        assertThat(due.toLocalTime().toString()).isEqualTo("08:00");

        String lagging = api.redCardedTown("存档红牌镇", "2022-08-01", "2022-08-31");
        String quiet = "存档平稳镇" + Api.creditCode().substring(12);
        at("2022-08-10T09:00:00");
        String quietEnterprise = api.enterprise("宁波存档平稳贸易有限公司", quiet);
        api.visit(quietEnterprise, List.of(Api.problem("LEGAL", "合同纠纷")));
        ClockUtil.reset();
        JsonNode live = ranking();
        assertThat(live.get("storedAt").isNull()).as("computed when asked").isTrue();
        assertThat(towns(live)).contains(lagging).doesNotContain(quiet);

        at("2022-09-01T08:00:00");
        management.executeJob(timer.getId());
        ClockUtil.reset();

        JsonNode stored = ranking();
        assertThat(stored.get("storedAt").asText()).isEqualTo("2022-09-01T08:00:00.000+08:00");
        assertThat(withoutStoredAt(stored)).as("stored as it stood").isEqualTo(withoutStoredAt(live));
        Job next = management.createJobQuery().processDefinitionKey("monthlyRanking").timers().singleResult();
        assertThat(next.getDuedate().toInstant().atZone(SHANGHAI).toOffsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2022-10-01T08:00:00+08:00"));

        // logged into August afterwards: thirteen problems handled in time bring the town under the red line,
        // and customs has more tickets than the stored ranking counted
        at("2022-08-02T09:00:00");
        List<Map<String, Object>> problems = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            problems.add(Api.problem("CUSTOMS", "补录问题" + i));
        }
        api.visit(api.enterprise("台州存档补录报关有限公司", lagging), problems);
        ClockUtil.reset();
        Api.Response now = api.get("/api/stats/summary?from=2022-08-01&to=2022-08-31&town=" + lagging, "leader");
        assertThat(now.json().get("total").asLong()).as("the month's tickets now").isEqualTo(16);

        JsonNode later = ranking();
        assertThat(withoutStoredAt(later)).as("the stored ranking stands").isEqualTo(withoutStoredAt(live));
        assertThat(towns(later)).contains(lagging);
        JsonNode august = api.get("/api/stats/medals?quarter=2022-Q3", "leader").json().get("months").get(1);
        assertThat(august.get("month").asText()).isEqualTo("2022-08");
        assertThat(august.get("redCards").toString()).contains(lagging);
        Pages.Answer dashboard = pages.get("/?month=2022-08", "leader");
        assertThat(dashboard.html().select("#rankingStored").text()).contains("该月排名已于 2022-09-01 08:00 存档");
        assertThat(pages.get("/?month=2022-07", "leader").html().select("#rankingLive").text())
                .as("a month not stored").contains("实时计算");
        assertThat(api.call(HttpMethod.GET, "/api/reports/monthly?month=2022-08&format=md", "leader", null).text())
                .as("the monthly report says so too").contains("该月排名已于 2022-09-01 08:00 存档");
        assertThat(api.call(HttpMethod.GET, "/api/reports/monthly?month=2022-07&format=md", "leader", null).text()).contains("实时计算");

        // the talks follow the stored roll: the red-carded town, not a town or department it does not name
        Api.Response notListed = talk("TOWN", quiet);
        assertThat(notListed.status()).as(notListed.text()).isEqualTo(400);
        assertThat(notListed.json().get("errors").get(0).get("field").asText()).isEqualTo("subject");
        assertThat(notListed.json().get("errors").get(0).get("message").asText()).contains("8/2022", "not shown a red card");
        Api.Response notSnail = talk("DEPARTMENT", "CUSTOMS");
        assertThat(notSnail.status()).as(notSnail.text()).isEqualTo(400);
        assertThat(notSnail.json().get("errors").get(0).get("message").asText()).contains("not one of the SNAILs of 8/2022");
        Api.Response listed = talk("TOWN", lagging);
        assertThat(listed.status()).as(listed.text()).isEqualTo(201);
    }

    /**
     * Rankings began to be stored in March 2001, a month no other test uses (Flyway's record of V28 moved there for
     * the test): the service was down on 1 April, so March's ranking was never stored; April's was. On 20 May the
     * catch-up (as the service runs it once ready) stores March, as the 1st's job would have stored it: its figures
     * as they stand, stored now. April stays as stored; May is not over; February closed before rankings were stored.
     */
    @Test
    void aMonthTheJobMissedIsStoredByTheCatchUpAsTheJobWouldHaveStoredItAndAStoredOneIsLeft() {
        rankingsBeganIn("2001-03-10T09:00:00");
        String lagging = api.redCardedTown("补存红牌镇", "2001-03-01", "2001-03-30");
        Instant aprilStored = Instant.parse("2001-05-01T00:00:00Z");
        rolls.store(YearMonth.of(2001, 4), new Ranking("2001-04", List.of(), List.of()), aprilStored);
        JsonNode live = ranking("2001-03");
        assertThat(live.get("storedAt").isNull()).isTrue();
        assertThat(towns(live)).contains(lagging);

        at("2001-05-20T10:00:00");
        List<YearMonth> caughtUp = monthlyRankings.catchUp();
        ClockUtil.reset();

        assertThat(caughtUp).containsExactly(YearMonth.of(2001, 3));
        JsonNode stored = ranking("2001-03");
        assertThat(stored.get("storedAt").asText()).isEqualTo("2001-05-20T10:00:00.000+08:00");
        assertThat(withoutStoredAt(stored)).as("as the job would have stored it").isEqualTo(withoutStoredAt(live));
        assertThat(rolls.find(YearMonth.of(2001, 4)).orElseThrow().storedAt()).isEqualTo(aprilStored);
        assertThat(rolls.find(YearMonth.of(2001, 5))).as("not over").isEmpty();
        assertThat(rolls.find(YearMonth.of(2001, 2))).as("before rankings were stored").isEmpty();
    }

    /**
     * A month is missed only once its job's moment has passed (08:00 on the 1st, Shanghai): a node started at 07:59 on
     * 1 February 2002 (no other test's month) leaves January to the job, whose figures the 月例会 takes; at 08:00 the
     * catch-up stores it. The moment is the diagram's timer.
     */
    @Test
    void theCatchUpLeavesLastMonthToTheJobUntilItsMomentHasPassed() throws Exception {
        try (var diagram = getClass().getResourceAsStream("/bpmn/monthly-ranking.bpmn")) {
            assertThat(new String(diagram.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("R/2020-01-01T08:00:00+08:00/P1M");
        }
        assertThat(MonthlyRankings.JOB_TIME).isEqualTo(java.time.Duration.ofHours(8));
        assertThat(MonthlyRankings.JOB_OFFSET).isEqualTo(java.time.ZoneOffset.ofHours(8));
        rankingsBeganIn("2002-01-05T09:00:00");
        List<YearMonth> early;
        List<YearMonth> due;
        try {
            at("2002-02-01T07:59:00");
            early = monthlyRankings.catchUp();
            at("2002-02-01T08:00:00");
            due = monthlyRankings.catchUp();
        } finally {
            ClockUtil.reset();
        }

        assertThat(early).isEmpty();
        assertThat(due).containsExactly(YearMonth.of(2002, 1));
        assertThat(rolls.find(YearMonth.of(2002, 1)).orElseThrow().storedAt())
                .isEqualTo(Instant.parse("2002-02-01T00:00:00Z"));
    }

    /**
     * Each run of the 1st's job catches up too, oldest first: rankings began in July 2001, the jobs of 1 August and
     * 1 September did not run (nor anything else), and that of 1 October stores July, August and September.
     */
    @Test
    void theFirstOfTheMonthsJobStoresTheMonthsItMissedOldestFirst() {
        rankingsBeganIn("2001-07-02T09:00:00");
        at("2001-10-01T08:00:00");
        monthlyRankings.storeLastMonth();
        ClockUtil.reset();

        Instant october = Instant.parse("2001-10-01T00:00:00Z");
        assertThat(List.of("2001-07", "2001-08", "2001-09")).allSatisfy(month ->
                assertThat(rolls.find(YearMonth.parse(month)).orElseThrow().storedAt()).as(month).isEqualTo(october));
        assertThat(rolls.find(YearMonth.of(2001, 6))).isEmpty();
    }

    /**
     * Two nodes catching up at once (October and November 2001, no other test's): the later's look cannot see the
     * first's October, not committed yet; it computes the month, waits on that row at its insert and then leaves it as
     * the first stored it, and goes on to November in a transaction of its own.
     */
    @Test
    void aMonthCaughtUpByTwoNodesAtOnceIsStoredOnce() throws Exception {
        rankingsBeganIn("2001-10-15T09:00:00");
        YearMonth october = YearMonth.of(2001, 10);
        Instant first = Instant.parse("2001-11-01T00:00:00Z");
        at("2001-12-10T10:00:00");
        List<YearMonth> caughtUp;
        try {
            caughtUp = race.loser("ranking_roll",
                    () -> rolls.store(october, new Ranking("2001-10", List.of(), List.of()), first),
                    monthlyRankings::catchUp);
        } finally {
            ClockUtil.reset();
        }

        assertThat(caughtUp).containsExactly(YearMonth.of(2001, 11));
        assertThat(rolls.find(october).orElseThrow().storedAt()).isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from ranking_roll where ranking_month = ?")
                .param(java.sql.Date.valueOf(october.atDay(1))).query(Long.class).single()).isEqualTo(1);
        assertThat(rolls.find(YearMonth.of(2001, 11)).orElseThrow().storedAt())
                .isEqualTo(Instant.parse("2001-12-10T02:00:00Z"));
    }

    /** Flyway's record of V28 moved to that time (Shanghai), as though rankings had begun to be stored then. */
    private void rankingsBeganIn(String shanghai) {
        rankingsBegan = jdbc.sql("select \"installed_on\" from \"flyway_schema_history\" where \"version\" = '28'")
                .query(Timestamp.class).single();
        jdbc.sql(V28_INSTALLED).param(Timestamp.from(OffsetDateTime.parse(shanghai + "+08:00").toInstant())).update();
    }

    private JsonNode ranking(String month) {
        Api.Response r = api.get("/api/stats/ranking?month=" + month, "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static List<String> towns(JsonNode ranking) {
        List<String> towns = new ArrayList<>();
        ranking.get("redCards").forEach(c -> towns.add(c.get("town").asText()));
        return towns;
    }

    private static JsonNode withoutStoredAt(JsonNode ranking) {
        ObjectNode copy = ranking.deepCopy();
        copy.remove("storedAt");
        return copy;
    }
}
