package org.sanfu;

/**
 * A text as it goes into one line of the log: its line breaks and other control characters, with the spaces around
 * them, as one space. The console log is plain text, one event a line; a refusal that quotes what a client sent
 * (Camunda's "sortBy parameter has invalid value: a\nb", a field's name given twice), or an upload's file name, must
 * not start a line of its own that reads as another event. A loop, not a regular expression: a client's long run of
 * spaces costs one pass. Here, not in {@code operations}, which reads tickets: the ticket module logs with it too.
 */
public final class OneLine {

    private OneLine() {
    }

    /** The text on one line (null as null, as a log line prints it). */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder line = new StringBuilder(text.length());
        boolean broken = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029') {
                broken = true;
            } else if (!broken || !Character.isWhitespace(c)) {
                if (broken) {
                    while (!line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))) {
                        line.setLength(line.length() - 1);
                    }
                    line.append(' ');
                    broken = false;
                }
                line.append(c);
            }
        }
        return line.toString().strip();
    }
}
