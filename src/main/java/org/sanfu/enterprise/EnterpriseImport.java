package org.sanfu.enterprise;

import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.sanfu.Message;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Messages;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads enterprises from CSV (header {@code creditCode,name,town,industry,exporter,key,specialist}).
 * Good rows are kept even when others are rejected; a row whose credit code is on file updates it.
 */
@Service
public class EnterpriseImport {

    static final List<String> HEADER = List.of("creditCode", "name", "town", "industry", "exporter", "key",
            "specialist");
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
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        int created = 0;
        int updated = 0;
        List<Rejected> rejected = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> missing = HEADER.stream().filter(h -> !parser.getHeaderMap().containsKey(h)).toList();
            if (!missing.isEmpty()) {
                throw InvalidInput.of("header", Message.of("sanfu.import.header", "columns", String.join(",", HEADER),
                        "missing", String.join(",", missing)));
            }
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                try {
                    if (enterprises.createOrUpdate(form(row))) {
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

    private static EnterpriseForm form(CSVRecord row) {
        if (!row.isConsistent()) {
            throw InvalidInput.of("line", Message.of("sanfu.import.fields", "fields", row.size(), "columns", HEADER.size()));
        }
        return new EnterpriseForm(row.get("creditCode"), row.get("name"), row.get("town"), row.get("industry"),
                bool(row, "exporter"), bool(row, "key"), row.get("specialist"));
    }

    private static Boolean bool(CSVRecord row, String column) {
        String value = row.get(column).trim().toLowerCase(Locale.ROOT);
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
