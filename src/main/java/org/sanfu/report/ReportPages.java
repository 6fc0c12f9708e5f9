package org.sanfu.report;

import java.nio.charset.StandardCharsets;
import org.sanfu.Message;
import org.sanfu.SanfuProperties;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The weekly briefing for the workbench's signed-in leaders: {@code /reports/weekly?week=&format=xlsx|md}
 * downloads what {@code /api/reports/weekly} answers to a program (the same week rules: last week by
 * default), as the Excel workbook or the Markdown text, with a file name that says which week. The
 * dashboard links to it. LEADER, DISPATCH and ADMIN (SecurityConfig); a wrong week or format is a
 * Chinese 400 page.
 */
@Page
class ReportPages {

    private final WeeklyBriefings briefings;
    private final BriefingMarkdown markdown;
    private final BriefingWorkbook workbook;
    private final SanfuProperties properties;

    ReportPages(WeeklyBriefings briefings, BriefingMarkdown markdown, BriefingWorkbook workbook,
            SanfuProperties properties) {
        this.briefings = briefings;
        this.markdown = markdown;
        this.workbook = workbook;
        this.properties = properties;
    }

    @GetMapping("/reports/weekly")
    ResponseEntity<byte[]> weekly(@RequestParam(required = false) String week,
            @RequestParam(required = false) String format) {
        boolean text = "md".equals(format);
        if (!text && format != null && !"xlsx".equals(format)) {
            throw InvalidInput.of("format", Message.of("sanfu.validation.one-of", "values", "xlsx, md"));
        }
        IsoWeek which = briefings.week(week);
        if (!text) {
            return ReportController.file(ReportController.XLSX, which, "xlsx", workbook.render(briefings.of(which)));
        }
        return ReportController.file(ReportController.MARKDOWN, which, "md",
                markdown.render(briefings.of(which), properties.zone()).getBytes(StandardCharsets.UTF_8));
    }
}
