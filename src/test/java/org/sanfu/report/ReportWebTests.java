package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanfu.Api.at;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The daily digest and the weekly briefing over a fixed fortnight in March 2016 that no other test
 * uses (no holidays on file for 2016: weekdays only).
 *
 * <pre>
 * Tue  1 Mar  E1 visited, NORMAL: LOGISTICS "运费上涨" (t0)
 * Wed  9 Mar  E1 visited: CONTAINER "舱位紧张" (tDue: reply deadline Wed 16 Mar 17:30)
 * Mon 14 Mar  E2 visited, ABNORMAL
 * Tue 15 Mar  E1 visited, ABNORMAL: LOGISTICS again (tRepeat, repeats t0), FINANCING (tNew)
 *             E2 visited, ABNORMAL again (not newly); E3's first visit, ABNORMAL (newly)
 *             t0 signed, replied and closed SATISFIED; a visit of 1 Feb logged late (tLate, overdue)
 * </pre>
 */
@SanfuTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportWebTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    Api api;
    @Autowired
    ManagementService management;

    String e1;
    String e2;
    String e3;
    String t0;
    String tDue;
    String tRepeat;
    String tNew;
    String tLate;

    private List<JsonNode> visit(String code, String status, List<Map<String, Object>> problems) {
        Api.Response r = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "operatingStatus", status, "problems", problems));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        List<JsonNode> tickets = new ArrayList<>();
        r.json().get("tickets").forEach(tickets::add);
        return tickets;
    }

    @BeforeAll
    void march2016() {
        try {
            at("2016-03-01T10:00:00");
            e1 = api.enterprise("台州方联宝进出口有限公司", "大溪镇");
            e2 = api.enterprise("海耀工艺品有限公司", "院桥镇");
            e3 = api.enterprise("三门减震器有限公司", "海润街道");
            t0 = visit(e1, "NORMAL", List.of(Api.problem("LOGISTICS", "运费上涨"))).get(0).get("id").asText();
            at("2016-03-09T10:00:00");
            tDue = visit(e1, "NORMAL", List.of(Api.problem("CONTAINER", "舱位紧张"))).get(0).get("id").asText();
            at("2016-03-14T10:00:00");
            visit(e2, "ABNORMAL", List.of());
            at("2016-03-15T10:00:00");
            List<JsonNode> again = visit(e1, "ABNORMAL", List.of(Api.problem("LOGISTICS", "运费又涨"),
                    Api.problem("FINANCING", "流动资金不足")));
            tRepeat = again.get(0).get("id").asText();
            tNew = again.get(1).get("id").asText();
            visit(e2, "ABNORMAL", List.of());
            visit(e3, "ABNORMAL", List.of());
            api.act(t0, "sign", "transport", null);
            api.act(t0, "reply", "transport", Map.of("resolution", "协调物流企业降价", "outcome", "RESOLVED"));
            api.act(t0, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
            Api.Response late = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", e3,
                    "visitedAt", "2016-02-01T10:00:00+08:00", "problems", List.of(Api.problem("CUSTOMS", "通关慢"))));
            tLate = late.json().get("tickets").get(0).get("id").asText();
        } finally {
            ClockUtil.reset();
        }
    }

    /** The briefing timer's due date before a test ran it, given back after it so that it is not left past due. */
    private Date briefingDue;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        if (briefingDue != null) {
            management.setJobDuedate(management.createJobQuery().processDefinitionKey("briefing").timers()
                    .singleResult().getId(), briefingDue);
            briefingDue = null;
        }
    }

    @AfterAll
    void resetClockAtLast() {
        ClockUtil.reset();
    }

    private JsonNode daily(String date) {
        Api.Response r = api.get("/api/reports/daily?date=" + date, "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static List<String> ids(JsonNode tickets) {
        List<String> ids = new ArrayList<>();
        tickets.forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    @Test
    void theDailyDigestListsTheDaysNewClosedAndDueTickets() {
        JsonNode d = daily("2016-03-15");
        assertThat(d.get("date").asText()).isEqualTo("2016-03-15");
        assertThat(ids(d.get("new"))).containsExactly(tRepeat, tNew);
        assertThat(ids(d.get("closed"))).containsExactly(t0);
        assertThat(d.get("nextWorkingDay").asText()).isEqualTo("2016-03-16");
        assertThat(ids(d.get("dueNextWorkingDay"))).contains(tDue, tRepeat, tNew).doesNotContain(t0);
        assertThat(ids(d.get("overdue"))).contains(tLate).doesNotContain(tDue, t0);
        JsonNode line = d.get("new").get(1);
        assertThat(line.get("enterpriseName").asText()).isEqualTo("台州方联宝进出口有限公司");
        assertThat(line.get("categoryLabel").asText()).isEqualTo("融资信贷");
    }

    /**
     * A customs problem of Mon 4 April 2016 (weeks no other test uses), signed at once: reply by Thu 7
     * April 17:30. The sweep of Fri 8 April marks it overdue; it is answered and closed on Mon 11 April.
     * Each day's digest, asked afterwards, counts it overdue from its deadline until it closed.
     */
    @Test
    void theDailyDigestCountsWhatWasOverdueAtTheEndOfItsDateNotWhatIsOverdueNow() {
        String t;
        try {
            at("2016-04-04T09:00:00");
            t = visit(e1, "NORMAL", List.of(Api.problem("CUSTOMS", "查验排队"))).get(0).get("id").asText();
            at("2016-04-04T10:00:00");
            api.act(t, "sign", "customs", null);
            at("2016-04-08T10:00:00");
            api.sweepDeadlines();
            at("2016-04-11T10:00:00");
            api.act(t, "reply", "customs", Map.of("resolution", "已开通绿色通道", "outcome", "RESOLVED"));
            api.act(t, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        } finally {
            ClockUtil.reset();
        }
        assertThat(api.get("/api/tickets/" + t, "leader").json().get("overdue").asBoolean()).isTrue();

        assertThat(ids(daily("2016-04-06").get("overdue"))).as("before its deadline").doesNotContain(t);
        assertThat(ids(daily("2016-04-07").get("overdue"))).as("its deadline passed that evening, before the sweep")
                .contains(t);
        assertThat(ids(daily("2016-04-08").get("overdue"))).contains(t);
        assertThat(ids(daily("2016-04-10").get("overdue"))).as("a Sunday, still open").contains(t);
        JsonNode closedThatDay = daily("2016-04-11");
        assertThat(ids(closedThatDay.get("overdue"))).as("closed that day").doesNotContain(t);
        assertThat(ids(closedThatDay.get("closed"))).contains(t);
        assertThat(ids(daily("2016-04-12").get("overdue"))).doesNotContain(t);
        JsonNode today = daily(LocalDate.now(SHANGHAI).toString());
        assertThat(ids(today.get("overdue"))).as("today: what is overdue now").contains(tLate).doesNotContain(t);
        assertThat(ids(daily("2016-03-31").get("overdue"))).as("tLate, reported 1 Feb, was overdue then too")
                .contains(tLate).doesNotContain(t);
    }

    /**
     * Each overdue line names the deadlines its ticket missed (missed: sign, reply) as the ticket says them, so that
     * a briefing can say 签收超期 of one whose reply deadline is still ahead.
     */
    @Test
    void eachOverdueLineNamesTheDeadlinesItsTicketMissed() {
        // (no sweep here: one moves other tests' tickets; the lines are compared with their tickets as they stand)
        JsonNode overdue = daily(LocalDate.now(SHANGHAI).toString()).get("overdue");
        assertThat(ids(overdue)).contains(tLate);
        for (JsonNode line : overdue) {
            JsonNode ticket = api.get("/api/tickets/" + line.get("id").asText(), "leader").json();
            List<String> missed = new ArrayList<>();
            if (ticket.get("signOverdue").asBoolean()) {
                missed.add("sign");
            }
            if (ticket.get("replyOverdue").asBoolean()) {
                missed.add("reply");
            }
            List<String> named = new ArrayList<>();
            line.get("missed").forEach(m -> named.add(m.asText()));
            assertThat(named).as("ticket %s", line.get("id")).isEqualTo(missed);
        }
    }

    @Test
    void theDailyDigestNamesEnterprisesThatTurnedAbnormalAndProblemsRaisedAgain() {
        JsonNode d = daily("2016-03-15");
        assertThat(d.get("newlyAbnormal").findValuesAsText("creditCode")).containsExactlyInAnyOrder(e1, e3)
                .doesNotContain(e2);
        JsonNode first = d.get("newlyAbnormal").findParents("creditCode").stream()
                .filter(n -> n.get("creditCode").asText().equals(e1)).findFirst().orElseThrow();
        assertThat(first.get("previousStatus").asText()).isEqualTo("NORMAL");
        assertThat(d.get("repeated")).hasSize(1);
        assertThat(d.get("repeated").get(0).get("ticket").get("id").asText()).isEqualTo(tRepeat);
        assertThat(d.get("repeated").get(0).get("earlierTicketIds").get(0).asText()).isEqualTo(t0);

        JsonNode day14 = daily("2016-03-14");
        assertThat(day14.get("newlyAbnormal").findValuesAsText("creditCode")).containsExactly(e2);
        assertThat(day14.get("new")).isEmpty();
        assertThat(day14.get("nextWorkingDay").asText()).isEqualTo("2016-03-15");
    }

    @Test
    void theWeeklyBriefingAsJsonHasTheWeeksFiguresAndCases() {
        Api.Response r = api.get("/api/reports/weekly?week=2016-W11", "dispatch");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode b = r.json();
        assertThat(b.get("week").asText()).isEqualTo("2016-W11");
        assertThat(b.get("from").asText()).isEqualTo("2016-03-14");
        assertThat(b.get("to").asText()).isEqualTo("2016-03-20");
        assertThat(b.get("headline").get("total").asLong()).isEqualTo(2); // tRepeat, tNew
        assertThat(b.get("closedThisWeek").asInt()).isEqualTo(1);
        assertThat(ids(b.get("resolved"))).containsExactly(t0);
        assertThat(b.get("byCategory").findValuesAsText("key")).containsExactly("FINANCING", "LOGISTICS");
        assertThat(b.get("ranking").get("month").asText()).isEqualTo("2016-W11");
        assertThat(ids(b.get("overdue"))).contains(tLate);
    }

    @Test
    void theWeeklyBriefingAsMarkdownIsAReadableChineseDocument() {
        Api.Response r = api.perform(MockMvcRequestBuilders.request(HttpMethod.GET, "/api/reports/weekly?week=2016-W11")
                .header("Accept", "text/markdown"), "leader");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/markdown").containsIgnoringCase("charset=UTF-8");
        assertThat(r.text()).startsWith("# 三服务工作简报（2016年第11周）")
                .contains("统计周期：2016-03-14 至 2016-03-20")
                .contains("本周共收集企业问题 **2** 个")
                .contains("## 二、分类别情况", "| 融资信贷 | 1 |", "| 物流运输 | 1 |")
                .contains("## 四、部门赛马排名", "未排名")
                .contains("## 五、超期事项", "三门减震器有限公司：通关慢")
                .contains("## 六、本周办结案例", "运费上涨 —— 办理结果：协调物流企业降价（满意）");
    }

    @Test
    void theBriefingsOverdueSectionSaysItListsEveryOpenOverdueTicketNotOnlyThePeriods() {
        // the headline's 其中超期 counts the week's tickets only; the list below holds older ones too
        String md = api.perform(MockMvcRequestBuilders.request(HttpMethod.GET, "/api/reports/weekly?week=2016-W11")
                .header("Accept", "text/markdown"), "leader").text();
        String section = md.substring(md.indexOf("## 五、超期事项"), md.indexOf("## 六、"));
        assertThat(section).contains("生成时仍超期未办结的全部事项，不限本周反映（上文“其中超期”只计本周反映的）");
        String monthly = api.perform(MockMvcRequestBuilders.request(HttpMethod.GET, "/api/reports/monthly?month=2016-03")
                .header("Accept", "text/markdown"), "leader").text();
        assertThat(monthly.substring(monthly.indexOf("## 五、超期事项")))
                .contains("生成时仍超期未办结的全部事项，不限本月反映（上文“其中超期”只计本月反映的）");
    }

    @Test
    void theWeeklyBriefingAsExcelHasASheetPerSectionWithChineseIntact() throws Exception {
        Api.Response r = api.perform(MockMvcRequestBuilders.request(HttpMethod.GET, "/api/reports/weekly?week=2016-W11")
                .header("Accept", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "admin");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Disposition")).contains("attachment").contains("2016-W11.xlsx");
        assertThat(r.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(r.raw().getContentAsByteArray()))) {
            List<String> sheets = new ArrayList<>();
            book.forEach(s -> sheets.add(s.getSheetName()));
            // 部门排名 and 亮红牌 are the month's (2016-03), 本周得分 the week's own, without titles
            assertThat(sheets).containsExactly("总体情况", "分类别", "分部门", "部门排名", "亮红牌", "本周得分", "超期事项", "办结案例",
                    "共性问题");
            Sheet headline = book.getSheet("总体情况");
            assertThat(headline.getRow(2).getCell(0).getStringCellValue()).isEqualTo("问题总数");
            assertThat(headline.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(2.0);
            Sheet categories = book.getSheet("分类别");
            assertThat(categories.getRow(0).getCell(0).getStringCellValue()).isEqualTo("问题类别");
            assertThat(categories.getRow(1).getCell(0).getStringCellValue()).isEqualTo("融资信贷");
            Row resolved = book.getSheet("办结案例").getRow(1);
            assertThat(resolved.getCell(0).getStringCellValue()).isEqualTo(t0);
            assertThat(resolved.getCell(1).getStringCellValue()).isEqualTo("台州方联宝进出口有限公司");
            assertThat(resolved.getCell(3).getStringCellValue()).isEqualTo("运费上涨");
            assertThat(resolved.getCell(5).getStringCellValue()).isEqualTo("协调物流企业降价");
            assertThat(resolved.getCell(6).getStringCellValue()).isEqualTo("满意");
            assertThat(book.getSheet("部门排名").getRow(0).getCell(4).getStringCellValue()).isEqualTo("参与排名件数");
            assertThat(book.getSheet("部门排名").getRow(0).getCell(5).getStringCellValue()).isEqualTo("称号");
        }
    }

    /**
     * (Addition) Word, by the Accept header or {@code ?format=docx}: a document named for its week that says what the
     * Markdown says, its figures in Word's tables as the JSON has them; STAFF and DEPT are refused it as the rest, and
     * a format there is not is a 400 that names docx among those there are.
     */
    @Test
    void theWeeklyBriefingAsWordSaysWhatTheMarkdownSays() throws Exception {
        // the Word file and the Markdown compiled at one moment: each says when it was made, to the minute, and a
        // minute may turn between the two requests (the clock goes back after each test)
        at("2026-12-01T10:00:00");
        Api.Response r = api.perform(MockMvcRequestBuilders.request(HttpMethod.GET, "/api/reports/weekly?week=2016-W11")
                .header("Accept", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "admin");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(ContentDisposition.parse(r.header("Content-Disposition")).getFilename())
                .isEqualTo("三服务简报-2016-W11.docx");
        String markdown = api.perform(MockMvcRequestBuilders.request(HttpMethod.GET,
                "/api/reports/weekly?week=2016-W11").header("Accept", "text/markdown"), "leader").text();
        JsonNode json = api.get("/api/reports/weekly?week=2016-W11", "leader").json();
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(r.raw().getContentAsByteArray()))) {
            BriefingDocxUnitTests.assertSaysTheSame(docx, markdown);
            List<List<String>> categories = BriefingDocxUnitTests.tables(docx).get(1);
            assertThat(categories.get(0)).containsExactly("问题类别", "问题数", "已办结", "办结率", "超期在办", "满意率");
            assertThat(categories).hasSize(json.get("byCategory").size() + 1);
            for (int i = 0; i < json.get("byCategory").size(); i++) {
                JsonNode c = json.get("byCategory").get(i);
                assertThat(categories.get(i + 1)).containsExactly(c.get("label").asText(), c.get("total").asText(),
                        c.get("closed").asText(), BriefingMarkdown.percent(c.get("closeRate")),
                        c.get("overdueOpen").asText(), BriefingMarkdown.percent(c.get("satisfactionRate")));
            }
            assertThat(categories.get(1)).startsWith("融资信贷", "1");
            assertThat(BriefingDocxUnitTests.paragraphs(docx))
                    .anyMatch(p -> p.endsWith("台州方联宝进出口有限公司：运费上涨 —— 办理结果：协调物流企业降价（满意）"));
        }

        Api.Response byFormat = api.call(HttpMethod.GET, "/api/reports/monthly?month=2016-03&format=docx", "dispatch",
                null);
        assertThat(byFormat.status()).isEqualTo(200);
        assertThat(ContentDisposition.parse(byFormat.header("Content-Disposition")).getFilename())
                .isEqualTo("三服务月度通报-2016-03.docx");
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(byFormat.raw().getContentAsByteArray()))) {
            assertThat(BriefingDocxUnitTests.headings(docx)).startsWith("一、总体情况").endsWith("八、约谈");
        }

        Api.Response pdf = api.get("/api/reports/weekly?week=2016-W11&format=pdf", "leader");
        assertThat(pdf.firstFault().get("field").asText()).isEqualTo("format");
        assertThat(pdf.firstFault().get("message").asText()).isEqualTo("must be one of md, markdown, xlsx, docx");
        for (String user : List.of("staff1", "transport")) {
            assertThat(api.get("/api/reports/weekly?format=docx", user).status()).as(user).isEqualTo(403);
            assertThat(api.get("/api/reports/monthly?format=docx", user).status()).as(user).isEqualTo(403);
        }
        // the API's document offers it
        JsonNode weekly = api.get("/v3/api-docs", "admin").json().at("/paths/~1api~1reports~1weekly/get");
        assertThat(weekly.get("parameters").findValues("enum")).anySatisfy(values ->
                assertThat(values.toString()).contains("\"docx\""));
        assertThat(weekly.at("/responses/200/content")
                .has("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).isTrue();
    }

    @Test
    void mondayMorningsBriefingIsStoredAndAPastWeekReadsTheSameLater() {
        Job timer = management.createJobQuery().processDefinitionKey("briefing").timers().singleResult();
        briefingDue = timer.getDuedate();
        OffsetDateTime due = timer.getDuedate().toInstant().atZone(SHANGHAI).toOffsetDateTime();
        assertThat(due.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(due.toLocalTime().toString()).isEqualTo("08:00");

        at("2023-03-08T10:00:00"); // week 2023-W10
        String code = api.enterprise("简报企业", "简报镇");
        api.visit(code, List.of(Api.problem("TRADE_FAIR", "展会取消")));
        at("2023-03-13T08:00:00"); // the Monday after
        management.executeJob(timer.getId());
        ClockUtil.reset();

        JsonNode stored = api.get("/api/reports/weekly?week=2023-W10", "leader").json();
        assertThat(stored.get("generatedAt").asText()).isEqualTo("2023-03-13T08:00:00.000+08:00");
        assertThat(stored.get("headline").get("total").asLong()).isEqualTo(1);

        at("2023-03-09T10:00:00"); // logged into that week afterwards
        api.visit(code, List.of(Api.problem("TRADE_FAIR", "展位费高")));
        ClockUtil.reset();
        JsonNode later = api.get("/api/reports/weekly?week=2023-W10", "leader").json();
        assertThat(later.get("headline").get("total").asLong()).as("the stored briefing stands").isEqualTo(1);
        assertThat(later.get("generatedAt").asText()).isEqualTo("2023-03-13T08:00:00.000+08:00");
        // the timer goes on to the next Monday morning
        Job next = management.createJobQuery().processDefinitionKey("briefing").timers().singleResult();
        assertThat(next.getDuedate().toInstant().atZone(SHANGHAI).toOffsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2023-03-20T08:00:00+08:00"));
    }

    @Test
    void impossibleDatesAndWeeksAreRefusedNamingTheParameter() {
        for (String week : List.of("2020-W54", "2020-W00", "2020-24", "W24", "2021-W53")) {
            Api.Response r = api.get("/api/reports/weekly?week=" + week, "leader");
            assertThat(r.status()).as(week).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("week");
            assertThat(r.json().get("errors").get(0).get("message").asText()).as("what a week looks like, not a standard's name")
                    .isEqualTo("must be a year and week number, written year-W and the week: 2020-W24 is week 24 of 2020 "
                            + "(Monday 8 to Sunday 14 June)");
        }
        assertThat(api.get("/api/reports/weekly?week=2020-W53", "leader").status()).as("2020 has 53 weeks")
                .isEqualTo(200);
        Api.Response day = api.get("/api/reports/daily?date=2020-02-30", "leader");
        assertThat(day.status()).isEqualTo(400);
        assertThat(day.json().get("errors").get(0).get("field").asText()).isEqualTo("date");
    }

    @Test
    void onlyLeadersDispatchAndAdminMayReadTheReports() {
        for (String user : List.of("staff1", "transport")) {
            assertThat(api.get("/api/reports/daily", user).status()).as(user).isEqualTo(403);
            assertThat(api.get("/api/reports/weekly", user).status()).as(user).isEqualTo(403);
        }
        assertThat(api.get("/api/reports/daily", null).status()).isEqualTo(401);
        assertThat(api.get("/api/reports/daily", "leader").status()).isEqualTo(200);
    }
}
