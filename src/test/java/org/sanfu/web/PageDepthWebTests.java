package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
}
