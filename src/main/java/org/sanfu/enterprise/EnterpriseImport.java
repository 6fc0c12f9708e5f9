package org.sanfu.enterprise;

import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.sanfu.Message;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Messages;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads enterprises from CSV (header {@code creditCode,name,town,industry,exporter,key,specialist}, or the
 * columns' Chinese labels as Excel users write them: 统一社会信用代码,企业名称,镇（街道）,...; mixed is fine).
 * Good rows are kept even when others are rejected; a row whose credit code is on file updates it.
 */
@Service
public class EnterpriseImport {

    /** A column: the field it fills (its English header) and its Chinese label (admin.import.field.*). */
    record Column(String field, String label) {}

    static final List<Column> COLUMNS = List.of(new Column("creditCode", "统一社会信用代码"),
            new Column("name", "企业名称"), new Column("town", "镇（街道）"), new Column("industry", "行业"),
            new Column("exporter", "外贸企业"), new Column("key", "重点企业"), new Column("specialist", "驻企服务专员"));
    static final List<String> HEADER = COLUMNS.stream().map(Column::field).toList();
    /** A header cell as written, normalized ({@link #normalized}), to the field it names. */
    private static final Map<String, String> NAMED = COLUMNS.stream().flatMap(c -> Stream.of(
            Map.entry(normalized(c.field()), c.field()), Map.entry(normalized(c.label()), c.field())))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    /** The template's example line: a made-up enterprise of 温岭市 (331081) whose code has its check character. */
    private static final String EXAMPLE_CODE = "91331081MA2K00001";
    static final List<String> EXAMPLE = List.of(EXAMPLE_CODE + CreditCode.checkCharacter(EXAMPLE_CODE),
            "温岭市示例泵业有限公司", "泽国镇", "水泵", "是", "否", "");
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "y", "是");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "n", "否", "");

    @Schema(name = "ImportRejectedRow", description = "a CSV row that was not kept; the header is line 1")
    /**
     * A line left out: {@code message} says why as a problem's detail would; {@code errors} names each
     * field at fault, as a problem's {@code errors} do.
     */
    public record Rejected(long line, String message, List<InvalidInput.FieldError> errors) {}

    @Schema(name = "ImportResult")
    public record Result(int created, int updated, List<Rejected> rejected) {}

    private final EnterpriseService enterprises;
    private final Messages messages;

    EnterpriseImport(EnterpriseService enterprises, Messages messages) {
        this.enterprises = enterprises;
        this.messages = messages;
    }

    @Transactional
    public Result load(byte[] body) {
        if (body == null || body.length == 0) {
            throw InvalidInput.of("body", Message.of("sanfu.import.empty"));
        }
        String text = utf8(body);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // Excel writes a byte-order mark before UTF-8 CSV
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true)
                .get();
        int created = 0;
        int updated = 0;
        List<Rejected> rejected = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> rows = parser.iterator();
            CSVRecord header = rows.hasNext() ? rows.next() : null;
            Map<String, Integer> columns = columns(header);
            while (rows.hasNext()) {
                CSVRecord row = rows.next();
                long line = parser.getCurrentLineNumber();
                try {
                    if (enterprises.createOrUpdate(form(row, columns, header.size()))) {
                        created++;
                    } else {
                        updated++;
                    }
                } catch (InvalidInput e) {
                    // in the request's language, as the problem's detail would say it
                    rejected.add(new Rejected(line, messages.text(e.detail()), messages.errors(e)));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // the parser's own words ("(startline 3) EOF reached before ..."), not its exception's class name
            Throwable cause = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            throw InvalidInput.of("body", Message.of("sanfu.import.unreadable", "reason", cause.getMessage()));
        }
        return new Result(created, updated, rejected);
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
     * Where each field's column is: line 1 names each by its field or its Chinese label, in any order; a
     * column named otherwise is left out, one named twice (by either name) or missing refuses the file.
     */
    private static Map<String, Integer> columns(CSVRecord header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; header != null && i < header.size(); i++) {
            String field = NAMED.get(normalized(header.get(i)));
            if (field != null && columns.putIfAbsent(field, i) != null) {
                throw InvalidInput.of("header", Message.of("sanfu.import.header-twice", "column", field,
                        "columnLabel", label(field)));
            }
        }
        List<Column> missing = COLUMNS.stream().filter(c -> !columns.containsKey(c.field())).toList();
        if (!missing.isEmpty()) {
            throw InvalidInput.of("header", Message.of("sanfu.import.header", "columns", String.join(",", HEADER),
                    "missing", missing.stream().map(Column::field).collect(Collectors.joining(",")),
                    "columnLabels", COLUMNS.stream().map(Column::label).collect(Collectors.joining("、")),
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

    private static EnterpriseForm form(CSVRecord row, Map<String, Integer> columns, int width) {
        if (row.size() != width) {
            throw InvalidInput.of("line", Message.of("sanfu.import.fields", "fields", row.size(), "columns", width));
        }
        return new EnterpriseForm(row.get(columns.get("creditCode")), row.get(columns.get("name")),
                row.get(columns.get("town")), row.get(columns.get("industry")), bool(row, columns, "exporter"),
                bool(row, columns, "key"), row.get(columns.get("specialist")));
    }

    private static Boolean bool(CSVRecord row, Map<String, Integer> columns, String column) {
        String value = row.get(columns.get(column)).trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(value)) {
            return true;
        }
        if (FALSE.contains(value)) {
            return false;
        }
        throw InvalidInput.of(column, Message.of("sanfu.validation.true-or-false"));
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw InvalidInput.of("body", Message.of("sanfu.import.utf8"));
        }
    }
}
