package org.sanfu.systemic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The leaders' reports show the systemic problems (共性问题) with their members: today's daily digest,
 * this week's briefing as JSON, Markdown and Excel, and the dashboard page.
 */
@SanfuTest
class SystemicReportWebTests {

    private static final String TEXT = "海外仓租金暴涨，跨境电商备货压力大，希望政府协调公共海外仓";

    @Autowired
    Api api;
    @Autowired
    Pages pages;

    /** Its tickets are reported in a fortnight of their own, so the scan sees no other test's tickets. */
    @BeforeEach
    void inAWindowOfItsOwn() {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2019-07-01T09:00:00+08:00").toInstant()));
    }

    @AfterEach
    void timeGoesOn() {
        ClockUtil.reset();
    }

    @Test
    void theDigestTheBriefingAndTheDashboardListTheSystemicProblemsWithTheirMembers() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.visit(api.enterprise(), List.of(Map.of("category", "TRADE_FAIR", "title", "海外仓租金暴涨",
                    "description", TEXT))).get(0).get("id").asText());
        }
        JsonNode proposed = null;
        for (JsonNode p : api.post("/api/systemic-problems/scan", "dispatch", Map.of()).json()) {
            if (p.get("ticketIds").toString().contains("\"" + ids.get(0) + "\"")) {
                proposed = p;
            }
        }
        assertThat(proposed).isNotNull();
        String id = proposed.get("id").asText();

        JsonNode digest = api.get("/api/reports/daily", "leader").json();
        JsonNode listed = find(digest.get("systemicProblems"), id);
        assertThat(listed.get("status").asText()).isEqualTo("PROPOSED");
        assertThat(listed.get("ticketIds").toString()).contains(ids.toArray(String[]::new));

        String caseId = api.post("/api/systemic-problems/" + id + "/confirm", "dispatch",
                Map.of("leadDepartment", "COMMERCE")).json().get("caseTicketId").asText();
        JsonNode confirmed = find(api.get("/api/reports/daily", "dispatch").json().get("systemicProblems"), id);
        assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("caseTicketId").asText()).isEqualTo(caseId);

        LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
        String week = today.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        JsonNode briefing = api.get("/api/reports/weekly?week=" + week, "leader").json();
        assertThat(find(briefing.get("systemicProblems"), id).get("enterpriseCount").asInt()).isEqualTo(5);

        Api.Response md = api.perform(MockMvcRequestBuilders.request(HttpMethod.GET, "/api/reports/weekly?week=" + week)
                .header("Accept", "text/markdown"), "leader");
        assertThat(md.text()).contains("## 七、共性问题", "共性问题 " + id + " 【展会拓市】海外仓租金暴涨（已确认）：5 家企业反映",
                "；事项 " + String.join("、", ids) + "；牵头事项 #" + caseId).doesNotContain("/tickets/");

        // the briefing read in the browser: the same words, each of its tickets' numbers a link to the ticket, as
        // every ticket's number there is, naming the briefing for the ticket's way back
        Element problem = pages.get("/reports/weekly?week=" + week + "&format=html", "leader").html()
                .select("main li").stream().filter(li -> li.text().startsWith("共性问题 " + id + " ")).findFirst()
                .orElseThrow();
        assertThat(problem.text()).contains("；事项 " + String.join("、", ids) + "；牵头事项 #" + caseId);
        List<String> linked = new ArrayList<>(ids);
        linked.add(caseId);
        assertThat(problem.select("a.ticket-link").eachAttr("href")).containsExactlyElementsOf(
                linked.stream().map(t -> "/tickets/" + t + "?back=weekly:" + week).toList());
        assertThat(problem.select("a.ticket-link").eachText()).containsExactlyElementsOf(
                linked.stream().map(t -> t.equals(caseId) ? "#" + t : t).toList());

        Api.Response xlsx = api.perform(MockMvcRequestBuilders.request(HttpMethod.GET, "/api/reports/weekly?week=" + week)
                .header("Accept", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "leader");
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.raw().getContentAsByteArray()))) {
            Sheet sheet = book.getSheet("共性问题");
            assertThat(sheet.getRow(0).getCell(6).getStringCellValue()).isEqualTo("涉及事项");
            Row row = null;
            for (Row r : sheet) {
                if (r.getRowNum() > 0 && r.getCell(0).toString().replace(".0", "").equals(id)) {
                    row = r;
                }
            }
            assertThat(row).isNotNull();
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo("已确认");
            assertThat(row.getCell(6).getStringCellValue()).isEqualTo(String.join("、", ids));
        }

        Pages.Answer dashboard = pages.get("/", "leader");
        assertThat(dashboard.status()).isEqualTo(200);
        Element tr = dashboard.html().selectFirst("#systemicProblems tr[data-id=" + id + "]");
        assertThat(tr).isNotNull();
        assertThat(tr.selectFirst(".status").text()).isEqualTo("已确认");
        assertThat(tr.select(".members a").eachAttr("href")).containsExactlyElementsOf(
                ids.stream().map(t -> "/tickets/" + t + "?back=dashboard").toList());
        assertThat(tr.selectFirst("a.case").attr("href")).isEqualTo("/tickets/" + caseId + "?back=dashboard");
    }

    private static JsonNode find(JsonNode problems, String id) {
        for (JsonNode p : problems) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("systemic problem " + id + " not in " + problems);
    }
}
