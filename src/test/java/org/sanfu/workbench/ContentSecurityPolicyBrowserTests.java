package org.sanfu.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.sanfu.Api;
import org.sanfu.Browser;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 11, point 9, in Debian's headless Chromium: under the pages' Content-Security-Policy (no inline
 * script, no style attribute) every page of docs/UI.md loads and Chromium refuses nothing on it (the
 * {@link Browser} reads its console after every page), the dashboard's ECharts still draws both charts
 * and shows its tooltip, and forms still post. That the check would see a refusal is shown too: a script
 * slipped into a page is refused, does not run, and is reported.
 */
@SanfuTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentSecurityPolicyBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.desktop();

    @Autowired
    Api api;

    /** An enterprise visited once, with one ticket (finance's): the pages that show a record show these. */
    Api.LoggedVisit visit;

    @BeforeAll
    void aVisitWithATicket() {
        visit = api.loggedVisit(List.of(Api.problem("FINANCING", "流动资金不足")));
    }

    @Test
    void everyPageLoadsWithNothingRefusedOnADesktopAndOnAPhone() {
        for (Browser.Size size : List.of(Browser.Size.DESKTOP, Browser.Size.PHONE)) {
            browser.resize(size);
            browser.signOut().open("/login");
            assertThat(browser.findAll("form[action='/login'] input[name=_csrf]")).hasSize(1);
            openAs("staff1", "/work", "/visits/new", "/visits/new?enterpriseCreditCode=" + visit.creditCode(),
                    "/visits/" + visit.id(), "/tickets", "/tickets?status=ASSIGNED&q=资金", "/enterprises",
                    "/enterprises/" + visit.creditCode(), "/enterprises/new", "/admin", "/tickets/987654321");
            openAs("finance", "/tickets/" + visit.ticketIds().get(0), "/work");
            openAs("admin", "/admin", "/enterprises/new");
            openAs("leader", "/", "/tickets");
        }
        browser.desktopSize();
    }

    /** Opens each page as the user: the Browser asserts on every load that Chromium refused nothing. */
    private void openAs(String user, String... paths) {
        browser.signInAs(user);
        for (String path : paths) {
            browser.open(path);
            assertThat(browser.findAll("header.bar")).as(path).hasSize(1);
            assertThat(browser.find("html").getDomAttribute("lang")).as(path).isEqualTo("zh-CN");
        }
    }

    @Test
    void theDashboardDrawsBothChartsAndItsTooltipUnderThePolicy() {
        browser.desktopSize().signInAs("leader").open("/");
        for (String chart : List.of("chartByCategory", "chartByDepartment")) {
            browser.await(ExpectedConditions.attributeToBe(By.id(chart), "data-rendered", "true"));
            assertThat(browser.find("#" + chart).findElements(By.tagName("canvas"))).as(chart).isNotEmpty();
        }
        // the charts show the data carried as JSON on the page, which static/js/dashboard.js read
        assertThat(browser.script("""
                var data = JSON.parse(document.getElementById('chartData').textContent);
                var option = echarts.getInstanceByDom(document.getElementById('chartByCategory')).getOption();
                return JSON.stringify(option.yAxis[0].data) === JSON.stringify(data.byCategory.labels)
                    && JSON.stringify(option.series[2].data) === JSON.stringify(data.byCategory.overdueOpen)
                    && data.byCategory.labels.length > 0;
                """)).isEqualTo(true);
        // the tooltip, as a pointer over the first bar would open it
        browser.script("""
                var chart = echarts.getInstanceByDom(document.getElementById('chartByCategory'));
                chart.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0});
                """);
        Boolean shown = browser.await(d -> tooltipShown("chartByCategory") ? true : null);
        assertThat(shown).as("the tooltip opened").isTrue();
        browser.noPolicyViolations();
        browser.resize(new Browser.Size(600, 900, true)).noSidewaysScroll().noPolicyViolations().desktopSize();
    }

    /** Whether the chart's tooltip is open now (ECharts 5's tooltip view and its content). */
    private boolean tooltipShown(String chart) {
        return Boolean.TRUE.equals(browser.script("""
                var views = echarts.getInstanceByDom(document.getElementById(arguments[0]))._componentsViews;
                var tooltip = views.filter(function (v) { return v && v.type === 'tooltip'; })[0];
                return !!(tooltip && tooltip._tooltipContent && tooltip._tooltipContent._show === true);
                """, chart));
    }

    /** Swagger UI, under the API's chain, gets a page policy: it draws the API's operations and Chromium refuses nothing. */
    @Test
    void swaggerUiWorksUnderThePagePolicy() {
        ChromeDriver chromium = browser.signOut().driver();
        chromium.executeCdpCommand("Network.enable", Map.of());
        chromium.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("staff1:demo".getBytes(StandardCharsets.UTF_8)))));
        try {
            browser.open("/swagger-ui/index.html");
            // Swagger UI fetches and parses the whole API document before it draws an operation: on a loaded CI
            // machine that took longer than the pages' 10 s (the document grew with its null types and statuses)
            browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")), Duration.ofSeconds(40));
            assertThat(browser.findAll(".opblock-summary-path").stream().map(e -> e.getText()).toList())
                    .anySatisfy(path -> assertThat(path).startsWith("/api/tickets"));
            browser.find(".opblock-summary").click();
            browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock-body")));
            browser.noPolicyViolations();
        } finally {
            chromium.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        }
    }

    @Test
    void aFormPostsUnderThePolicy() {
        JsonNode ticket = api.ticket("FINANCING");
        String id = ticket.get("id").asText();
        browser.desktopSize().signInAs("finance").open("/tickets/" + id);
        assertThat(browser.find("details#action-sign").getDomAttribute("open")).as("签收's button in sight").isNotNull();
        browser.follow("form[data-action=sign] button[type=submit]");
        assertThat(browser.path()).isEqualTo("/tickets/" + id);
        assertThat(api.get("/api/tickets/" + id, "finance").json().get("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aScriptSlippedIntoAPageIsRefusedAndReported() {
        browser.desktopSize().signInAs("staff1").open("/work");
        browser.script("""
                var slipped = document.createElement('script');
                slipped.textContent = "document.body.setAttribute('data-slipped', 'ran')";
                document.body.appendChild(slipped);
                var styled = document.createElement('div');
                styled.innerHTML = '<span id="styled" style="color: red">红</span>';
                document.body.appendChild(styled);
                """);
        List<String> refused = browser.await(d -> {
            List<String> seen = browser.policyViolations();
            return seen.size() >= 2 ? seen : null;
        });
        assertThat(refused).anySatisfy(m -> assertThat(m).contains("script-src"))
                .anySatisfy(m -> assertThat(m).contains("style-src"));
        assertThat(browser.find("body").getDomAttribute("data-slipped")).as("the slipped script did not run").isNull();
        assertThat(browser.find("#styled").getCssValue("color")).as("the style attribute was not applied")
                .isNotEqualTo("rgba(255, 0, 0, 1)");
    }
}
