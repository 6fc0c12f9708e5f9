package org.sanfu.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sanfu.Message;
import org.sanfu.SanfuProperties;
import org.sanfu.Typed;
import org.sanfu.web.DashboardLink;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.IsoWeek;
import org.sanfu.web.Page;
import org.sanfu.web.QueryLink;
import org.sanfu.web.WayBack;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The weekly briefing and the monthly report for the workbench's signed-in leaders:
 * {@code /reports/weekly?week=&format=xlsx|md|docx} and {@code /reports/monthly?month=&format=xlsx|md|docx}
 * download what {@code /api/reports/weekly} and {@code /api/reports/monthly} answer to a program (last week or
 * month by default), as the Excel workbook, plain text (the Markdown's document without its marks) or the Word
 * document, with a file name that says
 * which; {@code format=html} shows the Markdown's document as a page, to read on a phone in a meeting or print,
 * which no download is fit for. The dashboard links to them. LEADER, DISPATCH and ADMIN (SecurityConfig);
 * a wrong week or format is a Chinese 400 page.
 */
@Page
class ReportPages {

    private final WeeklyBriefings briefings;
    private static final MediaType PLAIN_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final BriefingMarkdown markdown;
    private final BriefingWorkbook workbook;
    private final BriefingDocx docx;
    private final SanfuProperties properties;
    private final MonthlyReports monthly;
    private final ReportQueries queries;
    private final Clock clock;

    ReportPages(WeeklyBriefings briefings, BriefingMarkdown markdown, BriefingWorkbook workbook, BriefingDocx docx,
            SanfuProperties properties, MonthlyReports monthly, ReportQueries queries, Clock clock) {
        this.monthly = monthly;
        this.queries = queries;
        this.clock = clock;
        this.briefings = briefings;
        this.markdown = markdown;
        this.workbook = workbook;
        this.docx = docx;
        this.properties = properties;
    }

    @GetMapping("/reports/weekly")
    ResponseEntity<byte[]> weekly(@RequestParam(required = false) String week,
            @RequestParam(required = false) String format) {
        if (page(format)) {
            return toPage("/reports/weekly", "week", week);
        }
        String extension = extension(format);
        return download(briefings.of(briefings.week(week)), extension);
    }

    /** The monthly report (月度通报) of {@code ?month=2020-06}, last month by default, as the weekly briefing. */
    @GetMapping("/reports/monthly")
    ResponseEntity<byte[]> monthly(@RequestParam(required = false) String month,
            @RequestParam(required = false) String format) {
        if (page(format)) {
            return toPage("/reports/monthly", "month", month);
        }
        String extension = extension(format);
        return download(monthly.of(monthly.month(month)), extension);
    }

    /** Whether {@code format} asks for the page, written otherwise than the page's mapping reads it (HTML, html with spaces). */
    private static boolean page(String format) {
        return "html".equals(Typed.word(format));
    }

    /**
     * 303 to the page's own address, {@code format=html} as its mapping reads it: the page is then the one address,
     * which its 打印 and links keep.
     */
    private static ResponseEntity<byte[]> toPage(String path, String period, String value) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put(period, value);
        query.put("format", "html");
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(QueryLink.of(path, query))).build();
    }

    /**
     * The weekly briefing as a page of the workbench, with its 打印 and the links to the downloads. {@code format} is
     * taken, though the mapping already says html, so that it given twice ({@code format=html&format=xlsx}) is refused
     * naming it (web.StrictQueries checks the parameters a handler takes), not answered by the first.
     */
    @GetMapping(path = "/reports/weekly", params = "format=html")
    String weeklyPage(@RequestParam(required = false) String week, @RequestParam String format, Model model) {
        return page(briefings.of(briefings.week(week)), "/reports/weekly", "week", model);
    }

    /** The monthly report as a page, as the weekly briefing. */
    @GetMapping(path = "/reports/monthly", params = "format=html")
    String monthlyPage(@RequestParam(required = false) String month, @RequestParam String format, Model model) {
        return page(monthly.of(monthly.month(month)), "/reports/monthly", "month", model);
    }

    /**
     * {@code period}: the briefing's field and the route's parameter, which the download links carry. Its tickets'
     * links name it for their pages' way back ({@code back=weekly:2026-W48}); the top bar's 驾驶舱 leads to the
     * dashboard of its days, with the ranking of its month (a week's: the month of its Thursday, which holds most of
     * its days). A period that ended before the service's first ticket was reported (a new county's last week) says
     * so at the top, with the day of that ticket and a link to the period under way, which has it.
     */
    private String page(JsonNode briefing, String path, String period, Model model) {
        String value = briefing.path(period).asText();
        LocalDate from = LocalDate.parse(briefing.path("from").asText());
        LocalDate to = LocalDate.parse(briefing.path("to").asText());
        Optional<LocalDate> first = queries.firstReported().map(at -> LocalDate.ofInstant(at, properties.zone()));
        if (first.isEmpty() || to.isBefore(first.get())) {
            model.addAttribute("noDataYet", true);
            model.addAttribute("firstReported", first.map(LocalDate::toString).orElse(null));
            LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
            model.addAttribute("underWay", first.isEmpty() ? null
                    : "week".equals(period) ? IsoWeek.of(today).toString() : YearMonth.from(today).toString());
        }
        model.addAttribute("briefing", markdown.document(briefing, properties.zone()));
        model.addAttribute("path", path);
        model.addAttribute("periodName", period);
        model.addAttribute("period", value);
        boolean weekly = "week".equals(period);
        model.addAttribute("cameFrom", weekly ? WayBack.weekly(value) : WayBack.monthly(value));
        model.addAttribute(DashboardLink.ATTRIBUTE, DashboardLink.of(from, to,
                weekly ? WeeklyBriefings.monthOf(IsoWeek.parse(value)) : YearMonth.parse(value)));
        return "reports/briefing";
    }

    /**
     * The download's file extension: txt (plain text) for {@code md}, or {@code text} or {@code txt} as a person types
     * it; docx (Word) for {@code docx}, xlsx (Excel) for {@code xlsx} or none (a blank {@code format=}, as the API reads
     * it); anything else is 400 naming {@code format}.
     * The format is read as typed words are (Typed#word): TXT, Xlsx or docx with spaces around it too.
     */
    private static String extension(String typedFormat) {
        String format = Typed.word(typedFormat);
        if (format == null || "xlsx".equals(format)) {
            return "xlsx";
        }
        if ("md".equals(format) || "text".equals(format) || "txt".equals(format)) {
            return "txt";
        }
        if ("docx".equals(format)) {
            return "docx";
        }
        throw InvalidInput.of("format", Message.of("sanfu.validation.one-of", "values", "xlsx, md, docx, html"));
    }

    private ResponseEntity<byte[]> download(JsonNode briefing, String extension) {
        if ("xlsx".equals(extension)) {
            return ReportController.file(ReportController.XLSX, briefing, "xlsx", workbook.render(briefing));
        }
        if ("docx".equals(extension)) {
            return ReportController.file(ReportController.DOCX, briefing, "docx",
                    docx.render(markdown.document(briefing, properties.zone())));
        }
        // a plain-text file a leader's PC opens on a double click (Notepad, WPS) and pastes into a chat group, without
        // Markdown's marks, with a byte-order mark so that an older Notepad reads it as UTF-8, not as GBK; the API's
        // answer stays the Markdown, text/markdown, without one
        return ReportController.file(PLAIN_TEXT, briefing, "txt", ("\uFEFF"
                + BriefingText.render(markdown.document(briefing, properties.zone()))).getBytes(StandardCharsets.UTF_8));
    }
}
