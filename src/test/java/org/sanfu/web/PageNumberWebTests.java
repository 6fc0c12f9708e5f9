package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every paged page refuses a page number below 0, or one that is no number, as {@code /tickets} does: 400 naming
 * 页码, rather than the first page with 200 as if the hand-edited link were right; the API's lists refuse them too
 * (400 naming {@code page}), and a page number past the depth shows the last page allowed, {@code /tickets}'s too.
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
    void aPageNumberPastTheDepthShowsTheLastPageAllowedOnEveryPagedPageHoweverManyDigitsItHas() {
        shownOnEveryPagedPage("501", "2147483648", "99999999999999999999");
        // /tickets, where it was 400: the 501st page of 20, the deepest allowed, past this list's end and so with
        // its way to the last page, as a page past the end shows
        String word = "页深" + Api.creditCode().substring(12);
        api.visit(api.enterprise(), List.of(Api.problem("OTHER", word)));
        Pages.Answer deepest = pages.get("/tickets?q=" + word + "&page=2147483648", "leader");
        assertThat(deepest.status()).isEqualTo(200);
        assertThat(deepest.html().select("#pastTheEnd").text()).startsWith("第 501 页已超出范围：符合条件的 1 件共 1 页");
        assertThat(deepest.html().select("#lastPage").attr("href")).doesNotContain("page=");
        // and a size of its own sets the depth: 10,000 rows are 50 pages of 200
        assertThat(pages.get("/tickets?q=" + word + "&page=60&size=200", "leader").html().select("#pastTheEnd").text())
                .startsWith("第 51 页已超出范围");
        // a page and a size both given wrong are both named, the size's bound never dividing by 0
        Pages.Answer both = pages.get("/tickets?page=-1&size=0", "leader");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.html().select("#filterError").text()).contains("页码：必须是 0 到 500 之间的整数")
                .contains("每页条数：必须是 1 到 200 之间的整数。");
        // a size that is no whole number, or too long for one, is named so too, in the API's one wording (PageParams)
        for (String size : new String[] {"abc", "99999999999"}) {
            Pages.Answer unreadable = pages.get("/tickets?size=" + size, "leader");
            assertThat(unreadable.status()).as(size).isEqualTo(400);
            assertThat(unreadable.html().select("#filterError").text()).as(size)
                    .contains("每页条数：必须是 1 到 200 之间的整数。").doesNotContain("页码");
        }
    }

    /**
     * A page number pasted with a no-break or zero-width space at an end is that page (Typed.folded), as a full-width
     * digit already was; strip() kept those spaces, and the page was refused as no number.
     */
    @Test
    void aPageNumberPastedWithANoBreakSpaceIsThatPage() {
        shownOnEveryPagedPage("1%C2%A0", "%E2%80%8B1", "%EF%BC%91");
    }

    /** Each page number (as a link writes it, encoded) shows a page on every paged page, with no 页码 fault. */
    private void shownOnEveryPagedPage(String... numbers) {
        PAGED.forEach((path, user) -> {
            for (String page : numbers) {
                Pages.Answer answer = pages.follow(path + "?page=" + page, user);
                assertThat(answer.status()).as(path + " " + page).isEqualTo(200);
                assertThat(answer.html().text()).as(path + " " + page).doesNotContain("页码");
            }
        });
    }

    @Test
    void coverageNamesARefusedPageNumberAmongItsFaultsAboveThisMonthsFigures() {
        Pages.Answer answer = pages.get("/reports/coverage?page=-1&exporter=maybe", "leader");
        assertThat(answer.status()).isEqualTo(400);
        // the figures are shown, as for any malformed parameter, and both faults are named, not the page's alone
        assertThat(answer.html().select("#enterprises")).hasSize(1);
        assertThat(answer.html().select("#filterError li").eachAttr("data-field")).containsExactly("exporter", "page");
        assertThat(answer.html().select("#filterError li[data-field=page]").text())
                .isEqualTo("页码：必须是 0 到 500 之间的整数（列表最多显示前 10000 条；要看其后的，请缩小筛选范围）");
    }
}
