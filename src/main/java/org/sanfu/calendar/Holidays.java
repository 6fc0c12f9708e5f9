package org.sanfu.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Public holidays and make-up workdays (调休上班日) as published each year, read from
 * config/holidays.yml: a list of years, each with its notice, holiday ranges and workdays.
 *
 * <p>A year marked {@code provisional: true} is not a notice but what is certain before it: the days the
 * law itself gives everyone off (《全国年节及纪念日放假办法》), so that a deadline does not count New
 * Year's Day as a working day while the notice is awaited. Its text says so, and the notice replaces it.
 */
public final class Holidays {

    private final Set<LocalDate> daysOff;
    private final Set<LocalDate> makeUpWorkdays;
    private final TreeMap<Integer, String> notices;
    private final TreeMap<Integer, String> provisional;

    Holidays(Set<LocalDate> daysOff, Set<LocalDate> makeUpWorkdays, TreeMap<Integer, String> notices,
            TreeMap<Integer, String> provisional) {
        this.daysOff = Set.copyOf(daysOff);
        this.makeUpWorkdays = Set.copyOf(makeUpWorkdays);
        this.notices = notices;
        this.provisional = provisional;
    }

    /** No holidays at all: weekends only. */
    public static Holidays none() {
        return new Holidays(Set.of(), Set.of(), new TreeMap<>(), new TreeMap<>());
    }

    @SuppressWarnings("unchecked")
    public static Holidays read(InputStream yaml) throws IOException {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof List<?> years)) {
            throw new IOException("the holiday file must be a list of years");
        }
        Set<LocalDate> off = new HashSet<>();
        Set<LocalDate> work = new HashSet<>();
        TreeMap<Integer, String> notices = new TreeMap<>();
        TreeMap<Integer, String> provisional = new TreeMap<>();
        for (Object entry : years) {
            Map<String, Object> year = (Map<String, Object>) entry;
            int number = ((Number) year.get("year")).intValue();
            Map<Integer, String> kind = provisional(year) ? provisional : notices;
            if (kind.put(number, String.valueOf(year.get("notice"))) != null) {
                throw new IOException(number + " is on file twice");
            }
        }
        // the notice, once added, is the year: its provisional entry no longer counts
        provisional.keySet().removeAll(notices.keySet());
        for (Object entry : years) {
            Map<String, Object> year = (Map<String, Object>) entry;
            int number = ((Number) year.get("year")).intValue();
            if (provisional(year) && !provisional.containsKey(number)) {
                continue;
            }
            for (Map<String, Object> holiday : (List<Map<String, Object>>) year.getOrDefault("holidays", List.of())) {
                LocalDate from = date(holiday.get("from"));
                LocalDate to = date(holiday.get("to"));
                if (to.isBefore(from)) {
                    throw new IOException(number + " " + holiday.get("name") + ": 'to' lies before 'from'");
                }
                from.datesUntil(to.plusDays(1)).forEach(off::add);
            }
            for (Object day : (List<Object>) year.getOrDefault("workdays", List.of())) {
                work.add(date(day));
            }
        }
        Set<LocalDate> both = new HashSet<>(off);
        both.retainAll(work);
        if (!both.isEmpty()) {
            throw new IOException("days both off and worked: " + both);
        }
        return new Holidays(off, work, notices, provisional);
    }

    private static boolean provisional(Map<String, Object> year) throws IOException {
        Object marked = year.getOrDefault("provisional", false);
        if (!(marked instanceof Boolean provisional)) {
            throw new IOException(year.get("year") + ": 'provisional' must be true or false, not " + marked);
        }
        return provisional;
    }

    boolean isDayOff(LocalDate day) {
        return daysOff.contains(day);
    }

    boolean isMakeUpWorkday(LocalDate day) {
        return makeUpWorkdays.contains(day);
    }

    /** Whether the year's notice is on file (a provisional year is not). */
    public boolean covers(int year) {
        return notices.containsKey(year);
    }

    /** Whether the year is on file as provisional: the law's days off, awaiting its notice. */
    public boolean isProvisional(int year) {
        return provisional.containsKey(year);
    }

    /** The notices on file, by year. */
    public Map<Integer, String> notices() {
        return notices;
    }

    /** The provisional years on file, by year, each with what its days rest on. */
    public Map<Integer, String> provisional() {
        return provisional;
    }

    Set<LocalDate> daysOff() {
        return daysOff;
    }

    Set<LocalDate> makeUpWorkdays() {
        return makeUpWorkdays;
    }

    private static LocalDate date(Object value) throws IOException {
        if (value instanceof Date date) {
            return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate(); // YAML reads 2020-01-01 as a UTC date
        }
        if (value instanceof String text) {
            return LocalDate.parse(text.strip());
        }
        throw new IOException("not a date: " + value);
    }
}
