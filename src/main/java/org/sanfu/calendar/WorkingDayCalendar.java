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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
    public Map<Integer, String> noticesOnFile() {
        return new TreeMap<>(holidays.notices());
    }

    /** The years on file as provisional, awaiting their notice, each with what its days rest on. */
    public Map<Integer, String> provisionalYears() {
        return new TreeMap<>(holidays.provisional());
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

    /** When a working day ends: a deadline of N working days ends then. */
    public LocalTime workEnd() {
        return workEnd;
    }

    /** The day an instant falls on, in the service's zone. */
    public LocalDate dayOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** How many working days lie after {@code day}, up to and including {@code through}. */
    public int workingDaysAfter(LocalDate day, LocalDate through) {
        int count = 0;
        for (LocalDate d = day.plusDays(1); !d.isAfter(through); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The first day after {@code day} that this calendar and {@code other} count differently (a working
     * day in one, not in the other); with other working hours or another zone, the very next day. Null
     * when they count every later day alike.
     */
    public LocalDate firstDayCountedDifferently(WorkingDayCalendar other, LocalDate day) {
        if (!zone.equals(other.zone) || !workStart.equals(other.workStart) || !workEnd.equals(other.workEnd)) {
            return day.plusDays(1);
        }
        return Stream.of(holidays.daysOff(), holidays.makeUpWorkdays(), other.holidays.daysOff(),
                        other.holidays.makeUpWorkdays())
                .flatMap(Set::stream)
                .filter(d -> d.isAfter(day) && isWorkingDay(d) != other.isWorkingDay(d))
                .min(Comparator.naturalOrder()).orElse(null);
    }

    /**
     * What this calendar counts, as text: the zone, the working hours, every day off and make-up workday
     * on file, and the years that are there by notice. Calendars with the same text count every deadline
     * alike; the text of the calendar the running deadlines were counted on is kept in the database, so
     * that a changed calendar can recount them ({@link #ofDescribed}).
     */
    public String described() {
        return "zone " + zone.getId() + "\nhours " + workStart + "-" + workEnd + "\noff " + sorted(holidays.daysOff())
                + "\nwork " + sorted(holidays.makeUpWorkdays()) + "\nnotices "
                + holidays.notices().keySet().stream().sorted().map(String::valueOf).collect(Collectors.joining(" "))
                + "\n";
    }

    /** The years whose days are on file by the State Council's notice (not provisional). */
    public Set<Integer> noticeYears() {
        return Set.copyOf(holidays.notices().keySet());
    }

    /** The years from {@code year} on that this calendar has by notice and {@code other} has not, in order. */
    public List<Integer> noticesLackedBy(WorkingDayCalendar other, int year) {
        Set<Integer> others = other.holidays.notices().keySet();
        return holidays.notices().keySet().stream().filter(y -> y >= year && !others.contains(y)).toList();
    }

    /** The calendar whose {@link #described()} text this is. */
    public static WorkingDayCalendar ofDescribed(String text) {
        Map<String, String> lines = new HashMap<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            lines.put(space < 0 ? line : line.substring(0, space), space < 0 ? "" : line.substring(space + 1));
        }
        String[] hours = lines.get("hours").split("-");
        // the years by notice: recorded since the text has this line (without it, none is known)
        TreeMap<Integer, String> notices = new TreeMap<>();
        String years = lines.getOrDefault("notices", "");
        if (!years.isBlank()) {
            Stream.of(years.trim().split(" ")).forEach(year -> notices.put(Integer.valueOf(year), ""));
        }
        return new WorkingDayCalendar(ZoneId.of(lines.get("zone")), LocalTime.parse(hours[0]),
                LocalTime.parse(hours[1]), new Holidays(dates(lines.get("off")), dates(lines.get("work")),
                        notices, new TreeMap<>()));
    }

    private static String sorted(Set<LocalDate> days) {
        return days.stream().sorted().map(LocalDate::toString).collect(Collectors.joining(" "));
    }

    private static Set<LocalDate> dates(String line) {
        return line.isBlank() ? Set.of()
                : Stream.of(line.trim().split(" ")).map(LocalDate::parse).collect(Collectors.toSet());
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
