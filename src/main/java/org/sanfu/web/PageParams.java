package org.sanfu.web;

import org.sanfu.Message;

/** {@code ?page=0&size=20}: size 1..200, page from 0; anything else is 400 naming the parameter. */
public record PageParams(int page, int size) {

    public static final int MAX_SIZE = 200;

    public static PageParams of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (p < 0) {
            errors.add("page", Message.of("sanfu.validation.page"));
        }
        if (s < 1 || s > MAX_SIZE) {
            errors.add("size", Message.of("sanfu.validation.between", "min", 1, "max", MAX_SIZE));
        }
        errors.throwIfAny();
        return new PageParams(p, s);
    }

    public long offset() {
        return (long) page * size;
    }
}
