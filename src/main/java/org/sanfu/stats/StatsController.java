package org.sanfu.stats;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.sanfu.SanfuProperties;
import org.sanfu.catalog.Catalog;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.QueryParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** LEADER, DISPATCH and ADMIN (SecurityConfig); STAFF and DEPT get 403. */
@RestController
@RequestMapping("/api/stats")
class StatsController {

    private final StatsService stats;
    private final QueryParams params;
    private final Catalog catalog;
    private final SanfuProperties properties;
    private final java.time.Clock clock;

    StatsController(StatsService stats, QueryParams params, Catalog catalog, SanfuProperties properties,
            java.time.Clock clock) {
        this.stats = stats;
        this.params = params;
        this.catalog = catalog;
        this.properties = properties;
        this.clock = clock;
    }

    /** Tickets count in the period in which they were reported; without from/to, all time. */
    @ApiAccess(value = {"LEADER", "DISPATCH", "ADMIN"}, errors = {400, 403})
    @GetMapping("/summary")
    Summary summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String department, @RequestParam(required = false) String category,
            @RequestParam(required = false) String town) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Instant fromValue = params.startOf(errors, "from", from);
        Instant toValue = params.endOf(errors, "to", to);
        if (fromValue != null && toValue != null && !toValue.isAfter(fromValue)) {
            errors.add("to", "must not lie before from");
        }
        if (params.text(department) != null && !catalog.isDepartment(department.strip())) {
            errors.add("department", "must be one of " + catalog.departmentCodes());
        }
        if (params.text(category) != null && !catalog.isCategory(category.strip())) {
            errors.add("category", "must be one of " + catalog.categoryCodes());
        }
        errors.throwIfAny();
        return stats.summary(new TicketFilter(fromValue, toValue, params.text(department), params.text(category),
                params.text(town)));
    }

    /** {@code ?month=2020-06}; the current month by default. */
    @ApiAccess(value = {"LEADER", "DISPATCH", "ADMIN"}, errors = {400, 403})
    @GetMapping("/ranking")
    Ranking ranking(@RequestParam(required = false) String month) {
        YearMonth value;
        if (params.text(month) == null) {
            value = YearMonth.now(clock.withZone(properties.zone()));
        } else {
            try {
                value = YearMonth.parse(month.strip());
            } catch (DateTimeParseException e) {
                throw InvalidInput.of("month", "must be a month such as 2020-06");
            }
        }
        return stats.ranking(value);
    }
}
