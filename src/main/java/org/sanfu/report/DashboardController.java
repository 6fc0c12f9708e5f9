package org.sanfu.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.sanfu.SanfuProperties;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.stats.StatsService;
import org.sanfu.stats.Summary;
import org.sanfu.stats.TicketFilter;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketView;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.sanfu.web.QueryParams;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The leaders' dashboard (领导驾驶舱) at {@code /}: the figures of {@code /api/stats/summary}, charts by
 * category and department, the month's ranking of {@code /api/stats/ranking} with its red cards, and the
 * open overdue tickets. LEADER, DISPATCH and ADMIN (SecurityConfig). The parameters are the API's:
 * {@code from}, {@code to}, {@code department}, {@code category} and {@code town} narrow the figures and
 * the overdue list, {@code month} picks the ranking's month (the current one by default); a malformed
 * one is 400 naming it.
 */
@Controller
class DashboardController {

    /** The overdue list shows at most this many tickets, the earliest reply deadline first. */
    static final int OVERDUE_SHOWN = 50;

    private final StatsService stats;
    private final TicketQueries tickets;
    private final QueryParams params;
    private final Catalog catalog;
    private final SanfuProperties properties;
    private final Clock clock;

    DashboardController(StatsService stats, TicketQueries tickets, QueryParams params, Catalog catalog,
            SanfuProperties properties, Clock clock) {
        this.stats = stats;
        this.tickets = tickets;
        this.params = params;
        this.catalog = catalog;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/")
    String dashboard(Caller caller, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String department,
            @RequestParam(required = false) String category, @RequestParam(required = false) String town,
            @RequestParam(required = false) String month, Model model) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Instant fromValue = params.startOf(errors, "from", from);
        Instant toValue = params.endOf(errors, "to", to);
        if (fromValue != null && toValue != null && !toValue.isAfter(fromValue)) {
            errors.add("to", "must not lie before from");
        }
        String departmentValue = params.text(department);
        if (departmentValue != null && !catalog.isDepartment(departmentValue)) {
            errors.add("department", "must be one of " + catalog.departmentCodes());
        }
        String categoryValue = params.text(category);
        if (categoryValue != null && !catalog.isCategory(categoryValue)) {
            errors.add("category", "must be one of " + catalog.categoryCodes());
        }
        YearMonth monthValue = YearMonth.now(clock.withZone(properties.zone()));
        if (params.text(month) != null) {
            try {
                monthValue = YearMonth.parse(month.strip());
            } catch (DateTimeParseException e) {
                errors.add("month", "must be a month such as 2020-06");
            }
        }
        errors.throwIfAny();
        String townValue = params.text(town);

        Summary summary = stats.summary(new TicketFilter(fromValue, toValue, departmentValue, categoryValue, townValue));
        PageResult<TicketView> overdue = tickets.openOverdue(fromValue, toValue, departmentValue, categoryValue,
                townValue, caller, PageParams.of(0, OVERDUE_SHOWN));
        String scope = scope(params.text(from), params.text(to), departmentValue, categoryValue, townValue);
        model.addAttribute("dashboard", Dashboard.of(scope, summary, stats.ranking(monthValue), overdue,
                catalog::departmentLabel, properties.zone()));
        model.addAttribute("user", caller.username());
        model.addAttribute("departments", catalog.departmentCodes().stream()
                .filter(catalog::isHandlingDepartment).map(code -> new Option(code, catalog.departmentLabel(code)))
                .toList());
        model.addAttribute("categories", catalog.categoryCodes().stream()
                .map(code -> new Option(code, catalog.categoryLabel(code))).toList());
        model.addAttribute("filter", new Filter(dateOnly(params.text(from)), dateOnly(params.text(to)), departmentValue,
                categoryValue, townValue, monthValue.toString()));
        model.addAttribute("rules", new Rules(properties.ranking().minTickets(), properties.redCard().minTickets(),
                Dashboard.percent(properties.redCard().overdueRate()),
                Dashboard.percent(properties.redCard().satisfactionRate())));
        return "dashboard";
    }

    /** The configured lines of the ranking and the red card, as the page explains them. */
    record Rules(int rankingMinTickets, int redCardMinTickets, String overdueLine, String satisfactionLine) {}

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
            parts.add("牵头部门：" + catalog.departmentLabel(department));
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
