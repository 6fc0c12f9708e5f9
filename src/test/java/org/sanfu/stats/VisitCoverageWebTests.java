package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 走访覆盖: of the enterprises on file, those a visit or a forum met in the period count as visited; a
 * hotline call or an online entry does not, nor a visit before or after the period. The enterprises not
 * met are listed never-met first, then by their last visit, longest ago first. In March 2025, in a town of
 * this test's own: 甲 (exporter, key) visited twice, 乙 (exporter) only called the hotline, 丙 was visited
 * in February, 丁 never, 戊 only in April; in a second town, 己 came to a forum;
 * filed without a town, 庚 was visited and came to a forum, 辛 was not met.
 */
@SanfuTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VisitCoverageWebTests {

    private static final String PERIOD = "from=2025-03-01&to=2025-03-31";

    @Autowired
    Api api;
    @Autowired
    Pages pages;

    String town;
    String forumTown;
    String visitedTwice;
    String hotlineOnly;
    String visitedInFebruary;
    String neverVisited;
    String visitedInApril;
    String forumOnly;
    String townlessVisited;

    @BeforeAll
    void fileEnterprisesAndVisits() {
        String suffix = Api.creditCode().substring(12);
        town = "覆盖镇" + suffix;
        forumTown = "座谈街道" + suffix;
        visitedTwice = enterprise("覆盖甲", town, true, true);
        hotlineOnly = enterprise("覆盖乙", town, true, false);
        visitedInFebruary = enterprise("覆盖丙", town, false, false);
        neverVisited = enterprise("覆盖丁", town, false, false);
        visitedInApril = enterprise("覆盖戊", town, false, true);
        forumOnly = enterprise("覆盖己", forumTown, true, false);
        visit(visitedTwice, "VISIT", "2025-03-03T09:00:00+08:00");
        visit(visitedTwice, "VISIT", "2025-03-31T17:00:00+08:00");
        visit(hotlineOnly, "HOTLINE", "2025-03-10T10:00:00+08:00");
        visit(visitedInFebruary, "VISIT", "2025-02-20T10:00:00+08:00");
        visit(visitedInApril, "VISIT", "2025-04-01T08:00:00+08:00");
        visit(forumOnly, "FORUM", "2025-03-15T14:00:00+08:00");
        townlessVisited = enterpriseWithoutATown("覆盖庚");
        enterpriseWithoutATown("覆盖辛");
        visit(townlessVisited, "VISIT", "2025-03-12T09:30:00+08:00");
        visit(townlessVisited, "FORUM", "2025-03-20T14:00:00+08:00");
    }

    private String enterpriseWithoutATown(String name) {
        String code = Api.creditCode();
        Api.Response r = api.post("/api/enterprises", "staff1", Map.of("creditCode", code, "name", name + code.substring(14),
                "industry", "泵业", "exporter", false, "key", false, "specialist", "staff2"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return code;
    }

    private String enterprise(String name, String inTown, boolean exporter, boolean key) {
        String code = Api.creditCode();
        Api.Response r = api.post("/api/enterprises", "staff1", Map.of("creditCode", code, "name", name + code.substring(14),
                "town", inTown, "industry", "泵业", "exporter", exporter, "key", key, "specialist", "staff2"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return code;
    }

    private void visit(String code, String source, String visitedAt) {
        Map<String, Object> body = new HashMap<>(Map.of("enterpriseCreditCode", code, "visitedAt", visitedAt,
                "source", source, "operatingStatus", "NORMAL", "problems", List.of()));
        Api.Response r = api.post("/api/visits", "staff1", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }

    private JsonNode townRow(JsonNode coverage, String name) {
        for (JsonNode t : coverage.get("byTown")) {
            if (name.equals(t.path("key").asText(null))) {
                return t;
            }
        }
        throw new AssertionError(name + " not in " + coverage);
    }

    private static List<String> codes(JsonNode items) {
        List<String> codes = new ArrayList<>();
        items.forEach(i -> codes.add(i.get("creditCode").asText()));
        return codes;
    }

    @Test
    void aVisitOrForumInThePeriodCountsAndNothingElseDoes() {
        JsonNode coverage = api.get("/api/stats/coverage?" + PERIOD + "&town=" + town, "leader").json();
        assertThat(coverage.get("enterprises").asLong()).isEqualTo(5);
        assertThat(coverage.get("visited").asLong()).isEqualTo(1);
        assertThat(coverage.get("unvisited").asLong()).isEqualTo(4);
        assertThat(coverage.get("coverageRate").asDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(coverage.get("visits").asLong()).as("both of 甲's visits, no hotline call").isEqualTo(2);
        assertThat(coverage.get("byTown")).hasSize(1);
        assertThat(townRow(coverage, town).get("label").asText()).isEqualTo(town);
        assertThat(townRow(coverage, town).get("visited").asLong()).isEqualTo(1);

        JsonNode forum = api.get("/api/stats/coverage?" + PERIOD + "&town=" + forumTown, "dispatch").json();
        assertThat(forum.get("visited").asLong()).isEqualTo(1);
        assertThat(forum.get("coverageRate").asDouble()).isEqualTo(1.0);

        // the exporters of the town: 甲 met, 乙 only called
        JsonNode exporters = api.get("/api/stats/coverage?" + PERIOD + "&town=" + town + "&exporter=true", "admin").json();
        assertThat(exporters.get("enterprises").asLong()).isEqualTo(2);
        assertThat(exporters.get("visited").asLong()).isEqualTo(1);
        JsonNode keyOnes = api.get("/api/stats/coverage?" + PERIOD + "&town=" + town + "&key=true", "leader").json();
        assertThat(keyOnes.get("enterprises").asLong()).isEqualTo(2);
        assertThat(keyOnes.get("visited").asLong()).isEqualTo(1);
        assertThat(keyOnes.get("visits").asLong()).isEqualTo(2);

        // April alone: 戊 met, 甲 not
        JsonNode april = api.get("/api/stats/coverage?from=2025-04-01&to=2025-04-30&town=" + town, "leader").json();
        assertThat(april.get("visited").asLong()).isEqualTo(1);
        assertThat(april.get("visits").asLong()).isEqualTo(1);
    }

    @Test
    void withoutATownEveryTownIsCountedTheLowestCoverageFirst() {
        JsonNode coverage = api.get("/api/stats/coverage?" + PERIOD, "leader").json();
        long enterprises = 0;
        long visited = 0;
        long visits = 0;
        Double previous = null;
        for (JsonNode t : coverage.get("byTown")) {
            enterprises += t.get("enterprises").asLong();
            visited += t.get("visited").asLong();
            visits += t.get("visits").asLong();
            if (!t.get("key").isNull()) {
                double rate = t.get("coverageRate").asDouble();
                assertThat(previous == null || previous <= rate).as("ordered by coverage: " + t).isTrue();
                previous = rate;
            }
        }
        assertThat(coverage.get("enterprises").asLong()).isEqualTo(enterprises);
        assertThat(coverage.get("visited").asLong()).isEqualTo(visited);
        assertThat(coverage.get("visits").asLong()).isEqualTo(visits);
        assertThat(townRow(coverage, town).get("coverageRate").asDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(townRow(coverage, forumTown).get("coverageRate").asDouble()).isEqualTo(1.0);
        assertThat(coverage.get("from").asText()).isEqualTo("2025-03-01T00:00:00.000+08:00");
        assertThat(coverage.get("to").asText()).as("the end of the last day").isEqualTo("2025-04-01T00:00:00.000+08:00");
    }

    /** Towns of the same coverage come in pinyin order (衢 before 张, which code points put the other way round). */
    @Test
    void townsOfTheSameCoverageComeInPinyinOrder() {
        String suffix = Api.creditCode().substring(12);
        List<String> inOrder = List.of("北仑同率镇" + suffix, "衢州同率镇" + suffix, "张家港同率镇" + suffix);
        for (String name : List.of(inOrder.get(2), inOrder.get(0), inOrder.get(1))) {
            enterprise("同率企业", name, false, false);
        }
        List<String> towns = new ArrayList<>();
        api.get("/api/stats/coverage?" + PERIOD, "leader").json().get("byTown")
                .forEach(t -> towns.add(t.path("key").asText("")));
        assertThat(towns.stream().filter(inOrder::contains).toList()).containsExactlyElementsOf(inOrder);
    }

    @Test
    void enterprisesFiledWithoutATownAreCountedOnALineOfTheirOwnAfterEveryTown() {
        JsonNode byTown = api.get("/api/stats/coverage?" + PERIOD, "leader").json().get("byTown");
        JsonNode last = byTown.get(byTown.size() - 1);
        assertThat(last.get("key").isNull()).as(last.toString()).isTrue();
        assertThat(last.get("label").isNull()).isTrue();
        // every enterprise on file without a town counts, whoever filed it; the period's visits are this class's
        assertThat(last.get("enterprises").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(last.get("visited").asLong()).isEqualTo(1);
        assertThat(last.get("visits").asLong()).isEqualTo(2);
        for (int i = 0; i < byTown.size() - 1; i++) {
            assertThat(byTown.get(i).get("key").isNull()).isFalse();
        }

        Element row = pages.get("/reports/coverage?" + PERIOD, "leader").html().select("#byTown tbody tr").last();
        assertThat(row.child(0).text()).isEqualTo("未填写镇（街道）");
        assertThat(row.select("a")).as("no town to open").isEmpty();
        assertThat(row.select(".enterprises").text()).isEqualTo(last.get("enterprises").asText());
        assertThat(row.select(".visited").text()).isEqualTo("1");
        assertThat(row.select(".unvisited").text()).isEqualTo(String.valueOf(last.get("enterprises").asLong() - 1));
        assertThat(row.select(".visits").text()).isEqualTo("2");
    }

    @Test
    void theEnterprisesNotMetAreListedNeverMetFirstThenLongestAgo() {
        JsonNode page = api.get("/api/stats/coverage/unvisited?" + PERIOD + "&town=" + town, "leader").json();
        assertThat(page.get("total").asLong()).isEqualTo(4);
        List<String> keys = new ArrayList<>();
        page.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("a page as every list answers").containsExactly("items", "page", "size", "total");
        List<String> neverMet = new ArrayList<>(List.of(hotlineOnly, neverVisited));
        neverMet.sort(null);
        assertThat(codes(page.get("items"))).containsExactly(neverMet.get(0), neverMet.get(1), visitedInFebruary,
                visitedInApril);
        JsonNode february = page.get("items").get(2);
        assertThat(february.get("lastVisitedAt").asText()).isEqualTo("2025-02-20T10:00:00.000+08:00");
        assertThat(february.get("specialist").asText()).isEqualTo("staff2");
        assertThat(february.get("town").asText()).isEqualTo(town);
        assertThat(page.get("items").get(0).get("lastVisitedAt").isNull()).as("the hotline is no visit").isTrue();
        assertThat(page.get("items").get(3).get("lastVisitedAt").asText()).isEqualTo("2025-04-01T08:00:00.000+08:00");

        JsonNode second = api.get("/api/stats/coverage/unvisited?" + PERIOD + "&town=" + town + "&size=3&page=1",
                "dispatch").json();
        assertThat(codes(second.get("items"))).containsExactly(visitedInApril);
        JsonNode exporters = api.get("/api/stats/coverage/unvisited?" + PERIOD + "&town=" + town + "&exporter=true",
                "admin").json();
        assertThat(codes(exporters.get("items"))).containsExactly(hotlineOnly);
        assertThat(exporters.get("items").get(0).get("exporter").asBoolean()).isTrue();
        assertThat(exporters.get("items").get(0).get("key").asBoolean()).isFalse();
    }

    @Test
    void badParametersAre400NamingThemAndOnlyLeadersDispatchAndAdminMayAsk() {
        for (String path : List.of("/api/stats/coverage", "/api/stats/coverage/unvisited")) {
            assertThat(api.get(path + "?exporter=yes", "leader").firstFault().get("field").asText()).isEqualTo("exporter");
            assertThat(api.get(path + "?key=1", "leader").firstFault().get("field").asText()).isEqualTo("key");
            assertThat(api.get(path + "?from=2025-13-01", "leader").firstFault().get("field").asText()).isEqualTo("from");
            assertThat(api.get(path + "?from=2025-04-01&to=2025-03-01", "leader").status()).isEqualTo(400);
            for (String user : List.of("staff1", "commerce")) {
                assertThat(api.get(path, user).status()).as(path + " " + user).isEqualTo(403);
            }
            assertThat(api.get(path, null).status()).isEqualTo(401);
        }
        assertThat(api.get("/api/stats/coverage/unvisited?size=0", "leader").firstFault().get("field").asText())
                .isEqualTo("size");
    }

    @Test
    void thePageShowsTheTownsFiguresAndWhomToVisitWithTheirFiles() {
        Document html = pages.get("/reports/coverage?" + PERIOD + "&town=" + town, "leader").html();
        assertThat(html.select("#enterprises").text()).isEqualTo("5");
        assertThat(html.select("#visited").text()).isEqualTo("1");
        assertThat(html.select("#unvisitedCount").text()).isEqualTo("4");
        assertThat(html.select("#coverageRate").text()).isEqualTo("20.0%");
        assertThat(html.select("#visits").text()).isEqualTo("2");
        assertThat(html.select("#scope").text()).isEqualTo("2025-03-01 至 2025-03-31");
        Element row = html.selectFirst("#byTown tr[data-town='" + town + "']");
        assertThat(row).isNotNull();
        assertThat(row.select(".rate").text()).isEqualTo("20.0%");
        assertThat(row.select("a").attr("href")).contains("town=").contains("from=2025-03-01");
        List<String> listed = html.select("#unvisited tr[data-code]").eachAttr("data-code");
        assertThat(listed).hasSize(4).endsWith(visitedInFebruary, visitedInApril);
        Element february = html.selectFirst("#unvisited tr[data-code='" + visitedInFebruary + "']");
        assertThat(february.select("a").attr("href")).isEqualTo("/enterprises/" + visitedInFebruary);
        assertThat(february.select(".last").text()).isEqualTo("2025-02-20");
        // the enterprise's own specialist, called as the profile and the enterprise form call that person
        assertThat(html.select("#unvisited thead th").eachText()).contains("驻企服务专员").doesNotContain("包联专员");
        assertThat(html.selectFirst("#unvisited tr[data-code='" + neverVisited + "'] .last").text()).isEqualTo("从未走访");
        assertThat(html.select("select[name=exporter] option[selected]")).isEmpty();

        // the file the row links to opens for a leader
        assertThat(pages.get("/enterprises/" + visitedInFebruary, "leader").status()).isEqualTo(200);
        // the exporters alone, chosen in the form
        Document exporters = pages.get("/reports/coverage?" + PERIOD + "&town=" + town + "&exporter=true", "dispatch")
                .html();
        assertThat(exporters.select("#unvisited tr[data-code]").eachAttr("data-code")).containsExactly(hotlineOnly);
        assertThat(exporters.select("select[name=exporter] option[selected]").attr("value")).isEqualTo("true");
    }

    @Test
    void withoutAPeriodThePageCountsThisMonthSoFar() {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
        Document html = pages.get("/reports/coverage?town=" + town, "admin").html();
        assertThat(html.select("input[name=from]").val()).isEqualTo(today.withDayOfMonth(1).toString());
        assertThat(html.select("input[name=to]").val()).isEqualTo(today.toString());
        assertThat(html.select("#enterprises").text()).isEqualTo("5");
        assertThat(html.select("#visited").text()).as("no visit this month").isEqualTo("0");
        assertThat(html.select("#unvisited tr[data-code]")).hasSize(5);
    }

    /**
     * A town pasted with a no-break or zero-width space at an end is the town: counted as it (the figures read it so)
     * and said so in the form, whose links and next search carry it without the space (Typed.trimmed).
     */
    @Test
    void aTownPastedWithANoBreakSpaceIsTheTownInTheFormToo() {
        Document html = pages.get("/reports/coverage?town=\u200B" + town + "\u00A0", "admin").html();
        assertThat(html.select("input[name=town]").val()).isEqualTo(town);
        assertThat(html.select("#enterprises").text()).isEqualTo("5");
    }

    @Test
    void aBadParameterShowsThisMonthWithTheFaultNamedAndOthersMayNotSeeThePage() {
        Pages.Answer refused = pages.get("/reports/coverage?" + PERIOD + "&exporter=maybe", "leader");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.html().select("#filterError li").attr("data-field")).isEqualTo("exporter");
        assertThat(refused.html().select("#filterError li").text()).startsWith("外贸企业：");
        assertThat(refused.html().select("input[name=from]").val()).as("as typed").isEqualTo("2025-03-01");
        // the links go on from what is shown, this month, not from the refused filter
        LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.of("Asia/Shanghai"));
        List<String> links = refused.html().select("#byTown a, #previousPage, #nextPage").eachAttr("href");
        assertThat(links).isNotEmpty().allSatisfy(link -> assertThat(link)
                .contains("from=" + today.withDayOfMonth(1), "to=" + today).doesNotContain("maybe", "2025-03"));
        for (String user : List.of("staff1", "commerce")) {
            assertThat(pages.get("/reports/coverage", user).status()).as(user).isEqualTo(403);
        }
        assertThat(pages.get("/tickets", "staff1").html().select("a[href='/reports/coverage']")).isEmpty();
        assertThat(pages.get("/tickets", "dispatch").html().select("a[href='/reports/coverage']")).hasSize(1);
    }

    /** The page reads the API's parameters: a town longer than any file's is its 400, named; 100 characters count. */
    @Test
    void aTownLongerThanAnyFilesIsAFaultNamedOnThePage() {
        Pages.Answer refused = pages.get("/reports/coverage?" + PERIOD + "&town=" + "镇".repeat(101), "leader");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.html().select("#filterError li[data-field=town]").text()).isEqualTo("镇（街道）：不能超过 100 个字符");
        assertThat(refused.html().select("input[name=town]").attr("maxlength")).isEqualTo("100");
        Pages.Answer longest = pages.get("/reports/coverage?" + PERIOD + "&town=" + "镇".repeat(100), "leader");
        assertThat(longest.status()).isEqualTo(200);
        assertThat(longest.html().select("#enterprises").text()).isEqualTo("0");
    }

    @Test
    void theDashboardLinksToTheCoverageOfItsPeriodAndTown() {
        Document dashboard = pages.get("/?" + PERIOD + "&town=" + town, "leader").html();
        String link = dashboard.select("#coverageLink").attr("href");
        assertThat(link).startsWith("/reports/coverage?").contains("from=2025-03-01", "to=2025-03-31", "town=");
        // MockMvc encodes a path itself: it gets the link as the browser would decode it
        Document coverage = pages.get(URLDecoder.decode(link, StandardCharsets.UTF_8), "leader").html();
        assertThat(coverage.select("#enterprises").text()).isEqualTo("5");
    }
}
