package org.sanfu.web;

import org.sanfu.Message;
import org.sanfu.Typed;

/**
 * {@code ?page=0&size=20}: size 1..200, page from 0, and no deeper than {@link #MAX_OFFSET} rows
 * ({@code page * size}); anything else is 400 naming the parameter. A deep offset makes the database
 * read and throw away every row before it: narrow the filters instead.
 */
public record PageParams(int page, int size) {

    public static final int MAX_SIZE = 200;
    /** A list's size when none is asked for. */
    static final int DEFAULT_SIZE = 20;
    /** The deepest first row a page may start at: {@code page * size} at most this. */
    public static final int MAX_OFFSET = 10_000;

    public static PageParams of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (p < 0) {
            errors.add("page", Message.of("sanfu.validation.page"));
        }
        if (s < 1 || s > MAX_SIZE) {
            errors.add("size", Message.of("sanfu.validation.between", "min", 1, "max", MAX_SIZE));
        }
        if (p > 0 && s >= 1 && s <= MAX_SIZE && (long) p * s > MAX_OFFSET) {
            errors.add("page", Message.of("sanfu.validation.page-depth", "max", MAX_OFFSET / s, "rows", MAX_OFFSET));
        }
        errors.throwIfAny();
        return new PageParams(p, s);
    }

    /**
     * For a page that shows a list with its own links ({@code /work}, {@code /enterprises}, 走访覆盖, 共性问题,
     * {@code /tickets}), its {@code ?page=} as typed: blank the first page, one past the depth the last allowed (the
     * API's lists refuse it, a page shows what it can), but one below 0 or that is no whole number is refused, 400
     * naming {@code page} (页码：必须是 0 或更大的整数), as the API refuses it: showing the first page answered a
     * hand-edited link as if it were right, and the framework's own refusal of a number it could not read named no
     * field.
     */
    public static PageParams shown(String page, int size) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        PageParams shown = shown(errors, page, size);
        errors.throwIfAny();
        return shown;
    }

    /**
     * As {@link #shown(String, int)}, for a page that shows its faults above what it can still show (走访覆盖's
     * {@code #filterError}, {@code /tickets}'s): a refused page number joins {@code errors} and the first page is
     * shown. A size outside 1..{@link #MAX_SIZE} (one {@code /tickets?size=} was given) joins them too, beside the
     * page's fault, and the first page of the default size is shown.
     */
    public static PageParams shown(InvalidInput.Collector errors, String page, int size) {
        int p = typed(page);
        if (p < 0) {
            errors.add("page", Message.of("sanfu.validation.page"));
            p = 0;
        }
        if (size < 1 || size > MAX_SIZE) {
            errors.add("size", Message.of("sanfu.validation.between", "min", 1, "max", MAX_SIZE));
            return of(0, null);
        }
        return of(Math.min(p, MAX_OFFSET / size), size);
    }

    /**
     * The page number typed: 0 when blank, -1 when it is no whole number (a sign, a point, a letter). Digits too many
     * for an int are still a whole number at or above 0, past the depth like any other: {@code 2147483648} read as
     * the largest int shows the last page, where {@code parseInt} failing on it refused it as no number.
     */
    private static int typed(String page) {
        if (Typed.blank(page)) {
            return 0;
        }
        long number = 0;
        // as typed and pasted (Typed.folded): 1 with a no-break space after it is page 1, ２ is 2
        for (char c : Typed.folded(page).toCharArray()) {
            int digit = Character.digit(c, 10);
            if (digit < 0) {
                return -1;
            }
            number = Math.min(number * 10 + digit, Integer.MAX_VALUE);
        }
        return (int) number;
    }

    /**
     * What {@code page} or {@code size} may be, for one that is no whole number or too long for one
     * ({@code page=99999999999}, read by the framework before {@link #of}): a whole number from 0 to the deepest page
     * of the size asked for (or of 20, when {@code size} is none of 1..200 itself), or from 1 to {@link #MAX_SIZE}.
     * Null for any other parameter.
     */
    public static Message range(String parameter, String sizeSent) {
        if (parameter.equals("size")) {
            return Message.of("sanfu.validation.whole-number", "min", 1, "max", MAX_SIZE);
        }
        if (!parameter.equals("page")) {
            return null;
        }
        int size = DEFAULT_SIZE;
        try {
            int sent = Typed.blank(sizeSent) ? size : Integer.parseInt(Typed.folded(sizeSent));
            size = sent >= 1 && sent <= MAX_SIZE ? sent : size;
        } catch (NumberFormatException e) {
            // no size of its own: the default's depth, as the list would answer it
        }
        return Message.of("sanfu.validation.whole-number", "min", 0, "max", MAX_OFFSET / size);
    }

    public long offset() {
        return (long) page * size;
    }
}
