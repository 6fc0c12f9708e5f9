package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.web.IsoWeek;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * A briefing's ranking tables give 参与排名件数 beside 问题数, as the dashboard's ranking does and named as it names
 * it: the page, the Word document and the Excel, of the weekly briefing and the monthly report. A department that
 * returned one of its three tickets (a week of September 2005, no other test's) leads two, 问题数 2, and was ranked on
 * three, 参与排名件数 3. A week's briefing stored before the count was kept has none in its week's scores: they read
 * —, and the briefing is shown all the same.
 */
@SanfuTest
class BriefingRankingTicketsWebTests {

    private static final String HEADING = "参与排名件数";

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    Briefings briefings;
    @Autowired
    ObjectMapper json;

    /**
     * Three container problems for 交通运输局 visited at {@code visitedAt}, by an enterprise of a town of its own (no
     * other test counts its tickets), the third returned by it and given to 商务局: it leads two, and its ranking counts
     * three (the dashboard's test of 参与排名件数 too).
     */
    static void returnedOneOfThree(Api api, String enterprise, String town, String visitedAt) {
        String code = api.enterprise(enterprise, town + Api.creditCode().substring(12));
        Api.Response visit = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "visitedAt", visitedAt, "notes", "补录走访",
                "problems", List.of(Api.problem("CONTAINER", "舱位不足"), Api.problem("CONTAINER", "空箱难提"),
                        Api.problem("CONTAINER", "运价上涨"))));
        assertThat(visit.status()).as(visit.text()).isEqualTo(201);
        String returned = visit.json().get("tickets").get(2).get("id").asText();
        api.act(returned, "return", "transport", Map.of("reason", "运价属市场行为"));
        api.act(returned, "assign", "dispatch", Map.of("leadDepartment", "COMMERCE"));
    }

    @Test
    void theBriefingsRankingTablesGiveTheCountTheMinimumUsedOnThePageInWordAndInExcel() throws Exception {
        returnedOneOfThree(api, "台州排名件数泵业", "排名件数镇", "2005-09-13T10:00:00+08:00");
        JsonNode transport = null;
        for (JsonNode d : api.get("/api/reports/weekly?week=2005-W37", "leader").json().get("monthRanking")
                .get("departments")) {
            transport = "TRANSPORT".equals(d.get("key").asText()) ? d : transport;
        }
        assertThat(transport.get("total").asLong()).isEqualTo(2);
        assertThat(transport.get("rankingTickets").asLong()).as("the API's figure").isEqualTo(3);

        for (String path : new String[] {"/reports/weekly?week=2005-W37", "/reports/monthly?month=2005-09"}) {
            // the page: the month's ranking, and the weekly briefing's week's scores after it
            List<Element> tables = rankingTables(pages.get(path + "&format=html", "leader").html());
            assertThat(tables).as(path).hasSize(path.contains("weekly") ? 2 : 1);
            for (Element table : tables) {
                assertThat(table.select("thead th").eachText()).as(path).containsSubsequence("问题数", HEADING);
                assertThat(cells(table, "交通运输局")).as(path).containsSubsequence("2", "3");
            }

            try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(download(path + "&format=docx")))) {
                List<List<List<String>>> ranking = BriefingDocxUnitTests.tables(docx).stream()
                        .filter(t -> t.get(0).contains(HEADING)).toList();
                assertThat(ranking).as(path).hasSize(path.contains("weekly") ? 2 : 1);
                for (List<List<String>> table : ranking) {
                    int column = table.get(0).indexOf(HEADING);
                    assertThat(table.get(0).get(column - 1)).isEqualTo("问题数");
                    assertThat(table).as(path).anySatisfy(row -> {
                        assertThat(row.get(1)).startsWith("交通运输局");
                        assertThat(row.subList(column - 1, column + 1)).containsExactly("2", "3");
                    });
                }
            }

            try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(download(path + "&format=xlsx")))) {
                List<Sheet> sheets = new ArrayList<>(List.of(book.getSheet("部门排名")));
                if (path.contains("weekly")) {
                    sheets.add(book.getSheet("本周得分"));
                }
                for (Sheet sheet : sheets) {
                    assertThat(texts(sheet.getRow(0))).as(sheet.getSheetName()).containsSubsequence("问题数", HEADING);
                    assertThat(rowOf(sheet, "交通运输局")).as(sheet.getSheetName()).containsSubsequence("2.0", "3.0");
                }
            }
        }
    }

    /**
     * A week stored before the count was kept (2005-W41, its tickets of 2005-W40, no other test's): its week's scores
     * have no
     * {@code rankingTickets}. The page and the Word document show it, — in that column, as the dashboard shows a
     * month stored then; the month's ranking beside it, not stored with the week, has its count.
     */
    @Test
    void aWeekStoredBeforeTheCountWasKeptReadsADashAndIsShown() throws Exception {
        returnedOneOfThree(api, "台州排名件数泵业", "排名件数镇", "2005-10-04T10:00:00+08:00");
        ObjectNode stored = (ObjectNode) api.get("/api/reports/weekly?week=2005-W40", "leader").json();
        stored.remove("monthRanking");
        stored.put("week", "2005-W41").put("from", "2005-10-10").put("to", "2005-10-16");
        stored.get("ranking").get("departments").forEach(d -> ((ObjectNode) d).remove("rankingTickets"));
        briefings.store(IsoWeek.parse("2005-W41"), Instant.parse("2005-10-17T00:00:00Z"), json.writeValueAsString(stored));

        Pages.Answer page = pages.get("/reports/weekly?week=2005-W41&format=html", "leader");
        assertThat(page.status()).isEqualTo(200);
        List<Element> tables = rankingTables(page.html());
        assertThat(tables).hasSize(2);
        assertThat(cells(tables.get(0), "交通运输局")).as("the month's, read now").containsSubsequence("2", "3");
        assertThat(cells(tables.get(1), "交通运输局")).as("the week's, stored without it").containsSubsequence("2", "—");

        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(
                download("/reports/weekly?week=2005-W41&format=docx")))) {
            List<List<List<String>>> ranking = BriefingDocxUnitTests.tables(docx).stream()
                    .filter(t -> t.get(0).contains(HEADING)).toList();
            assertThat(ranking.get(1)).anySatisfy(row -> assertThat(row).startsWith("1").endsWith("2", "—"));
        }
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(
                download("/reports/weekly?week=2005-W41&format=xlsx")))) {
            assertThat(rowOf(book.getSheet("本周得分"), "交通运输局")).endsWith("2.0", "—");
        }
    }

    /** The tables of 四、部门赛马排名 on the briefing's page. */
    private static List<Element> rankingTables(Document page) {
        return page.select("section.briefing-section").stream()
                .filter(s -> s.selectFirst("h2").text().equals("四、部门赛马排名"))
                .flatMap(s -> s.select("table").stream()).toList();
    }

    /** The cells of a department's row, found by the start of its name. */
    private static List<String> cells(Element table, String department) {
        return table.select("tbody tr").stream().map(tr -> tr.select("td").eachText())
                .filter(row -> row.get(1).startsWith(department)).findFirst().orElseThrow();
    }

    private static List<String> rowOf(Sheet sheet, String department) {
        for (Row row : sheet) {
            List<String> texts = texts(row);
            if (texts.size() > 1 && texts.get(1).startsWith(department)) {
                return texts;
            }
        }
        throw new AssertionError(department + " not in " + sheet.getSheetName());
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(cell.toString()));
        return texts;
    }

    private byte[] download(String path) throws Exception {
        return pages.mvc().perform(Pages.in(get(path).accept(MediaType.ALL), pages.session("leader"))).andReturn()
                .getResponse().getContentAsByteArray();
    }
}
