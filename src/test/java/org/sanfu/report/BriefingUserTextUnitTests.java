package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Titles, names and replies are the users' words, not the briefing's: in Markdown they render as the
 * literal text (no link, image, emphasis, code, heading, HTML, extra table cell or broken row), in the
 * workbook they are text cells that Excel never evaluates, every character kept.
 */
class BriefingUserTextUnitTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A hostile title and the Markdown source that renders it as literal text. */
    private static final Map<String, String> ESCAPED = new LinkedHashMap<>();

    static {
        ESCAPED.put("[点此领取补贴](javascript:alert(1))", "\\[点此领取补贴\\](javascript:alert(1))");
        ESCAPED.put("![](http://beacon.example/p.png)", "\\!\\[\\](http://beacon.example/p.png)");
        ESCAPED.put("*加急* __重要__ ~~作废~~", "\\*加急\\* \\_\\_重要\\_\\_ \\~\\~作废\\~\\~");
        ESCAPED.put("`rm -rf` 代码", "\\`rm -rf\\` 代码");
        ESCAPED.put("# 假标题", "\\# 假标题");
        ESCAPED.put("<img src=x onerror=alert(1)> <http://x.example>", "\\<img src=x onerror=alert(1)\\> \\<http://x.example\\>");
        ESCAPED.put("甲|乙|丙", "甲\\|乙\\|丙");
        ESCAPED.put("&lt;实体&#106;", "\\&lt;实体\\&\\#106;");
        ESCAPED.put("反斜杠\\*", "反斜杠\\\\\\*");
        ESCAPED.put("第一行\n第二行\r\n第三行", "第一行 第二行 第三行");
        ESCAPED.put("运费上涨😀（中文）", "运费上涨😀（中文）");
    }

    private static ObjectNode ticket(int id, String title) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", String.valueOf(id));
        t.put("enterpriseName", "*星号*企业");
        t.put("categoryLabel", "物流运输");
        t.put("title", title);
        t.put("leadDepartmentLabel", "交通运输局");
        t.put("replyDeadline", "2016-03-16T09:30:00Z");
        t.put("resolution", title);
        t.put("satisfaction", "SATISFIED");
        t.putArray("missed").add("reply");
        return t;
    }

    private static JsonNode briefing(List<String> titles) {
        ObjectNode b = JSON.createObjectNode();
        b.put("week", "2016-W11").put("from", "2016-03-14").put("to", "2016-03-20")
                .put("generatedAt", "2016-03-21T00:00:00Z").put("closedThisWeek", titles.size());
        b.putObject("headline").put("total", titles.size());
        b.putArray("byCategory");
        ArrayNode departments = b.putArray("byDepartment");
        departments.addObject().put("label", "[部门](javascript:x)").put("total", 1);
        b.putObject("ranking").putArray("departments");
        b.withObject("/ranking").putArray("redCards");
        ArrayNode overdue = b.putArray("overdue");
        ArrayNode resolved = b.putArray("resolved");
        for (int i = 0; i < titles.size(); i++) {
            overdue.add(ticket(i + 1, titles.get(i)));
            resolved.add(ticket(i + 1, titles.get(i)));
        }
        return b;
    }

    @Test
    void markdownSyntaxInUserTextIsEscapedSoItRendersAsTheTextItself() {
        List<String> titles = List.copyOf(ESCAPED.keySet());
        String md = BriefingNotesUnitTests.markdown().render(briefing(titles), ZoneId.of("Asia/Shanghai"));
        List<String> lines = Arrays.asList(md.split("\n"));
        for (int i = 0; i < titles.size(); i++) {
            String escaped = ESCAPED.get(titles.get(i));
            String item = (i + 1) + ". #" + (i + 1) + " 【物流运输】\\*星号\\*企业：" + escaped;
            assertThat(lines).as(titles.get(i)).contains(item + "（主办：交通运输局，答复超期，答复期限 2016-03-16 17:30）");
            assertThat(lines).as(titles.get(i)).contains(item + " —— 办理结果：" + escaped + "（满意）");
        }
        assertThat(lines).as("one row of seven cells: the label opens no cell and no link")
                .contains("| \\[部门\\](javascript:x) | 1 |  | — | — | — | — |");
        assertThat(md).as("no line of user text starts a heading or a block").doesNotContain("\n#  ", "\n第二行", "\n第三行");
    }

    /**
     * An overdue line says which deadline was missed and gives that one: a ticket signed late may have its reply
     * deadline days ahead, and a line giving only that read as a mistake. The workbook's 超期环节 column likewise.
     */
    @Test
    void anOverdueLineSaysWhichDeadlineItMissedAndGivesThatDeadline() throws Exception {
        ObjectNode b = (ObjectNode) briefing(List.of("签收晚了", "答复晚了", "都晚了", "重办前晚了"));
        // the fourth: overdue on a reply deadline since restarted by a reopen, none missed of those it runs against now
        List<List<String>> misses = List.of(List.of("sign"), List.of("reply"), List.of("sign", "reply"), List.of());
        for (int i = 0; i < 4; i++) {
            ObjectNode line = (ObjectNode) b.get("overdue").get(i);
            line.put("signDeadline", "2016-03-10T09:30:00Z");
            misses.get(i).forEach(line.putArray("missed")::add);
        }
        String md = BriefingNotesUnitTests.markdown().render(b, ZoneId.of("Asia/Shanghai"));
        assertThat(md).contains("签收晚了（主办：交通运输局，签收超期，签收期限 2016-03-10 17:30）",
                "答复晚了（主办：交通运输局，答复超期，答复期限 2016-03-16 17:30）",
                "都晚了（主办：交通运输局，签收超期、答复超期，答复期限 2016-03-16 17:30）",
                "重办前晚了（主办：交通运输局，此前超期，答复期限 2016-03-16 17:30）");

        byte[] xlsx = BriefingNotesUnitTests.workbook().render(b);
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("超期事项");
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            int missed = header.indexOf("超期环节");
            assertThat(missed).isNotNegative();
            assertThat(header).contains("签收期限", "答复期限");
            assertThat(List.of(sheet.getRow(1).getCell(missed).getStringCellValue(),
                    sheet.getRow(2).getCell(missed).getStringCellValue(), sheet.getRow(3).getCell(missed).getStringCellValue(),
                    sheet.getRow(4).getCell(missed).getStringCellValue()))
                    .containsExactly("签收超期", "答复超期", "签收超期、答复超期", "此前超期");
        }
    }

    @Test
    void theOverdueSheetNamesTheReplyDeadlineAsTheTicketsPageDoes() throws Exception {
        byte[] xlsx = BriefingNotesUnitTests.workbook().render(briefing(List.of("普通标题")));
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            List<String> header = new java.util.ArrayList<>();
            book.getSheet("超期事项").getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            // label.deadline.reply: the ticket's page, its list's export and its history say 答复期限 too
            assertThat(header).contains("答复期限").doesNotContain("办理时限");
        }
    }

    @Test
    void theWorkbookWritesFormulaLikeTitlesAsTextCellsAndKeepsEveryCharacter() throws Exception {
        List<String> titles = List.of("=1+1", "+SUM(A1:A9)", "-2+3", "@A1", "=HYPERLINK(\"http://x.example\",\"领取\")",
                "运费上涨😀（中文）", "_x0041_ 字面", "甲\r\n乙\t丙", "普通标题");
        byte[] xlsx = BriefingNotesUnitTests.workbook().render(briefing(titles));
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet resolved = book.getSheet("办结案例");
            for (int i = 0; i < titles.size(); i++) {
                Row row = resolved.getRow(i + 1);
                for (int column : new int[] {3, 5}) {
                    Cell cell = row.getCell(column);
                    String title = titles.get(i);
                    assertThat(cell.getCellType()).as(title).isEqualTo(CellType.STRING);
                    assertThat(cell.getStringCellValue()).as("round-trips exactly").isEqualTo(title);
                    assertThat(cell.getCellStyle().getQuotePrefixed()).as(title + ": kept text even when edited")
                            .isEqualTo("=+-@".indexOf(title.charAt(0)) >= 0);
                }
            }
            Sheet overdue = book.getSheet("超期事项");
            assertThat(overdue.getRow(1).getCell(4).getCellType()).isEqualTo(CellType.STRING);
            assertThat(overdue.getRow(1).getCell(4).getStringCellValue()).isEqualTo("=1+1");
            book.forEach(sheet -> sheet.forEach(row -> row.forEach(cell ->
                    assertThat(cell.getCellType()).as(sheet.getSheetName()).isNotEqualTo(CellType.FORMULA))));
        }
    }
}
