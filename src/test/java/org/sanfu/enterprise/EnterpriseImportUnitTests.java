package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.sanfu.Message;

/** The import's columns: named in Chinese as the page names them, and the template's example a valid code. */
class EnterpriseImportUnitTests {

    @Test
    void eachColumnsChineseLabelIsTheOneThePageNamesItBy() throws IOException {
        Properties chinese = new Properties();
        try (var in = new InputStreamReader(getClass().getResourceAsStream("/messages.properties"),
                StandardCharsets.UTF_8)) {
            chinese.load(in);
        }
        for (EnterpriseImport.Column column : EnterpriseImport.COLUMNS) {
            assertThat(column.label()).as(column.field())
                    .isEqualTo(chinese.getProperty("admin.import.field." + column.field()));
        }
    }

    @Test
    void theTemplatesExampleHasAValidCreditCode() {
        assertThat(CreditCode.problem(EnterpriseImport.EXAMPLE.get(0))).isNull();
        assertThat(EnterpriseImport.EXAMPLE).hasSameSizeAs(EnterpriseImport.COLUMNS);
    }

    /** A CSV the parser refuses without words of its own is refused by the message alone, never with "null". */
    @Test
    void aCsvRefusedWithoutTheParsersWordsSaysNoNull() {
        assertThat(EnterpriseImport.unreadable(new IOException()).code()).isEqualTo("sanfu.import.unreadable-csv");
        assertThat(EnterpriseImport.unreadable(new IOException("(startline 3) EOF reached")).code())
                .as("words of another kind: the refusal alone, not the parser's English")
                .isEqualTo("sanfu.import.unreadable-csv");
    }

    /**
     * commons-csv's refusals, as the import's parser (its format) meets them, are said by their cause with the line
     * commons-csv names, in our words: a quoted field never closed by the line it began on, text after a closing
     * quote by its own line; a line of four digits as the parser writes it with the locale's grouping (1,234).
     */
    @Test
    void aCsvTheParserRefusesIsSaidByItsCauseAndLine() {
        Message unclosed = EnterpriseImport.unreadable(parserRefusal(
                "creditCode,name\n91331081MA2K000017,好企业\n91331081MA2K000025,\"没有结束的引号\n下一行\n"));
        assertThat(unclosed.code()).isEqualTo("sanfu.import.csv-unclosed-quote");
        assertThat(unclosed.arguments()).containsEntry("line", 3L);

        Message after = EnterpriseImport.unreadable(parserRefusal("creditCode,name\r\n\"91331081MA2K000017\"x,好企业\r\n"));
        assertThat(after.code()).isEqualTo("sanfu.import.csv-after-quote");
        assertThat(after.arguments()).containsEntry("line", 2L);

        assertThat(EnterpriseImport.unreadable(new IOException(
                "(startline 1,234) EOF reached before encapsulated token finished")).arguments())
                .containsEntry("line", 1234L);
        assertThat(EnterpriseImport.unreadable(new IOException("Invalid character between encapsulated token and "
                + "delimiter at line: 1,234, position: 56,789")).arguments()).containsEntry("line", 1234L);
    }

    /** What the import's parser throws reading this text to its end (the cause of its UncheckedIOException). */
    private static Throwable parserRefusal(String text) {
        try (CSVParser parser = CSVParser.parse(new StringReader(text), EnterpriseImport.CSV)) {
            parser.forEach(record -> { });
        } catch (UncheckedIOException e) {
            return e.getCause();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("the parser read " + text);
    }
}
