package org.sanfu.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.sanfu.SanfuProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts working days (工作日) in the service's zone. For now a working day is Monday to Friday;
 * public holidays and make-up workdays (调休) come with the holiday calendar.
 */
@Component
public class WorkingDayCalendar {

    private final ZoneId zone;

    @Autowired
    public WorkingDayCalendar(SanfuProperties properties) {
        this(properties.zone());
    }

    WorkingDayCalendar(ZoneId zone) {
        this.zone = zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * The same time of day on the {@code days}-th working day after the day of {@code from}:
     * Friday 10:00 plus one working day is Monday 10:00.
     */
    public Instant plusWorkingDays(Instant from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative: " + days);
        }
        ZonedDateTime at = from.atZone(zone);
        LocalDate day = at.toLocalDate();
        for (int counted = 0; counted < days; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return at.with(day).toInstant();
    }
}
