package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.model.XWPFHeaderFooterPolicy;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;

/**
 * The briefing as a Word document says what its Markdown says, in the same order and words (the same
 * {@link BriefingDocument}), set as a Chinese official document: the title in bold 宋体, the period in 楷体, the
 * headings in 黑体, the text in 仿宋 with its first line indented two characters, the tables as Word's own with
 * borders and a bold header row, on A4; people's words as typed.
 */
class BriefingDocxUnitTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** When the files are made: the service's clock, not the machine's. */
    private static final Clock MADE = Clock.fixed(Instant.parse("2026-11-30T01:02:03Z"), ZONE);

    /** An enterprise's name and a title as people type them: Chinese, quotes of both kinds, & and <. */
    static final String ENTERPRISE = "台州\"宏达\"&<阀门>有限公司";
    static final String TITLE = "《关于“舱位”的诉求》 'A&B' <b>急</b> a<b & c>d";

    /** A week with figures in every table, a resolved ticket and an overdue one by {@link #ENTERPRISE}, a problem. */
    private static ObjectNode week() {
        ObjectNode b = JSON.createObjectNode();
        b.put("week", "2026-W48").put("from", "2026-11-23").put("to", "2026-11-29")
                .put("generatedAt", "2026-11-30T00:00:00Z").put("closedThisWeek", 1);
        b.putObject("headline").put("total", 2).put("open", 1).put("closed", 1).put("overdueOpen", 1)
                .put("closeRate", 0.5).put("onTimeSignRate", 1.0).put("onTimeCloseRate", 0.5)
                .put("satisfactionRate", 1.0).put("reopenRate", 0.0).put("returnRate", 0.0)
                .put("medianHoursToClose", 30.5);
        b.putArray("byCategory").addObject().put("label", "融资信贷").put("total", 2).put("closed", 1)
                .put("closeRate", 0.5).put("overdueOpen", 1).put("satisfactionRate", 1.0);
        b.putArray("byDepartment").addObject().put("label", "金融办").put("total", 2).put("closed", 1)
                .put("onTimeSignRate", 1.0).put("onTimeCloseRate", 0.5).put("satisfactionRate", 1.0)
                .put("returnRate", 0.0);
        b.putObject("ranking").put("month", "2026-W48").putArray("departments").addObject().put("rank", 1)
                .put("label", "金融办").put("score", 87.5).put("total", 2);
        b.withObject("/ranking").putArray("redCards");
        ObjectNode month = b.putObject("monthRanking").put("month", "2026-11");
        month.putArray("departments").addObject().put("rank", 1).put("label", "金融办").put("score", 90.0)
                .put("total", 5).put("rankingTickets", 6).put("medal", "GOLD");
        month.putArray("redCards").addObject().put("town", "大溪镇").put("total", 3).put("overdueRate", 0.667)
                .put("satisfactionRate", 0.5);
        ObjectNode late = b.putArray("overdue").addObject().put("id", "121").put("enterpriseName", ENTERPRISE)
                .put("categoryLabel", "融资信贷").put("title", "第一行\n第二行").put("leadDepartmentLabel", "金融办")
                .put("signDeadline", "2026-11-24T09:30:00Z").put("replyDeadline", "2026-11-27T09:30:00Z");
        late.putArray("missed").add("reply");
        b.putArray("resolved").addObject().put("id", "120").put("enterpriseName", ENTERPRISE)
                .put("categoryLabel", "融资信贷").put("title", TITLE).put("resolution", "已对接银行 & <续贷>")
                .put("satisfaction", "SATISFIED");
        ObjectNode problem = b.putArray("systemicProblems").addObject().put("id", "3").put("categoryLabel", "融资信贷")
                .put("title", "续贷难").put("status", "CONFIRMED").put("enterpriseCount", 2).put("caseTicketId", "120");
        problem.putArray("towns").add("大溪镇");
        ArrayNode members = problem.putArray("ticketIds");
        members.add("120").add("121");
        return b;
    }

    private static XWPFDocument docx(BriefingDocument document) throws IOException {
        return new XWPFDocument(new ByteArrayInputStream(new BriefingDocx(MADE).render(document)));
    }

    @Test
    void theDocumentSaysWhatTheMarkdownSaysInItsOrderAndWords() throws Exception {
        BriefingDocument document = BriefingNotesUnitTests.markdown().document(week(), ZONE);
        String markdown = BriefingMarkdown.render(document);
        try (XWPFDocument docx = docx(document)) {
            assertSaysTheSame(docx, markdown);
            assertThat(paragraphs(docx).get(0)).isEqualTo("三服务工作简报（2026年第48周）");
            assertThat(headings(docx)).containsExactly("一、总体情况", "二、分类别情况", "三、分部门情况", "四、部门赛马排名",
                    "五、超期事项", "六、本周办结案例", "七、共性问题");
            // the figures of the JSON, as the Markdown's tables give them
            assertThat(tables(docx).get(1)).containsExactly(List.of("问题类别", "问题数", "已办结", "办结率", "超期在办", "满意率"),
                    List.of("融资信贷", "2", "1", "50.0%", "1", "100.0%"));
            assertThat(markdown).contains("| 融资信贷 | 2 | 1 | 50.0% | 1 | 100.0% |");
            assertThat(tables(docx).get(0)).contains(List.of("按时签收率", "100.0%"), List.of("办结时长中位数", "1.3 天"));
            assertThat(tables(docx).get(3)).as("the month's ranking with its titles and 参与排名件数, as the dashboard's")
                    .containsExactly(List.of("名次", "部门", "得分", "问题数", "参与排名件数", "称号"),
                            List.of("1", "金融办", "90.0", "5", "6", "金牌店小二"));
            assertThat(tables(docx).get(4)).as("the week's, without the count as a week stored before it was kept")
                    .containsExactly(List.of("名次", "部门", "得分", "问题数", "参与排名件数"),
                            List.of("1", "金融办", "87.5", "2", "—"));
            // a ticket's number is text, as in the Markdown; a line break in a title a space, as there
            assertThat(paragraphs(docx)).contains("1. #121 【融资信贷】" + ENTERPRISE
                    + "：第一行 第二行（主办：金融办，答复超期，答复期限 2026-11-27 17:30）");
        }
    }

    @Test
    void peoplesWordsReadAsTypedQuotesAmpersandsAndAngleBracketsIncluded() throws Exception {
        BriefingDocument document = BriefingNotesUnitTests.markdown().document(week(), ZONE);
        try (XWPFDocument docx = docx(document)) {
            List<String> runs = new ArrayList<>();
            docx.getParagraphs().forEach(p -> p.getRuns().forEach(r -> runs.add(r.text())));
            assertThat(runs).contains(ENTERPRISE, TITLE, "已对接银行 & <续贷>");
            assertThat(paragraphs(docx)).contains("1. #120 【融资信贷】" + ENTERPRISE + "：" + TITLE
                    + " —— 办理结果：已对接银行 & <续贷>（满意）");
        }
    }

    /**
     * Its pages are numbered as GB/T 9704 numbers them: in the footer, — 1 — in 4号 (14 pt) between dashes, by a
     * PAGE field; odd pages at the right and even ones at the left, which the settings' evenAndOddHeaders turns on.
     */
    @Test
    void itsFooterNumbersThePagesOddAtTheRightEvenAtTheLeft() throws Exception {
        BriefingDocument document = BriefingNotesUnitTests.markdown().document(week(), ZONE);
        try (XWPFDocument docx = docx(document)) {
            assertThat(docx.getEvenAndOddHeadings()).isTrue();
            XWPFHeaderFooterPolicy policy = docx.getHeaderFooterPolicy();
            for (XWPFFooter footer : List.of(policy.getDefaultFooter(), policy.getEvenPageFooter())) {
                String xml = footer._getHdrFtr().xmlText();
                assertThat(xml).contains("w:instrText").contains(" PAGE ").contains("w:fldChar")
                        .contains("w:fldCharType=\"begin\"").contains("w:fldCharType=\"end\"");
                XWPFParagraph number = footer.getParagraphs().get(0);
                assertThat(number.getText()).isEqualTo("— 1 —");
                assertThat(number.getRuns().stream().filter(r -> !r.text().isEmpty()))
                        .allSatisfy(r -> assertThat(r.getFontSizeAsDouble()).isEqualTo(14.0));
            }
            assertThat(policy.getDefaultFooter().getParagraphs().get(0).getAlignment())
                    .isEqualTo(ParagraphAlignment.RIGHT);
            assertThat(policy.getEvenPageFooter().getParagraphs().get(0).getAlignment())
                    .isEqualTo(ParagraphAlignment.LEFT);
        }
    }

    @Test
    void itIsSetAsAChineseOfficialDocumentOnA4() throws Exception {
        BriefingDocument document = BriefingNotesUnitTests.markdown().document(week(), ZONE);
        try (XWPFDocument docx = docx(document)) {
            List<XWPFParagraph> paragraphs = docx.getParagraphs();
            XWPFParagraph title = paragraphs.get(0);
            assertThat(title.getAlignment()).isEqualTo(ParagraphAlignment.CENTER);
            assertRun(title.getRuns().get(0), "宋体", 22, true);
            for (XWPFParagraph line : paragraphs.subList(1, 3)) {
                assertThat(line.getAlignment()).isEqualTo(ParagraphAlignment.CENTER);
                assertRun(line.getRuns().get(0), "楷体", 14, false);
            }
            assertThat(paragraphs.get(1).getText()).isEqualTo(document.scope());
            assertThat(paragraphs.get(2).getText()).isEqualTo("生成时间：2026-11-30 08:00");
            XWPFParagraph heading = paragraphs.get(3);
            assertThat(heading.getText()).isEqualTo("一、总体情况");
            assertRun(heading.getRuns().get(0), "黑体", 16, false);

            // 本周共收集企业问题 **2** 个，…: the text in 仿宋 三号, its figures bold as the Markdown's, two characters in
            XWPFParagraph body = paragraphs.get(4);
            assertThat(body.getText()).startsWith("本周共收集企业问题 2 个，其中截至生成时已办结")
                    .contains("本周内销号（按销号时间计，不论何时反映） 1 个。");
            assertThat(body.getIndentationFirstLine()).as("two characters of 16 pt, in twips").isEqualTo(640);
            assertRun(body.getRuns().get(0), "仿宋", 16, false);
            assertThat(body.getRuns().get(1).text()).isEqualTo("2");
            assertRun(body.getRuns().get(1), "仿宋", 16, true);

            XWPFTable table = docx.getTables().get(0);
            assertThat(table.getTopBorderType()).isEqualTo(XWPFTable.XWPFBorderType.SINGLE);
            assertThat(table.getInsideHBorderType()).isEqualTo(XWPFTable.XWPFBorderType.SINGLE);
            assertThat(table.getInsideVBorderType()).isEqualTo(XWPFTable.XWPFBorderType.SINGLE);
            assertThat(table.getRow(0).isRepeatHeader()).isTrue();
            assertThat(table.getCTTbl().getTblGrid().sizeOfGridColArray()).as("指标, 数值").isEqualTo(2);
            assertRun(table.getRow(0).getCell(0).getParagraphs().get(0).getRuns().get(0), "仿宋", 12, true);
            assertRun(table.getRow(1).getCell(0).getParagraphs().get(0).getRuns().get(0), "仿宋", 12, false);

            assertThat(docx.getProperties().getCoreProperties().getCreated()).isEqualTo(Date.from(MADE.instant()));
            assertThat(docx.getProperties().getCoreProperties().getTitle()).isEqualTo(document.title());
            var size = docx.getDocument().getBody().getSectPr().getPgSz();
            assertThat(List.of(size.getW().toString(), size.getH().toString())).as("A4 in twips")
                    .containsExactly("11906", "16838");
            // every run says its Chinese font, or Word shows Chinese in its default one
            docx.getParagraphs().forEach(p -> p.getRuns().forEach(r ->
                    assertThat(r.getFontFamily(XWPFRun.FontCharRange.eastAsia)).as(r.text()).isNotBlank()));
            docx.getTables().forEach(t -> t.getRows().forEach(row -> row.getTableCells().forEach(c ->
                    c.getParagraphs().forEach(p -> p.getRuns().forEach(r ->
                            assertThat(r.getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("仿宋"))))));
        }
    }

    private static void assertRun(XWPFRun run, String font, int points, boolean bold) {
        assertThat(run.getFontFamily(XWPFRun.FontCharRange.eastAsia)).as(run.text()).isEqualTo(font);
        assertThat(run.getFontSizeAsDouble()).as(run.text()).isEqualTo((double) points);
        assertThat(run.isBold()).as(run.text()).isEqualTo(bold);
    }

    /** The texts of the document's paragraphs outside its tables, in order. */
    static List<String> paragraphs(XWPFDocument docx) {
        return docx.getParagraphs().stream().map(XWPFParagraph::getText).toList();
    }

    /** The sections' headings: the paragraphs in 黑体. */
    static List<String> headings(XWPFDocument docx) {
        return docx.getParagraphs().stream().filter(p -> !p.getRuns().isEmpty()
                && "黑体".equals(p.getRuns().get(0).getFontFamily(XWPFRun.FontCharRange.eastAsia)))
                .map(XWPFParagraph::getText).toList();
    }

    /** Each table's rows, each a row's cells' texts. */
    static List<List<List<String>>> tables(XWPFDocument docx) {
        List<List<List<String>>> tables = new ArrayList<>();
        for (XWPFTable table : docx.getTables()) {
            List<List<String>> rows = new ArrayList<>();
            for (XWPFTableRow row : table.getRows()) {
                rows.add(row.getTableCells().stream().map(XWPFTableCell::getText).toList());
            }
            tables.add(rows);
        }
        return tables;
    }

    private static final Pattern BULLET = Pattern.compile("- ");

    /**
     * The document says what the Markdown says: its paragraphs, in the body's order, are the Markdown's lines read
     * without its marks (#, >, **, escapes; a bulleted item's "- " is "• "), and its tables are the Markdown's
     * tables, cell by cell, each where the Markdown has it.
     */
    static void assertSaysTheSame(XWPFDocument docx, String markdown) {
        List<String> words = new ArrayList<>();
        for (IBodyElement element : docx.getBodyElements()) {
            if (element instanceof XWPFParagraph p) {
                words.add(p.getText());
            } else if (element instanceof XWPFTable t) {
                for (XWPFTableRow row : t.getRows()) {
                    List<String> cells = row.getTableCells().stream().map(XWPFTableCell::getText).toList();
                    words.add("| " + String.join(" | ", cells) + " |");
                }
            }
        }
        List<String> expected = new ArrayList<>();
        for (String line : markdown.lines().toList()) {
            if (line.isBlank() || line.startsWith("|---")) {
                continue;
            }
            if (line.startsWith("|")) {
                expected.add("| " + String.join(" | ", Arrays.stream(line.substring(1, line.length() - 1)
                        .split("(?<!\\\\)\\|")).map(cell -> plain(cell.strip())).toList()) + " |");
            } else if (line.startsWith("## ")) {
                expected.add(line.substring(3));
            } else if (line.startsWith("# ") || line.startsWith("> ")) {
                expected.add(line.substring(2).strip());
            } else if (BULLET.matcher(line).lookingAt()) {
                expected.add("• " + plain(line.substring(2)));
            } else {
                expected.add(plain(line));
            }
        }
        assertThat(words).isEqualTo(expected);
    }

    /** Markdown's text as read: no bold, no escapes. */
    private static String plain(String markdown) {
        return markdown.replaceAll("(?<!\\\\)\\*\\*", "").replaceAll("\\\\(\\p{Punct})", "$1").strip();
    }
}
