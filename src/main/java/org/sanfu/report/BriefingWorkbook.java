package org.sanfu.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.sanfu.Workbooks;
import org.sanfu.security.People;
import org.sanfu.stats.RankingProperties;
import org.sanfu.web.When;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The weekly briefing or the monthly report as an Excel workbook, a sheet per section, Chinese intact (Apache POI). */
@Component
class BriefingWorkbook {

    /**
     * A column: its Chinese heading, how to read it from a row of the briefing, and its width in characters (a
     * Chinese character counts two), as the ticket list's export gives its columns.
     */
    private record Column(String heading, Function<JsonNode, JsonNode> value, boolean percent, int width) {
        Column(String heading, Function<JsonNode, JsonNode> value, boolean percent) {
            this(heading, value, percent, 14);
        }

        static Column of(String heading, String field) {
            return new Column(heading, n -> n.path(field), false);
        }

        static Column rate(String heading, String field) {
            return new Column(heading, n -> n.path(field), true);
        }

        /**
         * A ranking's 名次 and 得分, a department with too few tickets to rank reading 未排名 and — as the page, the
         * Markdown and the Word document say, where the JSON's null left the cells blank.
         */
        static List<Column> ranked() {
            return List.of(new Column("名次", n -> unlessNull(n.path("rank"), "未排名"), false),
                    Column.of("部门", "label"), new Column("得分", n -> unlessNull(n.path("score"), "—"), false));
        }

        /**
         * After 名次, 部门, 得分: 问题数 and 参与排名件数 (headed {@code rankingTickets}); — for a ranking stored before
         * the count was kept (missing in a week's briefing stored then, null in a month's ranking), as the page says.
         */
        static List<Column> counted(String rankingTickets) {
            return List.of(Column.of("问题数", "total"),
                    new Column(rankingTickets, n -> unlessNull(n.path("rankingTickets"), "—"), false));
        }

        private static JsonNode unlessNull(JsonNode value, String otherwise) {
            return value.isNull() || value.isMissingNode() ? TextNode.valueOf(otherwise) : value;
        }
    }

    /** A moment's column's width: 2026-11-11 17:30, as the ticket list's export gives it. */
    private static final int MOMENT_WIDTH = 17;

    /** A person as the pages name them (王晓明（leader）), from the account's user name. */
    private final UnaryOperator<String> person;

    /** How the ranking's 得分 is made ({@link Dashboard#scoreFormula}), under the 部门排名 sheet's table. */
    private final String scoreFormula;

    /** A moment as every page and the ticket list's export write it ({@link When#of}): 2026-11-11 17:30. */
    private final Function<Instant, String> when;

    /** The ranking sheets' 参与排名件数, as the dashboard's ranking and the briefing's page name it. */
    private final String rankingTickets;

    @Autowired
    BriefingWorkbook(People people, RankingProperties ranking, When when, MessageSource messages) {
        this(people::label, Dashboard.scoreFormula(ranking.weights()), when::of,
                BriefingMarkdown.rankingTicketsHeading(messages));
    }

    BriefingWorkbook(UnaryOperator<String> person, String scoreFormula, Function<Instant, String> when,
            String rankingTickets) {
        this.person = person;
        this.scoreFormula = scoreFormula;
        this.when = when;
        this.rankingTickets = rankingTickets;
    }

    /** A column of the moment in {@code field} (the JSON's 2026-11-11T17:30:00+08:00), written as the pages do. */
    private Column moment(String heading, String field) {
        return new Column(heading, n -> n.path(field).isTextual()
                ? TextNode.valueOf(when.apply(OffsetDateTime.parse(n.path(field).asText()).toInstant()))
                : n.path(field), false, MOMENT_WIDTH);
    }

    /** A moment of the JSON written as the pages write it (2026-11-11 17:30), or — for none. */
    private String moment(JsonNode instant) {
        return instant.isTextual() ? when.apply(OffsetDateTime.parse(instant.asText()).toInstant()) : "—";
    }

    byte[] render(JsonNode b) {
        // streamed: 1,000 ticket lines of a province's week in 30 ms instead of 90 to 110 ms
        BriefingKind kind = BriefingKind.of(b);
        return Workbooks.streamed(book -> {
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle percent = book.createCellStyle();
            percent.setDataFormat(book.createDataFormat().getFormat("0.0%"));
            Styles styles = new Styles(percent, new Workbooks.Text(book));

            Sheet headline = book.createSheet("总体情况");
            JsonNode h = b.path("headline");
            String underWay = BriefingMarkdown.underWay(b, this::moment);
            String[][] lines = {{"统计周期", b.path("from").asText() + " 至 " + b.path("to").asText()
                    + (underWay == null ? "" : "（" + underWay + "）")},
                    {"问题总数", h.path("total").asText()}, {"在办", h.path("open").asText()},
                    {BriefingMarkdown.CLOSED_SO_FAR, h.path("closed").asText()},
                    {"超期在办", h.path("overdueOpen").asText()},
                    {BriefingMarkdown.closedWithin(kind.period()), b.path(kind.closedField()).asText()}};
            int r = 0;
            headerRow(headline, r++, bold, List.of("指标", "数值"));
            for (String[] line : lines) {
                Row row = headline.createRow(r++);
                row.createCell(0).setCellValue(line[0]);
                value(row.createCell(1), line[1]);
            }
            for (String[] rate : new String[][] {{"办结率", "closeRate"}, {"按时签收率", "onTimeSignRate"},
                    {"按时办结率", "onTimeCloseRate"}, {"满意率", "satisfactionRate"}, {"重办率", "reopenRate"},
                    {"退单率", "returnRate"}, {"办结时长中位数（小时）", "medianHoursToClose"}}) {
                Row row = headline.createRow(r++);
                row.createCell(0).setCellValue(rate[0]);
                set(row.createCell(1), h.path(rate[1]), !rate[1].equals("medianHoursToClose"), styles);
            }
            // 本月内销号（按销号时间计，不论何时反映） and 2026-11-23 至 2026-11-29 whole, with the week under way's
            // （本周尚未结束，数据截至 2026-12-08 11:00）
            headline.setColumnWidth(0, 40 * 256);
            headline.setColumnWidth(1, (underWay == null ? 24 : 60) * 256);

            List<Column> figures = List.of(Column.of("问题数", "total"), Column.of("已办结", "closed"),
                    Column.of("超期在办", "overdueOpen"), Column.rate("办结率", "closeRate"),
                    Column.rate("按时签收率", "onTimeSignRate"), Column.rate("按时办结率", "onTimeCloseRate"),
                    Column.rate("满意率", "satisfactionRate"), Column.rate("重办率", "reopenRate"),
                    Column.rate("退单率", "returnRate"));
            table(book.createSheet("分类别"), b.path("byCategory"),
                    concat(Column.of("问题类别", "label"), figures), bold, styles);
            Sheet byDepartment = book.createSheet("分部门");
            table(byDepartment, b.path("byDepartment"), concat(Column.of("主办部门", "label"), figures), bold, styles);
            note(byDepartment, BriefingMarkdown.withoutLead(b));
            // the titles and the red cards are the month's: the weekly briefing's are its month's, its own scores
            // a sheet of their own
            JsonNode titled = BriefingMarkdown.titled(b);
            boolean weekly = !b.has("month");
            Sheet ranking = book.createSheet("部门排名");
            table(ranking, titled.path("departments"), Stream.of(Column.ranked(), Column.counted(rankingTickets),
                    List.of(new Column("称号", n -> TextNode.valueOf(
                            BriefingMarkdown.medal(n.path("medal").asText(null))), false))).flatMap(List::stream)
                    .toList(), bold, styles);
            if (weekly && titled.isObject()) {
                note(ranking, BriefingMarkdown.rankedMonth(titled) + "排名（" + BriefingMarkdown.MONTH_OF_THE_WEEK + "）。");
            }
            note(ranking, scoreFormula);
            String monthOpen = BriefingMarkdown.monthOpen(b, this::moment);
            note(ranking, monthOpen);
            if (titled.isObject()) {
                note(ranking, BriefingMarkdown.stored(titled, this::moment));
            }
            Sheet cards = book.createSheet("亮红牌");
            table(cards, titled.path("redCards"), List.of(
                    Column.of("镇（街道）/平台", "town"), Column.of("问题数", "total"),
                    Column.rate("超期率", "overdueRate"), Column.rate("满意率", "satisfactionRate")), bold, styles);
            if (weekly && titled.isObject()) {
                note(cards, BriefingMarkdown.rankedMonth(titled) + "亮红牌。");
            }
            note(cards, monthOpen);
            if (weekly) {
                Sheet scores = book.createSheet("本周得分");
                table(scores, b.path("ranking").path("departments"),
                        Stream.concat(Column.ranked().stream(), Column.counted(rankingTickets).stream()).toList(),
                        bold, styles);
                note(scores, "本周得分：" + BriefingMarkdown.WEEK_SCORES + "。");
                note(scores, scoreFormula);
            }
            List<Column> ticket = List.of(Column.of("编号", "id"), Column.of("企业", "enterpriseName"),
                    Column.of("镇（街道）", "town"), Column.of("问题类别", "categoryLabel"), Column.of("问题", "title"),
                    Column.of("主办部门", "leadDepartmentLabel"),
                    // which deadline it missed: one signed late may have its reply deadline days ahead
                    new Column("超期环节", n -> TextNode.valueOf(BriefingMarkdown.missedLabels(n)), false),
                    moment("签收期限", "signDeadline"), moment("答复期限", "replyDeadline"));
            Sheet overdue = book.createSheet("超期事项");
            table(overdue, BriefingMarkdown.overdueCut(b), BriefingMarkdown.overdueInOrder(b), ticket, bold, styles);
            note(overdue, b.path("overdue").isEmpty() ? null : BriefingMarkdown.overdueScope(kind.period()) + "。");
            table(book.createSheet("办结案例"), BriefingMarkdown.resolvedCut(b), b.path("resolved"),
                    List.of(Column.of("编号", "id"), Column.of("企业", "enterpriseName"),
                            Column.of("问题类别", "categoryLabel"), Column.of("问题", "title"),
                            Column.of("主办部门", "leadDepartmentLabel"), Column.of("办理结果", "resolution"),
                            new Column("企业评价", n -> TextNode.valueOf(
                                    BriefingMarkdown.satisfaction(n.path("satisfaction").asText(null))), false)),
                    bold, styles);
            table(book.createSheet("共性问题"), b.path("systemicProblems"), List.of(Column.of("编号", "id"),
                    Column.of("问题类别", "categoryLabel"), Column.of("问题", "title"),
                    new Column("状态", n -> TextNode.valueOf(
                            BriefingMarkdown.systemicStatus(n.path("status").asText(null))), false),
                    Column.of("企业数", "enterpriseCount"),
                    new Column("镇（街道）", n -> TextNode.valueOf(BriefingMarkdown.joined(n.path("towns"), "、")), false),
                    new Column("涉及事项", n -> TextNode.valueOf(BriefingMarkdown.joined(n.path("ticketIds"), "、")), false),
                    Column.of("牵头事项", "caseTicketId"), moment("首次反映", "firstReportedAt"),
                    moment("最近反映", "lastReportedAt")), bold, styles);
            if (b.has("talks")) {
                // the talks recorded, then those still to be held
                ArrayNode talks = b.path("talks").deepCopy();
                for (BriefingKind.Pending pending : BriefingKind.pendingTalks(b)) {
                    talks.addObject().put("subjectKind", pending.subjectKind()).put("label", pending.label())
                            .put("heldOn", "待约谈");
                }
                table(book.createSheet("约谈"), talks, List.of(new Column("约谈对象类别", n -> TextNode.valueOf(
                                "DEPARTMENT".equals(n.path("subjectKind").asText()) ? "蜗牛店小二" : "亮红牌"), false),
                        Column.of("约谈对象", "label"), Column.of("约谈日期", "heldOn"), Column.of("谈话要点", "note"),
                        // as the pages name a person (王晓明（leader）); the JSON keeps the user name
                        new Column("记录人", n -> n.hasNonNull("recordedBy")
                                ? TextNode.valueOf(person.apply(n.get("recordedBy").asText())) : n.path("recordedBy"),
                                false)), bold, styles);
            }
        });
    }

    private static List<Column> concat(Column first, List<Column> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }

    private static void table(Sheet sheet, JsonNode rows, List<Column> columns, CellStyle bold, Styles styles) {
        table(sheet, null, rows, columns, bold, styles);
    }

    /**
     * A table, after a line above it saying that it is cut ({@code cut}, in bold, and an empty row), so that a reader
     * filtering or counting its rows knows they are not all; the table alone from the first row otherwise.
     */
    private static void table(Sheet sheet, String cut, JsonNode rows, List<Column> columns, CellStyle bold,
            Styles styles) {
        int r = 0;
        if (cut != null) {
            Cell said = sheet.createRow(r).createCell(0);
            said.setCellValue(cut);
            said.setCellStyle(bold);
            r += 2;
        }
        headerRow(sheet, r++, bold, columns.stream().map(Column::heading).toList());
        for (JsonNode node : rows) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < columns.size(); c++) {
                set(row.createCell(c), columns.get(c).value().apply(node), columns.get(c).percent(), styles);
            }
        }
        for (int c = 0; c < columns.size(); c++) {
            sheet.setColumnWidth(c, columns.get(c).width() * 256);
        }
    }

    /** A line under a sheet's table, after an empty row: what the table leaves out, or how to read it; none for null. */
    private static void note(Sheet sheet, String text) {
        if (text != null) {
            sheet.createRow(sheet.getLastRowNum() + 2).createCell(0).setCellValue(text);
        }
    }

    private static void headerRow(Sheet sheet, int index, CellStyle bold, List<String> headings) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < headings.size(); c++) {
            Cell cell = row.createCell(c);
            cell.setCellValue(headings.get(c));
            cell.setCellStyle(bold);
        }
    }

    /** A rate's format; and people's text, written as typed. */
    private record Styles(CellStyle percent, Workbooks.Text text) {}

    private static void set(Cell cell, JsonNode value, boolean asPercent, Styles styles) {
        if (value.isNumber()) {
            cell.setCellValue(value.asDouble());
            if (asPercent) {
                cell.setCellStyle(styles.percent());
            }
        } else if (!value.isNull() && !value.isMissingNode()) {
            styles.text().set(cell, value.asText());
        }
    }

    private static void value(Cell cell, String text) {
        try {
            cell.setCellValue(Long.parseLong(text));
        } catch (NumberFormatException e) {
            cell.setCellValue(text);
        }
    }
}
