package org.sanfu.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The leaders' page a ticket's page was opened from, to lead back to (docs/UI.md, {@code /tickets/{id}?back=}):
 * the weekly briefing of a week ({@code weekly:2026-W48}), the monthly report of a month ({@code monthly:2026-06}) or
 * the dashboard ({@code dashboard}, or {@code dashboard:2026-06} for a month's ranking). The parameter names one of
 * these pages and its period, never an address: the link back is made here from the period read, so that no
 * address a link was given is ever sent on (no open redirect); anything else names no page and is ignored.
 *
 * @param kind   weekly, monthly or dashboard: the page, and the end of its words' key (page.ticket.back.weekly)
 * @param link   the page's address, made here
 * @param period the period in words (2026年第48周, 2026年6月), null for the dashboard without a month
 */
public record WayBack(String kind, String link, String period) {

    private static final Pattern WEEKLY = Pattern.compile("weekly:(\\d{4})-W(\\d{2})");
    private static final Pattern MONTHLY = Pattern.compile("(monthly|dashboard):(\\d{4}-\\d{2})");

    /** What a weekly briefing's links carry: {@code weekly:2026-W48}. */
    public static String weekly(String week) {
        return "weekly:" + week;
    }

    /** What a monthly report's links carry: {@code monthly:2026-06}. */
    public static String monthly(String month) {
        return "monthly:" + month;
    }

    /** What the dashboard's links carry: {@code dashboard:2026-06} for a month asked for, {@code dashboard} without. */
    public static String dashboard(YearMonth month) {
        return month == null ? "dashboard" : "dashboard:" + month;
    }

    /** The page {@code back} names, or none when it names none (missing, an address, a week or a month that is not). */
    public static Optional<WayBack> of(String back) {
        if ("dashboard".equals(back)) {
            return Optional.of(new WayBack("dashboard", "/", null));
        }
        Matcher weekly = WEEKLY.matcher(back == null ? "" : back);
        if (weekly.matches()) {
            int year = Integer.parseInt(weekly.group(1));
            int week = Integer.parseInt(weekly.group(2));
            // a week of its year: 2020-W53 is one, 2021-W53 none
            if (week < 1 || week > LocalDate.of(year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                return Optional.empty();
            }
            return Optional.of(new WayBack("weekly", "/reports/weekly?week=" + back.substring(7) + "&format=html",
                    year + "年第" + week + "周"));
        }
        Matcher monthly = MONTHLY.matcher(back == null ? "" : back);
        if (monthly.matches()) {
            YearMonth month;
            try {
                month = YearMonth.parse(monthly.group(2));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
            return Optional.of("monthly".equals(monthly.group(1))
                    ? new WayBack("monthly", "/reports/monthly?month=" + month + "&format=html", When.month(month))
                    : new WayBack("dashboard", DashboardLink.of(null, null, month), When.month(month)));
        }
        return Optional.empty();
    }
}
