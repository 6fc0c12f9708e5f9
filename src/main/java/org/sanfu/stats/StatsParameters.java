package org.sanfu.stats;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.sanfu.Message;
import org.sanfu.SanfuProperties;
import org.sanfu.catalog.Catalog;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.QueryParams;
import org.springframework.stereotype.Component;

/**
 * Reads the parameters of the leaders' figures (API, dashboard) the same way everywhere: the period
 * and filters of the summary, the ranking's month. A malformed one is a field error naming it.
 */
@Component
public class StatsParameters {

    private final QueryParams params;
    private final Catalog catalog;
    private final SanfuProperties properties;
    private final Clock clock;

    StatsParameters(QueryParams params, Catalog catalog, SanfuProperties properties, Clock clock) {
        this.params = params;
        this.catalog = catalog;
        this.properties = properties;
        this.clock = clock;
    }

    /** Tickets reported from {@code from} to {@code to} (dates or date-times), of a lead department, category, town. */
    public TicketFilter filter(InvalidInput.Collector errors, String from, String to, String department,
            String category, String town) {
        Instant fromValue = params.startOf(errors, "from", from);
        Instant toValue = params.endOf(errors, "to", to);
        params.inOrder(errors, fromValue, toValue);
        String departmentValue = params.text(department);
        if (departmentValue != null && !catalog.isDepartment(departmentValue)) {
            errors.add("department", Message.of("sanfu.validation.one-of", "values", catalog.departmentCodes()));
        }
        String categoryValue = params.text(category);
        if (categoryValue != null && !catalog.isCategory(categoryValue)) {
            errors.add("category", Message.of("sanfu.validation.one-of", "values", catalog.categoryCodes()));
        }
        return new TicketFilter(fromValue, toValue, departmentValue, categoryValue, params.text(town));
    }

    /**
     * Visit coverage: visits from {@code from} to {@code to} (dates or date-times; either may be left open),
     * of the enterprises in a town, exporters or not, key enterprises or not.
     */
    public VisitCoverage.Filter coverage(InvalidInput.Collector errors, String from, String to, String town,
            String exporter, String key) {
        Instant fromValue = params.startOf(errors, "from", from);
        Instant toValue = params.endOf(errors, "to", to);
        params.inOrder(errors, fromValue, toValue);
        return new VisitCoverage.Filter(fromValue, toValue, params.text(town),
                params.bool(errors, "exporter", exporter), params.bool(errors, "key", key));
    }

    /** {@code 2020-06}; the current month in the service's zone when not given. */
    public YearMonth month(InvalidInput.Collector errors, String month) {
        if (params.text(month) == null) {
            return YearMonth.now(clock.withZone(properties.zone()));
        }
        YearMonth value;
        try {
            value = YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            errors.add("month", Message.of("sanfu.validation.month"));
            return null;
        }
        // +999999999-12 parses, and its end of month would overflow
        return params.within(errors, "month", value.atDay(1), value.atEndOfMonth()) ? value : null;
    }
}
