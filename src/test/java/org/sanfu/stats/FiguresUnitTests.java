package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A rate, rounded again to the percentage with one decimal that pages and briefings print, is what its counts give. */
class FiguresUnitTests {

    @ParameterizedTest
    @CsvSource({"24, 44, 54.5", "182, 186, 97.8", "301, 307, 98.0", "2, 3, 66.7", "1, 8, 12.5", "0, 5, 0.0",
            "5, 5, 100.0"})
    void aRatePrintedAsAPercentageIsTheOneItsCountsGive(long part, long whole, String printed) {
        BigDecimal percent = BigDecimal.valueOf(Figures.rate(part, whole)).movePointRight(2)
                .setScale(1, RoundingMode.HALF_UP);
        assertThat(percent.toPlainString()).isEqualTo(printed);
        assertThat(String.format("%.1f", Figures.rate(part, whole) * 100)).isEqualTo(printed);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "3, 0"})
    void aRateOfNothingIsNone(long part, long whole) {
        assertThat(Figures.rate(part, whole)).isNull();
    }
}
