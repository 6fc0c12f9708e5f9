package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Issue 11, point 9: every page of docs/UI.md, the sign-in page, the error pages and the static files
 * carry a Content-Security-Policy that runs no inline script, a Referrer-Policy, and Spring Security's
 * own headers; the API's answers carry a policy that loads nothing. The templates hold nothing the page
 * policy would refuse: no inline script, event handler, style attribute or javascript: URL.
 */
@SanfuTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersWebTests {

    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    static final String DOCUMENT_POLICY = "default-src 'none'; frame-ancestors 'none'";

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @LocalServerPort
    int port;

    /** An enterprise visited once, with one ticket (finance's): the pages that show a record show these. */
    Api.LoggedVisit visit;

    @BeforeAll
    void aVisitWithATicket() {
        visit = api.loggedVisit(List.of(Api.problem("FINANCING", "流动资金不足")));
    }

    /** Every route of docs/UI.md, opened by a user who may see it. */
    private Map<String, String> pagesOfTheWorkbench() {
        return Map.ofEntries(Map.entry("/", "leader"), Map.entry("/work", "staff1"), Map.entry("/visits/new", "staff1"),
                Map.entry("/visits/" + visit.id(), "staff1"), Map.entry("/tickets", "staff1"),
                Map.entry("/tickets/" + visit.ticketIds().get(0), "finance"), Map.entry("/enterprises", "staff1"),
                Map.entry("/enterprises/" + visit.creditCode(), "staff1"), Map.entry("/enterprises/new", "staff1"),
                Map.entry("/admin", "admin"));
    }

    @Test
    void everyPageOfTheWorkbenchCarriesThePagePolicyAndTheReferrerPolicy() {
        pagesOfTheWorkbench().forEach((path, user) -> {
            MockHttpServletResponse page = page(path, user);
            assertThat(page.getStatus()).as(path).isEqualTo(200);
            assertThat(page.getContentType()).as(path).startsWith("text/html");
            assertPageHeaders(path, page);
        });
    }

    @Test
    void theSignInPageAndTheRedirectToItCarryThemToo() {
        MockHttpServletResponse login = page("/login", null);
        assertThat(login.getStatus()).isEqualTo(200);
        assertPageHeaders("/login", login);
        MockHttpServletResponse redirect = page("/work", null);
        assertThat(redirect.getStatus()).isEqualTo(302);
        assertPageHeaders("redirect to /login", redirect);
    }

    @Test
    void theErrorPagesCarryThem() {
        MockHttpServletResponse refused = page("/admin", "staff1");
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentAsByteArray()).isNotEmpty();
        assertPageHeaders("403 page", refused);
        MockHttpServletResponse unknown = page("/tickets/987654321", "staff1");
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertPageHeaders("404 page", unknown);
    }

    /** The container's own error dispatch (a route nobody serves, a form without its token), over real HTTP. */
    @Test
    void theContainersErrorPagesCarryThemOverHttp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base() + "/css/missing.css"))
                .header("Accept", "text/html").build(), BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertPageHeaders("404 of the container", missing);
        // in a signed-in session: where no one is signed in, a form without its token asks for a sign-in (303) instead
        HttpResponse<String> signInPage = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                BodyHandlers.ofString());
        String session = signInPage.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(signInPage.body());
        assertThat(token.find()).as("the sign-in form's token").isTrue();
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.ofString("username=staff1&password=demo&_csrf="
                        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8))).build(), BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as("signed in").isEqualTo(302);
        String signedInSession = signedIn.headers().firstValue("Set-Cookie").map(c -> c.split(";")[0]).orElse(session);
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base() + "/visits"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .header("Cookie", signedInSession)
                .POST(HttpRequest.BodyPublishers.ofString("enterpriseCreditCode=x")).build(), BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a form without its CSRF token").isEqualTo(403);
        assertPageHeaders("403 without a token", forged);
    }

    @Test
    void theStaticFilesCarryThemToo() throws Exception {
        for (String file : List.of("/js/dashboard.js", "/css/sanfu.css", "/dashboard.css")) {
            MockHttpServletResponse served = pages.mvc().perform(MockMvcRequestBuilders.get(file)).andReturn().getResponse();
            assertThat(served.getStatus()).as(file).isEqualTo(200);
            assertThat(served.getHeader("Content-Security-Policy")).as(file).isEqualTo(PAGE_POLICY);
            assertThat(served.getHeader("X-Content-Type-Options")).as(file).isEqualTo("nosniff");
        }
    }

    @Test
    void theApisAnswersAndProblemsCarryTheDocumentPolicy() {
        Api.Response inbox = api.get("/api/inbox", "staff1");
        assertThat(inbox.status()).isEqualTo(200);
        assertDocumentHeaders("/api/inbox", inbox.raw());
        Api.Response unsigned = api.get("/api/inbox", null);
        assertThat(unsigned.status()).isEqualTo(401);
        assertDocumentHeaders("401", unsigned.raw());
        Api.Response refused = api.get("/api/stats/summary", "staff1");
        assertThat(refused.status()).isEqualTo(403);
        assertDocumentHeaders("403", refused.raw());
        Api.Response unknown = api.get("/api/tickets/987654321", "staff1");
        assertThat(unknown.status()).isEqualTo(404);
        assertDocumentHeaders("404", unknown.raw());
        Api.Response documents = api.get("/v3/api-docs", "staff1");
        assertThat(documents.status()).isEqualTo(200);
        assertDocumentHeaders("/v3/api-docs", documents.raw());
    }

    /**
     * Swagger UI is a page of static files (no inline script): it gets the pages' policy, not the one that loads
     * nothing, with inline styles allowed for the style element its bundle writes.
     */
    @Test
    void swaggerUiIsAPageAndGetsThePagePolicyWithItsInlineStyles() throws Exception {
        MockHttpServletResponse ui = pages.mvc().perform(MockMvcRequestBuilders.get("/swagger-ui/index.html")
                .with(httpBasic("staff1", "demo"))).andReturn().getResponse();
        assertThat(ui.getStatus()).isEqualTo(200);
        assertThat(ui.getHeader("Content-Security-Policy")).isEqualTo(PAGE_POLICY
                .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")).contains("script-src 'self';");
        assertThat(ui.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(Jsoup.parse(ui.getContentAsString()).select("script:not([src])")).isEmpty();
    }

    /** What the policy refuses does not appear in what the pages render: checked on the HTML, page by page. */
    @Test
    void noPageHoldsAnInlineScriptAnEventHandlerAStyleAttributeOrAJavascriptUrl() throws Exception {
        List<String> found = new ArrayList<>();
        Map<String, String> routes = new java.util.HashMap<>(pagesOfTheWorkbench());
        routes.put("/login", null);
        for (var route : routes.entrySet()) {
            Document html = Jsoup.parse(page(route.getKey(), route.getValue()).getContentAsString());
            for (Element script : html.select("script:not([src])")) {
                if (!"application/json".equals(script.attr("type"))) {
                    found.add(route.getKey() + ": inline " + script.outerHtml());
                }
            }
            for (Element e : html.getAllElements()) {
                e.attributes().forEach(a -> {
                    if (a.getKey().toLowerCase().startsWith("on") || a.getKey().equalsIgnoreCase("style")
                            || a.getValue().trim().toLowerCase().startsWith("javascript:")) {
                        found.add(route.getKey() + ": <" + e.tagName() + " " + a.html() + ">");
                    }
                });
            }
            found.addAll(html.select("style").eachText().stream().map(s -> route.getKey() + ": <style>").toList());
        }
        assertThat(found).isEmpty();
    }

    /** The dashboard's chart data is JSON in a block no browser runs, read by static/js/dashboard.js. */
    @Test
    void theDashboardCarriesItsChartDataAsJsonNotAsScript() throws Exception {
        Document html = Jsoup.parse(page("/", "leader").getContentAsString());
        Element data = html.getElementById("chartData");
        assertThat(data).isNotNull();
        assertThat(data.attr("type")).isEqualTo("application/json");
        JsonNode charts = new com.fasterxml.jackson.databind.ObjectMapper().readTree(data.data());
        assertThat(charts.get("byCategory").get("labels").isArray()).isTrue();
        assertThat(charts.get("byDepartment").get("overdueOpen").isArray()).isTrue();
        assertThat(html.select("script[src]").eachAttr("src")).contains("/js/dashboard.js");
    }

    private MockHttpServletResponse page(String path, String user) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.get(path).accept(MediaType.TEXT_HTML);
        if (user != null) {
            request = Pages.in(request, pages.session(user));
        }
        try {
            return pages.mvc().perform(request).andReturn().getResponse();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static void assertPageHeaders(String what, MockHttpServletResponse page) {
        assertThat(page.getHeader("Content-Security-Policy")).as(what).isEqualTo(PAGE_POLICY);
        assertThat(page.getHeader("Referrer-Policy")).as(what).isEqualTo("same-origin");
        assertSpringSecuritysOwn(what, page.getHeader("X-Content-Type-Options"), page.getHeader("X-Frame-Options"),
                page.getHeader("Cache-Control"));
    }

    private static void assertPageHeaders(String what, HttpResponse<String> page) {
        assertThat(page.headers().firstValue("Content-Security-Policy")).as(what).hasValue(PAGE_POLICY);
        assertThat(page.headers().firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
        assertSpringSecuritysOwn(what, page.headers().firstValue("X-Content-Type-Options").orElse(null),
                page.headers().firstValue("X-Frame-Options").orElse(null),
                page.headers().firstValue("Cache-Control").orElse(null));
    }

    private static void assertDocumentHeaders(String what, MockHttpServletResponse answer) {
        assertThat(answer.getHeader("Content-Security-Policy")).as(what).isEqualTo(DOCUMENT_POLICY);
        assertThat(answer.getHeader("Referrer-Policy")).as(what).isEqualTo("same-origin");
        assertSpringSecuritysOwn(what, answer.getHeader("X-Content-Type-Options"), answer.getHeader("X-Frame-Options"),
                answer.getHeader("Cache-Control"));
    }

    private static void assertSpringSecuritysOwn(String what, String contentTypeOptions, String frameOptions,
            String cacheControl) {
        assertThat(contentTypeOptions).as(what).isEqualTo("nosniff");
        assertThat(frameOptions).as(what).isEqualTo("DENY");
        assertThat(cacheControl).as(what).contains("no-store");
    }
}
