package org.sanfu.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanfu.Message;
import org.sanfu.SanfuProperties;
import org.sanfu.catalog.Catalog;
import org.sanfu.enterprise.EnterpriseForm;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.QueryParams;
import org.springframework.stereotype.Component;

/**
 * Reads the parameters of the leaders' figures (API, dashboard) the same way everywhere: the period
 * and filters of the summary, the ranking's month, the honour roll's quarter. A malformed one is a
 * field error naming it.
 */
@Component
public class StatsParameters {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

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
        // codes read as the ticket list reads them (TicketListParams): full-width forms as ASCII, in any ASCII case
        String departmentValue = params.code(errors, "department", department, catalog::department,
                catalog.departmentCodes());
        String categoryValue = params.code(errors, "category", category, catalog::category, catalog.categoryCodes());
        return new TicketFilter(fromValue, toValue, departmentValue, categoryValue, town(errors, town));
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
        return new VisitCoverage.Filter(fromValue, toValue, town(errors, town),
                params.bool(errors, "exporter", exporter), params.bool(errors, "key", key));
    }

    /**
     * A town as the figures name it: exactly, its ends cleaned of what a paste leaves there
     * ({@link QueryParams#trimmed}: a no-break or zero-width space too), at most as long as a file's town
     * ({@link EnterpriseForm#TOWN_MAX}, which tickets copy); a longer one could match nothing and is a fault naming
     * {@code town}.
     */
    private String town(InvalidInput.Collector errors, String town) {
        String value = params.trimmed(town);
        errors.optionalText("town", value, EnterpriseForm.TOWN_MAX);
        return value;
    }

    /**
     * {@code 2021-Q1}, as its first month; the current quarter's when not given. A malformed quarter, or
     * one outside the dates a request may name, is a field error naming it.
     */
    public YearMonth quarter(InvalidInput.Collector errors, String quarter) {
        String text = params.text(quarter);
        if (text == null) {
            return quarterOf(currentMonth());
        }
        Matcher m = QUARTER.matcher(text);
        if (!m.matches()) {
            errors.add("quarter", Message.of("sanfu.validation.quarter"));
            return null;
        }
        YearMonth first = YearMonth.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1);
        return params.within(errors, "quarter", first.atDay(1), first.plusMonths(2).atEndOfMonth()) ? first : null;
    }

    /** The first month of the quarter the month is in. */
    public static YearMonth quarterOf(YearMonth month) {
        return month.minusMonths((month.getMonthValue() - 1) % 3);
    }

    /** Today in the service's zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(properties.zone()));
    }

    /** The current month in the service's zone. */
    public YearMonth currentMonth() {
        return YearMonth.from(today());
    }

    /** {@code 2020-06}; the current month in the service's zone when not given. */
    public YearMonth month(InvalidInput.Collector errors, String month) {
        if (params.text(month) == null) {
            return currentMonth();
        }
        return parsedMonth(errors, "month", month);
    }

    /** {@code 2020-06}, required: null with a fault naming {@code name} when absent or no such month. */
    public YearMonth requiredMonth(InvalidInput.Collector errors, String name, String month) {
        if (params.text(month) == null) {
            errors.add(name, Message.of("sanfu.validation.not-blank"));
            return null;
        }
        return parsedMonth(errors, name, month);
    }

    private YearMonth parsedMonth(InvalidInput.Collector errors, String name, String month) {
        YearMonth value;
        try {
            value = YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            errors.add(name, Message.of("sanfu.validation.month"));
            return null;
        }
        // +999999999-12 parses, and its end of month would overflow
        return params.within(errors, name, value.atDay(1), value.atEndOfMonth()) ? value : null;
    }
}
