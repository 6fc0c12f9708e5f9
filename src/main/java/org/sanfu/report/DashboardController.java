package org.sanfu.report;

import jakarta.servlet.http.HttpServletResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sanfu.SanfuProperties;
import org.sanfu.systemic.SystemicQueries;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.stats.RankingProperties;
import org.sanfu.stats.RedCardProperties;
import org.sanfu.stats.StatsParameters;
import org.sanfu.stats.StatsService;
import org.sanfu.stats.Summary;
import org.sanfu.stats.TicketFilter;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketView;
import org.sanfu.web.FormErrors;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.IsoWeek;
import org.sanfu.web.Page;
import org.sanfu.security.Role;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.sanfu.web.QueryFaults;
import org.sanfu.web.QueryParams;
import org.sanfu.web.WayBack;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The leaders' dashboard (领导驾驶舱) at {@code /}: the figures of {@code /api/stats/summary}, charts by
 * category and department, the month's ranking of {@code /api/stats/ranking} with its red cards, and the
 * open overdue tickets, each linking to its page. LEADER, DISPATCH and ADMIN; staff and departments are
 * sent to their own home, {@code /work}. The parameters are the API's:
 * {@code from}, {@code to}, {@code department}, {@code category} and {@code town} narrow the figures and
 * the overdue list, {@code month} picks the ranking's month (the current one by default); a malformed
 * one is 400 with the dashboard of the whole scope, the form as typed and the faults named above it.
 */
@Page
class DashboardController {

    /** The overdue list shows at most this many tickets, the earliest reply deadline first. */
    static final int OVERDUE_SHOWN = 50;
    /** The closed list shows the latest this many. */
    static final int CLOSED_SHOWN = 20;
    /** The systemic problems shown: the newest this many proposed or confirmed. */
    static final int SYSTEMIC_SHOWN = 20;

    private final StatsService stats;
    private final StatsParameters parameters;
    private final TicketQueries tickets;
    private final QueryParams params;
    private final Catalog catalog;
    private final SanfuProperties properties;
    private final Rules rules;
    private final SystemicQueries systemic;
    private final FormErrors formErrors;

    DashboardController(StatsService stats, StatsParameters parameters, TicketQueries tickets, QueryParams params,
            Catalog catalog, SanfuProperties properties, RankingProperties ranking, RedCardProperties redCard,
            SystemicQueries systemic, FormErrors formErrors) {
        this.systemic = systemic;
        this.formErrors = formErrors;
        this.stats = stats;
        this.parameters = parameters;
        this.tickets = tickets;
        this.params = params;
        this.catalog = catalog;
        this.properties = properties;
        this.rules = new Rules(ranking.minTickets(), ranking.golds() == 1 ? "第一名" : "前 " + ranking.golds() + " 名",
                Dashboard.decimal(ranking.goldMinScore()), ranking.snailMinRanked(),
                redCard.minTickets(), Dashboard.percent(redCard.overdueRate()),
                Dashboard.percent(redCard.satisfactionRate()), Dashboard.scoreFormula(ranking.weights()));
    }

    @GetMapping("/")
    String dashboard(Caller caller, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String department,
            @RequestParam(required = false) String category, @RequestParam(required = false) String town,
            @RequestParam(required = false) String month, QueryFaults query, Model model,
            HttpServletResponse response) {
        if (caller.is(Role.STAFF, Role.DEPT)) {
            return "redirect:/work";
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (!query.none()) {
            errors.addAll(query.refusal()); // malformed or given twice (web.StrictQueries): named as any other
        }
        TicketFilter filter = parameters.filter(errors, from, to, department, category, town);
        YearMonth monthValue = parameters.month(errors, month);
        Map<String, String> faults = formErrors.of(errors);
        if (!faults.isEmpty()) {
            // a filter typed wrong: the dashboard of the whole scope (its scope line says so), with what
            // was typed kept in the form and what is wrong named above it, not a bare error page (400)
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            filter = new TicketFilter(null, null, null, null, null);
            monthValue = parameters.month(new InvalidInput.Collector(), null);
        }
        model.addAttribute("filterErrors", faults);
        String departmentValue = filter.department();
        String categoryValue = filter.category();
        String townValue = filter.town();

        Summary summary = stats.summary(filter);
        PageResult<TicketView> overdue = tickets.openOverdue(filter.from(), filter.toExclusive(), departmentValue,
                categoryValue, townValue, caller, PageParams.of(0, OVERDUE_SHOWN));
        String scope = faults.isEmpty()
                ? scope(params.text(from), params.text(to), departmentValue, categoryValue, townValue)
                : scope(null, null, null, null, null);
        // The latest closed tickets of the same scope, newest reported first: a leader opens what was closed.
        // The department is the lead, as the figures count it: the list's total is the 办结 figure.
        PageResult<TicketView> closed = tickets.list(new org.sanfu.ticket.TicketFilter(
                org.sanfu.ticket.TicketStatus.CLOSED, null, categoryValue, townValue, null, null,
                filter.from(), filter.toExclusive(), null, departmentValue), caller, PageParams.of(0, CLOSED_SHOWN));
        model.addAttribute("closed", closed);
        // dispatch and leaders land here, while what waits for them to act is on /work: how much (none too, so
        // that the way there is always in sight), and the way there; nothing waits for the admin, who acts on none
        if (caller.role() != Role.ADMIN) {
            model.addAttribute("waiting", tickets.inboxTotal(caller));
        }
        model.addAttribute("systemicProblems", systemic.recent(SYSTEMIC_SHOWN));
        TicketLinks links = faults.isEmpty() ? TicketLinks.of(params.text(from), params.text(to), departmentValue,
                categoryValue, townValue) : TicketLinks.whole();
        model.addAttribute("dashboard", Dashboard.of(scope, summary, stats.ranking(monthValue), overdue,
                catalog::departmentLabel, properties.zone(), links));
        model.addAttribute("departments", catalog.departmentCodes().stream()
                .filter(catalog::isHandlingDepartment).map(code -> new Option(code, catalog.departmentLabel(code)))
                .toList());
        model.addAttribute("categories", catalog.categoryCodes().stream()
                .map(code -> new Option(code, catalog.categoryLabel(code))).toList());
        // as typed (a refused value too); the month the ranking shows when none was typed, a refused filter too
        String typedMonth = params.text(month);
        model.addAttribute("filter", new Filter(dateOnly(params.text(from)), dateOnly(params.text(to)),
                params.text(department), params.text(category), params.text(town),
                faults.isEmpty() || typedMonth == null ? monthValue.toString() : typedMonth));
        model.addAttribute("rules", rules);
        // the honour roll of the quarter the ranking's month falls in (季度通报)
        model.addAttribute("quarter", QuarterRoll.of(stats.medals(StatsParameters.quarterOf(monthValue),
                parameters.currentMonth())));
        model.addAttribute("mayRecordTalks", caller.is(Role.LEADER));
        // the period read here, kept by the ways on: a ticket's page leads back to this month's dashboard, filtered
        // as here (back=dashboard:2021-03-01~2021-03-31~2021-03~town=大溪镇, web.WayBack), and the briefing forms ask
        // for the month or the week asked for here
        YearMonth asked = faults.isEmpty() && typedMonth != null ? monthValue : null;
        model.addAttribute("cameFrom", faults.isEmpty() ? WayBack.dashboard(params.text(from), params.text(to), asked,
                departmentValue, categoryValue, townValue) : WayBack.dashboard(null, null, null, null, null, null));
        model.addAttribute("reportMonth", asked == null ? null : asked.toString());
        model.addAttribute("reportWeek", faults.isEmpty() ? week(params.text(from), params.text(to)) : null);
        // the latest the briefing forms may ask for: a week or month not begun is refused (WeeklyBriefings.week,
        // MonthlyReports.month), so the pickers stop at the one under way
        model.addAttribute("reportWeekMax", IsoWeek.of(parameters.today()).toString());
        model.addAttribute("reportMonthMax", parameters.currentMonth().toString());
        return "dashboard";
    }

    /** The ISO week these days are, Monday to Sunday (2021-W10), or null when they are not one. */
    private static String week(String from, String to) {
        try {
            LocalDate monday = from == null || to == null ? null : LocalDate.parse(from);
            return monday != null && monday.getDayOfWeek() == DayOfWeek.MONDAY
                    && LocalDate.parse(to).equals(monday.plusDays(6)) ? IsoWeek.of(monday).toString() : null;
        } catch (DateTimeParseException notADay) {
            return null;
        }
    }

    /** The configured lines of the ranking and the red card, as the page explains them. */
    record Rules(int rankingMinTickets, String goldPlaces, String goldMinScore, int snailMinRanked,
            int redCardMinTickets, String overdueLine, String satisfactionLine, String scoreFormula) {}

    /** A choice in the filter form. */
    record Option(String code, String label) {}

    /** The filter form's current values; dates only when given as dates (a date input shows nothing else). */
    record Filter(String from, String to, String department, String category, String town, String month) {}

    private static String dateOnly(String value) {
        return value != null && value.length() == 10 ? value : null;
    }

    /** The period and filters in words: "2021-03-01 至 2021-03-31 · 交通运输局（港航） · 大溪镇". */
    private String scope(String from, String to, String department, String category, String town) {
        List<String> parts = new ArrayList<>();
        if (from == null && to == null) {
            parts.add("全部时间");
        } else if (to == null) {
            parts.add(day(from) + " 起");
        } else if (from == null) {
            parts.add("截至 " + day(to));
        } else {
            parts.add(day(from) + " 至 " + day(to));
        }
        if (department != null) {
            parts.add("主办部门：" + catalog.departmentLabel(department));
        }
        if (category != null) {
            parts.add("类别：" + catalog.categoryLabel(category));
        }
        if (town != null) {
            parts.add("镇（街道）：" + town);
        }
        return String.join(" · ", parts);
    }

    /** A date as given; a date-time shown as its day in the service's zone. */
    private String day(String value) {
        if (value.length() == 10) {
            return value;
        }
        return LocalDate.ofInstant(QueryParams.parseInstant(value, properties.zone()), properties.zone()).toString();
    }
}
