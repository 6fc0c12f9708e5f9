package org.sanfu.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.sanfu.SanfuProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Counts working days (工作日) in the service's zone: Monday to Friday, less public holidays, plus
 * make-up workdays (调休), each working day from work-start to work-end.
 */
@Component
public class WorkingDayCalendar {

    private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

    private final ZoneId zone;
    private final LocalTime workStart;
    private final LocalTime workEnd;
    private final Holidays holidays;

    @Autowired
    public WorkingDayCalendar(SanfuProperties properties, CalendarProperties calendar, Clock clock) {
        this(properties.zone(), calendar.workStart(), calendar.workEnd(), load(calendar.holidaysFile()));
        int year = LocalDate.now(clock.withZone(zone)).getYear();
        for (int y = year; y <= year + 1; y++) {
            if (holidays.covers(y) || (y > year && LocalDate.now(clock.withZone(zone)).getMonthValue() != 12)) {
                continue;
            }
            if (holidays.isProvisional(y)) {
                log.warn("the public holidays on file for {} are provisional: the days the law gives off, without "
                        + "the State Council's make-up workdays; add its notice for {} to {}", y, y,
                        calendar.holidaysFile());
            } else {
                log.warn("no public holidays on file for {}: deadlines count weekends only; add the State Council "
                        + "notice for {} to {}", y, y, calendar.holidaysFile());
            }
        }
    }

    public WorkingDayCalendar(ZoneId zone, LocalTime workStart, LocalTime workEnd, Holidays holidays) {
        this.zone = zone;
        this.workStart = workStart;
        this.workEnd = workEnd;
        this.holidays = holidays;
    }

    /** ./config/holidays.yml from the working directory when it exists, else the copy in the jar. */
    static Holidays load(String file) {
        Path path = Path.of(file);
        try (InputStream in = Files.exists(path) ? Files.newInputStream(path) : new ClassPathResource(file).getInputStream()) {
            return Holidays.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the holiday calendar " + file + ": " + e.getMessage(), e);
        }
    }

    public boolean isWorkingDay(LocalDate day) {
        if (holidays.isMakeUpWorkday(day)) {
            return true;
        }
        if (holidays.isDayOff(day)) {
            return false;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * The end of the {@code days}-th working day after the day of {@code from} (the day itself is
     * not counted, as in "N个工作日内"): reported on Friday, one working day is Monday at work-end.
     * Zero days is {@code from} itself.
     */
    public Instant plusWorkingDays(Instant from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative: " + days);
        }
        if (days == 0) {
            return from;
        }
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int counted = 0; counted < days; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day.atTime(workEnd).atZone(zone).toInstant();
    }

    /** Working time between two instants: only the hours of working days count. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate day = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                Instant start = max(from, at(day, workStart));
                Instant end = min(to, at(day, workEnd));
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /**
     * Working days between two instants, a working day being the hours from work-start to work-end:
     * negative when {@code to} lies before {@code from} (a deadline already passed).
     */
    public double workingDaysBetween(Instant from, Instant to) {
        double day = Duration.between(workStart, workEnd).toMinutes();
        return to.isBefore(from) ? -workingTimeBetween(to, from).toMinutes() / day
                : workingTimeBetween(from, to).toMinutes() / day;
    }

    /** The State Council holiday notices on file, by year (the admin page lists them). */
    public java.util.Map<Integer, String> noticesOnFile() {
        return new java.util.TreeMap<>(holidays.notices());
    }

    /** The years on file as provisional, awaiting their notice, each with what its days rest on. */
    public java.util.Map<Integer, String> provisionalYears() {
        return new java.util.TreeMap<>(holidays.provisional());
    }

    /** The instant at which {@code amount} of working time has passed since {@code from}. */
    public Instant plusWorkingTime(Instant from, Duration amount) {
        Duration left = amount;
        LocalDate day = from.atZone(zone).toLocalDate();
        Instant cursor = from;
        while (true) {
            if (isWorkingDay(day)) {
                Instant start = max(cursor, at(day, workStart));
                Instant end = at(day, workEnd);
                if (end.isAfter(start)) {
                    Duration available = Duration.between(start, end);
                    if (left.compareTo(available) <= 0) {
                        return start.plus(left);
                    }
                    left = left.minus(available);
                }
            }
            day = day.plusDays(1);
            cursor = at(day, LocalTime.MIDNIGHT);
        }
    }

    /** The instant {@code percent} % of the working time from {@code start} to {@code deadline} has passed. */
    public Instant pointOf(Instant start, Instant deadline, int percent) {
        Duration whole = workingTimeBetween(start, deadline);
        if (whole.isZero()) {
            return deadline;
        }
        return plusWorkingTime(start, whole.multipliedBy(percent).dividedBy(100));
    }

    public ZoneId zone() {
        return zone;
    }

    private Instant at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
