package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.sanfu.web.IsoWeek;

/**
 * 金牌店小二, 蜗牛店小二 and 亮红牌 are awarded every month (the seeds: 每月…评选“金牌店小二”; 排名后三位的“蜗牛店小二”
 * and the red-carded towns are talked with after the month's ranking). The weekly briefing gives its month's, as the
 * dashboard and the monthly report give them, and the week's own scores beside them without a title, each labelled;
 * titles or red cards worked out over the week alone, which may contradict the month's, appear nowhere.
 */
class WeeklyRankingUnitTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A week in which 商务局 led and 海关 trailed, of a month where it went the other way. */
    private static ObjectNode week() {
        ObjectNode b = JSON.createObjectNode();
        b.put("week", "2026-W48").put("from", "2026-11-23").put("to", "2026-11-29")
                .put("generatedAt", "2026-11-30T08:00:00+08:00").put("closedThisWeek", 0);
        b.putObject("headline").put("total", 5);
        b.putArray("byCategory");
        b.putArray("byDepartment");
        ObjectNode week = b.putObject("ranking").put("month", "2026-W48");
        // as a week stored before rankingTickets was kept
        department(week.putArray("departments"), "COMMERCE", "商务局", 1, 90.0, 3, "GOLD");
        department(week.withArray("departments"), "CUSTOMS", "海关", 2, 35.0, 2, "SNAIL");
        week.putArray("redCards").addObject().put("town", "周红牌镇").put("total", 2).put("overdueRate", 1.0);
        ObjectNode month = b.putObject("monthRanking").put("month", "2026-11").putNull("storedAt");
        department(month.putArray("departments"), "CUSTOMS", "海关", 1, 95.0, 10, "GOLD").put("rankingTickets", 11);
        department(month.withArray("departments"), "COMMERCE", "商务局", 6, 40.0, 12, "SNAIL").put("rankingTickets", 12);
        month.putArray("redCards").addObject().put("town", "月红牌镇").put("total", 9).put("overdueRate", 0.5)
                .put("satisfactionRate", 0.5);
        b.putArray("overdue");
        b.putArray("resolved");
        b.putArray("systemicProblems");
        return b;
    }

    private static ObjectNode department(ArrayNode departments, String key, String label, int rank, double score,
            int total, String medal) {
        return departments.addObject().put("key", key).put("label", label).put("rank", rank).put("score", score)
                .put("total", total).put("medal", medal);
    }

    @Test
    void theBriefingsRankingGivesTheMonthsTitlesAndTheWeeksScoresWithoutTitlesEachLabelled() {
        String md = BriefingNotesUnitTests.markdown().render(week(), ZoneId.of("Asia/Shanghai"));
        String ranking = md.substring(md.indexOf("## 四、部门赛马排名"), md.indexOf("## 五、"));
        assertThat(ranking).contains(
                "**2026年11月排名**（本周所在月份；金牌店小二、蜗牛店小二和亮红牌每月评定，与驾驶舱、月度通报中该月的相同）：",
                "| 名次 | 部门 | 得分 | 问题数 | 参与排名件数 | 称号 |",
                "| 1 | 海关 | 95.0 | 10 | 11 | 金牌店小二 |", "| 6 | 商务局 | 40.0 | 12 | 12 | 蜗牛店小二 |",
                "**本周得分**（只计本周反映的问题，供与月度排名对照，不评称号、不亮红牌）：",
                // the week's stored without the count: — as the dashboard shows a month stored then
                "| 名次 | 部门 | 得分 | 问题数 | 参与排名件数 |\n", "| 1 | 商务局 | 90.0 | 3 | — |\n", "| 2 | 海关 | 35.0 | 2 | — |\n",
                "该月排名按事项当前情况实时计算", "**2026年11月亮红牌：**", "- 月红牌镇：问题 9 个");
        // the week's own awards, which contradict the month's, are not shown
        assertThat(ranking).doesNotContain("| 商务局 | 90.0 | 3 | — | 金牌店小二", "| 海关 | 35.0 | 2 | — | 蜗牛店小二", "周红牌镇");
    }

    @Test
    void theWorkbooksRankingSheetsAreTheMonthsAndTheWeeksScoresHaveASheetWithoutTitles() throws Exception {
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(BriefingNotesUnitTests.workbook().render(week())))) {
            List<String> sheets = new ArrayList<>();
            book.forEach(s -> sheets.add(s.getSheetName()));
            assertThat(sheets).containsSubsequence("部门排名", "亮红牌", "本周得分");
            assertThat(rows(book.getSheet("部门排名"))).contains("1.0 海关 95.0 10.0 11.0 金牌店小二", "6.0 商务局 40.0 12.0 12.0 蜗牛店小二",
                    "2026年11月排名（本周所在月份；金牌店小二、蜗牛店小二和亮红牌每月评定，与驾驶舱、月度通报中该月的相同）。");
            assertThat(rows(book.getSheet("亮红牌"))).anyMatch(r -> r.startsWith("月红牌镇 9.0"))
                    .noneMatch(r -> r.contains("周红牌镇")).contains("2026年11月亮红牌。");
            List<String> scores = rows(book.getSheet("本周得分"));
            assertThat(scores).startsWith("名次 部门 得分 问题数 参与排名件数").contains("1.0 商务局 90.0 3.0 —", "2.0 海关 35.0 2.0 —",
                    "本周得分：只计本周反映的问题，供与月度排名对照，不评称号、不亮红牌。");
            assertThat(scores).noneMatch(r -> r.contains("金牌") || r.contains("蜗牛"));
        }
    }

    /**
     * A department with too few tickets to rank has no 名次 and no 得分 (null in the JSON): the Excel says 未排名 and —
     * as the page, the Markdown and the Word document do, in the week's scores and the month's ranking alike, rather
     * than two blank cells a leader reads as a fault.
     */
    @Test
    void aDepartmentNotRankedReads未排名AndADashInTheWorkbookAsOnThePage() throws Exception {
        ObjectNode b = week();
        for (String ranking : new String[] {"ranking", "monthRanking"}) {
            b.withObject("/" + ranking).withArray("departments").addObject().put("key", "JUSTICE").put("label", "司法局")
                    .putNull("rank").putNull("score").put("total", 1).putNull("medal").put("rankingTickets", 2);
        }
        String md = BriefingNotesUnitTests.markdown().render(b, ZoneId.of("Asia/Shanghai"));
        assertThat(md).contains("| 未排名 | 司法局 | — | 1 | 2 |\n");
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(BriefingNotesUnitTests.workbook().render(b)))) {
            assertThat(rows(book.getSheet("本周得分"))).contains("未排名 司法局 — 1.0 2.0");
            assertThat(rows(book.getSheet("部门排名"))).anyMatch(r -> r.startsWith("未排名 司法局 — 1.0 2.0"));
        }
    }

    @Test
    void aWeeksMonthIsTheMonthOfItsThursday() {
        assertThat(WeeklyBriefings.monthOf(IsoWeek.parse("2026-W48")).toString()).isEqualTo("2026-11");
        // 2026-11-30 to 2026-12-06: four of its days in December
        assertThat(WeeklyBriefings.monthOf(IsoWeek.parse("2026-W49")).toString()).isEqualTo("2026-12");
    }

    private static List<String> rows(Sheet sheet) {
        List<String> rows = new ArrayList<>();
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(cell.toString()));
            rows.add(String.join(" ", cells));
        }
        return rows;
    }
}
