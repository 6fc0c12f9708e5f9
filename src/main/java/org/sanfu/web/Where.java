package org.sanfu.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.sanfu.Sql;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A WHERE clause built from optional conditions (a null filter value adds none), with its arguments,
 * and the page of rows it selects. The one way our lists filter and page: conditions stay SQL, so a
 * list over a million rows is one count and one {@code limit ? offset ?} query on the database's indexes.
 * Conditions are SQL written by us; only values travel as arguments. Beside {@link PageParams} and
 * {@link PageResult}, whose pages it fills (the root package may not depend on this module).
 */
public class Where {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();

    public Where add(String condition, Object... values) {
        conditions.add(condition);
        args.addAll(Arrays.asList(values));
        return this;
    }

    /** {@code column = value}, unless the value is null. */
    public Where eq(String column, Object value) {
        return value == null ? this : add(column + " = ?", value);
    }

    /** {@code column in (values)}, unless the values are null; none at all match nothing. */
    public Where in(String column, Collection<?> values) {
        if (values == null) {
            return this;
        }
        if (values.isEmpty()) {
            return add("1 = 0");
        }
        return add(column + " in (" + Sql.placeholders(values) + ")",
                values.toArray());
    }

    /** {@code column >= from}, unless from is null. */
    public Where notBefore(String column, Instant from) {
        return from == null ? this : add(column + " >= ?", Sql.ts(from));
    }

    /** {@code column < toExclusive}, unless it is null. */
    public Where before(String column, Instant toExclusive) {
        return toExclusive == null ? this : add(column + " < ?", Sql.ts(toExclusive));
    }

    /**
     * Each word of the text ({@link Sql#words}) is in one of the columns, ignoring case, unless the text is
     * null: a search box's keywords, each of which may be in another column. A word holding full-width forms
     * (ＣＯＳＣＯ, （宁波）) matches as typed or as the ASCII they stand for ({@link Sql#asTypedOrFolded}): names are filed
     * as typed, an official name with its full-width brackets, and found by either.
     */
    public Where contains(String text, String... columns) {
        if (text == null) {
            return this;
        }
        for (String word : Sql.words(text)) {
            List<String> likes = Sql.asTypedOrFolded(word).stream().map(Sql::contains).toList();
            add(likes.stream().flatMap(like -> Arrays.stream(columns).map(c -> "lower(" + c + ") like ? escape '\\'"))
                    .collect(Collectors.joining(" or ", "(", ")")),
                    likes.stream().flatMap(like -> Arrays.stream(columns).map(c -> like)).toArray());
        }
        return this;
    }

    /** " where a and b", or nothing without conditions. */
    public String sql() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    public List<Object> args() {
        return List.copyOf(args);
    }

    /**
     * The page of {@code select columns from from where ... order by order}, and the total count.
     * The order must end in a unique column, or rows may repeat or go missing between pages.
     */
    public <T> PageResult<T> page(JdbcClient jdbc, String columns, String from, String order, PageParams page,
            RowMapper<T> rows) {
        long total = jdbc.sql("select count(*) from " + from + sql()).params(args).query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(page.size());
        pageArgs.add(page.offset());
        List<T> items = jdbc.sql("select " + columns + " from " + from + sql() + " order by " + order
                + " limit ? offset ?").params(pageArgs).query(rows).list();
        return PageResult.of(items, page, total);
    }
}
