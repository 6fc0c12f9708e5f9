package org.sanfu.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanfu.Typed;

/**
 * The leaders' page a ticket's page was opened from, to lead back to (docs/UI.md, {@code /tickets/{id}?back=}):
 * the weekly briefing of a week ({@code weekly:2026-W48}), the monthly report of a month ({@code monthly:2026-06}) or
 * the dashboard of the days and the ranking's month it was asked for ({@code dashboard:2026-06-01~2026-06-30~2026-06},
 * any of the three left empty, or {@code dashboard} for none), and of its other filters, each after them as
 * {@code name=value} ({@code dashboard:~~2026-06~department=TRANSPORT~town=城关镇}). The parameter names one of these
 * pages and its period, never an address: the link back is made here from the period and filters read, so that no
 * address a link was given is ever sent on (no open redirect); anything else, a period outside the service's dates,
 * a week or a month not begun or a filter the dashboard would refuse included, names no page and is ignored.
 *
 * @param kind   weekly, monthly or dashboard: the page, and the end of its words' key (page.ticket.back.weekly)
 * @param link   the page's address, made here
 * @param period the period in words (2026年第48周, 2026年6月), null for the dashboard
 */
public record WayBack(String kind, String link, String period) {

    /**
     * The period, then its filters as one tail, which {@link #filters} splits: a group repeated per part would recurse
     * once per part and overflow the stack on a value of thousands of them.
     */
    private static final Pattern DASHBOARD =
            Pattern.compile("dashboard:([-0-9]*)~([-0-9]*)~([-0-9]*)(~.*)?", Pattern.DOTALL);
    /**
     * Longer than any token a page writes (the days, the month, two codes and a town of 100 characters, each of them
     * escaped): a longer value names no page and is not parsed.
     */
    static final int MAX_LENGTH = 1000;
    /** The dashboard's filters besides its period, in the order its links write them. */
    private static final List<String> FILTERS = List.of("department", "category", "town");

    /**
     * What the dashboard's filters may name, as the dashboard checks them: a department's and a category's code, and a
     * town at most {@code townMax} characters long, as a line of text ({@link Text.Rule}).
     */
    public record Filters(Predicate<String> department, Predicate<String> category, int townMax) {

        boolean accept(String name, String value) {
            return switch (name) {
                case "department" -> department.test(value);
                case "category" -> category.test(value);
                // as the dashboard reads it (Typed.trimmed, a no-break or zero-width space at an end too), and not
                // blank (it would be no filter)
                case "town" -> !Typed.blank(value) && value.equals(Typed.trimmed(value))
                        && Text.Rule.fault(value, false, false, townMax) == null;
                default -> false;
            };
        }
    }

    /** What a weekly briefing's links carry: {@code weekly:2026-W48}. */
    public static String weekly(String week) {
        return "weekly:" + week;
    }

    /** What a monthly report's links carry: {@code monthly:2026-06}. */
    public static String monthly(String month) {
        return "monthly:" + month;
    }

    /**
     * What the dashboard's links carry: the days it was asked for as typed there (days only: a time of day, or
     * anything else, is left out, as {@link DashboardLink#ofDays} does), its ranking's month and its department,
     * category and town as it read them (each null when not asked for), or {@code dashboard} when none was asked for.
     * In a filter's value {@code %} and {@code ~} are written {@code %25} and {@code %7E}: {@code ~} parts the token.
     */
    public static String dashboard(String from, String to, YearMonth month, String department, String category,
            String town) {
        LocalDate first = DashboardLink.day(from);
        LocalDate last = DashboardLink.day(to);
        List<String> values = Arrays.asList(department, category, town);
        if (first == null && last == null && month == null && values.stream().allMatch(Objects::isNull)) {
            return "dashboard";
        }
        StringBuilder token = new StringBuilder("dashboard:").append(orEmpty(first)).append('~').append(orEmpty(last))
                .append('~').append(orEmpty(month));
        for (int i = 0; i < FILTERS.size(); i++) {
            if (values.get(i) != null) {
                token.append('~').append(FILTERS.get(i)).append('=')
                        .append(values.get(i).replace("%", "%25").replace("~", "%7E"));
            }
        }
        return token.toString();
    }

    /**
     * The page {@code back} names, or none when it names none (missing, an address, a period that is none, a filter the
     * dashboard would refuse: {@code filters}). A week or a month not begun by {@code today} (the service's clock, in
     * its zone) names none either: its briefing or report is refused (400), so no link may lead there.
     */
    public static Optional<WayBack> of(String back, LocalDate today, QueryParams dates, Filters filters) {
        if (back == null || back.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if ("dashboard".equals(back)) {
            return Optional.of(new WayBack("dashboard", "/", null));
        }
        try {
            if (back.startsWith("weekly:")) {
                IsoWeek week = IsoWeek.parse(back.substring("weekly:".length()));
                return week == null || !within(dates, week.monday(), week.sunday()) || week.monday().isAfter(today)
                        ? Optional.empty()
                        : Optional.of(new WayBack("weekly", "/reports/weekly?week=" + week + "&format=html",
                                When.week(week)));
            }
            if (back.startsWith("monthly:")) {
                YearMonth month = YearMonth.parse(back.substring("monthly:".length()));
                return !within(dates, month.atDay(1), month.atEndOfMonth()) || month.atDay(1).isAfter(today)
                        ? Optional.empty()
                        : Optional.of(new WayBack("monthly", "/reports/monthly?month=" + month + "&format=html",
                                When.month(month)));
            }
            Matcher dashboard = DASHBOARD.matcher(back);
            if (dashboard.matches()) {
                LocalDate from = dashboard.group(1).isEmpty() ? null : LocalDate.parse(dashboard.group(1));
                LocalDate to = dashboard.group(2).isEmpty() ? null : LocalDate.parse(dashboard.group(2));
                YearMonth month = dashboard.group(3).isEmpty() ? null : YearMonth.parse(dashboard.group(3));
                boolean within = (from == null || within(dates, from, from)) && (to == null || within(dates, to, to))
                        && (month == null || within(dates, month.atDay(1), month.atEndOfMonth()));
                Map<String, String> filtered = filters(Objects.requireNonNullElse(dashboard.group(4), ""), filters);
                return within && filtered != null ? Optional.of(new WayBack("dashboard", DashboardLink.of(from, to,
                        month, filtered.get("department"), filtered.get("category"), filtered.get("town")), null))
                        : Optional.empty();
            }
        } catch (DateTimeParseException notAPeriod) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The filters after the dashboard's period ({@code ~department=TRANSPORT~town=城关镇}) by name, or null when any
     * part is not one the dashboard would take: no known name, a name twice, a value it refuses or an escape that is none.
     */
    private static Map<String, String> filters(String parts, Filters known) {
        Map<String, String> filters = new HashMap<>();
        if (parts.isEmpty()) {
            return filters;
        }
        for (String part : parts.substring(1).split("~", -1)) {
            int equals = part.indexOf('=');
            String name = equals < 0 ? part : part.substring(0, equals);
            String value = equals < 0 ? null : unescape(part.substring(equals + 1));
            if (!FILTERS.contains(name) || value == null || filters.put(name, value) != null
                    || !known.accept(name, value)) {
                return null;
            }
        }
        return filters;
    }

    /** A filter's value as written in the token ({@code %25} and {@code %7E} for {@code %} and {@code ~}); null if not. */
    private static String unescape(String written) {
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c != '%') {
                value.append(c);
            } else if (written.startsWith("25", i + 1)) {
                value.append('%');
                i += 2;
            } else if (written.regionMatches(true, i + 1, "7E", 0, 2)) {
                value.append('~');
                i += 2;
            } else {
                return null;
            }
        }
        return value.toString();
    }

    private static boolean within(QueryParams dates, LocalDate first, LocalDate last) {
        return dates.within(new InvalidInput.Collector(), "back", first, last);
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }
}
