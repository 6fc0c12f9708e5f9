package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
