package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A text for one line of the log: every kind of line break and control character, and the spaces by them, as one space. */
class OneLineUnitTests {

    @Test
    void lineBreaksAndControlsWithTheirSpacesAreOneSpace() {
        assertThat(OneLine.of("a\nb")).isEqualTo("a b");
        assertThat(OneLine.of("  a \r\n\r\n   b\t\tc  ")).isEqualTo("a b c");
        assertThat(OneLine.of("a\u0085b\u2028c\u2029d\u001b[31me\u007ff")).isEqualTo("a b c d [31me f");
        assertThat(OneLine.of("\n\n")).isEmpty();
        assertThat(OneLine.of("one  line  as it was")).isEqualTo("one  line  as it was");
        assertThat(OneLine.of(null)).isNull();
    }
}
