package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How StrictQueries reads a query string: escapes, UTF-8 by RFC 3629, the parameters a handler takes. */
class StrictQueriesUnitTests {

    private static boolean wellFormed(String value) {
        return StrictQueries.wellFormed(value, 0, value.length());
    }

    @Test
    void escapesMustBeTwoHexDigitsAndTheirBytesUtf8() {
        assertThat(List.of("", "abc", "a+b", "%20", "%25", "%e5%9f%8e", "%E5%9F%8E%E5%85%B3", "%C2%A0", "%EF%BF%BD",
                "%F0%9F%98%80", "%F4%8F%BF%BF", "%ED%9F%BF", "城关镇", "%E5%9F%8E镇"))
                .allMatch(StrictQueriesUnitTests::wellFormed);
        assertThat(List.of("%", "%4", "a%", "%G1", "%%41", "%4%41", "%80", "%BF", "%C0%AF", "%C1%BF", "%E0%80%AF",
                "%ED%A0%80", "%ED%BF%BF", "%F0%80%80%80", "%F4%90%80%80", "%F5%80%80%80", "%FF", "%FF%FE", "%E5%9F",
                "%E5%9Fa", "%E5%9F镇", "%E5%9F%8E%80", "%C2", "%C2%41", "%٣٣"))
                .noneMatch(StrictQueriesUnitTests::wellFormed);
    }

    @Test
    void onlyTheParametersTakenAreJudgedEachOnceAndListsMayRepeat() {
        StrictQueries.Taken taken = new StrictQueries.Taken(List.of("town", "source"), new boolean[] {true, false},
                false);
        assertThat(StrictQueries.faults("utm=%&x=%ED%A0%80&source=A&source=B&town=a", taken).none()).isTrue();
        assertThat(StrictQueries.faults("town=%&town=%&town=a", taken).faults())
                .extracting(InvalidInput.Fault::field, f -> f.reason().code())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("town", "sanfu.validation.malformed-query"));
        assertThat(StrictQueries.faults("%74own=a&town=b&source=%", taken).faults())
                .extracting(InvalidInput.Fault::field, f -> f.reason().code())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("town", "form.once"),
                        org.assertj.core.groups.Tuple.tuple("source", "sanfu.validation.malformed-query"));
        assertThat(StrictQueries.faults("town", taken).none()).isTrue();
        assertThat(StrictQueries.faults("&&town=a&", taken).none()).isTrue();
        assertThat(StrictQueries.faults("town=a=b", taken).none()).isTrue();
    }
}
