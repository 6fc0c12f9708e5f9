package org.sanfu.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import org.sanfu.SanfuProperties;
import org.springframework.stereotype.Component;

/** Instants as the pages show them, in the service's zone: {@code ${@when.of(t.reportedAt)}} → "2026-12-01 10:00". */
@Component("when")
public class When {

    private final DateTimeFormatter minutes;
    private final DateTimeFormatter time;
    private final DateTimeFormatter local;

    When(SanfuProperties properties) {
        this.minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(properties.zone());
        this.time = DateTimeFormatter.ofPattern("HH:mm").withZone(properties.zone());
        this.local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(properties.zone());
    }

    public String of(Instant at) {
        return at == null ? "" : minutes.format(at);
    }

    /** The time of day alone ("10:45"), for a moment within the day, such as the end of a sign-in lock. */
    public String time(Instant at) {
        return at == null ? "" : time.format(at);
    }

    /** A month as people write it: 2021年3月. */
    public static String month(YearMonth month) {
        return month.getYear() + "年" + month.getMonthValue() + "月";
    }

    /** An ISO week as the briefings name it: 2026年第48周. */
    public static String week(IsoWeek week) {
        return week.year() + "年第" + week.week() + "周";
    }

    /** A day as people write it: 2026年12月8日. */
    public static String day(LocalDate day) {
        return month(YearMonth.from(day)) + day.getDayOfMonth() + "日";
    }

    /** The value of a {@code datetime-local} input. */
    public String local(Instant at) {
        return at == null ? "" : local.format(at);
    }
}
