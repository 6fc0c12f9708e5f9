package org.sanfu.web;

import org.sanfu.Message;
import org.sanfu.Typed;

/**
 * {@code ?page=0&size=20}: size 1..200, page from 0, and no deeper than {@link #MAX_OFFSET} rows
 * ({@code page * size}); anything else is 400 naming the parameter, both when both are wrong, each worded alike
 * (必须是 0 到 N 之间的整数, the page's with why N). A deep offset makes the database
 * read and throw away every row before it: narrow the filters instead.
 */
public record PageParams(int page, int size) {

    public static final int MAX_SIZE = 200;
    /** A list's size when none is asked for. */
    static final int DEFAULT_SIZE = 20;
    /** The deepest first row a page may start at: {@code page * size} at most this. */
    public static final int MAX_OFFSET = 10_000;

    public static PageParams of(Integer page, Integer size) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        checked(errors, page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
        errors.throwIfAny();
        return new PageParams(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /**
     * The faults of a page and size asked for, both when both are wrong, each worded alike: a whole number from 0 to
     * the deepest page of the size (of 20 when the size is wrong itself, as a list would answer without it), or from
     * 1 to {@link #MAX_SIZE}. One that is no whole number is given here as -1. Whether the size fits.
     */
    private static boolean checked(InvalidInput.Collector errors, int page, int size) {
        boolean sizeFits = fits(size);
        int deepest = deepest(size);
        if (page < 0 || page > deepest) {
            errors.add("page", Message.of("sanfu.validation.page", "max", deepest, "rows", MAX_OFFSET));
        }
        if (!sizeFits) {
            errors.add("size", Message.of("sanfu.validation.whole-number", "min", 1, "max", MAX_SIZE));
        }
        return sizeFits;
    }

    private static boolean fits(int size) {
        return size >= 1 && size <= MAX_SIZE;
    }

    /** The deepest page of a size: its bound depends on it, so the page's text says why (列表最多显示前 N 条). */
    private static int deepest(int size) {
        return MAX_OFFSET / (fits(size) ? size : DEFAULT_SIZE);
    }

    /**
     * For a page that shows a list with its own links ({@code /work}, {@code /enterprises}, 走访覆盖, 共性问题,
     * {@code /tickets}), its {@code ?page=} as typed: blank the first page, one past the depth the last allowed (the
     * API's lists refuse it, a page shows what it can), but one below 0 or that is no whole number is refused, 400
     * naming {@code page} (页码：必须是 0 到 N 之间的整数), as the API refuses it: showing the first page answered a
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
        int deepest = deepest(size);
        // one past the depth shows the last page: here only a number below 0, or none, is the page's fault
        return checked(errors, Math.min(p, deepest), size)
                ? new PageParams(Math.max(0, Math.min(p, deepest)), size)
                : new PageParams(0, DEFAULT_SIZE);
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
     * The faults of {@code page} and {@code size} as sent, for a request where the framework could not read one of
     * them ({@code page=abc}, {@code page=99999999999}, before {@link #of}): what each may be, as {@link #of} words
     * it, and the other's fault too when it has one ({@code page=abc&size=300} names both). Null for any other
     * parameter.
     */
    public static InvalidInput unreadable(String parameter, String pageSent, String sizeSent) {
        if (!parameter.equals("page") && !parameter.equals("size")) {
            return null;
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        checked(errors, sent(pageSent, 0), sent(sizeSent, DEFAULT_SIZE));
        return new InvalidInput(errors.faults());
    }

    /** A parameter as the framework reads it (StrictWholeNumbers), -1 when it is no whole number it could read. */
    private static int sent(String value, int none) {
        try {
            Integer number = StrictWholeNumbers.parse(value);
            return number == null ? none : number;
        } catch (IllegalArgumentException unreadable) {
            return -1;
        }
    }

    public long offset() {
        return (long) page * size;
    }
}
