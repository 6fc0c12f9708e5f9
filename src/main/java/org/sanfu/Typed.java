package org.sanfu;

/**
 * What a person typed, taken as they meant it. County staff type with a Chinese input method, which leaves letters,
 * digits and signs in their full-width forms (ＡＢＣ１２３, U+FF01–U+FF5E) and the ideographic space U+3000 where
 * ASCII was meant, and they copy names out of Word and WeChat with no-break spaces (U+00A0) and zero-width
 * characters (U+200B, U+FEFF) around them. Every place a name, an identifier or a search word enters takes it
 * through here, so that what is filed and what is looked up are trimmed and folded alike.
 *
 * <ul>
 * <li>{@link #trimmed}: a name or any text kept as typed (an enterprise's name, a town): only its ends, where
 * nothing was meant, lose their spaces; its inner characters stay, full-width ones too.</li>
 * <li>{@link #folded}: an identifier or a search word (a user name, a telephone, the words of a search box): trimmed,
 * and full-width ASCII forms read as the ASCII they stand for.</li>
 * <li>{@link #code}: a code filed in capitals (a credit code, a ticket's source, a channel's code): folded, and its
 * ASCII letters upper-cased.</li>
 * <li>{@link #word}: one of a few words the service names in lower case (a download's {@code format}): folded, and
 * its ASCII letters lower-cased.</li>
 * </ul>
 */
public final class Typed {

    private static final char FIRST_FULL_WIDTH = '\uFF01';
    private static final char LAST_FULL_WIDTH = '\uFF5E';
    private static final int FULL_WIDTH_OFFSET = FIRST_FULL_WIDTH - '!';
    private static final char IDEOGRAPHIC_SPACE = '\u3000';

    private Typed() {
    }

    /**
     * The text without the spaces at its ends: Unicode's space separators (the ASCII space, U+00A0, U+2000–U+200A,
     * U+202F, U+205F, U+3000 and the rest) and the zero-width characters copying leaves (U+200B–U+200D, U+2060,
     * U+FEFF). A control character at an end stays, for the text's check to refuse rather than vanish unseen; null
     * stays null.
     */
    public static String trimmed(String text) {
        return text == null ? null : trim(text, false);
    }

    /**
     * An identifier or search words as meant: without the spaces at its ends ({@link #trimmed}, and tabs and line
     * breaks there too: a spreadsheet's leading tab keeps a long number as text), with each
     * full-width form of an ASCII character (U+FF01–U+FF5E) and the ideographic space read as that character. Null
     * stays null.
     */
    public static String folded(String text) {
        return folded(text, true);
    }

    private static String folded(String text, boolean controls) {
        if (text == null) {
            return null;
        }
        String trimmed = trim(text, controls);
        StringBuilder folded = null;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            char ascii = c >= FIRST_FULL_WIDTH && c <= LAST_FULL_WIDTH ? (char) (c - FULL_WIDTH_OFFSET)
                    : c == IDEOGRAPHIC_SPACE ? ' ' : c;
            if (ascii != c && folded == null) {
                folded = new StringBuilder(trimmed);
            }
            if (folded != null) {
                folded.setCharAt(i, ascii);
            }
        }
        return folded == null ? trimmed : folded.toString();
    }

    /**
     * A code as it is filed, in capitals: {@link #folded}, its ASCII letters upper-cased; no other letter is
     * (ı and ſ would upper-case into a code's I and S, ß into SS), so that one stays for the code's check to refuse.
     * Null stays null.
     */
    public static String code(String text) {
        return asciiCase(text, 'a', 'z', 'A');
    }

    /**
     * A code in a JSON body as meant: {@link #code}, but only the spaces at its ends go ({@link #trimmed}'s); a tab or
     * line break there stays, for the code's check to refuse, as a body's codes always refused one (API.md "General":
     * a body's catalog code loses the spaces at its ends). Null stays null.
     */
    public static String codeAsSent(String text) {
        String folded = folded(text, false);
        return folded == null ? null : moved(folded, 'a', 'z', 'A');
    }

    /**
     * A word of a few the service names in lower case, such as a download's format, as meant: {@link #folded}, its
     * ASCII letters lower-cased (XLSX, Xlsx and ｘｌｓｘ with spaces around it are xlsx); no other letter is, as for
     * {@link #code} (the Kelvin sign K would lower-case into k), so that one stays for the word's check to refuse.
     * Null, and a blank word ({@code format=}), is null: no word given, as every caller reads it.
     */
    public static String word(String text) {
        String word = asciiCase(text, 'A', 'Z', 'a');
        return word == null || word.isEmpty() ? null : word;
    }

    /**
     * The text with its ASCII letters upper-cased and nothing else changed (no trimming, no folding): an enum's code
     * in a JSON body, read in any ASCII case but otherwise as sent. Null stays null.
     */
    public static String asciiUpperCase(String text) {
        return text == null ? null : moved(text, 'a', 'z', 'A');
    }

    /** {@link #folded}, with each ASCII letter from {@code first} to {@code last} moved to the case starting at {@code to}. */
    private static String asciiCase(String text, char first, char last, char to) {
        String folded = folded(text);
        return folded == null ? null : moved(folded, first, last, to);
    }

    private static String moved(String text, char first, char last, char to) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= first && chars[i] <= last) {
                chars[i] = (char) (chars[i] - first + to);
            }
        }
        return new String(chars);
    }

    /**
     * Whether the text holds nothing but spaces ({@link #trimmed}'s, and tabs and line breaks): a required text of
     * no-break or zero-width spaces alone is blank. Null is blank.
     */
    public static boolean blank(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!space(text.charAt(i), true)) {
                return false;
            }
        }
        return true;
    }

    private static String trim(String text, boolean controls) {
        int start = 0;
        int end = text.length();
        while (start < end && space(text.charAt(start), controls)) {
            start++;
        }
        while (end > start && space(text.charAt(end - 1), controls)) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean space(char c, boolean controls) {
        return Character.isSpaceChar(c) || c >= '\u200B' && c <= '\u200D' || c == '\u2060' || c == '\uFEFF'
                || controls && (c == '\t' || c == '\n' || c == '\r');
    }
}
