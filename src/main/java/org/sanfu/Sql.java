package org.sanfu;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Timestamps cross JDBC as {@code timestamp with time zone}, the same on H2 and PostgreSQL; and which of
 * the two a data source is, where their planners need different words for one query.
 */
public final class Sql {

    private Sql() {
    }

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The column at this position (from 1), for readers that read by position. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Whether the data source is PostgreSQL (else H2). */
    public static boolean postgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database this is", e);
        }
    }

    /**
     * The row lock a {@code select} takes for rows it will update but whose keys stay: on PostgreSQL the one that leaves
     * another transaction free to insert a row naming them meanwhile (a foreign key's check takes a key-share lock,
     * which {@code for update} would wait on: a visit or a ticket logged for an enterprise being updated); H2 has one
     * kind.
     */
    public static String updateLock(DataSource dataSource) {
        return postgres(dataSource) ? "for no key update" : "for update";
    }

    /**
     * The values a thousand at a time, in their order, for statements that name them in an {@code in (...)} list or as
     * rows of one insert: PostgreSQL takes at most 65535 parameters a statement, and the list is as long as its
     * caller's.
     */
    public static <T> List<List<T>> chunks(List<T> values) {
        return chunks(values, 1000);
    }

    /** {@link #chunks(List)}, {@code size} at a time. */
    public static <T> List<List<T>> chunks(List<T> values, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < values.size(); i += size) {
            chunks.add(values.subList(i, Math.min(values.size(), i + size)));
        }
        return chunks;
    }

    /**
     * The parameters of an {@code in (...)} list, or of a row an insert writes: {@code ?, ?, ?}, {@code count} of them.
     * None is refused (IllegalArgumentException), for no statement takes an empty list: {@code in ()} would fail later,
     * as a syntax error far from its cause. A caller answers an empty list without asking.
     */
    public static String placeholders(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("an in (...) list or a row of " + count + " values");
        }
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /**
     * The rows of a multi-row insert's {@code values}: {@code (?, ?), (?, ?)}, {@code count} rows of {@code width}
     * parameters each, the parameters to be passed row after row. No rows, or rows of no parameter, are refused
     * (IllegalArgumentException), as {@link #placeholders(int)} refuses none.
     */
    public static String rows(int count, int width) {
        if (count < 1) {
            throw new IllegalArgumentException("an insert of " + count + " rows");
        }
        return String.join(", ", Collections.nCopies(count, "(" + placeholders(width) + ")"));
    }

    /** {@link #placeholders(int)} for these values, one each, to be passed in their order. */
    public static String placeholders(Collection<?> values) {
        return placeholders(values.size());
    }

    /** What a query of {@code values} in an {@code in (...)} list finds, a statement a {@link #chunks chunk}. */
    public static <T, R> List<R> inChunks(List<T> values, Function<List<T>, List<R>> query) {
        return inChunks(values, 1000, query);
    }

    /** {@link #inChunks(List, Function)}, {@code size} values a statement. */
    public static <T, R> List<R> inChunks(List<T> values, int size, Function<List<T>, List<R>> query) {
        List<R> found = new ArrayList<>();
        chunks(values, size).forEach(chunk -> found.addAll(query.apply(chunk)));
        return found;
    }

    /** Spaces of any width between the words of a search: ASCII, 全角 (U+3000), no-break. */
    private static final Pattern SPACES = Pattern.compile("[\\p{javaWhitespace}\\p{Z}]+");

    /**
     * The words of a search box's text, as people type them: 集装箱 宁波 (or 集装箱　宁波, with a 全角 space) looks for
     * both, in any order and not necessarily side by side; none for a blank text.
     */
    public static List<String> words(String text) {
        return Arrays.stream(SPACES.split(text)).filter(word -> !word.isEmpty()).toList();
    }

    /**
     * A search word as typed and, when it holds full-width forms, as the ASCII they stand for ({@link Typed#folded}):
     * a list matches either, since names and titles are filed as typed.
     */
    public static List<String> asTypedOrFolded(String word) {
        String folded = Typed.folded(word);
        return folded.equals(word) || folded.isEmpty() ? List.of(word) : List.of(word, folded);
    }

    /** A LIKE pattern that matches {@code text} anywhere, with LIKE's own characters escaped. */
    public static String contains(String text) {
        return "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
