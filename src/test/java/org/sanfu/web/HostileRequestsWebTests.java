package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 11, no 500 from any request: odd paths the firewall refuses, /error asked for directly, headers
 * too large, an Accept nobody can satisfy. Over real HTTP, since MockMvc skips Tomcat's own parsing and
 * normalisation, and with the log captured: a client's mistake is never logged at ERROR.
 */
@SanfuTest
class HostileRequestsWebTests {

    /** Paths Spring Security's StrictHttpFirewall refuses, each once a 500 with a long ERROR stack. */
    private static final List<String> ODD_PATHS = List.of("//engine-rest/task", "/engine-rest;x=1/task",
            "/x/../engine-rest/engine", "/api//tickets", "/api/%2e%2e/api/tickets", "/api/tickets;jsessionid=0123ABCD",
            "/camunda/app/%2e%2e/engine-rest/engine", "/api/tickets/%2e", "/;/api/tickets",
            "/api/tickets%2F1", "/api/tickets%5C1", "/api/tickets/%00");

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureTheLog() {
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void releaseTheLog() {
        root().detachAppender(log);
    }

    @Test
    void aPagesPathWithDoubledSlashesIsSentToThePageWhileTheApisStaysRefused() throws Exception {
        for (String[] doubled : new String[][] {{"//", "/"}, {"/tickets//5", "/tickets/5"},
                {"//enterprises?q=%E6%B3%B5", "/enterprises?q=%E6%B3%B5"}}) {
            HttpResponse<String> r = send(request(doubled[0], null).GET());
            assertThat(r.statusCode()).as(doubled[0]).isEqualTo(301);
            assertThat(r.headers().firstValue("Location")).as(doubled[0]).hasValue(doubled[1]);
        }
        assertThat(send(request("/api//tickets", "staff1").GET()).statusCode()).isEqualTo(400);
        assertThat(send(request("/tickets//5", "staff1").POST(HttpRequest.BodyPublishers.noBody())).statusCode())
                .as("only a page's GET is redirected").isEqualTo(400);
    }

    @Test
    void oddPathsAre400ProblemJsonWithOrWithoutCredentialsAndLogNoError() throws Exception {
        for (String path : ODD_PATHS) {
            for (String user : new String[] {null, "admin", "staff1"}) {
                HttpResponse<String> r = send(request(path, user).GET());
                assertThat(r.statusCode()).as(path + " as " + user + ": " + r.body()).isEqualTo(400);
                if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                    assertThat(json.readTree(r.body()).get("status").asInt()).isEqualTo(400);
                } else {
                    // only Tomcat refuses these before the application sees them, and sends no stack either
                    assertThat(path).as(path + " answered " + r.headers().map() + ": " + r.body())
                            .matches(".*%(2F|5C|00).*");
                    assertThat(r.body()).doesNotContain("Exception", "at org.");
                }
            }
            HttpResponse<String> post = send(request(path, "admin").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(post.statusCode()).as("POST " + path).isEqualTo(400);
        }
        assertNoErrorLogged();
    }

    @Test
    void theFirewallsRefusalSpeaksTheClientsLanguage() throws Exception {
        HttpResponse<String> r = send(request("//engine-rest/task", null).header("Accept-Language", "zh-CN").GET());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(r.body());
        assertThat(problem.get("detail").asText()).contains("已拒绝");
        assertThat(r.body()).doesNotContain("Exception");
    }

    /**
     * (Addition) A page's address the firewall refuses (a damaged link: a ;, a stray %, a line break pasted into it),
     * opened in a browser, is the Chinese error page every page's errors are, under /f the enterprise's; the API's,
     * the operators' and any client's that does not put HTML first stay problem+json.
     */
    @Test
    void aPagesAddressTheFirewallRefusesIsTheChineseErrorPageToABrowser() throws Exception {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        String link = "/f/" + "A".repeat(43);
        for (String path : List.of(link + ";x", link + "%25", link + "%0A", link + "%3B", "/tickets;x", "/tickets/1%25")) {
            HttpResponse<String> r = send(request(path, null).header("Accept", browser).GET());
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
            assertThat(r.body()).as(path).contains("请求有误（400）", "地址中有不允许的字符").doesNotContain("Exception");
            if (path.startsWith("/f/")) {
                assertThat(r.body()).as(path).contains("请重新打开您收到的链接").doesNotContain("返回首页", "href=\"/\"");
            }
        }
        for (String path : List.of("/api/tickets;x", "/;/api/tickets", "/api/tickets%25", "/engine-rest;x=1/task")) {
            HttpResponse<String> r = send(request(path, "staff1").header("Accept", browser).GET());
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/problem+json");
        }
        for (String accept : List.of("*/*", "application/json, text/html;q=0.5")) {
            HttpResponse<String> r = send(request(link + ";x", null).header("Accept", accept).GET());
            assertThat(r.statusCode()).as(accept).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(accept).startsWith("application/problem+json");
        }
        assertNoErrorLogged();
    }

    /**
     * (Addition) A feedback link damaged so that Tomcat itself cannot read its path (a malformed escape, a lone %, an
     * encoded NUL), opened in a browser, is the enterprise's Chinese error page too, with the same 400; a ; in it is
     * the firewall's, and the same page. Any client not putting HTML first, and the API, keep problem+json.
     */
    @Test
    void aFeedbackLinkTomcatCannotReadIsTheEnterprisesErrorPageToABrowser() throws Exception {
        String browser = "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n";
        String link = "/f/" + "A".repeat(43);
        for (String path : List.of("/f/%ZZ", "/f/%", "/f/a%00b", link + "%ZZ", link + "%E4%B8", "/f/a;b", "/f;x")) {
            Raw r = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + browser + "Connection: close\r\n\r\n");
            assertThat(r.status()).as(path + ": " + r).isEqualTo(400);
            assertThat(r.headers().get("content-type")).as(path + ": " + r).startsWith("text/html");
            assertThat(r.body()).as(path).contains("请求有误（400）", "地址中有不允许的字符", "请重新打开您收到的链接")
                    .doesNotContain("返回首页", "href=\"/\"", "Exception", "Bad Request");
        }
        for (String request : List.of("GET /f/%ZZ HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n",
                "GET /f/%ZZ HTTP/1.1\r\nHost: x\r\nAccept: application/json, text/html;q=0.5\r\n",
                "GET /api/tickets/%ZZ HTTP/1.1\r\nHost: x\r\n" + browser + BASIC_STAFF)) {
            Raw r = raw(request + "Connection: close\r\n\r\n");
            assertThat(r.status()).as(request).isEqualTo(400);
            assertThat(r.headers().get("content-type")).as(request).startsWith("application/problem+json");
        }
        assertNoErrorLogged();
    }

    @Test
    void errorAskedForDirectlyIsRefusedNot500() throws Exception {
        for (String path : List.of("/error", "/error/x")) {
            for (String user : new String[] {null, "admin"}) {
                // a page signs in with a form, not Basic: the browser is sent to sign in first, then refused
                assertThat(send(request(path, user).GET()).statusCode()).as(path + " as " + user).isIn(302, 403);
            }
        }
        assertThat(send(request("/api/../error", "admin").GET()).statusCode()).isEqualTo(400);
        assertNoErrorLogged();
    }

    /**
     * Tomcat answers a request whose headers pass server.max-http-request-header-size itself, before
     * the application: 400, as problem+json (web.TomcatRefusals), in the client's language when it
     * could still be read, with no stack and nothing at ERROR (Tomcat notes the first at INFO).
     */
    @Test
    void oversizedHeadersAre4xxProblemsNot500() throws Exception {
        String big = "a".repeat(64 * 1024);
        int answered = 0;
        for (String header : List.of("Cookie", "X-Padding", "Accept-Language")) {
            for (String user : new String[] {null, "admin"}) {
                HttpResponse<String> r;
                try {
                    r = send(request("/api/tickets", user).header(header, header.equals("Cookie") ? "c=" + big : big).GET());
                } catch (java.io.IOException closed) {
                    continue; // Tomcat may close the connection before the client finished writing: no 500 either
                }
                answered++;
                assertThat(r.statusCode()).as(header + " as " + user).isEqualTo(400);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(json.readTree(r.body()).get("status").asInt()).isEqualTo(400);
                assertThat(r.body()).doesNotContain("Exception");
            }
        }
        assertThat(answered).as("requests Tomcat answered rather than cut off").isPositive();
        assertNoErrorLogged();
    }

    @Test
    void anAcceptNobodyCanSatisfyIs406ProblemJson() throws Exception {
        for (String[] ask : new String[][] {{"/api/reports/weekly", "application/pdf"},
                {"/api/reports/daily", "application/pdf"}, {"/api/tickets", "text/csv"},
                {"/api/stats/summary", "image/png"}, {"/api/enterprises", "text/html"}, {"/api/inbox", "text/plain"}}) {
            HttpResponse<String> r = send(request(ask[0], "leader").header("Accept", ask[1]).GET());
            assertThat(r.statusCode()).as(ask[0] + " " + ask[1] + ": " + r.body()).isEqualTo(406);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(json.readTree(r.body()).get("status").asInt()).isEqualTo(406);
        }
        assertNoErrorLogged();
    }

    /** q=0 refuses a type (RFC 9110): it is not answered in it, and refusing all it names is 406. */
    @Test
    void aTypeTheAcceptHeaderRefusesIsNotAnsweredIn() throws Exception {
        for (String refusing : new String[] {"application/json;q=0", "application/json;q=0.0, text/html",
                "*/*;q=0"}) {
            HttpResponse<String> r = send(request("/api/tickets", "leader").header("Accept", refusing).GET());
            assertThat(r.statusCode()).as(refusing + ": " + r.body()).isEqualTo(406);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(json.readTree(r.body()).get("detail").asText()).as(refusing).contains("application/json");
        }
        HttpResponse<String> other = send(request("/api/tickets", "leader")
                .header("Accept", "text/csv;q=0, application/json;q=0.5").GET());
        assertThat(other.statusCode()).isEqualTo(200);
        HttpResponse<String> markdown = send(request("/api/reports/weekly?week=2021-W01", "leader")
                .header("Accept", "application/json;q=0, text/markdown").GET());
        assertThat(markdown.statusCode()).as(markdown.body()).isEqualTo(200);
        assertThat(markdown.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
        assertNoErrorLogged();
    }

    @Test
    void aMethodTheServiceNeverTakesIs405NamingTheOnesItDoes() throws Exception {
        for (String path : new String[] {"/api/tickets", "/tickets", "/engine-rest/task", "/actuator/health"}) {
            for (String method : new String[] {"TRACE", "PROPFIND"}) {
                for (String user : new String[] {null, "admin"}) {
                    HttpResponse<String> r = send(request(path, user).method(method, HttpRequest.BodyPublishers.noBody()));
                    String what = method + " " + path + " as " + user + ": " + r.body();
                    assertThat(r.statusCode()).as(what).isEqualTo(405);
                    assertThat(r.headers().firstValue("Allow")).as(what)
                            .hasValue("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
                    assertThat(json.readTree(r.body()).get("detail").asText()).as(what).contains(method);
                }
            }
        }
        assertNoErrorLogged();
    }

    /** A control character in a query parameter: PostgreSQL could not even compare U+0000 (was 500 there). */
    @Test
    void aControlCharacterInAQueryParameterIs400NamingIt() throws Exception {
        for (String[] sent : new String[][] {{"/api/tickets?q=%00", "q"}, {"/api/tickets?size=5&town=a%07b", "town"},
                {"/api/enterprises?q=x%1F", "q"}, {"/api/visits?enterprise=%00&staff=%00", "enterprise"},
                {"/api/stats/summary?town=%7F", "town"}}) {
            HttpResponse<String> r = send(request(sent[0], "leader").GET());
            assertThat(r.statusCode()).as(sent[0]).isEqualTo(400);
            assertThat(json.readTree(r.body()).at("/errors/0/field").asText()).as(sent[0]).isEqualTo(sent[1]);
        }
        // a page's GET is asked again without it (a person pasted it); the character never reaches a query
        HttpResponse<String> page = send(request("/tickets?q=%00&town=a%07b", "leader").GET());
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/tickets?q=+&town=a+b");
        HttpResponse<String> chinese = send(request("/api/tickets?q=" + java.net.URLEncoder.encode("集装箱",
                java.nio.charset.StandardCharsets.UTF_8), "leader").GET());
        assertThat(chinese.statusCode()).isEqualTo(200);
        assertNoErrorLogged();
    }

    @Test
    void anErrorIsProblemJsonWhateverTheClientAccepts() throws Exception {
        HttpResponse<String> unknown = send(request("/api/tickets/999999999", "leader").header("Accept", "application/pdf").GET());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        HttpResponse<String> anonymous = send(request("/api/tickets", null).header("Accept", "text/csv").GET());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> badQuery = send(request("/api/tickets?size=0", "leader").header("Accept", "text/csv").GET());
        assertThat(badQuery.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badQuery.body()).get("errors").get(0).get("field").asText()).isEqualTo("size");
        // a write is refused for what it would answer before its body is read: it changes nothing
        HttpResponse<String> badBody = send(request("/api/enterprises", "staff1").header("Accept", "text/csv")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{} garbage")));
        assertThat(badBody.statusCode()).isEqualTo(406);
        assertThat(badBody.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertNoErrorLogged();
    }

    @Test
    void oddBodiesAndContentTypesAre4xx() throws Exception {
        String deep = "{\"text\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        for (String[] sent : new String[][] {{"application/json;charset=no-such-charset", "{}"},
                {"application/json;charset=\"", "{}"}, {"application/json", deep}, {"application/json", "\u0000"},
                {"application/json", "{\"enterpriseCreditCode\": 1e999999999}"}}) {
            HttpResponse<String> r = send(request("/api/visits", "staff1").header("Content-Type", sent[0])
                    .POST(HttpRequest.BodyPublishers.ofString(sent[1])));
            assertThat(r.statusCode()).as(sent[0] + " " + r.body()).isBetween(400, 499);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertNoErrorLogged();
    }

    @Test
    void anUnparseableAcceptIsA4xxToo() throws Exception {
        for (String path : List.of("/api/reports/weekly", "/api/tickets")) {
            HttpResponse<String> r = send(request(path, "leader").header("Accept", ";;;/x/y==").GET());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(400, 499);
        }
        assertNoErrorLogged();
    }

    @Test
    void anyOrNoAcceptOrJsonStillGetJson() throws Exception {
        for (String accept : new String[] {null, "*/*", "application/json", "application/*",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}) {
            for (String path : List.of("/api/reports/weekly", "/api/tickets", "/api/reports/daily")) {
                HttpRequest.Builder request = request(path, "leader");
                if (accept != null) {
                    request.header("Accept", accept);
                }
                HttpResponse<String> r = send(request.GET());
                assertThat(r.statusCode()).as(path + " " + accept).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            }
        }
        HttpResponse<String> markdown = send(request("/api/reports/weekly", "leader").header("Accept", "text/markdown").GET());
        assertThat(markdown.statusCode()).isEqualTo(200);
        assertThat(markdown.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
    }

    /**
     * Tomcat refuses CONNECT itself (501) before any filter, as no method a resource here takes: 405
     * naming the ones the service does, as TRACE and PROPFIND get, on any path, signed in or not.
     */
    @Test
    void connectIs405NamingTheMethodsTheServiceTakes() throws Exception {
        for (String path : new String[] {"/api/tickets/2", "/login", "/engine-rest/task"}) {
            for (String auth : new String[] {"", BASIC_STAFF}) {
                Raw r = raw("CONNECT " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n");
                assertThat(r.status()).as(path + " " + auth + r).isEqualTo(405);
                assertThat(r.headers().get("allow")).as(path).isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
                assertThat(r.headers().get("content-type")).startsWith("application/problem+json");
                JsonNode problem = json.readTree(r.body());
                assertThat(problem.get("status").asInt()).isEqualTo(405);
                assertThat(problem.get("title").asText()).isEqualTo("Method Not Allowed");
                assertThat(problem.get("detail").asText()).contains("CONNECT");
            }
        }
        Raw chinese = raw("CONNECT /api/tickets/2 HTTP/1.1\r\nHost: x\r\nAccept-Language: zh-CN\r\nConnection: close\r\n\r\n");
        assertThat(json.readTree(chinese.body()).get("title").asText()).isEqualTo("不支持该请求方法");
        assertNoErrorLogged();
    }

    /**
     * What Tomcat refuses while it reads a request says which fault it was, in the client's language:
     * a malformed request, an HTTP version or a transfer coding it does not speak, headers too large.
     */
    @Test
    void eachProtocolRefusalSaysWhatWasWrong() throws Exception {
        String zh = "Accept-Language: zh-CN\r\n";
        String malformed = "malformed";
        String[][] cases = {
            // request, status, words in English, words in Chinese
            {"GET /api/tickets/1%2F2 HTTP/1.1\r\n" + zh + "Host: x\r\n" + BASIC_STAFF, "400", malformed, "格式"},
            {"GET /api/tickets/1%5C2 HTTP/1.1\r\n" + zh + "Host: x\r\n", "400", malformed, "格式"},
            {"GET /api/tickets HTTP/1.1\r\n" + zh + "Host: x\r\nX-Nul: a\u0000b\r\n", "400", malformed, "格式"},
            {"GET /api/tickets HTTP/1.1\r\n" + zh + "Host: x\r\nNoColonHere\r\n", "400", malformed, "格式"},
            {"GET /api/tickets HTTP/1.1\r\n" + zh, "400", malformed, "格式"},
            {"GET /api/tickets HTTP/2.0\r\n" + zh + "Host: x\r\n", "505", "HTTP/2.0", "HTTP/2.0"},
            {"POST /api/visits HTTP/1.1\r\n" + zh + "Host: x\r\nTransfer-Encoding: gzip, chunked\r\n", "501",
                "transfer coding gzip is not", "传输编码 gzip；"},
            {"GET /api/tickets HTTP/1.1\r\n" + zh + "Host: x\r\nX-Padding: " + "a".repeat(16 * 1024) + "\r\n",
                "400", "too large", "过大"}};
        for (String[] c : cases) {
            for (boolean chinese : new boolean[] {false, true}) {
                String request = chinese ? c[0] : c[0].replace(zh, "");
                Raw r = raw(request + "Connection: close\r\n\r\n" + (c[0].startsWith("POST") ? "0\r\n\r\n" : ""));
                String what = request.lines().findFirst().orElseThrow() + " " + chinese + ": " + r;
                assertThat(r.status()).as(what).isEqualTo(Integer.parseInt(c[1]));
                assertThat(r.headers().get("content-type")).as(what).startsWith("application/problem+json");
                JsonNode problem = json.readTree(r.body());
                assertThat(problem.get("title").asText()).as(what).isNotEqualTo("HTTP " + c[1]).isNotEqualTo("Error " + c[1]);
                String detail = problem.get("detail").asText();
                assertThat(detail).as(what).contains(chinese ? c[3] : c[2]);
                if (!c[2].equals("too large")) {
                    assertThat(detail).as(what).doesNotContain("too large", "过大");
                }
            }
        }
        assertNoErrorLogged();
    }

    /**
     * A chunked body Tomcat cannot read (a chunk size "zz") is found only while the application reads
     * it, and Tomcat then answers through the error page: problem+json for the API, the Chinese error
     * page for a page, never Spring Boot's own error JSON.
     */
    @Test
    void aMalformedChunkedBodyIsAProblemOnTheApiAndTheErrorPageOnAPage() throws Exception {
        String body = "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
        for (String language : new String[] {"en", "zh-CN"}) {
            Raw r = raw("POST /api/visits HTTP/1.1\r\nHost: x\r\n" + BASIC_STAFF + "Accept-Language: " + language
                    + "\r\nContent-Type: application/json\r\n" + body);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.headers().get("content-type")).as(r.toString()).startsWith("application/problem+json");
            JsonNode problem = json.readTree(r.body());
            assertThat(problem.get("type").asText()).isEqualTo("about:blank");
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.has("timestamp")).isFalse();
            assertThat(problem.get("title").asText()).isEqualTo(language.equals("en") ? "Bad Request" : "请求无效");
            assertThat(problem.get("detail").asText()).contains(language.equals("en") ? "chunked" : "分块");
        }
        Raw page = raw("POST /f/no-such-token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + body);
        assertThat(page.status()).as(page.toString()).isEqualTo(400);
        assertThat(page.headers().get("content-type")).as(page.toString()).startsWith("text/html");
        assertThat(page.body()).contains("请求有误（400）");
        assertNoErrorLogged();
    }

    /**
     * A file sent as itself to a ticket (API.md's attachments) in chunks, so without a length the limit could be
     * checked against before it is read: past its 10 MB 413, and a chunk Tomcat cannot read 400 naming the body;
     * neither adds a file nor logs an error.
     */
    @Test
    void aChunkedFileOverTheLimitIs413AndAMalformedOne400AndNeitherLogsAnError() throws Exception {
        String code = org.sanfu.Api.creditCode();
        HttpResponse<String> enterprise = send(request("/api/enterprises", "staff1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"creditCode\":\"" + code + "\",\"name\":\"分块上传企业\","
                        + "\"town\":\"大溪镇\",\"industry\":\"泵业\",\"exporter\":false,\"key\":false}")));
        assertThat(enterprise.statusCode()).as(enterprise.body()).isEqualTo(201);
        HttpResponse<String> visit = send(request("/api/visits", "staff1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"enterpriseCreditCode\":\"" + code + "\",\"visitedAt\":\""
                        + java.time.OffsetDateTime.now().minusHours(1).withNano(0) + "\",\"operatingStatus\":\"NORMAL\","
                        + "\"problems\":[{\"category\":\"FINANCING\",\"title\":\"流动资金不足\",\"description\":\"分块\"}]}")));
        assertThat(visit.statusCode()).as(visit.body()).isEqualTo(201);
        String files = "/api/tickets/" + json.readTree(visit.body()).get("tickets").get(0).get("id").asText() + "/attachments";

        byte[] pdf = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
        HttpResponse<String> tooLarge = send(request(files, "staff1").header("Content-Type", "application/pdf")
                .header("Content-Disposition", "attachment; filename=big.pdf")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(pdf))));
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        Raw malformed = raw("POST " + files + " HTTP/1.1\r\nHost: x\r\n" + BASIC_STAFF + "Content-Type: application/pdf\r\n"
                + "Content-Disposition: attachment; filename=a.pdf\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "zz\r\n%PDF-\r\n0\r\n\r\n");
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.headers().get("content-type")).startsWith("application/problem+json");

        HttpResponse<String> listed = send(request(files, "staff1").GET());
        assertThat(json.readTree(listed.body())).as(listed.body()).isEmpty();
        assertNoErrorLogged();
    }

    /** A success is never labelled an error: problem+json is for problems alone. */
    @Test
    void aSuccessIsNeverAnsweredAsProblemJson() throws Exception {
        HttpResponse<String> only = send(request("/api/tickets", "leader").header("Accept", "application/problem+json").GET());
        assertThat(only.statusCode()).as(only.body()).isEqualTo(406);
        assertThat(only.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.readTree(only.body()).get("detail").asText()).contains("application/json");
        for (String accept : new String[] {"application/problem+json, application/json", "application/problem+json, */*;q=0.1",
                "application/problem+json, application/*"}) {
            HttpResponse<String> r = send(request("/api/tickets", "leader").header("Accept", accept).GET());
            assertThat(r.statusCode()).as(accept).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(accept).startsWith("application/json");
        }
        HttpResponse<String> missing = send(request("/api/tickets/999999999", "leader")
                .header("Accept", "application/problem+json").GET());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        // a write is refused before it changes anything, as for any Accept it cannot be answered in
        String code = org.sanfu.Api.creditCode();
        String enterprise = "{\"creditCode\": \"" + code + "\", \"name\": \"问题格式企业\", \"town\": \"大溪镇\"}";
        HttpResponse<String> write = send(request("/api/enterprises", "staff1").header("Accept", "application/problem+json")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(enterprise)));
        assertThat(write.statusCode()).as(write.body()).isEqualTo(406);
        assertThat(send(request("/api/enterprises/" + code, "leader").GET()).statusCode()).isEqualTo(404);
        HttpResponse<String> taken = send(request("/api/enterprises", "staff1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(enterprise)));
        assertThat(taken.statusCode()).as("the same body with a JSON Accept: " + taken.body()).isEqualTo(201);
        assertNoErrorLogged();
    }

    // ------------------------------------------------------------------------------------------

    private void assertNoErrorLogged() {
        assertThat(log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList())
                .as("nothing at ERROR for a client's mistake").isEmpty();
    }

    private HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static final String BASIC_STAFF = "Authorization: Basic "
            + Base64.getEncoder().encodeToString("staff1:demo".getBytes(StandardCharsets.UTF_8)) + "\r\n";

    /** An answer read off the wire: status, headers by lower-case name, body (de-chunked). */
    record Raw(int status, java.util.Map<String, String> headers, String body) {
    }

    /**
     * Sends bytes as written (a NUL, a malformed request line or chunk: what no HTTP client library
     * sends) and reads the answer until the server closes the connection.
     */
    private Raw raw(String request) throws Exception {
        byte[] answer;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            answer = socket.getInputStream().readAllBytes();
        }
        String text = new String(answer, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("a whole answer: " + text).isPositive();
        List<String> head = text.substring(0, end).lines().toList();
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).strip());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            StringBuilder whole = new StringBuilder();
            byte[] rest = body.getBytes(StandardCharsets.UTF_8);
            int at = 0;
            while (true) {
                int lineEnd = indexOf(rest, at);
                int size = Integer.parseInt(new String(rest, at, lineEnd - at, StandardCharsets.US_ASCII).strip(), 16);
                if (size == 0) {
                    break;
                }
                whole.append(new String(rest, lineEnd + 2, size, StandardCharsets.UTF_8));
                at = lineEnd + 2 + size + 2;
            }
            body = whole.toString();
        }
        return new Raw(Integer.parseInt(head.get(0).split(" ")[1]), headers, body);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("no line end after " + from);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
