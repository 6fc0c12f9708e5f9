package org.sanfu.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.sanfu.Message;
import org.sanfu.SanfuProperties;
import org.springframework.stereotype.Component;

/** Reads query parameters, adding a field error naming the parameter when one is malformed. */
@Component
public class QueryParams {

    private final ZoneId zone;
    private final Instant earliest;
    private final LocalDate earliestDate;

    QueryParams(SanfuProperties properties) {
        this.zone = properties.zone();
        this.earliest = properties.earliest();
        this.earliestDate = properties.earliestDate();
    }

    public String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public Boolean bool(InvalidInput.Collector errors, String name, String value) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.add(name, Message.of("sanfu.validation.true-or-false"));
                yield null;
            }
        };
    }

    public <E extends Enum<E>> E enumValue(InvalidInput.Collector errors, String name, String value, Class<E> type) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            errors.add(name, Message.of("sanfu.validation.one-of", "values", type.getEnumConstants()));
            return null;
        }
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
            Instant at;
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                at = (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            } else {
                at = parseInstant(v, zone);
            }
            if (at.isBefore(earliest)) {
                errors.add(name, Message.of("sanfu.validation.too-early", "earliest", earliestDate));
                return null;
            }
            return at;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            errors.add(name, Message.of("sanfu.validation.date-or-time"));
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
