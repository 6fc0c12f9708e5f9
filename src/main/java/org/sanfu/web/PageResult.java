package org.sanfu.web;

import java.util.List;
import java.util.function.Function;

/** A page of a list: {@code {"items": [...], "page": 0, "size": 20, "total": 123}}. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    public static <T> PageResult<T> of(List<T> items, PageParams params, long total) {
        return new PageResult<>(items, params.page(), params.size(), total);
    }

    /** The page these parameters ask for of a whole list kept in memory (a few hundred channels or accounts). */
    public static <T> PageResult<T> of(List<T> all, PageParams params) {
        int from = (int) Math.min(params.offset(), all.size());
        int to = (int) Math.min(from + (long) params.size(), all.size());
        return of(all.subList(from, to), params, all.size());
    }

    /** How many pages the total makes at this size (one, when there is nothing), for a page to say so. */
    public long pageCount() {
        return total == 0 ? 1 : (total + size - 1) / size;
    }

    public <R> PageResult<R> map(Function<T, R> mapper) {
        return new PageResult<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
