package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeUnitTests {

    /** The example code printed in GB 32100-2015, and codes of registered enterprises. */
    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91330100716105852F", "91440300708461136T"})
    void acceptsPublishedCodes(String code) {
        assertThat(CreditCode.problem(code)).isNull();
        assertThat(CreditCode.isValid(code)).isTrue();
    }

    @Test
    void rejectsAWrongCheckCharacter() {
        assertThat(CreditCode.problem("91350100M000100Y44").english()).contains("check character");
        assertThat(CreditCode.isValid("91330100716105852E")).isFalse();
    }

    @Test
    void rejectsOneChangedCharacterAnywhere() {
        String good = "91330100716105852F";
        for (int i = 0; i < 17; i++) {
            char original = good.charAt(i);
            char other = original == '1' ? '2' : '1';
            String changed = good.substring(0, i) + other + good.substring(i + 1);
            assertThat(CreditCode.isValid(changed)).as("position %d changed", i + 1).isFalse();
        }
    }

    @Test
    void rejectsWrongLengthAndLettersOutsideTheAlphabet() {
        assertThat(CreditCode.problem("9133010071610585").english()).isEqualTo("must be 18 characters");
        assertThat(CreditCode.problem("9133010071610585IF").english()).contains("character 17");
        assertThat(CreditCode.problem("").english()).isEqualTo("must not be blank");
        assertThat(CreditCode.problem(null).english()).isEqualTo("must not be blank");
        for (char excluded : new char[] {'I', 'O', 'Z', 'S', 'V'}) {
            assertThat(CreditCode.ALPHABET).doesNotContain(String.valueOf(excluded));
        }
    }

    @Test
    void checkCharacterZeroWhenTheSumIsAMultipleOf31() {
        // 17 zeros sum to 0, and 31 - 0 = 31 stands for '0'
        assertThat(CreditCode.checkCharacter("00000000000000000")).isEqualTo('0');
        assertThat(CreditCode.isValid("000000000000000000")).isTrue();
    }

    @Test
    void normalizeTrimsAndUpperCases() {
        assertThat(CreditCode.normalize("  91330100716105852f ")).isEqualTo("91330100716105852F");
        assertThat(CreditCode.normalize(null)).isNull();
    }
}
