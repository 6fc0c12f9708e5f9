package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The briefing's workbook reads as the pages and the ticket list's export do: a deadline is 2026-11-11 17:30 in the
 * service's zone, a text cell as the export writes it, in a column wide enough for it; and every sheet's columns,
 * the headline's too, are wide enough for their headings.
 */
class BriefingWorkbookUnitTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode month() {
        ObjectNode b = JSON.createObjectNode();
        b.put("month", "2026-11").put("from", "2026-11-01").put("to", "2026-11-30")
                .put("generatedAt", "2026-12-05T09:00:00+08:00").put("closedThisMonth", 3);
        b.putObject("headline").put("total", 5).put("medianHoursToClose", 30.5);
        b.putArray("byCategory");
        b.putArray("byDepartment");
        b.putObject("ranking").put("month", "2026-11").putArray("departments");
        b.withObject("/ranking").putArray("redCards");
        ObjectNode late = b.putArray("overdue").addObject().put("id", "2957").put("enterpriseName", "台州泵业")
                .put("title", "订舱难").put("leadDepartmentLabel", "交通运输局")
                .put("signDeadline", "2026-11-11T17:30:00+08:00").put("replyDeadline", "2026-11-18T09:30:00Z");
        late.putArray("missed").add("reply");
        b.putArray("resolved");
        ObjectNode problem = b.putArray("systemicProblems").addObject().put("id", "3").put("title", "舱位紧张")
                .put("firstReportedAt", "2026-11-02T01:05:00Z").put("lastReportedAt", "2026-11-20T10:00:00+08:00");
        problem.putArray("towns");
        problem.putArray("ticketIds");
        b.putArray("talks");
        return b;
    }

    @Test
    void theOverdueSheetsDeadlinesAreTextAsThePagesAndTheExportWriteThemInColumnsThatHoldThem() throws Exception {
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(BriefingNotesUnitTests.workbook().render(month())))) {
            Sheet overdue = book.getSheet("超期事项");
            List<String> headings = headings(overdue);
            for (String[] expected : new String[][] {{"签收期限", "2026-11-11 17:30"}, {"答复期限", "2026-11-18 17:30"}}) {
                int column = headings.indexOf(expected[0]);
                Cell cell = overdue.getRow(1).getCell(column);
                assertThat(cell.getCellType()).as(expected[0]).isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).as(expected[0]).isEqualTo(expected[1]);
                // the export's 17 characters: at 14 Excel shows 2026-11-11 17: or ###
                assertThat(overdue.getColumnWidth(column)).as(expected[0]).isGreaterThanOrEqualTo(17 * 256);
            }
            Sheet systemic = book.getSheet("共性问题");
            List<String> columns = headings(systemic);
            assertThat(systemic.getRow(1).getCell(columns.indexOf("首次反映")).getStringCellValue())
                    .isEqualTo("2026-11-02 09:05");
            assertThat(systemic.getRow(1).getCell(columns.indexOf("最近反映")).getStringCellValue())
                    .isEqualTo("2026-11-20 10:00");
        }
    }

    /** The monthly report's 部门排名 says 未排名 and — for a department not ranked, as its page does. */
    @Test
    void theMonthlyRankingSheetSays未排名AndADashForADepartmentNotRanked() throws Exception {
        ObjectNode b = month();
        b.withObject("/ranking").withArray("departments").addObject().put("label", "司法局").putNull("rank")
                .putNull("score").put("total", 2).putNull("medal");
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(BriefingNotesUnitTests.workbook().render(b)))) {
            Sheet ranking = book.getSheet("部门排名");
            List<String> headings = headings(ranking);
            assertThat(ranking.getRow(1).getCell(headings.indexOf("名次")).getStringCellValue()).isEqualTo("未排名");
            assertThat(ranking.getRow(1).getCell(headings.indexOf("得分")).getStringCellValue()).isEqualTo("—");
        }
    }

    @Test
    void theHeadlineSheetsColumnsHoldTheirLongestLabelAndThePeriod() throws Exception {
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(BriefingNotesUnitTests.workbook().render(month())))) {
            Sheet headline = book.getSheet("总体情况");
            assertThat(headline.getRow(13).getCell(0).getStringCellValue()).isEqualTo("办结时长中位数（小时）");
            // a Chinese character is two characters wide: 11 of them, and 2026-11-01 至 2026-11-30 (23)
            assertThat(headline.getColumnWidth(0)).isGreaterThanOrEqualTo(22 * 256);
            assertThat(headline.getColumnWidth(1)).isGreaterThanOrEqualTo(23 * 256);
        }
    }

    private static List<String> headings(Sheet sheet) {
        List<String> headings = new ArrayList<>();
        sheet.getRow(0).forEach(cell -> headings.add(cell.getStringCellValue()));
        return headings;
    }
}
