package org.sanfu.calendar;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * "剩 2.5 个工作日" / "已超期 1 个工作日": a deadline as the workbench's pages show it, counted in
 * working days from now; "已超期" alone, or "剩不足 0.1 个工作日", where that rounds to 0.0. Templates call it as {@code ${@timeLeft.of(deadline)}}.
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
        String amount = String.format(Locale.ROOT, "%.1f", Math.abs(days));
        // outside working hours a deadline just passed, or just ahead, is 0.0 working days away
        boolean none = amount.equals("0.0");
        // whole days without a needless ".0": 已超期 54 个工作日, 剩 2 个工作日; 2.5 stays 2.5
        if (amount.endsWith(".0")) {
            amount = amount.substring(0, amount.length() - 2);
        }
        String text = passed ? (none ? "已超期" : "已超期 " + amount + " 个工作日")
                : none ? "剩不足 0.1 个工作日" : "剩 " + amount + " 个工作日";
        return new Left(days, passed, text);
    }

    /** @param days negative once the deadline has passed */
    public record Left(double days, boolean passed, String text) {}
}
