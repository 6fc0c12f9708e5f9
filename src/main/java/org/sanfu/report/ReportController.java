package org.sanfu.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.sanfu.Message;
import org.sanfu.SanfuProperties;
import org.sanfu.Typed;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.Downloads;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.QueryParams;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The daily digest, the weekly briefing and the monthly report. LEADER, DISPATCH and ADMIN (SecurityConfig). */
@RestController
@RequestMapping("/api/reports")
class ReportController {

    // The weekly briefing declares these four so that any other Accept (application/pdf) is 406, not JSON
    static final String MARKDOWN_VALUE = "text/markdown";
    static final String XLSX_VALUE = Downloads.XLSX_VALUE;
    static final String DOCX_VALUE = Downloads.DOCX_VALUE;
    static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);
    static final MediaType XLSX = Downloads.XLSX;
    static final MediaType DOCX = Downloads.DOCX;

    private final DailyDigests digests;
    private final WeeklyBriefings briefings;
    private final BriefingMarkdown markdown;
    private final BriefingWorkbook workbook;
    private final BriefingDocx docx;
    private final SanfuProperties properties;
    private final QueryParams params;
    private final Clock clock;
    private final MonthlyReports monthly;

    ReportController(DailyDigests digests, WeeklyBriefings briefings, BriefingMarkdown markdown,
            BriefingWorkbook workbook, BriefingDocx docx, SanfuProperties properties, QueryParams params, Clock clock,
            MonthlyReports monthly) {
        this.monthly = monthly;
        this.digests = digests;
        this.briefings = briefings;
        this.markdown = markdown;
        this.workbook = workbook;
        this.docx = docx;
        this.properties = properties;
        this.params = params;
        this.clock = clock;
    }

    /** {@code ?date=2020-06-15}; today in the service's zone by default. */
    @ApiAccess(value = {"LEADER", "DISPATCH", "ADMIN"}, errors = {400, 403})
    @GetMapping("/daily")
    DailyDigest daily(@RequestParam(required = false) String date) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        LocalDate day = params.day(errors, "date", date);
        errors.throwIfAny();
        return digests.of(day != null ? day : LocalDate.now(clock.withZone(properties.zone())));
    }

    /**
     * {@code ?week=2020-W24}; last week by default. JSON, or by the Accept header Markdown
     * ({@code text/markdown}), an Excel workbook or a Word document; {@code ?format=md|xlsx|docx} does the same
     * from a browser.
     */
    @ApiAccess(value = {"LEADER", "DISPATCH", "ADMIN"}, errors = {400, 403})
    @Parameter(name = "format", in = ParameterIn.QUERY,
            schema = @Schema(allowableValues = {"md", "markdown", "xlsx", "docx"}))
    @GetMapping(path = "/weekly", produces = {MediaType.APPLICATION_JSON_VALUE, MARKDOWN_VALUE, XLSX_VALUE,
            DOCX_VALUE})
    ResponseEntity<?> weekly(@RequestParam(required = false) String week, @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        MediaType wanted = wanted(format, accept);
        return answer(briefings.of(briefings.week(week)), wanted);
    }

    /**
     * {@code ?month=2020-06}; last month by default: the monthly report (月度通报), as the weekly briefing
     * is answered (JSON, Markdown, Excel or Word).
     */
    @ApiAccess(value = {"LEADER", "DISPATCH", "ADMIN"}, errors = {400, 403})
    @Parameter(name = "format", in = ParameterIn.QUERY,
            schema = @Schema(allowableValues = {"md", "markdown", "xlsx", "docx"}))
    @GetMapping(path = "/monthly", produces = {MediaType.APPLICATION_JSON_VALUE, MARKDOWN_VALUE, XLSX_VALUE,
            DOCX_VALUE})
    ResponseEntity<?> monthly(@RequestParam(required = false) String month,
            @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        MediaType wanted = wanted(format, accept);
        return answer(monthly.of(monthly.month(month)), wanted);
    }

    private ResponseEntity<?> answer(JsonNode briefing, MediaType wanted) {
        if (wanted == MARKDOWN) {
            return ResponseEntity.ok().contentType(MARKDOWN).body(markdown.render(briefing, properties.zone()));
        }
        if (wanted == XLSX) {
            return file(XLSX, briefing, "xlsx", workbook.render(briefing));
        }
        if (wanted == DOCX) {
            return file(DOCX, briefing, "docx", docx.render(markdown.document(briefing, properties.zone())));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(briefing);
    }

    /** A briefing as a download named for its week or month (三服务简报-2020-W24.xlsx, 三服务月度通报-2020-06.md). */
    static ResponseEntity<byte[]> file(MediaType type, JsonNode briefing, String extension, byte[] content) {
        return Downloads.attachment(type, BriefingKind.of(briefing).fileName() + "." + extension, content);
    }

    /**
     * The most preferred of the four representations the client accepts; JSON when in doubt. {@code format} is read
     * as typed words are (Typed#word: XLSX or Md with spaces around it too); blank, it leaves the choice to Accept.
     */
    private static MediaType wanted(String typedFormat, String accept) {
        String format = Typed.word(typedFormat);
        if ("md".equals(format) || "markdown".equals(format)) {
            return MARKDOWN;
        }
        if ("xlsx".equals(format)) {
            return XLSX;
        }
        if ("docx".equals(format)) {
            return DOCX;
        }
        if (format != null) {
            throw InvalidInput.of("format",
                    Message.of("sanfu.validation.one-of", "values", "md, markdown, xlsx, docx"));
        }
        if (accept == null || accept.isBlank()) {
            return MediaType.APPLICATION_JSON;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (Exception e) {
            return MediaType.APPLICATION_JSON;
        }
        MediaType.sortBySpecificityAndQuality(types);
        for (MediaType type : types) {
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return MediaType.APPLICATION_JSON;
            }
            if (type.isCompatibleWith(MARKDOWN)) {
                return MARKDOWN;
            }
            if (type.isCompatibleWith(XLSX)) {
                return XLSX;
            }
            if (type.isCompatibleWith(DOCX)) {
                return DOCX;
            }
        }
        return MediaType.APPLICATION_JSON;
    }
}
