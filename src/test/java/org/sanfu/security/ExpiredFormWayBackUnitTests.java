package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which Referer is a page of this site to go back to after signing in again. */
class ExpiredFormWayBackUnitTests {

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "http://sanfu.example:8080/tickets/5, sanfu.example:8080, /tickets/5",
            "https://sanfu.example/tickets?status=ASSIGNED&q=%E8%88%B1, sanfu.example, /tickets?status=ASSIGNED&q=%E8%88%B1",
            "https://SANFU.example/work, sanfu.example, /work",
            // another site, another port, no host to compare with
            "https://evil.example/tickets/5, sanfu.example, null",
            "http://sanfu.example:9999/tickets/5, sanfu.example:8080, null",
            "http://sanfu.example/tickets/5, null, null",
            // nothing to go back to, or not a page
            "null, sanfu.example, null",
            "not a uri at all, sanfu.example, null",
            "http://sanfu.example/login?expired, sanfu.example, null",
            "http://sanfu.example/logout, sanfu.example, null",
            "http://sanfu.example/api/tickets/5, sanfu.example, null",
            "http://sanfu.example, sanfu.example, null",
    })
    void keepsOnlyAPageOfTheSameHost(String referer, String host, String expected) {
        assertThat(ExpiredFormWayBack.pageOf(referer, host)).isEqualTo(expected);
    }
}
