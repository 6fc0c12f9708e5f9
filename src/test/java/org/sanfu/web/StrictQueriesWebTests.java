package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A query string is read strictly (StrictQueries): a parameter taken whose value has a {@code %} that starts no
 * escape, or escaped bytes that are not UTF-8, or a single-valued one given twice, is 400 naming it, where Tomcat
 * dropped it (the filter not applied), put U+FFFD in its place, or Spring joined the two with a comma. Each request
 * here reaches the service as Tomcat hands it on ({@link #asTomcat}): the query as sent, its parameters as Tomcat
 * parsed them.
 */
@SanfuTest
class StrictQueriesWebTests {

    @Autowired
    Api api;
    @Autowired
    Pages pages;

    /**
     * The query string as sent, and the parameters as Tomcat makes of it: a pair with a malformed escape left out,
     * bytes that are not UTF-8 each U+FFFD, a name given twice with both values.
     */
    static RequestPostProcessor asTomcat(String query) {
        return request -> {
            request.setQueryString(query);
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = lenient(equals < 0 ? pair : pair.substring(0, equals));
                String value = lenient(equals < 0 ? "" : pair.substring(equals + 1));
                if (name != null && value != null) {
                    request.addParameter(name, value);
                }
            }
            return request;
        };
    }

    private static String lenient(String escaped) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%') {
                if (i + 2 >= escaped.length() || Character.digit(escaped.charAt(i + 1), 16) < 0
                        || Character.digit(escaped.charAt(i + 2), 16) < 0) {
                    return null;
                }
                bytes.write(Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes.toByteArray())).toString(); // U+FFFD for bad bytes
    }

    private Api.Response apiGet(String path, String query) {
        return api.perform(MockMvcRequestBuilders.get(path).accept(MediaType.APPLICATION_JSON).with(asTomcat(query)),
                "leader");
    }

    private MockHttpServletResponse pageGet(String path, String query, String user) throws Exception {
        MockHttpServletResponse response = pages.mvc().perform(Pages.in(MockMvcRequestBuilders.get(path)
                .accept(MediaType.TEXT_HTML).with(asTomcat(query)), pages.session(user))).andReturn().getResponse();
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        return response;
    }

    private static void refused(Api.Response answer, String field, String message) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("errors").findValuesAsText("field")).containsExactly(field);
        assertThat(answer.json().path("errors").get(0).path("message").asText()).isEqualTo(message);
    }

    private static final String MALFORMED = "is not well-formed: each % must be followed by two hex digits, and the "
            + "bytes escaped must be valid UTF-8";

    @Test
    void aMalformedEscapeOrBytesThatAreNoUtf8InAnApiFilterIs400NamingIt() {
        for (String bad : new String[] {"%", "%G1", "%4", "%ED%A0%80", "%FF%FE", "%C0%AF", "%E5%9F", "%E5%9F%8E%80",
                "ab%zz", "%F4%90%80%80"}) {
            refused(apiGet("/api/tickets", "status=" + bad), "status", MALFORMED);
            refused(apiGet("/api/tickets", "open=true&town=" + bad), "town", MALFORMED);
            refused(apiGet("/api/tickets", "q=" + bad), "q", MALFORMED);
            refused(apiGet("/api/tickets", "reporter=" + bad), "reporter", MALFORMED);
            refused(apiGet("/api/enterprises", "specialist=" + bad), "specialist", MALFORMED);
            refused(apiGet("/api/visits", "staff=" + bad), "staff", MALFORMED);
            refused(apiGet("/api/visits", "enterprise=" + bad), "enterprise", MALFORMED);
            refused(apiGet("/api/stats/summary", "department=" + bad), "department", MALFORMED);
        }
        // the same word well-formed: 城关镇, an emoji (four bytes), a space as '+', escapes in any case
        for (String good : new String[] {"%E5%9F%8E%E5%85%B3%E9%95%87", "%f0%9f%98%80", "a+b", "a%20b", "%25"}) {
            assertThat(apiGet("/api/tickets", "town=" + good).status()).as(good).isEqualTo(200);
        }
        // a parameter no handler takes is not looked at, as an unknown one never was
        assertThat(apiGet("/api/tickets", "utm=%").status()).isEqualTo(200);
        // Chinese answers too
        Api.Response chinese = api.perform(MockMvcRequestBuilders.get("/api/tickets").accept(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "zh-CN").with(asTomcat("town=%")), "leader");
        assertThat(chinese.json().path("errors").get(0).path("message").asText()).startsWith("有无法识别的字符");
    }

    @Test
    void aSingleValuedParameterGivenTwiceIs400NamingItAndSourceStillComesMoreThanOnce() {
        refused(apiGet("/api/stats/summary", "town=%E5%9F%8E&town=%E5%9F%8E"), "town", "must be given once");
        refused(apiGet("/api/tickets", "town=X&town="), "town", "must be given once");
        refused(apiGet("/api/tickets", "town=&town=X"), "town", "must be given once");
        refused(apiGet("/api/tickets", "reporter=staff1&reporter=staff1"), "reporter", "must be given once");
        refused(apiGet("/api/tickets", "size=5&size=5"), "size", "must be given once");
        refused(apiGet("/api/enterprises", "q=a&q=b"), "q", "must be given once");
        assertThat(apiGet("/api/tickets", "source=HOTLINE&source=ONLINE&status=REPLIED").status()).isEqualTo(200);
        // a list another role may not read: its 403 first, as API.md orders them
        Api.Response notTheirs = api.perform(MockMvcRequestBuilders.get("/api/systemic-problems")
                .accept(MediaType.APPLICATION_JSON).with(asTomcat("status=a&status=b")), "transport");
        assertThat(notTheirs.status()).as(notTheirs.text()).isEqualTo(403);
    }

    @Test
    void aPageIs400NamingTheParameterAndTheExportGoesBackToTheListWithTheQueryAsSent() throws Exception {
        // the dashboard and the list: the page again, the filter named as one given wrong
        MockHttpServletResponse dashboard = pageGet("/", "department=%", "leader");
        assertThat(dashboard.getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(dashboard.getContentAsString()).select("#filterError li[data-field=department]").text())
                .contains("有无法识别的字符");
        MockHttpServletResponse list = pageGet("/tickets", "status=%G1", "leader");
        assertThat(list.getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(list.getContentAsString()).select("[data-field=status] .field-error").text())
                .isEqualTo("请从列表中选择状态");
        MockHttpServletResponse twice = pageGet("/tickets", "town=a&town=a", "staff1");
        assertThat(twice.getStatus()).isEqualTo(400);
        Document again = Jsoup.parse(twice.getContentAsString());
        assertThat(again.select("[data-field=town] .field-error").text()).isEqualTo("只能填写一个值");
        assertThat(again.select("#filterError").text()).as("a text refused: the list by the other filters")
                .contains("标出的条件未使用");
        // a choice given twice was chosen right, twice: its box says so, not "choose from the list"
        Document choices = Jsoup.parse(pageGet("/tickets", "status=REPLIED&status=CLOSED&department=COMMERCE"
                + "&department=COMMERCE&to=2026-12-01&to=2026-12-02", "leader").getContentAsString());
        for (String field : new String[] {"status", "department", "to"}) {
            assertThat(choices.select("[data-field=" + field + "] .field-error").text()).as(field)
                    .isEqualTo("只能填写一个值");
        }

        MockHttpServletResponse coverage = pageGet("/reports/coverage", "town=%C0%AF", "leader");
        assertThat(coverage.getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(coverage.getContentAsString()).select("#filterError").text()).contains("有无法识别的字符");

        // any other page: the 400 page naming the parameter
        MockHttpServletResponse weekly = pageGet("/reports/weekly", "week=%ED%A0%80", "leader");
        assertThat(weekly.getStatus()).isEqualTo(400);
        Document page = Jsoup.parse(weekly.getContentAsString());
        assertThat(page.select("#errorTitle").text()).isEqualTo("请求有误（400）");
        assertThat(page.select(".flash.error").text()).startsWith("周：有无法识别的字符");
        MockHttpServletResponse enterprises = pageGet("/enterprises", "q=a&q=b", "staff1");
        assertThat(enterprises.getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(enterprises.getContentAsString()).select(".flash.error").text())
                .isEqualTo("关键词：只能填写一个值");
        // named in Chinese there, not by the parameter's English name
        for (String[] named : new String[][] {{"/visits/new", "enterpriseCreditCode=a&enterpriseCreditCode=b", "staff1",
                "统一社会信用代码：只能填写一个值"}, {"/talks/new", "subjectKind=a&subjectKind=b", "leader",
                "约谈对象类别：只能填写一个值"}, {"/talks/new", "subject=%FF", "leader", "约谈对象：有无法识别的字符"},
                // the briefing's page, which its mapping picks by format=html, takes the format too
                {"/reports/weekly", "format=html&format=xlsx", "leader", "格式：只能填写一个值"},
                {"/reports/monthly", "month=2026-11&format=html&format=docx", "leader", "格式：只能填写一个值"}}) {
            MockHttpServletResponse answer = pageGet(named[0], named[1], named[2]);
            assertThat(answer.getStatus()).as(named[1]).isEqualTo(400);
            assertThat(Jsoup.parse(answer.getContentAsString()).select(".flash.error").text()).as(named[1])
                    .startsWith(named[3]);
        }

        MockHttpServletResponse export = pageGet("/tickets/export", "status=%", "leader");
        assertThat(export.getStatus()).isEqualTo(303);
        assertThat(export.getHeader("Location")).isEqualTo("/tickets?status=%");
        assertThat(pageGet("/tickets/export", "town=%E5%9F%8E&town=%E5%9F%8E", "leader").getHeader("Location"))
                .isEqualTo("/tickets?town=%E5%9F%8E&town=%E5%9F%8E");
    }

    @Test
    void aWayBackThatIsNoWellFormedValueNamesNoPageAndTheTicketShows() throws Exception {
        String id = api.ticket("CONTAINER").get("id").asText();
        MockHttpServletResponse ticket = pageGet("/tickets/" + id, "back=dashboard:~~~town=%ED%A0%80", "leader");
        assertThat(ticket.getStatus()).isEqualTo(200);
        assertThat(Jsoup.parse(ticket.getContentAsString()).select("#wayBack")).isEmpty();
        MockHttpServletResponse kept = pageGet("/tickets/" + id, "back=dashboard:~~~town=%E5%9F%8E", "leader");
        assertThat(URLDecoder.decode(Jsoup.parse(kept.getContentAsString()).select("#wayBack").attr("href"),
                StandardCharsets.UTF_8)).isEqualTo("/?town=城");
    }

    @Test
    void theSignInPageTakesAnyQuery() throws Exception {
        MockHttpServletResponse login = pages.mvc().perform(MockMvcRequestBuilders.get("/login")
                .accept(MediaType.TEXT_HTML).with(asTomcat("error&x=%"))).andReturn().getResponse();
        assertThat(login.getStatus()).isEqualTo(200);
    }
}
