package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** Days and months as people write them in Chinese: no leading zeros, 年月日. */
class WhenUnitTests {

    @Test
    void aDayIsWrittenWithoutLeadingZeros() {
        assertThat(When.day(LocalDate.of(2026, 12, 8))).isEqualTo("2026年12月8日");
        assertThat(When.day(LocalDate.of(2027, 1, 31))).isEqualTo("2027年1月31日");
    }

    @Test
    void aMonthIsWrittenWithoutALeadingZero() {
        assertThat(When.month(YearMonth.of(2021, 3))).isEqualTo("2021年3月");
    }
}
