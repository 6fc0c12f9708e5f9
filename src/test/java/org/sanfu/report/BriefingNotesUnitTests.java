package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.sanfu.stats.RankingProperties;

/**
 * What a briefing's tables leave out is said under them, in the Markdown and in the workbook alike: the
 * tickets no department leads (the table by lead department adds up to less than the headline's total),
 * and that 超期事项 holds every open overdue ticket, not only the period's; and under the ranking, how its
 * 得分 is made.
 */
class BriefingNotesUnitTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The score's make-up under the default weights, as the dashboard says it. */
    static final String SCORE = Dashboard.scoreFormula(new RankingProperties.Weights(0.3, 0.2, 0.3, 0.1, 0.1));
    /** The bundle's label.ranking.tickets, as the service hands it over (the web tests read it through the bundle). */
    static final String RANKING_TICKETS = "参与排名件数";
    /** A moment as the pages write it (When#of) in the service's zone. */
    static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final String WITHOUT_LEAD = "另有 4 个问题没有主办部门（当场解决，或尚待专班办公室交办），未列入上表。";

    /** A week of 42 tickets, {@code led} of them by the two departments listed, one overdue ticket. */
    private static ObjectNode week(int led) {
        ObjectNode b = JSON.createObjectNode();
        b.put("week", "2026-W48").put("from", "2026-11-23").put("to", "2026-11-29")
                .put("generatedAt", "2026-11-30T00:00:00Z").put("closedThisWeek", 30);
        b.putObject("headline").put("total", 42);
        b.putArray("byCategory");
        b.putArray("byDepartment").addObject().put("label", "交通运输局").put("total", led - 8);
        b.withArray("/byDepartment").addObject().put("label", "金融办").put("total", 8);
        b.putObject("ranking").putArray("departments");
        b.withObject("/ranking").putArray("redCards");
        b.putArray("overdue").addObject().put("id", "7").put("enterpriseName", "台州泵业").put("title", "订舱难")
                .put("leadDepartmentLabel", "交通运输局").put("replyDeadline", "2026-11-20T09:30:00Z");
        b.putArray("resolved");
        return b;
    }

    @Test
    void theMarkdownSaysHowManyTicketsNoDepartmentLeadsUnderTheTableByDepartment() {
        String md = markdown().render(week(38), ZoneId.of("Asia/Shanghai"));
        String byDepartment = md.substring(md.indexOf("## 三、分部门情况"), md.indexOf("## 四、"));
        assertThat(byDepartment).contains(WITHOUT_LEAD);

        String allLed = markdown().render(week(42), ZoneId.of("Asia/Shanghai"));
        assertThat(allLed).doesNotContain("没有主办部门");
    }

    @Test
    void theWorkbookSaysUnderItsTablesWhatTheyLeaveOutAsTheMarkdownDoes() throws Exception {
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(
                workbook().render(week(38))))) {
            assertThat(texts(book.getSheet("分部门"))).contains(WITHOUT_LEAD);
            assertThat(texts(book.getSheet("超期事项"))).contains(BriefingMarkdown.overdueScope("本周") + "。")
                    .anyMatch(t -> t.startsWith("生成时仍超期未办结的全部事项，不限本周反映"));
        }
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(
                workbook().render(week(42))))) {
            assertThat(texts(book.getSheet("分部门"))).noneMatch(t -> t.contains("没有主办部门"));
        }
    }

    @Test
    void underTheRankingTheMarkdownAndTheWorkbookSayHowItsScoreIsMadeAsTheDashboardDoes() throws Exception {
        // a briefing forwarded to a department says why it ranks where it does: the score's make-up
        assertThat(SCORE).startsWith("得分（满分 100）＝按时办结率 × 30% ＋ 按时签收率 × 20% ＋ 满意率 × 30%");
        String md = markdown().render(week(38), ZoneId.of("Asia/Shanghai"));
        assertThat(md.substring(md.indexOf("## 四、部门赛马排名"), md.indexOf("## 五、"))).contains("\n" + SCORE + "\n");
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(
                workbook().render(week(38))))) {
            assertThat(texts(book.getSheet("部门排名"))).contains(SCORE);
        }
    }

    /** A line of 超期事项 or 办结案例. */
    private static void ticket(ObjectNode b, String list, String id) {
        b.withArray("/" + list).addObject().put("id", id).put("enterpriseName", "台州泵业").put("title", "订舱难")
                .put("leadDepartmentLabel", "交通运输局").put("replyDeadline", "2026-11-20T09:30:00Z");
    }

    /** The text of a section of the document, its blocks' lines one after another. */
    private static String section(BriefingDocument document, String heading) {
        BriefingDocument.Section section = document.sections().stream().filter(s -> s.heading().startsWith(heading))
                .findFirst().orElseThrow();
        return BriefingText.render(new BriefingDocument("", "", "", List.of(section))).strip();
    }

    @Test
    void aListCutToItsFirstLinesSaysSoWhereItBeginsInTheDocumentAndTheWorkbook() throws Exception {
        // 30 closed in the week, 2 listed; 3 overdue, 1 listed (ReportQueries.MAX_LINES cut them)
        ObjectNode cut = week(42);
        ticket(cut, "resolved", "8");
        ticket(cut, "resolved", "9");
        cut.put("overdueCount", 3);
        BriefingDocument document = markdown().document(cut, ZONE);
        assertThat(section(document, "五、")).contains("\n生成时超期未办结共 3 件，以下列出期限最早的 1 件。\n1. #7 ");
        assertThat(section(document, "六、")).startsWith("六、本周办结案例\n本周办结 30 件，以下列出最早办结的 2 件。\n1. #8 ");
        assertThat(markdown().render(cut, ZONE)).contains("**本周办结 30 件，以下列出最早办结的 2 件。**");
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook().render(cut)))) {
            Sheet resolved = book.getSheet("办结案例");
            assertThat(resolved.getRow(0).getCell(0).getStringCellValue()).isEqualTo("本周办结 30 件，以下列出最早办结的 2 件。");
            assertThat(resolved.getRow(2).getCell(0).getStringCellValue()).isEqualTo("编号");
            assertThat(resolved.getRow(3).getCell(0).getStringCellValue()).isEqualTo("8");
            Sheet overdue = book.getSheet("超期事项");
            assertThat(overdue.getRow(0).getCell(0).getStringCellValue()).isEqualTo("生成时超期未办结共 3 件，以下列出期限最早的 1 件。");
            assertThat(overdue.getRow(3).getCell(0).getStringCellValue()).isEqualTo("7");
        }

        // all listed: nothing said, the tables from the first row
        ObjectNode whole = week(42).put("closedThisWeek", 2).put("overdueCount", 1);
        ticket(whole, "resolved", "8");
        ticket(whole, "resolved", "9");
        BriefingDocument all = markdown().document(whole, ZONE);
        assertThat(section(all, "五、") + section(all, "六、")).doesNotContain("以下列出");
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook().render(whole)))) {
            assertThat(book.getSheet("办结案例").getRow(0).getCell(0).getStringCellValue()).isEqualTo("编号");
            assertThat(book.getSheet("超期事项").getRow(0).getCell(0).getStringCellValue()).isEqualTo("编号");
        }
    }

    @Test
    void aMonthlyReportCutSaysHowManyClosedInTheMonth() {
        ObjectNode month = week(42).put("closedThisMonth", 1686);
        month.remove(List.of("week", "closedThisWeek"));
        month.put("month", "2026-11").put("from", "2026-11-01").put("to", "2026-11-30")
                .put("generatedAt", "2026-12-05T01:00:00Z").put("overdueCount", 1);
        ticket(month, "resolved", "8");
        assertThat(section(markdown().document(month, ZONE), "六、"))
                .startsWith("六、本月办结案例\n本月办结 1686 件，以下列出最早办结的 1 件。\n1. #8 ");
    }

    @Test
    void aBriefingStoredBeforeTheOverdueCountWasKeptSaysAFullListMayLeaveSomeOut() {
        ObjectNode full = week(42);
        for (int i = 1; i < ReportQueries.MAX_LINES; i++) {
            ticket(full, "overdue", String.valueOf(100 + i));
        }
        assertThat(section(markdown().document(full, ZONE), "五、"))
                .contains("以下只列出期限最早的 " + ReportQueries.MAX_LINES + " 件，其余未列出。");
        assertThat(section(markdown().document(week(42), ZONE), "五、")).doesNotContain("以下只列出");
    }

    /** The week under way (2026-W50, 12-07 to 12-13) as compiled on Tuesday 11:00, its month's ranking live. */
    private static ObjectNode weekUnderWay() {
        ObjectNode b = week(42).put("week", "2026-W50").put("from", "2026-12-07").put("to", "2026-12-13")
                .put("generatedAt", "2026-12-08T03:00:00Z");
        b.putObject("monthRanking").put("month", "2026-12").putArray("departments");
        b.withObject("/monthRanking").putArray("redCards");
        return b;
    }

    @Test
    void aPeriodUnderWaySaysAsOfWhenAndThatItsMonthsTitlesMayChangeInEveryForm() throws Exception {
        String asOf = "本周尚未结束，数据截至 2026-12-08 11:00";
        String open = "（2026年12月尚未结束，名单可能变化）";
        BriefingDocument document = markdown().document(weekUnderWay(), ZONE);
        assertThat(document.scope()).isEqualTo("统计周期：2026-12-07 至 2026-12-13（按企业反映问题的时间统计；" + asOf + "）");
        assertThat(section(document, "四、")).contains("2026年12月排名（" + BriefingMarkdown.MONTH_OF_THE_WEEK
                + "）：\n" + open + "\n名次");
        assertThat(BriefingText.render(document)).contains(asOf, open);
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(
                new BriefingDocx(Clock.fixed(Instant.parse("2026-12-08T03:00:00Z"), ZONE)).render(document)))) {
            assertThat(BriefingDocxUnitTests.paragraphs(docx)).anyMatch(p -> p.endsWith(asOf + "）")).contains(open);
        }
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook().render(weekUnderWay())))) {
            assertThat(texts(book.getSheet("总体情况"))).contains("2026-12-07 至 2026-12-13（" + asOf + "）");
            assertThat(texts(book.getSheet("部门排名"))).contains(open);
            assertThat(texts(book.getSheet("亮红牌"))).contains(open);
        }

        // the month's report of the month under way says 本月
        ObjectNode month = weekUnderWay();
        month.remove(List.of("week", "closedThisWeek", "monthRanking"));
        month.put("month", "2026-12").put("from", "2026-12-01").put("to", "2026-12-31").put("closedThisMonth", 0);
        month.withObject("/ranking").put("month", "2026-12");
        BriefingDocument report = markdown().document(month, ZONE);
        assertThat(report.scope()).contains("本月尚未结束，数据截至 2026-12-08 11:00");
        assertThat(section(report, "四、")).contains("\n（本月尚未结束，名单可能变化）\n名次");
    }

    @Test
    void aPeriodOverOrAMonthStoredSaysNeither() throws Exception {
        // the week compiled the Monday after it; its month not over, but its ranking stored (as after the 1st)
        ObjectNode over = weekUnderWay().put("generatedAt", "2026-12-14T00:00:00Z");
        BriefingDocument document = markdown().document(over, ZONE);
        assertThat(document.scope()).isEqualTo("统计周期：2026-12-07 至 2026-12-13（按企业反映问题的时间统计）");
        assertThat(section(document, "四、")).contains("尚未结束");
        over.withObject("/monthRanking").put("storedAt", "2027-01-01T00:00:00Z");
        assertThat(BriefingText.render(markdown().document(over, ZONE))).doesNotContain("尚未结束");
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook().render(over)))) {
            assertThat(texts(book.getSheet("总体情况"))).contains("2026-12-07 至 2026-12-13");
            assertThat(texts(book.getSheet("部门排名"))).noneMatch(t -> t.contains("尚未结束"));
        }
        // a month over by the time the week was compiled (its Monday in the next month)
        ObjectNode nextMonth = weekUnderWay().put("generatedAt", "2027-01-04T00:00:00Z");
        assertThat(BriefingText.render(markdown().document(nextMonth, ZONE))).doesNotContain("尚未结束");
    }

    /** The workbook as the service makes it, people named by their user names. */
    static BriefingWorkbook workbook() {
        return new BriefingWorkbook(UnaryOperator.identity(), SCORE, MINUTES::format, RANKING_TICKETS);
    }

    /** The Markdown's (and the page's and the Word document's) document as the service makes it. */
    static BriefingMarkdown markdown() {
        return new BriefingMarkdown(SCORE, RANKING_TICKETS);
    }

    private static List<String> texts(Sheet sheet) {
        List<String> texts = new ArrayList<>();
        for (Row row : sheet) {
            row.forEach(cell -> texts.add(cell.toString()));
        }
        return texts;
    }
}
