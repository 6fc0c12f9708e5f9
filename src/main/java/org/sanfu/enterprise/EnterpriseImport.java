package org.sanfu.enterprise;

import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.security.PersonDetails;
import org.sanfu.web.BodySizeLimitProperties;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Messages;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads enterprises from CSV, UTF-8 or GBK (GB18030) as Excel saves it (header
 * {@code creditCode,name,town,industry,exporter,key,specialist}, or the columns' Chinese labels as Excel users
 * write them: 统一社会信用代码,企业名称,镇（街道）,...; mixed is fine).
 * Good rows are kept even when others are rejected; a row whose credit code is on file updates it, one whose code an
 * earlier line of the file has is rejected (the same enterprise typed twice, the later line overwrote). Lines of empty
 * cells are passed over, and a town no enterprise on file was in is imported and said (Towns).
 */
@Service
public class EnterpriseImport {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EnterpriseImport.class);

    /**
     * A column: the field it fills (its English header), its Chinese label (admin.import.field.*), what a cell of it
     * takes ({@link Takes}, which the template's workbook sets its cells for) and the key of the form's words on it
     * (admin.import.hint.*, the page's {@code #importColumns}; two columns may share one).
     */
    record Column(String field, String label, Takes takes, String hint, boolean optional) {

        Column(String field, String label, Takes takes, String hint) {
            this(field, label, takes, hint, false);
        }
    }

    /**
     * What a column's cell takes, as the template's workbook (ImportTemplateWorkbook) prepares it: a code, kept as
     * typed only in a Text cell (Excel makes a number of 18 digits 9.13E+17, and of a user name of digits drops its
     * leading zeros); words; or 是/否, offered as a drop-down.
     */
    enum Takes { CODE, WORDS, YES_NO }

    private static final String CONTACT_NAME = "contactName";
    private static final String CONTACT_PHONE = "contactPhone";
    static final List<Column> COLUMNS = List.of(
            new Column("creditCode", "统一社会信用代码", Takes.CODE, "admin.import.hint.credit-code"),
            new Column("name", "企业名称", Takes.WORDS, "admin.import.hint.name"),
            new Column("town", "镇（街道）", Takes.WORDS, "admin.import.hint.town-industry"),
            new Column("industry", "行业", Takes.WORDS, "admin.import.hint.town-industry"),
            new Column("exporter", "外贸企业", Takes.YES_NO, "admin.import.hint.yes-no"),
            new Column("key", "重点企业", Takes.YES_NO, "admin.import.hint.yes-no"),
            new Column("specialist", "驻企服务专员", Takes.CODE, "admin.import.hint.specialist"),
            // (addition) optional: a file without them imports as before and leaves an enterprise's contact on file
            // as it is; the telephone a code, kept as typed in a Text cell (Excel drops a leading 0 of 0576…)
            new Column(CONTACT_NAME, "联系人", Takes.WORDS, "admin.import.hint.contact", true),
            new Column(CONTACT_PHONE, "联系电话", Takes.CODE, "admin.import.hint.contact", true));
    /** The columns every file must have, as the header fault names them. */
    static final List<String> HEADER = COLUMNS.stream().filter(c -> !c.optional()).map(Column::field).toList();
    /** Each column's place in the template, by its field. */
    private static final Map<String, Integer> HEADER_ORDER = COLUMNS.stream()
            .collect(Collectors.toUnmodifiableMap(Column::field, COLUMNS::indexOf));
    /** A header cell as written, normalized ({@link #normalized}), to the field it names. */
    private static final Map<String, String> NAMED = COLUMNS.stream().flatMap(c -> Stream.of(
            Map.entry(normalized(c.field()), c.field()), Map.entry(normalized(c.label()), c.field())))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    /** The template's example line: a made-up enterprise of 温岭市 (331081) whose code has its check character. */
    private static final String EXAMPLE_CODE = "91331081MA2K00001";
    static final List<String> EXAMPLE = List.of(EXAMPLE_CODE + CreditCode.checkCharacter(EXAMPLE_CODE),
            "温岭市示例泵业有限公司", "泽国镇", "水泵", "是", "否", "", "王丽", "13800001234");
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "y", "是");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "n", "否", "");
    private static final String DUPLICATE = "sanfu.import.duplicate";
    /** The result's {@code encoding} of a workbook (.xlsx), whose cells are text already. */
    static final String XLSX = "XLSX";
    private static final Charset GB18030 = Charset.forName("GB18030");
    /** How a CSV is read: empty lines too (as one blank field), to be counted with the lines of empty cells. */
    static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(false).get();
    /**
     * commons-csv's words for a quoted field never closed, "(startline 3) EOF reached before encapsulated token
     * finished", its line where the field began (written with the default locale's grouping: 1,234).
     */
    private static final Pattern UNCLOSED_QUOTE = Pattern.compile(
            "\\(startline ([^)]+)\\) EOF reached before encapsulated token finished.*", Pattern.DOTALL);
    /**
     * commons-csv's words for text after a quoted field's closing quote ("abc"x,), "Invalid character between
     * encapsulated token and delimiter at line: 2, position: 65", the position counted in the whole file.
     */
    private static final Pattern AFTER_QUOTE = Pattern.compile(
            "Invalid char(?:acter)? between encapsulated token and delimiter at line: (.+?), position:.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** How much of a value a result repeats ({@link #shown}): enough to find it in the file. */
    static final int SHOWN_MAX = 40;
    /** A number as Excel writes one too long for its cells: 9.13311E+17, 91331100E+10. */
    private static final Pattern SCIENTIFIC = Pattern.compile("\\d+(\\.\\d+)?[eE]\\+?\\d+");
    /**
     * A credit code read from a sheet's number cell: Excel keeps 15 significant digits of a number, so the code typed
     * there is damaged whatever its digits now read (913310810123456789 is kept as 913310810123456000).
     */
    private static final String NUMBER_CELL = "sanfu.import.number-cell";
    /**
     * A 联系电话 read from a sheet's number cell that is no mobile number: Excel drops a landline's leading 0 (0576… is
     * kept as 576…), so the number filed would dial nowhere. A mobile's 11 digits come through a number cell whole.
     */
    private static final String PHONE_NUMBER_CELL = "sanfu.import.phone-number-cell";
    /**
     * A code as a cut number reads once its column was turned to text (Excel's 分列, or =TEXT(A2,"0")): 15 digits and
     * zeros, which keeps the damage in a text cell or a CSV field. Typed so it may be right; its check character
     * failing is when the hint is given.
     */
    private static final Pattern CUT = Pattern.compile("\\d{15}000");
    private static final String CHECK = "sanfu.credit-code.check";
    /**
     * What the yes/no columns take besides the English words, as the form's hint says (admin.import.hint.yes-no), and
     * what the template's workbook offers in their drop-down.
     */
    static final List<String> YES_OR_NO = List.of("是", "否");
    private static final String YES_NO = String.join("/", YES_OR_NO);

    @Schema(name = "ImportRejectedRow", description = "a CSV row that was not kept; the header is line 1")
    /**
     * A line left out: {@code message} says why as a problem's detail would; {@code errors} names each
     * field at fault, as a problem's {@code errors} do; {@code value}, the first field's value as read
     * ({@link #shown}), null for a fault of the whole line or a blank value; {@code name} and {@code creditCode}, the
     * line's as read ({@link #shown}), by which a clerk finds the row in the file.
     */
    public record Rejected(long line, String message, List<InvalidInput.FieldError> errors,
            @Schema(description = "the value of the first field at fault as read, its first 40 characters and … "
                    + "when longer; null for a fault of the whole line or a blank value") String value,
            @Schema(description = "(addition) the line's enterprise name as read, trimmed, its first 40 characters and … "
                    + "when longer; null when blank or missing") String name,
            @Schema(description = "(addition) the line's credit code as read, as name is") String creditCode) {}

    @Schema(name = "ImportNotice", description = "a line imported with something to check: a town (镇（街道）) no "
            + "enterprise on file was in before (field town), said at the first line naming it; (addition) a name an "
            + "enterprise on file or an earlier line has under another credit code (field name)")
    public record Notice(long line, String field, String value, String message) {}

    @Schema(name = "ImportResult")
    public record Result(int created, int updated, List<Rejected> rejected,
            @Schema(description = "lines with nothing but commas or spaces (Excel's rows of empty cells), passed over")
            int skipped,
            @Schema(description = "how the file was read: UTF-8 (with or without a byte-order mark), or GB18030 (GBK's "
                    + "superset, as Excel and WPS save CSV on Chinese Windows) for bytes that are not UTF-8; (addition) XLSX for "
                    + "an Excel workbook, its first sheet read",
                    allowableValues = {"UTF-8", "GB18030", "XLSX"}) String encoding,
            List<Notice> notices) {}

    private final EnterpriseService enterprises;
    private final Messages messages;

    /** The most text a sheet may hold: as much as a CSV, whose body is held to this (sanfu.max-body-bytes). */
    private final long maxBodyBytes;

    EnterpriseImport(EnterpriseService enterprises, Messages messages, BodySizeLimitProperties limits) {
        this.enterprises = enterprises;
        this.messages = messages;
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    @Transactional
    public Result load(byte[] body) {
        if (body == null || body.length == 0) {
            throw InvalidInput.of("body", Message.of("sanfu.import.empty"));
        }
        if (WorkbookLines.isZip(body)) {
            return load(WorkbookLines.read(body, maxBodyBytes).iterator(), XLSX);
        }
        Read read = read(body);
        String text = read.text();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // Excel writes a byte-order mark before UTF-8 CSV (GB18030 has one too)
        }
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSV)) {
            Iterator<CSVRecord> records = parser.iterator();
            Iterator<Line> lines = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public Line next() {
                    CSVRecord record = records.next();
                    return new Line(parser.getCurrentLineNumber(), record.toList());
                }
            };
            return load(lines, read.encoding().name());
        } catch (IOException | java.io.UncheckedIOException e) {
            Throwable cause = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            throw InvalidInput.of("body", unreadable(cause));
        }
    }

    /**
     * Why the CSV cannot be read, in the words of the person who sent it, by its cause as commons-csv reports it: a
     * quoted field never closed, or text after a closing quote, each with the line commons-csv names; anything else
     * by the refusal alone. The parser's own words, English, are for the operators' log (DEBUG), not the 400, which
     * showed them to Chinese readers ("不是可读的 CSV：(startline 3) EOF reached before encapsulated token finished").
     */
    static Message unreadable(Throwable cause) {
        String reason = cause.getMessage() == null ? "" : cause.getMessage().strip();
        log.debug("CSV not readable: {}", cause.toString());
        Long line = lineOf(UNCLOSED_QUOTE, reason);
        if (line != null) {
            return Message.of("sanfu.import.csv-unclosed-quote", "line", line);
        }
        line = lineOf(AFTER_QUOTE, reason);
        if (line != null) {
            return Message.of("sanfu.import.csv-after-quote", "line", line);
        }
        return Message.of("sanfu.import.unreadable-csv");
    }

    /** The line a parser's words of this kind name, its digits without the locale's grouping; null when not these. */
    private static Long lineOf(Pattern words, String reason) {
        Matcher m = words.matcher(reason);
        if (!m.matches()) {
            return null;
        }
        String digits = m.group(1).replaceAll("\\D", "");
        return digits.isEmpty() || digits.length() > 18 ? null : Long.valueOf(digits);
    }

    /**
     * A line of the file, numbered as the file numbers it (the header is line 1), its cells as read, and the columns
     * whose cell was a number in a sheet (none in a CSV, whose cells are all text): Excel kept 15 digits of it.
     */
    record Line(long number, List<String> cells, Set<Integer> numbers) {

        Line(long number, List<String> cells) {
            this(number, cells, Set.of());
        }

        boolean isNumber(int column) {
            return numbers.contains(column);
        }

        int size() {
            return cells.size();
        }

        String get(int column) {
            return cells.get(column);
        }

        /** A sheet's row as wide as its header: without blank cells after the last one, or with blank ones added. */
        Line widened(int width) {
            int last = cells.size();
            while (last > width && cells.get(last - 1).isBlank()) {
                last--;
            }
            List<String> widened = new ArrayList<>(cells.subList(0, last));
            while (widened.size() < width) {
                widened.add("");
            }
            return new Line(number, widened, numbers);
        }
    }

    /** The lines read, a CSV's or a sheet's ({@code encoding} XLSX, whose rows are as wide as their header). */
    private Result load(Iterator<Line> lines, String encoding) {
        boolean sheet = XLSX.equals(encoding);
        int created = 0;
        int updated = 0;
        int skipped = 0;
        List<Rejected> rejected = new ArrayList<>();
        List<Notice> notices = new ArrayList<>();
        List<EnterpriseForm> checked = new ArrayList<>();
        Map<String, String> specialists = new HashMap<>();
        // the line that filed each code so far, by the code as filed (Typed's folding: ９１３… is 913…)
        Map<String, Long> kept = new HashMap<>();
        Towns towns = enterprises.towns();
        Line header = null;
        while (header == null && lines.hasNext()) {
            Line first = lines.next();
            if (blank(first)) {
                skipped++;
            } else {
                header = sheet ? first.widened(0) : first;
            }
        }
        Map<String, Integer> columns = columns(header);
        while (lines.hasNext()) {
            Line row = sheet ? lines.next().widened(header.size()) : lines.next();
            long line = row.number();
            if (blank(row)) {
                skipped++;
                continue;
            }
            InvalidInput refusal = refusal(row, columns, header.size(), kept);
            try {
                LineRead read = form(row, columns, header.size());
                List<InvalidInput.Fault> refused = new ArrayList<>(refusal == null ? List.of() : refusal.faults());
                refused.addAll(read.faults());
                EnterpriseService.Checked ok = refused.isEmpty()
                        ? enterprises.check(read.form(), towns, specialists)
                        : refusedBeside(refused, read.form(), towns, specialists);
                kept.put(ok.form().creditCode(), line);
                checked.add(ok.form());
                if (ok.newTown() != null) {
                    notices.add(new Notice(line, "town", shown(ok.newTown()), messages.text(
                            Message.of("sanfu.import.new-town", "town", shown(ok.newTown())))));
                }
            } catch (InvalidInput e) {
                InvalidInput fault = hinted(inColumnOrder(e), row, columns);
                // in the request's language, as the problem's detail would say it
                rejected.add(new Rejected(line, messages.text(fault.detail()), messages.errors(fault),
                        valueAtFault(fault, row, columns), read(row, columns, "name"), read(row, columns, "creditCode")));
            }
        }
        // the names looked up before any line is filed, which would be its own namesake; said by line, a line's new
        // town before its name
        notices.addAll(namesakes(checked, kept));
        notices.sort(Comparator.comparingLong(Notice::line));
        // checked in the file's order (a town's first line is the one said new), filed in credit-code order, as every
        // writer of several enterprises takes their rows (HandingOverWork's too), each before its tickets: two imports
        // of the same enterprises in opposite orders would each hold a row the other waits for until the database
        // ended one, a 409. Each code is on one line at most: a later line naming it again was refused (duplicate).
        checked.sort(Comparator.comparing(EnterpriseForm::creditCode));
        // a file without a contact column says nothing of that part of the contact: what is on file stays
        ContactKept onFile = new ContactKept(!columns.containsKey(CONTACT_NAME),
                !columns.containsKey(CONTACT_PHONE));
        for (EnterpriseForm f : checked) {
            if (enterprises.fileChecked(f, onFile)) {
                created++;
            } else {
                updated++;
            }
        }
        return new Result(created, updated, rejected, skipped, encoding, notices);
    }

    /**
     * The lines checked (in the file's order, each code on one line) whose name, compared as the enterprise form asks
     * about it ({@link EnterpriseService#named}: brackets' width and spaces aside), an enterprise on file under another
     * credit code has, or an earlier line of the file under another code: imported as asked, but said, since a full
     * name under a second code is most often a mistyped code (NameOnFile). Namesakes under two codes exist, so it is
     * never a rejection. A line that keeps the name its code has on file is not said again, as a correction keeping
     * its name is not asked again. One read of the file's names, before anything of the file is filed.
     */
    private List<Notice> namesakes(List<EnterpriseForm> checked, Map<String, Long> lines) {
        Map<String, List<Enterprise>> onFile = enterprises.named(checked.stream().map(EnterpriseForm::name).toList());
        // the earlier lines by name as filed, the first line of each name
        Map<String, EnterpriseForm> earlier = new HashMap<>();
        List<Notice> notices = new ArrayList<>();
        for (EnterpriseForm f : checked) {
            Message said = namesake(f, onFile.getOrDefault(f.name(), List.of()), earlier, lines);
            if (said != null) {
                notices.add(new Notice(lines.get(f.creditCode()), "name", shown(f.name()), messages.text(said)));
            }
            earlier.putIfAbsent(f.name(), f);
        }
        return notices;
    }

    /**
     * What is said of a line's name ({@link #namesakes}), or null: the enterprises on file of that name under other
     * codes, else an earlier line of it (of the very name before one of its spellings, which come first), unless the
     * line keeps the name its code has on file.
     */
    private static Message namesake(EnterpriseForm f, List<Enterprise> named, Map<String, EnterpriseForm> earlier,
            Map<String, Long> lines) {
        if (named.stream().anyMatch(e -> e.creditCode().equals(f.creditCode()) && e.name().equals(f.name()))) {
            return null;
        }
        List<Enterprise> others = named.stream().filter(e -> !e.creditCode().equals(f.creditCode())).toList();
        if (!others.isEmpty()) {
            return Message.of("sanfu.import.namesake", "name", others.get(0).name(),
                    "creditCodes", others.stream().map(Enterprise::creditCode).toList());
        }
        return EnterpriseService.spellings(f.name()).stream().map(earlier::get).filter(Objects::nonNull).findFirst()
                .map(e -> Message.of("sanfu.import.namesake-in-file", "line", lines.get(e.creditCode()),
                        "name", e.name(), "creditCode", e.creditCode()))
                .orElse(null);
    }

    /**
     * The template an administrator fills in: UTF-8 with a byte-order mark (so Excel reads the Chinese), the
     * Chinese header row and one example line that imports as it is.
     */
    public byte[] template() {
        String csv = "\uFEFF" + COLUMNS.stream().map(Column::label).collect(Collectors.joining(",")) + "\r\n"
                + String.join(",", EXAMPLE) + "\r\n";
        return csv.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The same template as an Excel workbook (.xlsx), which keeps a credit code typed or pasted into it as text where
     * Excel opening the CSV makes it a number: the same header row and example line, its code columns Text, its
     * 是/否 columns a drop-down, and a second sheet 填写说明 in the form's words (ImportTemplateWorkbook).
     */
    public byte[] templateWorkbook() {
        return ImportTemplateWorkbook.render(key -> messages.text(Message.of(key), Locale.SIMPLIFIED_CHINESE));
    }

    /**
     * Where each field's column is: line 1 names each by its field or its Chinese label, in any order; a
     * column named otherwise is left out, one named twice (by either name) or missing refuses the file.
     */
    private static Map<String, Integer> columns(Line header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; header != null && i < header.size(); i++) {
            String field = NAMED.get(normalized(header.get(i)));
            if (field != null && columns.putIfAbsent(field, i) != null) {
                throw InvalidInput.of("header", Message.of("sanfu.import.header-twice", "column", field,
                        "columnLabel", label(field)));
            }
        }
        List<Column> missing = COLUMNS.stream().filter(c -> !c.optional() && !columns.containsKey(c.field())).toList();
        if (!missing.isEmpty()) {
            throw InvalidInput.of("header", Message.of("sanfu.import.header", "columns", String.join(",", HEADER),
                    "missing", missing.stream().map(Column::field).collect(Collectors.joining(",")),
                    "columnLabels", COLUMNS.stream().filter(c -> !c.optional()).map(Column::label)
                            .collect(Collectors.joining("、")),
                    "missingLabels", missing.stream().map(Column::label).collect(Collectors.joining("、"))));
        }
        return columns;
    }

    /**
     * A header cell as compared: without a byte-order mark, spaces (also full-width and no-break ones) or
     * letter case, full-width parentheses as half-width ones: 镇（街道）, 镇(街道) and " 镇 (街道) " are one.
     */
    private static String normalized(String name) {
        return name.replace("\uFEFF", "").replaceAll("[\\s\\u00A0\\u3000]+", "").replace('（', '(')
                .replace('）', ')').toLowerCase(Locale.ROOT);
    }

    private static String label(String field) {
        return COLUMNS.stream().filter(c -> c.field().equals(field)).map(Column::label).findFirst().orElse(field);
    }

    /**
     * A line's form as read, and the faults of reading its cells (a yes/no column's value, a telephone from a number
     * cell), collected as the form's check collects its own: a line's every fault is said at once, where a yes/no
     * fault said alone hid the others until the file came back a second time.
     */
    private record LineRead(EnterpriseForm form, List<InvalidInput.Fault> faults) {}

    /** The line read into a form; refused as a whole when it has not as many cells as the header. */
    private static LineRead form(Line row, Map<String, Integer> columns, int width) {
        if (row.size() != width) {
            throw InvalidInput.of("line", Message.of("sanfu.import.fields", "fields", row.size(), "columns", width));
        }
        List<InvalidInput.Fault> faults = new ArrayList<>();
        Integer phone = columns.get(CONTACT_PHONE);
        if (phone != null && row.isNumber(phone) && PersonDetails.mobile(row.get(phone)) == null) {
            faults.add(new InvalidInput.Fault(CONTACT_PHONE, Message.of(PHONE_NUMBER_CELL)));
        }
        EnterpriseForm form = new EnterpriseForm(row.get(columns.get("creditCode")), row.get(columns.get("name")),
                row.get(columns.get("town")), row.get(columns.get("industry")), bool(row, columns, "exporter", faults),
                bool(row, columns, "key", faults), row.get(columns.get("specialist")), cell(row, columns, CONTACT_NAME),
                cell(row, columns, CONTACT_PHONE));
        return new LineRead(form, faults);
    }

    /** The cell of an optional column; null when the file has no such column. */
    private static String cell(Line row, Map<String, Integer> columns, String field) {
        Integer column = columns.get(field);
        return column == null ? null : row.get(column);
    }

    /** A yes/no column's value; null, with its fault added to {@code faults}, when it is neither. */
    private static Boolean bool(Line row, Map<String, Integer> columns, String column,
            List<InvalidInput.Fault> faults) {
        String value = Typed.folded(row.get(columns.get(column))).toLowerCase(Locale.ROOT);
        if (TRUE.contains(value)) {
            return true;
        }
        if (FALSE.contains(value)) {
            return false;
        }
        faults.add(new InvalidInput.Fault(column, Message.of("sanfu.import.yes-no", "yesNo", YES_NO)));
        return null;
    }

    /**
     * Why the line's credit code is refused before it is checked, or null: read from a sheet's number cell, whose
     * digits Excel cut to 15 (by the cell's type, not its digits: a cut code whose check character happens to fit,
     * about 1 in 31, would file the wrong enterprise), or filed by an earlier line of the file (the later line
     * silently overwrote the earlier one), which is named.
     */
    private static InvalidInput refusal(Line row, Map<String, Integer> columns, int width, Map<String, Long> kept) {
        int column = columns.get("creditCode");
        if (row.isNumber(column)) {
            return InvalidInput.of("creditCode", Message.of(NUMBER_CELL));
        }
        Long earlier = row.size() == width ? kept.get(CreditCode.normalize(row.get(column))) : null;
        return earlier == null ? null : InvalidInput.of("creditCode", Message.of(DUPLICATE, "line", earlier));
    }

    /**
     * A line refused before its form is checked (its credit code, {@link #refusal}, or a cell as read, {@link #form}):
     * not filed, with the form's faults said beside these; its town and specialist are checked on copies, so that a
     * refused line leaves no new town or specialist remembered for the lines after it.
     */
    private EnterpriseService.Checked refusedBeside(List<InvalidInput.Fault> refused, EnterpriseForm form,
            Towns towns, Map<String, String> specialists) {
        try {
            enterprises.check(form, towns.copy(), new HashMap<>(specialists));
        } catch (InvalidInput others) {
            throw InvalidInput.merged(refused, others);
        }
        throw new InvalidInput(refused);
    }

    /**
     * A line's faults in the template's order of columns (a fault of the whole line first), as the form's check names
     * them: a yes/no fault found while reading the line is said between the industry's and the specialist's, and the
     * first column at fault is the one whose value the result repeats.
     */
    private static InvalidInput inColumnOrder(InvalidInput e) {
        return new InvalidInput(e.faults().stream()
                .sorted(Comparator.comparingInt(f -> HEADER_ORDER.getOrDefault(f.field(), -1))).toList());
    }

    /** A line of nothing but commas and spaces, as Excel writes a row of empty cells, or an empty line. */
    private static boolean blank(Line row) {
        return row.cells().stream().allMatch(String::isBlank);
    }

    /**
     * The faults of a line, a credit code that reads as Excel's scientific notation (9.13311E+17: the column was a
     * number, saved as CSV) with a hint of what happened to it and how to mend it. One from a sheet's number cell is
     * refused by the cell's type ({@link #refusal}), said as it is, as a code repeated is. A code of 15 digits and
     * zeros in a text cell or a CSV field may be what was typed, so only when its check character fails is it hinted
     * as a number column turned to text after Excel cut it (分列, =TEXT(A2,"0") keep the zeros).
     */
    private static InvalidInput hinted(InvalidInput e, Line row, Map<String, Integer> columns) {
        // read as the code's check reads it (Typed.folded before its capitals): ９.１３３１１Ｅ＋１７ is notation too
        String code = row.size() > columns.get("creditCode") ? Typed.folded(row.get(columns.get("creditCode"))) : "";
        if (SCIENTIFIC.matcher(code).matches()) {
            return withHint(e, "sanfu.import.scientific",
                    reason -> !DUPLICATE.equals(reason.code()) && !NUMBER_CELL.equals(reason.code()));
        }
        if (CUT.matcher(code).matches()) {
            return withHint(e, "sanfu.import.cut-digits", reason -> CHECK.equals(reason.code()));
        }
        return e;
    }

    /** The credit code's faults that {@code hinted} takes, each said within this hint ({@code {reason}}). */
    private static InvalidInput withHint(InvalidInput e, String hint, Predicate<Message> hinted) {
        return new InvalidInput(e.faults().stream()
                .map(f -> !f.field().equals("creditCode") || !hinted.test(f.reason()) ? f
                        : new InvalidInput.Fault(f.field(), Message.of(hint, "reason", f.reason())))
                .toList());
    }

    /** The value of the line's first field at fault as read ({@link #shown}); null for the whole line's fault. */
    private static String valueAtFault(InvalidInput fault, Line row, Map<String, Integer> columns) {
        if (fault.faults().isEmpty()) {
            return null;
        }
        Integer column = columns.get(fault.faults().get(0).field());
        return column == null || column >= row.size() ? null : shown(row.get(column));
    }

    /** The line's value of this column as read, trimmed ({@link #shown}); null when the line has no such cell. */
    private static String read(Line row, Map<String, Integer> columns, String field) {
        int column = columns.get(field);
        return column >= row.size() ? null : shown(EnterpriseForm.trim(row.get(column)));
    }

    /** A value as a result repeats it: its first {@value #SHOWN_MAX} characters and … when longer; null when blank. */
    static String shown(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.codePointCount(0, value.length()) <= SHOWN_MAX ? value
                : value.substring(0, value.offsetByCodePoints(0, SHOWN_MAX)) + "…";
    }

    /** A file's text and the encoding it was read in. */
    private record Read(Charset encoding, String text) {}

    /**
     * The file's text: UTF-8 when it is (with or without a byte-order mark), else GB18030, GBK's superset, as
     * Excel 2013 and WPS save CSV on Chinese Windows, when it decodes cleanly so; refused when neither.
     */
    private static Read read(byte[] body) {
        for (Charset charset : List.of(StandardCharsets.UTF_8, GB18030)) {
            try {
                return new Read(charset, charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString());
            } catch (CharacterCodingException e) {
                // not this one: the next
            }
        }
        throw InvalidInput.of("body", Message.of("sanfu.import.utf8"));
    }
}
