package org.sanfu.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.function.UnaryOperator;
import org.sanfu.Message;
import org.sanfu.SanfuProperties;
import org.sanfu.Typed;
import org.springframework.stereotype.Component;

/** Reads query parameters, adding a field error naming the parameter when one is malformed. */
@Component
public class QueryParams {

    /**
     * Search words ({@code q}) are at most this long, as {@code GET /api/enterprises}' are (the longest name a file
     * takes): nobody searches with more, and a client's 100 000 characters would only be compared with every row.
     */
    public static final int WORDS_MAX = 200;

    private final ZoneId zone;
    private final LocalDate earliestDate;
    private final LocalDate latestDate;

    QueryParams(SanfuProperties properties) {
        this.zone = properties.zone();
        this.earliestDate = properties.earliestDate();
        this.latestDate = properties.latestDate();
    }

    public String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * A name as typed, its ends cleaned ({@link Typed#trimmed}: a town pasted with a no-break or zero-width space after
     * it is the town), its inner characters kept; null for none left.
     */
    public String trimmed(String value) {
        String trimmed = Typed.trimmed(value);
        return trimmed == null || trimmed.isEmpty() ? null : trimmed;
    }

    /**
     * An identifier or the words of a search as meant ({@link Typed#folded}: full-width letters and digits of a
     * Chinese input method as ASCII, no-break and zero-width spaces around it gone); null for none left.
     */
    public String folded(String value) {
        String folded = Typed.folded(value);
        return folded == null || folded.isEmpty() ? null : folded;
    }

    /**
     * {@code true} or {@code false} in any ASCII case, read as a code is ({@link Typed#word}: full-width ｔｒｕｅ of a
     * Chinese input method and spaces at its ends too, as {@link #enumValue} reads {@code status}); null when none is
     * given, any other a fault naming the parameter.
     */
    public Boolean bool(InvalidInput.Collector errors, String name, String value) {
        String v = Typed.word(value);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.add(name, Message.of("sanfu.validation.true-or-false"));
                yield null;
            }
        };
    }

    /**
     * An enum's code in any ASCII case, as a code is filed ({@link Typed#code}: {@code replied}, {@code Replied} and
     * full-width ＲＥＰＬＩＥＤ are REPLIED, as a JSON body's enum is read: StrictJson); any other is a fault naming the
     * parameter with the values it may hold.
     */
    public <E extends Enum<E>> E enumValue(InvalidInput.Collector errors, String name, String value, Class<E> type) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, Typed.code(v));
        } catch (IllegalArgumentException e) {
            errors.add(name, Message.of("sanfu.validation.one-of", "values", type.getEnumConstants()));
            return null;
        }
    }

    /**
     * A code of the catalog's ({@link org.sanfu.catalog.Catalog#category}, {@code department}), full-width forms read
     * as ASCII ({@link #folded}), as {@code known} reads it (any ASCII case); null when none is given, or with a fault
     * naming the parameter and the {@code codes} it may hold.
     */
    public String code(InvalidInput.Collector errors, String name, String value, UnaryOperator<String> known,
            Collection<String> codes) {
        String folded = folded(value);
        String code = folded == null ? null : known.apply(folded);
        if (folded != null && code == null) {
            errors.add(name, Message.of("sanfu.validation.one-of", "values", codes));
        }
        return code;
    }

    /** A day ({@code 2020-06-15}) within the configured bounds, or null with a fault naming the parameter. */
    public LocalDate day(InvalidInput.Collector errors, String name, String value) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(name, Message.of("sanfu.validation.date"));
            return null;
        }
        return within(errors, name, day, day) ? day : null;
    }

    /**
     * Whether the days {@code first} to {@code last} (a day, a week, a month a parameter names) lie
     * between sanfu.earliest-date and sanfu.latest-date; if not, a fault naming the parameter. Checked
     * before any arithmetic on them, so no absurd year can overflow it.
     */
    public boolean within(InvalidInput.Collector errors, String name, LocalDate first, LocalDate last) {
        if (first.isBefore(earliestDate)) {
            errors.add(name, Message.of("sanfu.validation.too-early", "earliest", earliestDate));
            return false;
        }
        if (last.isAfter(latestDate)) {
            errors.add(name, Message.of("sanfu.validation.too-late", "latest", latestDate));
            return false;
        }
        return true;
    }

    /** A date means the start of that day in the service's zone; a date-time is taken as given. */
    public Instant startOf(InvalidInput.Collector errors, String name, String value) {
        return instant(errors, name, value, false);
    }

    /** A period asked for backwards ({@code to} not after {@code from}) is 400 naming {@code to}. */
    public void inOrder(InvalidInput.Collector errors, Instant from, Instant toExclusive) {
        if (from != null && toExclusive != null && !toExclusive.isAfter(from)) {
            errors.add("to", Message.of("sanfu.validation.to-before-from"));
        }
    }

    /** A date means up to the end of that day (exclusive bound: the next day's start). */
    public Instant endOf(InvalidInput.Collector errors, String name, String value) {
        return instant(errors, name, value, true);
    }

    private Instant instant(InvalidInput.Collector errors, String name, String value, boolean endOfDay) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        try {
            boolean date = v.length() == 10;
            Instant at = date ? null : parseInstant(v, zone);
            LocalDate day = date ? LocalDate.parse(v) : LocalDate.ofInstant(at, zone);
            if (!within(errors, name, day, day)) {
                return null;
            }
            return date ? (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant() : at;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            errors.add(name, Message.of("sanfu.validation.date-or-time"));
            return null;
        }
    }

    /**
     * When something a body reports happened (a visit, a channel's problem): ISO-8601 with offset, or
     * without one in the service's zone; at most {@code tolerance} after {@code now} (clocks drift), not
     * before {@code sanfu.earliest-date}. Null when absent; else the fault, named {@code name}, is added.
     */
    public Instant happenedAt(InvalidInput.Collector errors, String name, String value, Instant now,
            java.time.Duration tolerance) {
        if (value == null) {
            return null;
        }
        try {
            Instant at = parseInstant(value.strip(), zone);
            if (at.isAfter(now.plus(tolerance))) {
                errors.add(name, Message.of("sanfu.visit.future"));
            } else if (at.isBefore(earliestDate.atStartOfDay(zone).toInstant())) {
                errors.add(name, Message.of("sanfu.validation.too-early", "earliest", earliestDate));
            } else {
                return at;
            }
        } catch (java.time.DateTimeException e) {
            errors.add(name, Message.of("sanfu.validation.date-time"));
        }
        return null;
    }

    /**
     * A moment as the API writes one (ISO-8601 with offset: an updatedAt as answered), or without an offset in the
     * service's zone, on a day between sanfu.earliest-date and sanfu.latest-date ({@link #within}); null when absent or
     * blank, else the fault named {@code name}.
     */
    public Instant moment(InvalidInput.Collector errors, String name, String value) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        try {
            // a + of an offset sent unencoded reads as a space in a query (2026-12-07T20:00:00 08:00)
            Instant at = parseInstant(v.replace(' ', '+'), zone);
            LocalDate day = LocalDate.ofInstant(at, zone);
            return within(errors, name, day, day) ? at : null;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            errors.add(name, Message.of("sanfu.validation.date-time"));
            return null;
        }
    }

    /** ISO-8601 with offset, or without one in the service's zone. */
    public static Instant parseInstant(String value, ZoneId zone) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        }
    }
}
