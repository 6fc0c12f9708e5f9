package org.sanfu.calendar;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * "剩 2.5 个工作日" / "已超期 1 个工作日": a deadline as the workbench's pages show it, counted in
 * working days from now; "已超期" alone, or "剩不足 0.1 个工作日", where that rounds to 0.0. Templates call it as
 * {@code ${@timeLeft.of(deadline)}}, and {@code ${@timeLeft.waited(since)}} for the time waited since (已等待 3
 * 个工作日).
 */
@Component("timeLeft")
public class TimeLeft {

    private final WorkingDayCalendar calendar;
    private final Clock clock;

    TimeLeft(WorkingDayCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    /** The working days left until the deadline; null without one. */
    public Left of(Instant deadline) {
        if (deadline == null) {
            return null;
        }
        Instant now = clock.instant();
        double days = calendar.workingDaysBetween(now, deadline);
        boolean passed = !deadline.isAfter(now);
        String amount = amount(days);
        // outside working hours a deadline just passed, or just ahead, is 0.0 working days away
        boolean none = amount == null;
        String text = passed ? (none ? "已超期" : "已超期 " + amount + " 个工作日")
                : none ? "剩不足 0.1 个工作日" : "剩 " + amount + " 个工作日";
        return new Left(days, passed, text);
    }

    /**
     * How long something has waited since then, in the same words: "已等待 3 个工作日", "已等待 2.5 个工作日",
     * "已等待不足 0.1 个工作日" (since a Saturday, or since 08:00 seen at 08:30); null without a time.
     */
    public String waited(Instant since) {
        if (since == null) {
            return null;
        }
        String amount = amount(calendar.workingDaysBetween(since, clock.instant()));
        return amount == null ? "已等待不足 0.1 个工作日" : "已等待 " + amount + " 个工作日";
    }

    /** To a tenth, whole days without a needless ".0" (54, 2.5); null where that rounds to 0.0. */
    private static String amount(double days) {
        String amount = String.format(Locale.ROOT, "%.1f", Math.abs(days));
        if (amount.equals("0.0")) {
            return null;
        }
        return amount.endsWith(".0") ? amount.substring(0, amount.length() - 2) : amount;
    }

    /** @param days negative once the deadline has passed */
    public record Left(double days, boolean passed, String text) {}
}
