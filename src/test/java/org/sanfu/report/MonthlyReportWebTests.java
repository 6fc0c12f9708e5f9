package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.security.People;
import org.sanfu.stats.StoredRolls;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The monthly report (月度通报) for the monthly meeting, on March 2009, used by no other test: two customs
 * problems of one town reported on the 2nd, one closed the same day; a talk with customs recorded for the
 * month on 2 April.
 */
@SanfuTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonthlyReportWebTests {

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    People people;
    @Autowired
    StoredRolls rolls;

    private String town;

    @BeforeAll
    void march2009() {
        town = "月报镇" + Api.creditCode().substring(12);
        try {
            ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2009-03-02T09:00:00+08:00").toInstant()));
            List<JsonNode> tickets = api.visit(api.enterprise("台州月报报关有限公司", town),
                    List.of(Api.problem("CUSTOMS", "查验慢"), Api.problem("CUSTOMS", "退税慢")));
            String closed = tickets.get(0).get("id").asText();
            api.act(closed, "sign", "customs", null);
            api.act(closed, "reply", "customs", Map.of("resolution", "已协调海关加快查验", "outcome", "RESOLVED"));
            api.act(closed, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        } finally {
            ClockUtil.reset();
        }
        // as the 1st's job would have stored it: customs among the 蜗牛店小二 (six departments ranked would take more)
        rolls.store("2009-03", List.of("CUSTOMS"), List.of());
        Api.Response talk = api.post("/api/stats/talks", "leader", Map.of("month", "2009-03", "subjectKind",
                "DEPARTMENT", "subject", "CUSTOMS", "heldOn", "2009-04-02", "note", "通报查验时限，要求压缩至两个工作日"));
        assertThat(talk.status()).as(talk.text()).isEqualTo(201);
    }

    @Test
    void theMonthsReportHasTheWeeklySectionsOverTheMonthItsRankingAndItsTalks() {
        Api.Response r = api.get("/api/reports/monthly?month=2009-03", "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.get("month").asText()).isEqualTo("2009-03");
        assertThat(report.get("from").asText()).isEqualTo("2009-03-01");
        assertThat(report.get("to").asText()).isEqualTo("2009-03-31");
        assertThat(report.get("headline").get("total").asLong()).isEqualTo(2);
        assertThat(report.get("headline").get("closed").asLong()).isEqualTo(1);
        assertThat(report.get("closedThisMonth").asInt()).isEqualTo(1);
        assertThat(report.get("ranking").get("month").asText()).isEqualTo("2009-03");
        assertThat(report.get("ranking").get("departments").findValuesAsText("key")).contains("CUSTOMS");
        assertThat(report.get("resolved").findValuesAsText("resolution")).containsExactly("已协调海关加快查验");
        assertThat(report.get("talks")).singleElement().satisfies(t -> {
            assertThat(t.get("label").asText()).isEqualTo("海关");
            assertThat(t.get("heldOn").asText()).isEqualTo("2009-04-02");
        });
    }

    @Test
    void asMarkdownAndAsExcelItSpeaksOfTheMonth() throws Exception {
        Api.Response md = api.call(HttpMethod.GET, "/api/reports/monthly?month=2009-03&format=md", "dispatch", null);
        assertThat(md.status()).isEqualTo(200);
        assertThat(md.contentType()).startsWith("text/markdown");
        assertThat(md.text()).startsWith("# 三服务月度通报（2009年3月）")
                // 已办结 and 销号 count different tickets, and each says which: a month's 8 closed beside 0 销号 is no
                // contradiction once the one is of the month's tickets as they stand and the other of closings in it
                .contains("本月共收集企业问题 **2** 个，其中截至生成时已办结 **",
                        "本月内销号（按销号时间计，不论何时反映） 1 个", "## 六、本月办结案例", "## 八、约谈",
                        "1. 蜗牛店小二 海关：2009-04-02 约谈。通报查验时限，要求压缩至两个工作日")
                .doesNotContain("本周");

        MockHttpServletResponse excel = pages.mvc().perform(Pages.in(get("/reports/monthly?month=2009-03&format=xlsx")
                .accept(MediaType.ALL), pages.session("leader"))).andReturn().getResponse();
        assertThat(excel.getStatus()).isEqualTo(200);
        assertThat(excel.getHeader("Content-Disposition")).contains("attachment", "-2009-03.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(excel.getContentAsByteArray()))) {
            assertThat(book.getSheet("总体情况").getRow(4).getCell(0).getStringCellValue()).isEqualTo("截至生成时已办结");
            assertThat(book.getSheet("总体情况").getRow(6).getCell(0).getStringCellValue())
                    .isEqualTo("本月内销号（按销号时间计，不论何时反映）");
            assertThat(book.getSheet("约谈").getRow(1).getCell(3).getStringCellValue())
                    .isEqualTo("通报查验时限，要求压缩至两个工作日");
            assertThat(book.getSheet("约谈").getRow(1).getCell(4).getStringCellValue())
                    .as("the recorder, named as the pages name people").isEqualTo(people.label("leader"))
                    .contains("（leader）");
        }
        // the weekly briefing keeps its words and its name
        Api.Response weekly = api.call(HttpMethod.GET, "/api/reports/weekly?week=2009-W10&format=md", "leader", null);
        assertThat(weekly.text()).startsWith("# 三服务工作简报（2009年第10周）").contains("本周共收集企业问题 **2** 个")
                .doesNotContain("## 八、约谈");
    }

    /** September 2008, used by no other test: a town red-carded (Api.redCardedTown), and nothing else. */
    @Test
    void theReportNamesWhoIsStillToBeTalkedWith() throws Exception {
        String lagging = api.redCardedTown("月报红牌镇", "2008-09-01", "2008-09-30");
        String before = api.call(HttpMethod.GET, "/api/reports/monthly?month=2008-09&format=md", "leader", null).text();
        assertThat(before).contains("## 八、约谈\n\n尚未记录约谈。\n", "**尚待约谈：**亮红牌 " + lagging);
        byte[] excel = api.call(HttpMethod.GET, "/api/reports/monthly?month=2008-09&format=xlsx", "leader", null).raw()
                .getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(excel))) {
            var row = book.getSheet("约谈").getRow(1);
            assertThat(row.getCell(0).getStringCellValue() + " " + row.getCell(1).getStringCellValue() + " "
                    + row.getCell(2).getStringCellValue()).isEqualTo("亮红牌 " + lagging + " 待约谈");
        }

        assertThat(api.post("/api/stats/talks", "leader", Map.of("month", "2008-09", "subjectKind", "TOWN",
                "subject", lagging, "heldOn", "2008-10-06", "note", "约谈镇分管领导")).status()).isEqualTo(201);
        String after = api.call(HttpMethod.GET, "/api/reports/monthly?month=2008-09&format=md", "leader", null).text();
        assertThat(after).contains("1. 亮红牌 " + lagging + "：2008-10-06 约谈。约谈镇分管领导")
                .doesNotContain("尚待约谈：");
    }

    @Test
    void lastMonthByDefaultAMonthThatIsNoneIsRefusedAndOnlyTheLeadersRolesMayRead() {
        JsonNode last = api.get("/api/reports/monthly", "admin").json();
        assertThat(last.get("month").asText())
                .isEqualTo(YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1).toString());
        for (String bad : List.of("2009-13", "1999-12", "March")) {
            Api.Response r = api.get("/api/reports/monthly?month=" + bad, "leader");
            assertThat(r.firstFault().get("field").asText()).as(bad).isEqualTo("month");
        }
        for (String user : List.of("staff1", "customs")) {
            assertThat(api.get("/api/reports/monthly?month=2009-03", user).status()).as(user).isEqualTo(403);
            assertThat(pages.get("/reports/monthly?month=2009-03", user).status()).as(user).isEqualTo(403);
        }
        assertThat(pages.get("/", "leader").html().select("#monthlyReport form").attr("action"))
                .isEqualTo("/reports/monthly");
        assertThat(pages.get("/reports/monthly?month=2009-13", "leader").status()).isEqualTo(400);
    }
}
