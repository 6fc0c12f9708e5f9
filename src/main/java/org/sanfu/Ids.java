package org.sanfu;

import java.util.OptionalLong;

/**
 * A record's id as a URL carries it: the number in the ASCII digits the service writes, nothing else.
 * Java would read １ (full-width), ١ (Arabic-Indic), +1 and 01 as 1 too, so that one ticket answered to
 * many paths; they name none.
 */
public final class Ids {

    /** 18 digits always fit a long. */
    private static final int MOST_DIGITS = 18;

    private Ids() {
    }

    /** The id, or empty when the text is not one the service gives out. */
    public static OptionalLong parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MOST_DIGITS || text.charAt(0) == '0') {
            return OptionalLong.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(text));
    }
}
