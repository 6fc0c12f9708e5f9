package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.sanfu.Api.at;
import static org.sanfu.Api.item;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The leaders' figures on a fixed data set in June 2015 (no holidays on file: weekdays only), in a
 * town of its own. The expected figures are worked out by hand below.
 *
 * <pre>
 * Mon 1 June 09:00  five problems reported: T1, T2 CONTAINER (transport: sign by Tue 17:30, reply by
 *                   Mon 8 June 17:30), T3, T4 FINANCING (finance: reply by Wed 10 June 17:30), T5 OTHER
 * Mon 10:00         T1 signed, replied, SATISFIED (closed after 1 h); T3 returned, assigned back to finance
 * Tue 11:00         T3 signed (on time: the original deadline kept running)
 * Wed 3 June 18:00  T2 signed late, replied; DISSATISFIED: reopened, new reply deadline Wed 10 June 17:30
 * Thu 4 June 10:00  T2 replied again, SATISFIED (closed after 73 h)
 * Thu 11 June 10:00 T3 replied late, BASICALLY_SATISFIED (closed after 241 h); T4 never signed and T5 never
 *                   assigned: their timers mark them overdue
 *
 * total 5, open 2 (T4, T5), closed 3, overdueOpen 2 (T4, T5), closeRate 3/5
 * onTimeSignRate 2/3 (T1, T3 of T1-T3), onTimeCloseRate 2/3 (T1, T2 of the closed), satisfactionRate 3/3,
 * reopenRate 1/3 (T2 of the replied T1-T3), returnRate 1/4 (T3 of the assigned T1-T4), median 73 h
 * red card: 4 of 5 tickets missed a deadline (T2 sign, T3 reply, T4, T5) = 0.8, over the 0.2 line
 * </pre>
 */
@SanfuTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsWebTests {

    @Autowired
    Api api;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;

    String town;
    String t1;
    String t2;
    String t3;
    String t4;
    String t5;

    @BeforeAll
    void june2015() {
        town = "统计镇" + Api.creditCode().substring(12);
        try {
            at("2015-06-01T09:00:00");
            String code = api.enterprise("浙江肯得机电股份有限公司", town);
            List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CONTAINER", "集装箱紧张"),
                    Api.problem("CONTAINER", "舱位不足"), Api.problem("FINANCING", "流动资金不足"),
                    Api.problem("FINANCING", "贷款审批慢"), Api.problem("OTHER", "厂区道路")));
            t1 = tickets.get(0).get("id").asText();
            t2 = tickets.get(1).get("id").asText();
            t3 = tickets.get(2).get("id").asText();
            t4 = tickets.get(3).get("id").asText();
            t5 = tickets.get(4).get("id").asText();

            at("2015-06-01T10:00:00");
            api.act(t1, "sign", "transport", null);
            api.act(t1, "reply", "transport", Map.of("resolution", "已协调", "outcome", "RESOLVED"));
            api.act(t1, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
            api.act(t3, "return", "finance", Map.of("reason", "不是金融事项"));
            api.act(t3, "assign", "dispatch", Map.of("leadDepartment", "FINANCE", "note", "属金融办"));

            at("2015-06-02T11:00:00");
            api.act(t3, "sign", "finance", null);

            at("2015-06-03T18:00:00");
            api.act(t2, "sign", "transport", null);
            api.act(t2, "reply", "transport", Map.of("resolution", "已协调", "outcome", "PARTIAL"));
            api.act(t2, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));

            at("2015-06-04T10:00:00");
            api.act(t2, "reply", "transport", Map.of("resolution", "已加舱", "outcome", "RESOLVED"));
            api.act(t2, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));

            at("2015-06-11T10:00:00");
            api.act(t3, "reply", "finance", Map.of("resolution", "已放款", "outcome", "RESOLVED"));
            api.act(t3, "feedback", "staff1", Map.of("satisfaction", "BASICALLY_SATISFIED"));
            api.sweepDeadlines();
            management.createJobQuery().timers().executable().list().stream()
                    .filter(job -> List.of(t4, t5).contains(job.getProcessInstanceId() == null ? null
                            : businessKey(job.getProcessInstanceId())))
                    .forEach(job -> management.executeJob(job.getId()));
        } finally {
            ClockUtil.reset();
        }
    }

    private String businessKey(String processInstanceId) {
        var pi = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return pi == null ? null : pi.getBusinessKey();
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theSummaryHasEveryFigureWorkedOutByHand() {
        JsonNode s = api.summaryOfTown(town, "");
        assertThat(s.get("total").asLong()).isEqualTo(5);
        assertThat(s.get("open").asLong()).isEqualTo(2);
        assertThat(s.get("closed").asLong()).isEqualTo(3);
        assertThat(s.get("overdueOpen").asLong()).isEqualTo(2);
        assertThat(s.get("closeRate").asDouble()).isCloseTo(0.6, within(1e-4));
        assertThat(s.get("onTimeSignRate").asDouble()).isCloseTo(2.0 / 3, within(1e-4));
        assertThat(s.get("onTimeCloseRate").asDouble()).isCloseTo(2.0 / 3, within(1e-4));
        assertThat(s.get("satisfactionRate").asDouble()).isEqualTo(1.0);
        assertThat(s.get("reopenRate").asDouble()).isCloseTo(1.0 / 3, within(1e-4));
        assertThat(s.get("returnRate").asDouble()).isEqualTo(0.25);
        assertThat(s.get("medianHoursToClose").asDouble()).isEqualTo(73.0);
    }

    /** The summary's towns come in pinyin order (衢 before 张, which code points put the other way round). */
    @Test
    void theSummarysTownsComeInPinyinOrder() {
        String suffix = Api.creditCode().substring(12);
        List<String> inOrder = List.of("北仑汇总镇" + suffix, "衢州汇总镇" + suffix, "张家港汇总镇" + suffix);
        for (String town : List.of(inOrder.get(2), inOrder.get(0), inOrder.get(1))) {
            api.visit(api.enterprise("汇总企业" + suffix, town), List.of(Api.problem("OTHER", "厂区道路")));
        }
        List<String> towns = new java.util.ArrayList<>();
        api.get("/api/stats/summary", "leader").json().get("byTown").forEach(t -> towns.add(t.get("key").asText()));
        assertThat(towns.stream().filter(inOrder::contains).toList()).containsExactlyElementsOf(inOrder);
    }

    @Test
    void theBreakdownsSplitTheSameTicketsByCategoryDepartmentTownAndSource() {
        JsonNode s = api.summaryOfTown(town, "");
        JsonNode container = item(s.get("byCategory"), "CONTAINER");
        assertThat(container.get("label").asText()).isEqualTo("集装箱/海运舱位");
        assertThat(container.get("total").asLong()).isEqualTo(2);
        assertThat(container.get("closed").asLong()).isEqualTo(2);
        assertThat(container.get("reopenRate").asDouble()).isEqualTo(0.5);
        assertThat(container.get("medianHoursToClose").asDouble()).isEqualTo(37.0); // (1 + 73) / 2
        JsonNode other = item(s.get("byCategory"), "OTHER");
        assertThat(other.get("total").asLong()).isEqualTo(1);
        assertThat(other.get("returnRate").isNull()).as("never assigned: no denominator").isTrue();
        assertThat(other.get("onTimeSignRate").isNull()).isTrue();

        JsonNode finance = item(s.get("byDepartment"), "FINANCE");
        assertThat(finance.get("label").asText()).isEqualTo("金融办");
        assertThat(finance.get("total").asLong()).isEqualTo(2);
        assertThat(finance.get("onTimeCloseRate").asDouble()).isEqualTo(0.0);
        assertThat(finance.get("returnRate").asDouble()).isEqualTo(0.5);
        assertThat(s.get("byTown")).hasSize(1);
        assertThat(s.get("byTown").get(0).get("key").asText()).isEqualTo(town);
        assertThat(s.get("byTown").get(0).get("total").asLong()).isEqualTo(5);
        assertThat(s.get("bySource")).as("every ticket came from a visit").hasSize(1);
        JsonNode visits = item(s.get("bySource"), "VISIT");
        assertThat(visits.get("label").asText()).isEqualTo("走访");
        assertThat(visits.get("total").asLong()).isEqualTo(5);
        assertThat(visits.get("medianHoursToClose").asDouble()).isEqualTo(s.get("medianHoursToClose").asDouble());
    }

    @Test
    void filtersAndPeriodsNarrowTheTickets() {
        assertThat(api.summaryOfTown(town, "&category=FINANCING").get("total").asLong()).isEqualTo(2);
        assertThat(api.summaryOfTown(town, "&department=TRANSPORT").get("closed").asLong()).isEqualTo(2);
        assertThat(api.summaryOfTown(town, "&from=2015-06-01&to=2015-06-01").get("total").asLong()).isEqualTo(5);
        JsonNode before = api.summaryOfTown(town, "&to=2015-05-31");
        assertThat(before.get("total").asLong()).isZero();
        assertThat(before.get("closeRate").isNull()).as("a rate over nothing is null").isTrue();
        assertThat(before.get("medianHoursToClose").isNull()).isTrue();
    }

    @Test
    void theMonthlyRankingListsEveryDepartmentAndRedCardsTheLaggingTown() {
        Api.Response r = api.get("/api/stats/ranking?month=2015-06", "dispatch");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode ranking = r.json();
        assertThat(ranking.get("month").asText()).isEqualTo("2015-06");
        assertThat(ranking.get("departments").findValuesAsText("key"))
                .containsExactlyInAnyOrder("COMMERCE", "FINANCE", "TRANSPORT", "CUSTOMS", "HRSS", "JUSTICE");
        JsonNode transport = item(ranking.get("departments"), "TRANSPORT");
        assertThat(transport.get("total").asLong()).isEqualTo(2);
        assertThat(transport.get("rank").isNull()).as("2 tickets, fewer than the minimum of 3").isTrue();
        assertThat(transport.get("medal").isNull()).isTrue();
        JsonNode card = ranking.get("redCards").findParents("town").stream()
                .filter(c -> c.get("town").asText().equals(town)).findFirst().orElseThrow();
        assertThat(card.get("overdueRate").asDouble()).isEqualTo(0.8);
        assertThat(card.get("reasons").toString()).isEqualTo("[\"OVERDUE\"]");
    }

    /**
     * July 2013, used by no other test: three customs problems on Mon 1 July, signed on time, never
     * answered; by Wed 31 July all three are past their reply deadline (Thu 4 July). Customs is the only
     * department ranked: first, at 50.0 (close 0/3, sign 3/3, return 0/3: (0.2 + 0.1) / 0.6), and
     * still no GOLD; and with one department ranked, no SNAIL.
     */
    @Test
    void theOnlyRankedDepartmentOfAMonthWithNothingClosedAndAllOverdueGetsNoMedal() {
        try {
            at("2013-07-01T09:00:00");
            List<JsonNode> tickets = threeCustomsProblems("台州海关报关服务有限公司", "独榜镇" + Api.creditCode().substring(12));
            at("2013-07-01T10:00:00");
            tickets.forEach(t -> api.act(t.get("id").asText(), "sign", "customs", null));
            at("2013-07-31T10:00:00");
            api.sweepDeadlines();
        } finally {
            ClockUtil.reset();
        }

        Api.Response r = api.get("/api/stats/ranking?month=2013-07", "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode departments = r.json().get("departments");
        JsonNode customs = item(departments, "CUSTOMS");
        assertThat(customs.get("total").asLong()).isEqualTo(3);
        assertThat(customs.get("closed").asLong()).isZero();
        assertThat(customs.get("overdueOpen").asLong()).isEqualTo(3);
        assertThat(customs.get("score").asDouble()).isEqualTo(50.0);
        assertThat(customs.get("rank").asInt()).isEqualTo(1);
        assertThat(customs.get("medal").isNull()).as("first, but nothing closed and all overdue").isTrue();
        departments.forEach(d -> {
            assertThat(d.get("medal").isNull()).as(d.get("key").asText()).isTrue();
            if (!d.get("key").asText().equals("CUSTOMS")) {
                assertThat(d.get("rank").isNull()).as(d.get("key").asText()).isTrue();
            }
        });
    }

    /**
     * The third quarter of 2012, used by no other test. July: three customs problems in one town, signed,
     * replied and rated satisfied the same morning: customs scores 100 and is the month's GOLD (the only
     * department ranked, so no SNAIL). August: three customs problems in another town left unsigned past
     * their deadlines: that town is red-carded; customs is first again, but far below the GOLD floor.
     * September: nothing.
     */
    @Test
    void theQuartersHonourRollListsEachMonthsMedalsAndRedCardsAndCountsThem() {
        String lagging = "迟缓镇" + Api.creditCode().substring(12);
        try {
            at("2012-07-02T09:00:00");
            List<JsonNode> july = threeCustomsProblems("台州金牌报关有限公司", "金牌镇" + Api.creditCode().substring(12));
            at("2012-07-02T11:00:00");
            for (JsonNode t : july) {
                String id = t.get("id").asText();
                api.act(id, "sign", "customs", null);
                api.act(id, "reply", "customs", Map.of("resolution", "已协调", "outcome", "RESOLVED"));
                api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
            }
            at("2012-08-06T09:00:00");
            threeCustomsProblems("台州迟缓报关有限公司", lagging);
            at("2012-08-31T10:00:00");
            api.sweepDeadlines();
        } finally {
            ClockUtil.reset();
        }

        Api.Response r = api.get("/api/stats/medals?quarter=2012-Q3", "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode roll = r.json();
        assertThat(roll.get("quarter").asText()).isEqualTo("2012-Q3");
        assertThat(roll.get("from").asText()).isEqualTo("2012-07-01");
        assertThat(roll.get("to").asText()).isEqualTo("2012-09-30");
        JsonNode months = roll.get("months");
        assertThat(months.findValuesAsText("month")).containsExactly("2012-07", "2012-08", "2012-09");
        months.forEach(m -> assertThat(m.get("complete").asBoolean()).as(m.toString()).isTrue());
        JsonNode gold = months.get(0).get("gold");
        assertThat(gold.findValuesAsText("key")).containsExactly("CUSTOMS");
        assertThat(gold.get(0).get("label").asText()).isEqualTo("海关");
        assertThat(gold.get(0).get("score").asDouble()).isEqualTo(100.0);
        assertThat(gold.get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(months.get(0).get("snail")).isEmpty();
        assertThat(months.get(0).get("redCards")).isEmpty();
        assertThat(months.get(1).get("gold")).as("first, far below the floor").isEmpty();
        assertThat(months.get(1).get("redCards").toString()).isEqualTo("[\"" + lagging + "\"]");
        assertThat(months.get(2).get("gold")).isEmpty();
        assertThat(months.get(2).get("redCards")).isEmpty();
        assertThat(roll.get("departments").toString())
                .isEqualTo("[{\"key\":\"CUSTOMS\",\"label\":\"海关\",\"gold\":1,\"snail\":0}]");
        assertThat(roll.get("towns").toString()).isEqualTo("[{\"town\":\"" + lagging + "\",\"redCards\":1}]");
    }

    @Test
    void theHonourRollIsOfTheCurrentQuarterByDefaultItsMonthUnderWayIncompleteAndLaterMonthsLeftOut() {
        YearMonth now = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        int quarter = (now.getMonthValue() - 1) / 3 + 1;
        JsonNode roll = api.get("/api/stats/medals", "dispatch").json();
        assertThat(roll.get("quarter").asText()).isEqualTo(now.getYear() + "-Q" + quarter);
        JsonNode months = roll.get("months");
        assertThat(months).hasSize((now.getMonthValue() - 1) % 3 + 1);
        JsonNode last = months.get(months.size() - 1);
        assertThat(last.get("month").asText()).isEqualTo(now.toString());
        assertThat(last.get("complete").asBoolean()).isFalse();
        for (int i = 0; i < months.size() - 1; i++) {
            assertThat(months.get(i).get("complete").asBoolean()).isTrue();
        }
    }

    @Test
    void aQuarterThatIsNoQuarterOrOutsideTheDatesIsRefusedNamingIt() {
        for (String bad : List.of("2012-Q5", "2012-Q0", "2012Q1", "2012-q1", "2012-03", "Q1", "1999-Q4", "３０１２-Q1")) {
            Api.Response r = api.get("/api/stats/medals?quarter=" + bad, "leader");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).as(bad).isEqualTo("quarter");
        }
    }

    @Test
    void badPeriodsAreRefusedNamingTheParameter() {
        assertThat(api.get("/api/stats/ranking?month=2020-13", "leader").json().get("errors").get(0).get("field")
                .asText()).isEqualTo("month");
        assertThat(api.get("/api/stats/summary?from=2020-02-30", "leader").status()).isEqualTo(400);
        assertThat(api.get("/api/stats/summary?from=2020-06-02&to=2020-06-01", "leader").status()).isEqualTo(400);
        assertThat(api.get("/api/stats/summary?category=SPACE", "leader").status()).isEqualTo(400);
    }

    /**
     * A town longer than any file's (100 characters; a hostile client's 100 000): 400 naming {@code town} on every
     * figure that takes one, rather than compared with every row; a town of 100 characters is still counted.
     */
    @Test
    void aTownLongerThanAnyFilesIsRefusedNamingIt() {
        String tail = Api.creditCode().substring(12);
        String longest = "长".repeat(100 - tail.length()) + tail;
        api.visit(api.enterprise("超长镇名测试企业", longest), List.of(Api.problem("CONTAINER", "订舱难")));
        for (String path : List.of("/api/stats/summary", "/api/stats/coverage", "/api/stats/coverage/unvisited")) {
            for (String town : List.of(longest + "长", "镇".repeat(100_000))) {
                Api.Response refused = api.get(path + "?town=" + town, "leader");
                assertThat(refused.status()).as(path).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.firstFault().get("field").asText()).as(path).isEqualTo("town");
                assertThat(refused.firstFault().get("message").asText()).as(path).contains("100");
            }
        }
        assertThat(api.summaryOfTown(longest, "").get("total").asLong()).isEqualTo(1);
        Api.Response coverage = api.get("/api/stats/coverage?town=" + longest, "leader");
        assertThat(coverage.status()).as(coverage.text()).isEqualTo(200);
        assertThat(coverage.json().get("enterprises").asLong()).isEqualTo(1);
        Api.Response unvisited = api.get("/api/stats/coverage/unvisited?town=" + longest, "leader");
        assertThat(unvisited.status()).as(unvisited.text()).isEqualTo(200);
    }

    /**
     * A town pasted with a no-break or zero-width space after it is the town, its inner characters as typed; a
     * department's and a category's code typed with a Chinese input method's full-width letters, or in lower case, are
     * those codes.
     */
    @Test
    void aTownPastedWithANoBreakSpaceAndCodesTypedInFullWidthFilterTheFiguresAsMeant() {
        String town = "粘贴\u3000镇" + Api.creditCode().substring(12);
        api.visit(api.enterprise("粘贴镇名测试企业", town), List.of(Api.problem("CONTAINER", "订舱难")));
        Api.Response summary = api.get("/api/stats/summary?town=" + town + "\u00A0\u200B&department="
                + Api.fullWidth("TRANSPORT") + "&category=" + Api.fullWidth("CONTAINER") + "\u00A0", "leader");
        assertThat(summary.status()).as(summary.text()).isEqualTo(200);
        assertThat(summary.json().get("total").asLong()).isEqualTo(1);
        // and in any ASCII case, as every code is read (API.md General)
        Api.Response lower = api.get("/api/stats/summary?town=" + town + "&department=transport&category=Container",
                "leader");
        assertThat(lower.status()).as(lower.text()).isEqualTo(200);
        assertThat(lower.json().get("total").asLong()).isEqualTo(1);
        Api.Response coverage = api.get("/api/stats/coverage?town=\u00A0" + town + "\uFEFF", "leader");
        assertThat(coverage.status()).as(coverage.text()).isEqualTo(200);
        assertThat(coverage.json().get("enterprises").asLong()).isEqualTo(1);
    }

    @Test
    void onlyLeadersDispatchAndAdminMayReadTheFigures() {
        for (String user : List.of("leader", "dispatch", "admin")) {
            assertThat(api.get("/api/stats/summary", user).status()).as(user).isEqualTo(200);
            assertThat(api.get("/api/stats/ranking", user).status()).as(user).isEqualTo(200);
            assertThat(api.get("/api/stats/medals", user).status()).as(user).isEqualTo(200);
        }
        for (String user : List.of("staff1", "finance")) {
            assertThat(api.get("/api/stats/summary", user).status()).as(user).isEqualTo(403);
            assertThat(api.get("/api/stats/ranking?month=2015-06", user).status()).as(user).isEqualTo(403);
            assertThat(api.get("/api/stats/medals?quarter=2015-Q2", user).status()).as(user).isEqualTo(403);
        }
        assertThat(api.get("/api/stats/medals", null).status()).isEqualTo(401);
        assertThat(api.get("/api/stats/summary", null).status()).isEqualTo(401);
    }

    /** Three customs problems of a new enterprise in the town, reported now; their tickets. */
    private List<JsonNode> threeCustomsProblems(String enterprise, String town) {
        return api.visit(api.enterprise(enterprise, town), List.of(Api.problem("CUSTOMS", "查验慢"),
                Api.problem("CUSTOMS", "退税慢"), Api.problem("CUSTOMS", "报关单退回")));
    }

}
