package org.sanfu.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.sanfu.Message;
import org.sanfu.enterprise.EnterpriseImport;
import org.sanfu.web.InvalidInput;
import org.springframework.context.MessageSource;

/**
 * An enterprise import's outcome as the page shows it, in Chinese: the counts, and each rejected line
 * with its line number (the header is line 1), the column at fault and what is wrong, after the value read there
 * (「是的」不是 …); the lines passed over as empty, the encoding read when not UTF-8 ({@code encoding}, GB18030),
 * and the lines imported with something to check ({@code notices}: a new town).
 * <p>
 * The import answers the API, whose messages are English ("creditCode: must be 18 characters"); each
 * known message is shown by its key in messages.properties ({@code admin.import.*}), an unknown one as
 * it is, so a message that is already Chinese passes unchanged.
 */
record ImportReport(String filename, int created, int updated, List<Line> rejected, int skipped, String encoding,
        List<Line> notices) {

    /** A rejected line: its number, the column's Chinese label ("—" for the whole line) and the fault. */
    record Line(long line, String field, String message) {}

    /** The import's "field: message" (InvalidInput's description of its first fault). */
    private static final Pattern FIELD_FIRST = Pattern.compile("([A-Za-z]+): (.*)", Pattern.DOTALL);

    /**
     * An English fault and its key; {@code columns}: its arguments list columns ("creditCode,name"), shown by label;
     * {@code names}: the key is the API's own (sanfu.*), its placeholders by name ({line}), each group filling one.
     */
    private record Known(Pattern english, String key, boolean columns, List<String> names) {
        Known(Pattern english, String key) {
            this(english, key, false, List.of());
        }

        Known(Pattern english, String key, boolean columns) {
            this(english, key, columns, List.of());
        }

        /** A fault the API words from {@code key} with these named arguments: the page words it from the same text. */
        static Known named(Pattern english, String key, String... names) {
            return new Known(english, key, false, List.of(names));
        }
    }

    private static final List<Known> KNOWN = List.of(
            new Known(Pattern.compile("must not be blank"), "admin.import.blank"),
            new Known(Pattern.compile("must be at most (\\d+) characters"), "admin.import.too-long"),
            new Known(Pattern.compile("must be 18 characters"), "admin.import.code-length"),
            new Known(Pattern.compile("character (\\d+) \\('(.+)'\\) is not allowed in a credit code"),
                    "admin.import.code-character"),
            new Known(Pattern.compile("check character does not match.*"), "admin.import.code-check"),
            new Known(Pattern.compile("must be the user name of a service staff account"), "admin.import.specialist"),
            new Known(Pattern.compile("is not one of \\S+, true/false, .*"), "admin.import.yes-no"),
            new Known(Pattern.compile("has (\\d+) fields, the header has (\\d+)"), "admin.import.columns"),
            new Known(Pattern.compile("line 1 must name the columns (\\S+) \\(or by their Chinese names \\S+\\); "
                    + "missing: (\\S+) \\(\\S+\\)"), "admin.import.header",
                    true),
            new Known(Pattern.compile("line 1 names the column (\\S+) \\(\\S+\\) twice"), "admin.import.header-twice",
                    true),
            new Known(Pattern.compile("repeats line (\\d+) .*"), "admin.import.duplicate"),
            new Known(Pattern.compile("is an old Excel \\(\\.xls\\) file.*"), "admin.import.xls"),
            new Known(Pattern.compile("is a ZIP but no Excel workbook.*"), "admin.import.not-workbook"),
            // a workbook's and a CSV's refusals whose bundles say them in Chinese as they are
            new Known(Pattern.compile("is not a readable \\.xlsx workbook: the file is incomplete.*"),
                    "sanfu.import.workbook-incomplete"),
            new Known(Pattern.compile("is not a readable \\.xlsx workbook: its compression ratio.*"),
                    "sanfu.import.workbook-zip-bomb"),
            new Known(Pattern.compile("is not a readable \\.xlsx workbook: .*"), "sanfu.import.unreadable-workbook"),
            new Known(Pattern.compile("is not readable CSV"), "sanfu.import.unreadable-csv"),
            Known.named(Pattern.compile("is not readable CSV: a field on line (\\d+) opens with a quote .*"),
                    "sanfu.import.csv-unclosed-quote", "line"),
            Known.named(Pattern.compile("is not readable CSV: on line (\\d+) a quoted field has more after .*"),
                    "sanfu.import.csv-after-quote", "line"),
            new Known(Pattern.compile("holds more than (\\d+) bytes of text in its sheet.*"),
                    "admin.import.sheet-too-large"),
            new Known(Pattern.compile("must be UTF-8 text.*"), "admin.import.not-utf8"));

    static ImportReport of(String filename, EnterpriseImport.Result result, MessageSource messages) {
        List<Line> lines = result.rejected().stream().map(r -> line(r, messages)).toList();
        List<Line> notices = result.notices().stream()
                .map(n -> new Line(n.line(), field(n.field(), messages), n.message())).toList();
        return new ImportReport(filename, result.created(), result.updated(), lines, result.skipped(),
                result.encoding(), notices);
    }

    /** Whether the file was read otherwise than as UTF-8: GBK (GB18030), which the page says. */
    public boolean readAsGbk() {
        return "GB18030".equals(encoding);
    }

    /** A fault of the whole file (no header, not UTF-8): "表头：…". */
    static String describe(InvalidInput.FieldError error, MessageSource messages) {
        return field(error.field(), messages) + "：" + chinese(error.message(), messages);
    }

    private static Line line(EnterpriseImport.Rejected rejected, MessageSource messages) {
        if (rejected.errors() != null && !rejected.errors().isEmpty()) {
            InvalidInput.FieldError first = rejected.errors().get(0);
            String read = rejected.value() == null ? "" : "「" + rejected.value() + "」";
            return new Line(rejected.line(), field(first.field(), messages), read + chinese(first.message(), messages));
        }
        Matcher m = FIELD_FIRST.matcher(rejected.message());
        if (m.matches()) {
            return new Line(rejected.line(), field(m.group(1), messages), chinese(m.group(2), messages));
        }
        return new Line(rejected.line(), "—", chinese(rejected.message(), messages));
    }

    private static String field(String field, MessageSource messages) {
        return messages.getMessage("admin.import.field." + field, null, field, Locale.SIMPLIFIED_CHINESE);
    }

    /** "creditCode,name" as the page names them: 统一社会信用代码、企业名称. */
    private static String labels(String columns, MessageSource messages) {
        return Arrays.stream(columns.split(",")).map(column -> field(column, messages)).collect(Collectors.joining("、"));
    }

    private static String chinese(String english, MessageSource messages) {
        for (Known known : KNOWN) {
            Matcher m = known.english().matcher(english);
            if (m.matches() && !known.names().isEmpty()) {
                return named(known, m, english, messages);
            }
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = known.columns() ? labels(m.group(i + 1), messages) : m.group(i + 1);
                }
                return messages.getMessage(known.key(), args, english, Locale.SIMPLIFIED_CHINESE);
            }
        }
        return english;
    }

    /** A fault the API words by name ({line}), in the Chinese the API answers with (its template, filled by name). */
    private static String named(Known known, Matcher m, String english, MessageSource messages) {
        Object[] namesAndValues = new Object[known.names().size() * 2];
        for (int i = 0; i < known.names().size(); i++) {
            namesAndValues[2 * i] = known.names().get(i);
            namesAndValues[2 * i + 1] = m.group(i + 1);
        }
        // without arguments the MessageSource hands the template over as written, as web.Messages reads it
        String template = messages.getMessage(known.key(), null, null, Locale.SIMPLIFIED_CHINESE);
        return template == null ? english : Message.of(known.key(), namesAndValues).fill(template, Message::english);
    }
}
