package org.sanfu.report;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.sanfu.SanfuProperties;
import org.sanfu.Typed;
import org.sanfu.stats.StatsParameters;
import org.sanfu.stats.VisitCoverage;
import org.sanfu.web.DashboardLink;
import org.sanfu.web.FormErrors;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Page;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.sanfu.web.QueryFaults;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 走访覆盖 at {@code /reports/coverage}: of the enterprises on file, how many a visit or forum met in the
 * period, town by town (the lowest coverage first), and the enterprises not met, never met first, each
 * with its specialist (驻企服务专员) so that the office knows whom to send. The parameters are those of
 * {@code /api/stats/coverage}; without {@code from} and {@code to} the period is this month so far. A
 * malformed one is 400 with this month's figures, the form as typed and the faults named above it, a page number
 * (页码) below 0 or no whole number among them.
 * LEADER, DISPATCH and ADMIN (SecurityConfig: /reports/**).
 */
@Page
class CoveragePage {

    static final int PAGE_SIZE = 20;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final VisitCoverage coverage;
    private final StatsParameters parameters;
    private final FormErrors formErrors;
    private final ZoneId zone;
    private final Clock clock;

    CoveragePage(VisitCoverage coverage, StatsParameters parameters, FormErrors formErrors, SanfuProperties properties,
            Clock clock) {
        this.coverage = coverage;
        this.parameters = parameters;
        this.formErrors = formErrors;
        this.zone = properties.zone();
        this.clock = clock;
    }

    /** A town's line: its figures in words, and its name (null: enterprises filed without a town). */
    record TownRow(String town, long enterprises, long visited, long unvisited, String coverageRate, long visits) {}

    /** An enterprise not met: the last time it was met, as a day, or null for never. */
    record UnvisitedRow(String creditCode, String name, String town, String specialist, boolean exporter, boolean key,
            String lastVisited) {}

    /**
     * The form as typed (or this month's first day and today when no period was given); "" for a field left
     * empty. Also the filter the figures count, which is this month's alone when the typed one was refused.
     */
    record Form(String from, String to, String town, String exporter, String key) {}

    @GetMapping("/reports/coverage")
    String coverage(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String town, @RequestParam(required = false) String exporter,
            @RequestParam(required = false) String key, @RequestParam(required = false) String page,
            QueryFaults query, Model model, HttpServletResponse response) {
        Form form = blank(from) && blank(to) ? thisMonth(town, exporter, key)
                : new Form(text(from), text(to), text(town), text(exporter), text(key));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (!query.none()) {
            errors.addAll(query.refusal()); // malformed or given twice (web.StrictQueries): named as any other
        }
        VisitCoverage.Filter filter = parameters.coverage(errors, form.from(), form.to(), form.town(), form.exporter(),
                form.key());
        // a page number refused is one more fault above the figures, the first page shown, not the generic 400 page
        // that dropped the other faults after both queries ran
        PageParams shown = PageParams.shown(errors, page, PAGE_SIZE);
        Map<String, String> faults = formErrors.of(errors);
        // what the figures count: the links (a town, the next page) carry it, not a refused filter
        Form counted = form;
        if (!faults.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            counted = thisMonth(null, null, null);
            filter = parameters.coverage(new InvalidInput.Collector(), counted.from(), counted.to(), null, null, null);
        }
        VisitCoverage.Coverage figures = coverage.of(filter);
        PageResult<VisitCoverage.Unvisited> unvisited = coverage.unvisited(filter, shown);
        model.addAttribute("filterErrors", faults);
        model.addAttribute("form", form);
        model.addAttribute("counted", counted);
        model.addAttribute("total", row(null, figures.total()));
        model.addAttribute("towns", figures.byTown().stream().map(t -> row(t.key(), t.figures())).toList());
        model.addAttribute("unvisited", unvisited.map(this::unvisitedRow));
        model.addAttribute("scope", scope(filter));
        if (faults.isEmpty() && !(blank(from) && blank(to))) {
            // the period asked for: the top bar's 驾驶舱 keeps it, as the dashboard's 走访覆盖 kept its own
            model.addAttribute(DashboardLink.ATTRIBUTE, DashboardLink.ofDays(form.from(), form.to()));
        }
        return "reports/coverage";
    }

    private Form thisMonth(String town, String exporter, String key) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return new Form(today.withDayOfMonth(1).toString(), today.toString(), text(town), text(exporter), text(key));
    }

    private static TownRow row(String town, VisitCoverage.Figures f) {
        return new TownRow(town, f.enterprises(), f.visited(), f.unvisited(), Dashboard.percent(f.coverageRate()),
                f.visits());
    }

    private UnvisitedRow unvisitedRow(VisitCoverage.Unvisited u) {
        return new UnvisitedRow(u.creditCode(), u.name(), u.town(), u.specialist(), u.exporter(), u.key(),
                u.lastVisitedAt() == null ? null : DAY.format(u.lastVisitedAt().atZone(zone)));
    }

    /** The period in words, as counted: "2026-12-01 至 2026-12-02". */
    private String scope(VisitCoverage.Filter filter) {
        String from = day(filter.from());
        // the end is exclusive: the day before it is the last one counted
        String to = filter.to() == null ? null : DAY.format(filter.to().atZone(zone).minusNanos(1));
        if (from == null && to == null) {
            return "全部时间";
        }
        return from == null ? "截至 " + to : to == null ? from + " 起" : from + " 至 " + to;
    }

    private String day(Instant instant) {
        return instant == null ? null : DAY.format(instant.atZone(zone));
    }

    /**
     * As meant: its ends without the spaces a paste leaves, a no-break or zero-width one too (Typed.trimmed, as the
     * figures read a town), so that the form and its links say the town counted; "" for none (a link then carries an
     * empty parameter, read as none).
     */
    private static String text(String value) {
        return value == null ? "" : Typed.trimmed(value);
    }

    private static boolean blank(String value) {
        return Typed.blank(value);
    }
}
