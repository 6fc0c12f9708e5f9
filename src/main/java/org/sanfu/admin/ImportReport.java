package org.sanfu.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.enterprise.EnterpriseImport;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Languages;
import org.sanfu.web.Messages;
import org.springframework.context.MessageSource;

/**
 * An enterprise import's outcome as the page shows it, in Chinese: the counts, and each rejected line
 * with its line number (the header is line 1), the enterprise's name and credit code as read, and each column at fault
 * and what is wrong, the first after the value read there (「是的」不是 …) unless it names the value itself; the lines
 * passed over as empty, the encoding read when not UTF-8 ({@code encoding}, GB18030), and the lines imported with
 * something to check ({@code notices}: a new town, a name on file under another credit code).
 * <p>
 * A line's faults come worded in the request's language, which for a page is Chinese (web.Languages), so they are
 * shown as they come. A fault of the whole file comes as the import's {@link Message} and is worded here by its key:
 * in the page's own Chinese where it has one ({@link #PAGE_WORDING}), else as the API words it in Chinese. Never by
 * the English text, which any change to messages_en.properties would have let through to the page untranslated.
 */
record ImportReport(String filename, int created, int updated, List<Refused> rejected, int skipped, String encoding,
        List<Line> notices) {

    /** A line imported with a notice: its number, the column's Chinese label and what to check. */
    record Line(long line, String field, String message) {}

    /**
     * (addition) A rejected line: its number, the enterprise's name and credit code as read from it (null when blank),
     * by which a clerk finds the row in Excel, and every fault of it, each by its column's Chinese label ("—" for the
     * whole line), the first after the value read there. Before, only the first fault was shown.
     */
    record Refused(long line, String name, String creditCode, List<Fault> faults) {}

    /** One fault of a rejected line: the column's Chinese label and what is wrong. */
    record Fault(String field, String message) {}

    /**
     * The import's faults of the whole file that the page words its own way (admin.import.*, filled by the same names
     * as the API's text): the header as the form's hint names the columns, and what to do in Excel for an encoding.
     */
    private static final Map<String, String> PAGE_WORDING = Map.of(
            "sanfu.import.header", "admin.import.header",
            "sanfu.import.header-twice", "admin.import.header-twice",
            "sanfu.import.utf8", "admin.import.not-utf8");

    static ImportReport of(String filename, EnterpriseImport.Result result, MessageSource messages) {
        List<Refused> lines = result.rejected().stream().map(r -> line(r, messages)).toList();
        List<Line> notices = result.notices().stream()
                .map(n -> new Line(n.line(), field(n.field(), messages), n.message())).toList();
        return new ImportReport(filename, result.created(), result.updated(), lines, result.skipped(),
                result.encoding(), notices);
    }

    /** How many lines the notices are of: a line may have two (a new town and a namesake), and is one line to check. */
    public long noticedLines() {
        return notices.stream().mapToLong(Line::line).distinct().count();
    }

    /** Whether the file was read otherwise than as UTF-8: GBK (GB18030), which the page says. */
    public boolean readAsGbk() {
        return "GB18030".equals(encoding);
    }

    /** A fault of the whole file (no header, not UTF-8): "表头：…", worded by its key in Chinese. */
    static String describe(InvalidInput.Fault fault, MessageSource messages, Messages worded) {
        return field(fault.field(), messages) + "：" + chinese(fault.reason(), messages, worded);
    }

    private static String chinese(Message reason, MessageSource messages, Messages worded) {
        String own = reason.code() == null ? null : PAGE_WORDING.get(reason.code());
        // without arguments the MessageSource hands the template over as written, to be filled by name as the API's
        String template = own == null ? null : messages.getMessage(own, null, null, Languages.CHINESE);
        return template == null ? worded.text(reason, Languages.CHINESE)
                : reason.fill(template, nested -> worded.text(nested, Languages.CHINESE));
    }

    private static Refused line(EnterpriseImport.Rejected rejected, MessageSource messages) {
        List<Fault> faults = new ArrayList<>();
        if (rejected.errors() == null || rejected.errors().isEmpty()) {
            faults.add(new Fault("—", rejected.message()));
        } else {
            // the value the API gives is the first field's, so it is said before that fault alone, unless that fault
            // names it already, as a specialist's faults name the account (looked up folded, as they say it)
            String read = rejected.value() == null ? "" : "「" + rejected.value() + "」";
            String named = rejected.value() == null ? null : "「" + Typed.folded(rejected.value()) + "」";
            for (InvalidInput.FieldError e : rejected.errors()) {
                boolean namesIt = named != null && e.message().contains(named);
                faults.add(new Fault(field(e.field(), messages), (faults.isEmpty() && !namesIt ? read : "")
                        + e.message()));
            }
        }
        return new Refused(rejected.line(), rejected.name(), rejected.creditCode(), faults);
    }

    private static String field(String field, MessageSource messages) {
        return messages.getMessage("admin.import.field." + field, null, field, Locale.SIMPLIFIED_CHINESE);
    }
}
