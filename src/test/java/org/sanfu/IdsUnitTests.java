package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdsUnitTests {

    @Test
    void anIdIsItsPlainDigitsAndNothingElse() {
        assertThat(Ids.parse("1").getAsLong()).isEqualTo(1);
        assertThat(Ids.parse("987654321012345678").getAsLong()).isEqualTo(987_654_321_012_345_678L);
        for (String notAnId : List.of("", "0", "01", "+1", "-1", "１", "١", " 1", "1 ", "1e3", "0x1",
                "9999999999999999999", "abc")) {
            assertThat(Ids.parse(notAnId)).as(notAnId).isEmpty();
        }
        assertThat(Ids.parse(null)).isEmpty();
    }
}
