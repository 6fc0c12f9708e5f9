package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

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
        assertThat(EnterpriseImport.unreadable(new IOException("(startline 3) EOF reached")).arguments())
                .containsEntry("reason", "(startline 3) EOF reached");
    }
}
