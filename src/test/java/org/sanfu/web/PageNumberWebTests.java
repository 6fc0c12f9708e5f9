package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every paged page refuses a page number below 0, or one that is no number, as {@code /tickets} does: 400 naming
 * 页码, rather than the first page with 200 as if the hand-edited link were right; the API's lists refuse them too
 * (400 naming {@code page}), and a page number past the depth still shows the last page allowed.
 */
@SanfuTest
class PageNumberWebTests {

    /** Each paged page and one who may open it. */
    private static final Map<String, String> PAGED = Map.of("/work", "staff1", "/enterprises", "leader",
            "/reports/coverage", "leader", "/systemic-problems", "leader", "/tickets", "leader");

    @Autowired
    Pages pages;
    @Autowired
    Api api;

    @Test
    void aPageNumberBelowZeroOrNoNumberIsThe400PageNaming页码OnEveryPagedPage() {
        PAGED.forEach((path, user) -> {
            for (String page : new String[] {"-1", "abc", "1.5"}) {
                Pages.Answer answer = pages.get(path + "?page=" + page, user);
                assertThat(answer.status()).as(path + " " + page).isEqualTo(400);
                assertThat(answer.html().text()).as(path + " " + page).contains("页码");
            }
            assertThat(pages.get(path + "?page=0", user).status()).as(path).isEqualTo(200);
        });
        assertThat(pages.get("/enterprises?page=2147483647", "leader").status()).as("past the depth: the last page")
                .isEqualTo(200);
        for (String path : new String[] {"/api/enterprises", "/api/stats/coverage/unvisited", "/api/systemic-problems",
                "/api/tickets", "/api/inbox"}) {
            Api.Response answer = api.get(path + "?page=-1", "dispatch");
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.firstFault().get("field").asText()).as(path).isEqualTo("page");
        }
    }

    @Test
    void aPageNumberTooLargeForAnIntIsStillPastTheDepthAndShowsTheLastPage() {
        for (String page : new String[] {"2147483648", "99999999999999999999"}) {
            Pages.Answer answer = pages.get("/enterprises?page=" + page, "leader");
            assertThat(answer.status()).as(page).isEqualTo(200);
            assertThat(answer.html().text()).as(page).doesNotContain("页码");
        }
    }

    @Test
    void coverageNamesARefusedPageNumberAmongItsFaultsAboveThisMonthsFigures() {
        Pages.Answer answer = pages.get("/reports/coverage?page=-1&exporter=maybe", "leader");
        assertThat(answer.status()).isEqualTo(400);
        // the figures are shown, as for any malformed parameter, and both faults are named, not the page's alone
        assertThat(answer.html().select("#enterprises")).hasSize(1);
        assertThat(answer.html().select("#filterError li").eachAttr("data-field")).containsExactly("exporter", "page");
        assertThat(answer.html().select("#filterError li[data-field=page]").text())
                .isEqualTo("页码：必须是 0 或更大的整数");
    }
}
