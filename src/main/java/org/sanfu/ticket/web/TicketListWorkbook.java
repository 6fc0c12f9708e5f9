package org.sanfu.ticket.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.sanfu.SanfuProperties;
import org.sanfu.Workbooks;
import org.sanfu.catalog.Catalog;
import org.sanfu.ticket.ChannelCodes;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.ticket.TicketView;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The ticket list as an Excel workbook (导出): a title line saying what was exported and when, then a row
 * per ticket with the columns a task-force office files and prints, in Chinese, people's text as typed.
 */
@Component
class TicketListWorkbook {

    /**
     * A column: its heading, its value for a ticket (null for an empty cell), as text, a whole number ({@code Long})
     * or a moment ({@code Instant}, a date-time cell Excel sorts and filters by date), and its width in characters (a
     * Chinese character counts two).
     */
    private record Column(String heading, Function<TicketView, ?> value, int width) {
        Column(String heading, Function<TicketView, ?> value) {
            this(heading, value, 12);
        }
    }

    private final Catalog catalog;
    private final MessageSource messages;
    private final ChannelCodes channels;
    /** The service's zone, which the moments are shown in, as the pages show them (web.When). */
    private final ZoneId zone;

    TicketListWorkbook(Catalog catalog, MessageSource messages, ChannelCodes channels,
            SanfuProperties properties) {
        this.catalog = catalog;
        this.messages = messages;
        this.channels = channels;
        this.zone = properties.zone();
    }

    /**
     * The columns of one workbook, a ticket's source named as every page names it ({@link ChannelCodes#labelOf}), once
     * per source for the workbook's rows.
     */
    private List<Column> columns() {
        Map<String, String> sources = new HashMap<>();
        Function<String, String> department = catalog::departmentLabel;
        Function<String, Function<Object, String>> label = prefix -> value -> value == null ? null
                : messages.getMessage(prefix + value, null, String.valueOf(value), Locale.SIMPLIFIED_CHINESE);
        return List.of(
                new Column("编号", t -> Long.valueOf(t.id()), 8),
                new Column("反映时间", TicketView::reportedAt, 17),
                new Column("企业名称", TicketView::enterpriseName, 28),
                new Column("统一社会信用代码", TicketView::enterpriseCreditCode, 20),
                new Column("镇（街道）", TicketView::town),
                new Column("问题类别", TicketView::categoryLabel),
                new Column("事项", TicketView::title, 30),
                new Column("问题描述", TicketView::description, 40),
                new Column("紧急程度", t -> label.apply("label.urgency.").apply(t.urgency())),
                new Column("来源",
                        t -> t.source() == null ? null : sources.computeIfAbsent(t.source(), channels::labelOf)),
                new Column("状态", t -> label.apply("label.status.").apply(t.status())),
                new Column("主办部门", t -> department.apply(t.leadDepartment()), 18),
                new Column("协办部门", t -> t.coDepartments().isEmpty() ? null
                        : String.join("、", t.coDepartments().stream().map(department).toList()), 20),
                new Column("签收期限", TicketView::signDeadline, 17),
                new Column("签收时间", TicketView::signedAt, 17),
                new Column("答复期限", TicketView::replyDeadline, 17),
                new Column("答复时间", TicketView::repliedAt, 17),
                new Column("是否超期", t -> t.overdue() ? "超期" : "否"),
                new Column("办理结果", t -> label.apply("label.outcome.").apply(t.outcome())),
                new Column("答复内容", TicketView::resolution, 40),
                // a rating on a ticket not closed is the earlier round's (不满意, reopened), not this reply's
                new Column("企业评价", t -> t.satisfaction() == null || t.status() == TicketStatus.CLOSED
                        ? label.apply("label.satisfaction.").apply(t.satisfaction())
                        : "上次回访：" + label.apply("label.satisfaction.").apply(t.satisfaction())),
                new Column("办结时间", TicketView::closedAt, 17),
                new Column("退回次数", t -> (long) t.returnCount(), 9),
                new Column("重办次数", t -> (long) t.reopenCount(), 9));
    }

    /** The workbook: {@code title} on the first line, then the headings and the tickets. */
    byte[] render(String title, List<TicketView> tickets) {
        List<Column> columns = columns();
        return Workbooks.streamed(book -> {
            Workbooks.Text text = new Workbooks.Text(book);
            Workbooks.Moments moments = new Workbooks.Moments(book, zone);
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet sheet = book.createSheet("事项清单");
            Cell heading = sheet.createRow(0).createCell(0);
            heading.setCellValue(title);
            heading.setCellStyle(bold);
            Row headings = sheet.createRow(1);
            for (int c = 0; c < columns.size(); c++) {
                Cell cell = headings.createCell(c);
                cell.setCellValue(columns.get(c).heading());
                cell.setCellStyle(bold);
                sheet.setColumnWidth(c, columns.get(c).width() * 256);
            }
            // the headings stay in view while scrolling, and each column can be filtered in Excel
            sheet.createFreezePane(0, 2);
            sheet.setAutoFilter(new CellRangeAddress(1, 1 + tickets.size(), 0, columns.size() - 1));
            int r = 2;
            for (TicketView t : tickets) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < columns.size(); c++) {
                    Cell cell = row.createCell(c);
                    Object value = columns.get(c).value().apply(t);
                    if (value instanceof Instant at) {
                        moments.set(cell, at);
                    } else if (value instanceof Long number) {
                        cell.setCellValue(number);
                    } else if (value != null) {
                        text.set(cell, value.toString());
                    }
                }
            }
        });
    }
}
