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
 */
public final class Holidays {

    private final Set<LocalDate> daysOff;
    private final Set<LocalDate> makeUpWorkdays;
    private final TreeMap<Integer, String> notices;

    Holidays(Set<LocalDate> daysOff, Set<LocalDate> makeUpWorkdays, TreeMap<Integer, String> notices) {
        this.daysOff = Set.copyOf(daysOff);
        this.makeUpWorkdays = Set.copyOf(makeUpWorkdays);
        this.notices = notices;
    }

    /** No holidays at all: weekends only. */
    public static Holidays none() {
        return new Holidays(Set.of(), Set.of(), new TreeMap<>());
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
        for (Object entry : years) {
            Map<String, Object> year = (Map<String, Object>) entry;
            int number = ((Number) year.get("year")).intValue();
            notices.put(number, String.valueOf(year.get("notice")));
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
        return new Holidays(off, work, notices);
    }

    boolean isDayOff(LocalDate day) {
        return daysOff.contains(day);
    }

    boolean isMakeUpWorkday(LocalDate day) {
        return makeUpWorkdays.contains(day);
    }

    /** Whether the year's notice is on file. */
    public boolean covers(int year) {
        return notices.containsKey(year);
    }

    public Map<Integer, String> notices() {
        return notices;
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
