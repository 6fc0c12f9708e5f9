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

    /** What this node's holiday file and settings count: the notices and provisional years /admin shows. */
    private final Rules onFile;
    /**
     * What deadlines are counted on: the file's, unless the calendar in effect (on record in the database)
     * differs and this node follows it ({@link #follow}). Read once per call, so that a call counts on one.
     */
    private volatile Rules rules;

    /** A zone, working hours and days off: everything a count depends on, replaced only as a whole. */
    private record Rules(ZoneId zone, LocalTime workStart, LocalTime workEnd, Holidays holidays) {

        boolean isWorkingDay(LocalDate day) {
            if (holidays.isMakeUpWorkday(day)) {
                return true;
            }
            if (holidays.isDayOff(day)) {
                return false;
            }
            return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
        }

        Instant at(LocalDate day, LocalTime time) {
            return ZonedDateTime.of(day, time, zone).toInstant();
        }
    }

    @Autowired
    public WorkingDayCalendar(SanfuProperties properties, CalendarProperties calendar, Clock clock) {
        this(properties.zone(), calendar.workStart(), calendar.workEnd(), load(calendar.holidaysFile()));
        Holidays holidays = onFile.holidays();
        ZoneId zone = onFile.zone();
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
        this.onFile = new Rules(zone, workStart, workEnd, holidays);
        this.rules = onFile;
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
        return rules.isWorkingDay(day);
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
        Rules r = rules;
        LocalDate day = from.atZone(r.zone()).toLocalDate();
        for (int counted = 0; counted < days; ) {
            day = day.plusDays(1);
            if (r.isWorkingDay(day)) {
                counted++;
            }
        }
        return day.atTime(r.workEnd()).atZone(r.zone()).toInstant();
    }

    /** Working time between two instants: only the hours of working days count. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        return workingTimeBetween(rules, from, to);
    }

    private static Duration workingTimeBetween(Rules r, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate day = from.atZone(r.zone()).toLocalDate();
        LocalDate last = to.atZone(r.zone()).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (r.isWorkingDay(day)) {
                Instant start = max(from, r.at(day, r.workStart()));
                Instant end = min(to, r.at(day, r.workEnd()));
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
        Rules r = rules;
        double day = Duration.between(r.workStart(), r.workEnd()).toMinutes();
        return to.isBefore(from) ? -workingTimeBetween(r, to, from).toMinutes() / day
                : workingTimeBetween(r, from, to).toMinutes() / day;
    }

    /** The State Council holiday notices on file, by year (the admin page lists them). */
    public Map<Integer, String> noticesOnFile() {
        return new TreeMap<>(onFile.holidays().notices());
    }

    /** The years on file as provisional, awaiting their notice, each with what its days rest on. */
    public Map<Integer, String> provisionalYears() {
        return new TreeMap<>(onFile.holidays().provisional());
    }

    /** What this node's holiday file holds of a year (the admin page warns of the last two). */
    public enum YearOnFile {
        /** The State Council's notice: days off and make-up workdays. */
        NOTICE,
        /** Only the days the law gives off, awaiting the notice (no make-up workdays). */
        PROVISIONAL,
        /** Nothing: deadlines that year count weekends only. */
        MISSING
    }

    public YearOnFile onFile(int year) {
        Holidays holidays = onFile.holidays();
        return holidays.covers(year) ? YearOnFile.NOTICE
                : holidays.isProvisional(year) ? YearOnFile.PROVISIONAL : YearOnFile.MISSING;
    }

    /** The instant at which {@code amount} of working time has passed since {@code from}. */
    public Instant plusWorkingTime(Instant from, Duration amount) {
        return plusWorkingTime(rules, from, amount);
    }

    private static Instant plusWorkingTime(Rules r, Instant from, Duration amount) {
        Duration left = amount;
        LocalDate day = from.atZone(r.zone()).toLocalDate();
        Instant cursor = from;
        while (true) {
            if (r.isWorkingDay(day)) {
                Instant start = max(cursor, r.at(day, r.workStart()));
                Instant end = r.at(day, r.workEnd());
                if (end.isAfter(start)) {
                    Duration available = Duration.between(start, end);
                    if (left.compareTo(available) <= 0) {
                        return start.plus(left);
                    }
                    left = left.minus(available);
                }
            }
            day = day.plusDays(1);
            cursor = r.at(day, LocalTime.MIDNIGHT);
        }
    }

    /** The instant {@code percent} % of the working time from {@code start} to {@code deadline} has passed. */
    public Instant pointOf(Instant start, Instant deadline, int percent) {
        Rules r = rules;
        Duration whole = workingTimeBetween(r, start, deadline);
        if (whole.isZero()) {
            return deadline;
        }
        return plusWorkingTime(r, start, whole.multipliedBy(percent).dividedBy(100));
    }

    public ZoneId zone() {
        return rules.zone();
    }

    /** When a working day ends: a deadline of N working days ends then. */
    public LocalTime workEnd() {
        return rules.workEnd();
    }

    /** The day an instant falls on, in the service's zone. */
    public LocalDate dayOf(Instant instant) {
        return instant.atZone(rules.zone()).toLocalDate();
    }

    /** How many working days lie after {@code day}, up to and including {@code through}. */
    public int workingDaysAfter(LocalDate day, LocalDate through) {
        Rules r = rules;
        int count = 0;
        for (LocalDate d = day.plusDays(1); !d.isAfter(through); d = d.plusDays(1)) {
            if (r.isWorkingDay(d)) {
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
        return firstDayCountedDifferently(rules, other.rules, day);
    }

    private static LocalDate firstDayCountedDifferently(Rules r, Rules o, LocalDate day) {
        if (!r.zone().equals(o.zone()) || !r.workStart().equals(o.workStart()) || !r.workEnd().equals(o.workEnd())) {
            return day.plusDays(1);
        }
        return Stream.of(r.holidays().daysOff(), r.holidays().makeUpWorkdays(), o.holidays().daysOff(),
                        o.holidays().makeUpWorkdays())
                .flatMap(Set::stream)
                .filter(d -> d.isAfter(day) && r.isWorkingDay(d) != o.isWorkingDay(d))
                .min(Comparator.naturalOrder()).orElse(null);
    }

    /**
     * What this calendar counts, as text: the zone, the working hours, every day off and make-up workday
     * on file, and the years that are there by notice. Calendars with the same text count every deadline
     * alike; the text of the calendar the running deadlines were counted on is kept in the database, so
     * that a changed calendar can recount them ({@link #ofDescribed}).
     */
    public String described() {
        return described(rules);
    }

    private static String described(Rules r) {
        Holidays holidays = r.holidays();
        return "zone " + r.zone().getId() + "\nhours " + r.workStart() + "-" + r.workEnd() + "\noff "
                + sorted(holidays.daysOff()) + "\nwork " + sorted(holidays.makeUpWorkdays()) + "\nnotices "
                + holidays.notices().keySet().stream().sorted().map(String::valueOf).collect(Collectors.joining(" "))
                + "\n";
    }

    /** The years whose days are counted by the State Council's notice (not provisional). */
    public Set<Integer> noticeYears() {
        return Set.copyOf(rules.holidays().notices().keySet());
    }

    /** The years from {@code year} on that this calendar has by notice and {@code other} has not, in order. */
    public List<Integer> noticesLackedBy(WorkingDayCalendar other, int year) {
        return noticesLacked(rules, other.rules, year);
    }

    /** The years from {@code year} on that the calendar counted on has by notice and this node's file has not. */
    public List<Integer> noticesLackedOnFile(int year) {
        return noticesLacked(rules, onFile, year);
    }

    private static List<Integer> noticesLacked(Rules has, Rules lacks, int year) {
        Set<Integer> others = lacks.holidays().notices().keySet();
        return has.holidays().notices().keySet().stream().filter(y -> y >= year && !others.contains(y)).toList();
    }

    /**
     * Counts from now on as the calendar {@code described} says (the calendar in effect, which another node
     * recorded), until this node restarts; on this node's own file again when that counts every day after
     * {@code today} alike (the same file, or one written otherwise, such as a record of an earlier release).
     * Whether the counting changed. Refused for a calendar of another zone: this node shows days and times
     * in its own.
     */
    public boolean follow(String described, LocalDate today) {
        Rules recorded = ofDescribed(described).rules;
        if (!recorded.zone().equals(onFile.zone())) {
            throw new IllegalStateException("the calendar in effect counts in " + recorded.zone() + ", this node in "
                    + onFile.zone() + ": give every node the same sanfu.zone");
        }
        Rules next = firstDayCountedDifferently(onFile, recorded, today) == null ? onFile : recorded;
        Rules now = rules;
        if (next == now || (next != onFile && now != onFile && described(next).equals(described(now)))) {
            return false;
        }
        rules = next;
        return true;
    }

    /** Whether deadlines are counted on this node's own holiday file (and settings), not on another's. */
    public boolean countsOnFile() {
        return rules == onFile;
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

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
