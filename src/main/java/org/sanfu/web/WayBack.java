package org.sanfu.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The leaders' page a ticket's page was opened from, to lead back to (docs/UI.md, {@code /tickets/{id}?back=}):
 * the weekly briefing of a week ({@code weekly:2026-W48}), the monthly report of a month ({@code monthly:2026-06}) or
 * the dashboard of the days and the ranking's month it was asked for ({@code dashboard:2026-06-01~2026-06-30~2026-06},
 * any of the three left empty, or {@code dashboard} for none). The parameter names one of these pages and its period,
 * never an address: the link back is made here from the period read, so that no address a link was given is ever
 * sent on (no open redirect); anything else, a period outside the service's dates included, names no page and is
 * ignored.
 *
 * @param kind   weekly, monthly or dashboard: the page, and the end of its words' key (page.ticket.back.weekly)
 * @param link   the page's address, made here
 * @param period the period in words (2026年第48周, 2026年6月), null for the dashboard
 */
public record WayBack(String kind, String link, String period) {

    private static final Pattern DASHBOARD = Pattern.compile("dashboard:([-0-9]*)~([-0-9]*)~([-0-9]*)");

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
     * anything else, is left out, as {@link DashboardLink#ofDays} does) and its ranking's month, or {@code dashboard}
     * when none was asked for.
     */
    public static String dashboard(String from, String to, YearMonth month) {
        LocalDate first = DashboardLink.day(from);
        LocalDate last = DashboardLink.day(to);
        if (first == null && last == null && month == null) {
            return "dashboard";
        }
        return "dashboard:" + orEmpty(first) + "~" + orEmpty(last) + "~" + orEmpty(month);
    }

    /** The page {@code back} names, or none when it names none (missing, an address, a period that is none). */
    public static Optional<WayBack> of(String back, QueryParams dates) {
        if (back == null) {
            return Optional.empty();
        }
        if ("dashboard".equals(back)) {
            return Optional.of(new WayBack("dashboard", "/", null));
        }
        try {
            if (back.startsWith("weekly:")) {
                IsoWeek week = IsoWeek.parse(back.substring("weekly:".length()));
                return week == null || !within(dates, week.monday(), week.sunday()) ? Optional.empty()
                        : Optional.of(new WayBack("weekly", "/reports/weekly?week=" + week + "&format=html",
                                When.week(week)));
            }
            if (back.startsWith("monthly:")) {
                YearMonth month = YearMonth.parse(back.substring("monthly:".length()));
                return !within(dates, month.atDay(1), month.atEndOfMonth()) ? Optional.empty()
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
                return within ? Optional.of(new WayBack("dashboard", DashboardLink.of(from, to, month), null))
                        : Optional.empty();
            }
        } catch (DateTimeParseException notAPeriod) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean within(QueryParams dates, LocalDate first, LocalDate last) {
        return dates.within(new InvalidInput.Collector(), "back", first, last);
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }
}
