package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A list page starts no deeper than the 10,000th row (API.md, "Lists"): deeper, the database would
 * read and drop every row before it, so the answer is 400 naming {@code page}, in the caller's language.
 */
@SanfuTest
class PageDepthWebTests {

    @Autowired
    Api api;

    @Test
    void aPageStartingAtTheTenThousandthRowIsServedAndOneDeeperIsRefusedNamingPage() {
        assertThat(api.get("/api/tickets?page=50&size=200", "leader").status()).isEqualTo(200);
        assertThat(api.get("/api/tickets?page=500&size=20", "leader").status()).isEqualTo(200);

        for (String deeper : new String[] {"/api/tickets?page=51&size=200", "/api/tickets?page=501",
            "/api/inbox?page=501", "/api/visits?page=10001&size=1"}) {
            Api.Response r = api.get(deeper, "dispatch");
            JsonNode fault = r.firstFault();
            assertThat(fault.get("field").asText()).as(deeper).isEqualTo("page");
            assertThat(fault.get("message").asText()).as(deeper).contains("10000");
        }
    }

    /**
     * A page and a size both wrong are both named, each worded alike (must be a whole number from .. to ..), whichever
     * way each is wrong: a page too deep beside a size too large named the size alone, a page no number beside one
     * the page alone, and each of the three faults was worded its own way. A wrong size's page is bounded as the
     * default size's (20 a page: 500).
     */
    @Test
    void aPageAndASizeBothWrongAreBothNamedInOneWording() {
        String page = "page: must be a whole number from 0 to 500: a list shows its first 10000 rows; "
                + "narrow the filters to see others";
        String size = "size: must be a whole number from 1 to 200";
        for (String both : new String[] {"/api/tickets?page=600&size=300", "/api/tickets?page=abc&size=300",
            "/api/tickets?page=-1&size=abc", "/api/visits?size=0&page=501"}) {
            assertThat(faults(api.get(both, "dispatch"))).as(both).containsExactly(page, size);
        }
        assertThat(faults(api.get("/api/tickets?page=600", "dispatch"))).containsExactly(page);
        assertThat(faults(api.get("/api/tickets?size=300", "dispatch"))).containsExactly(size);
    }

    private static List<String> faults(Api.Response answer) {
        answer.firstFault();
        List<String> faults = new ArrayList<>();
        answer.json().get("errors").forEach(e -> faults.add(e.get("field").asText() + ": " + e.get("message").asText()));
        return faults;
    }
}
