package org.sanfu.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top bar's 驾驶舱 from a page read over a period (docs/UI.md): the dashboard of that period, its figures from
 * {@code from} to {@code to} (days, both counted) and the ranking of {@code month}, rather than the current month.
 * A page puts it in its model as {@link #ATTRIBUTE}; without it the bar leads to {@code /}.
 */
public final class DashboardLink {

    /** The model attribute the top bar (layout.html) reads. */
    public static final String ATTRIBUTE = "dashboardLink";

    private DashboardLink() {
    }

    /** The dashboard of these days and this month's ranking; any of them null is left to the dashboard's default. */
    public static String of(LocalDate from, LocalDate to, YearMonth month) {
        return of(from, to, month, null, null, null);
    }

    /**
     * The dashboard of these days and this month's ranking, narrowed to a lead department, a category and a town;
     * any of them null is left to the dashboard's default. Each value is encoded whole (a town's {@code &}, {@code #},
     * {@code +} or Chinese characters included), so that the dashboard reads it back as it was.
     */
    public static String of(LocalDate from, LocalDate to, YearMonth month, String department, String category,
            String town) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("from", from);
        query.put("to", to);
        query.put("month", month);
        query.put("department", department);
        query.put("category", category);
        query.put("town", town);
        return QueryLink.of("/", query);
    }

    /** The dashboard of a month: its days' figures and its ranking. */
    public static String ofMonth(YearMonth month) {
        return of(month.atDay(1), month.atEndOfMonth(), month);
    }

    /**
     * The dashboard of the days a list was asked for, as typed there ({@code /tickets?from=&to=}): days only (a time
     * of day, or anything else, is left out), and the ranking of their month when they are one whole month, as the
     * ranking's and the red cards' lists are; null when neither is a day.
     */
    public static String ofDays(String from, String to) {
        LocalDate first = day(from);
        LocalDate last = day(to);
        if (first == null && last == null) {
            return null;
        }
        YearMonth month = first != null && last != null && first.getDayOfMonth() == 1
                && last.equals(YearMonth.from(first).atEndOfMonth()) ? YearMonth.from(first) : null;
        return of(first, last, month);
    }

    /** A day as typed ({@code 2021-03-01}), or null for anything else (a time of day too). */
    static LocalDate day(String value) {
        if (value == null || value.strip().length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
