package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * API.md "General": every error is RFC 9457 problem+json without a stack trace, sign-in and its
 * 401, the open health check, the body limit (413), media types (415), unknown paths, unreadable
 * JSON, and Chinese text that comes back exactly as it was sent.
 */
@SanfuTest
class ErrorContractWebTests {

    private static final int LIMIT = 1_048_576;

    @Autowired
    Api api;

    @Autowired
    ObjectMapper json;

    @Autowired
    MockMvc mvc;

    @Autowired
    Problems problems;

    @LocalServerPort
    int port;

    // ------------------------------------------------------------------------------------------
    // 401

    @Test
    void withoutCredentialsTheApiAnswers401ProblemJsonAskingForBasic() {
        for (String path : List.of("/api/tickets", "/api/inbox", "/api/tickets/1", "/api/enterprises",
                "/api/no-such-thing")) {
            Api.Response r = api.perform(get(path).accept(MediaType.APPLICATION_JSON), null);
            assertUnauthorized(r);
        }
        Api.Response action = api.perform(post("/api/tickets/1/sign").contentType(MediaType.APPLICATION_JSON)
                .content("{}"), null);
        assertUnauthorized(action);
    }

    @Test
    void withAWrongPasswordOrUnknownUserTheApiAnswers401() {
        assertUnauthorized(api.perform(get("/api/tickets").with(httpBasic("staff1", "wrong")), null));
        assertUnauthorized(api.perform(get("/api/tickets").with(httpBasic("nobody", "demo")), null));
        assertUnauthorized(api.perform(get("/api/tickets").header("Authorization", "Basic not-base64!"), null));
        assertUnauthorized(api.perform(get("/api/tickets").header("Authorization", "Bearer abc.def.ghi"), null));
    }

    @Test
    void signInIsCheckedBeforeTheBodyItsMediaTypeOrItsSize() {
        assertUnauthorized(api.perform(post("/api/visits").contentType(MediaType.APPLICATION_JSON)
                .content("{not json"), null));
        assertUnauthorized(api.perform(post("/api/visits").contentType(MediaType.TEXT_PLAIN)
                .content("hello"), null));
        assertUnauthorized(api.perform(post("/api/visits").contentType(MediaType.APPLICATION_JSON)
                .content(jsonOfBytes(LIMIT + 1)), null));
    }

    // ------------------------------------------------------------------------------------------
    // health

    @Test
    void healthIsOpenWithoutCredentialsAndSaysUp() {
        Api.Response r = api.perform(get("/actuator/health").accept(MediaType.APPLICATION_JSON), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("UP");
        assertThat(r.json().has("components")).isFalse();
        assertThat(r.json().has("details")).isFalse();
    }

    // ------------------------------------------------------------------------------------------
    // 413

    @Test
    void aJsonBodyOverOneMegabyteIs413ProblemJson() {
        byte[] body = jsonOfBytes(LIMIT + 1);
        assertThat(body).hasSize(LIMIT + 1);

        Api.Response r = api.perform(post("/api/visits").contentType(MediaType.APPLICATION_JSON).content(body),
                "staff1");
        assertProblem(r, 413);
    }

    @Test
    void aJsonBodyOfExactlyOneMegabyteIsReadAndJudgedOnItsContent() {
        byte[] body = jsonOfBytes(LIMIT);
        assertThat(body).hasSize(LIMIT);

        Api.Response r = api.perform(post("/api/visits").contentType(MediaType.APPLICATION_JSON).content(body),
                "staff1");
        // read, and refused for what it says (notes over 4000 characters), not for its size
        assertProblem(r, 400);
        assertThat(r.json().get("errors").findValuesAsText("field")).contains("notes");
    }

    @Test
    void theLimitCountsBytesNotCharacters() {
        // 400,000 Chinese characters are 1,200,000 bytes in UTF-8
        String notes = "订".repeat(400_000);
        String body = "{\"enterpriseCreditCode\":\"" + Api.creditCode() + "\",\"notes\":\"" + notes + "\"}";

        Api.Response r = api.perform(post("/api/visits").contentType(MediaType.APPLICATION_JSON)
                .characterEncoding(StandardCharsets.UTF_8).content(body.getBytes(StandardCharsets.UTF_8)), "staff1");
        assertProblem(r, 413);
    }

    @Test
    void aJsonBodyOverOneMegabyteSentWithoutContentLengthIs413() throws Exception {
        byte[] body = jsonOfBytes(LIMIT + 1);
        NoContentLength request = new NoContentLength(HttpMethod.POST, "/api/visits");
        request.contentType(MediaType.APPLICATION_JSON).content(body).with(httpBasic("staff1", "demo"));

        MockHttpServletRequest built = request.buildRequest(null);
        assertThat(built.getContentLengthLong()).isEqualTo(-1);
        assertThat(built.getHeader("Content-Length")).isNull();

        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        String text = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(text).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(json.readTree(text).get("status").asInt()).isEqualTo(413);
        assertNoStackTrace(text);
    }

    @Test
    void aChunkedJsonBodyOverOneMegabyteOverRealHttpIs413() throws Exception {
        byte[] body = jsonOfBytes(LIMIT + 1);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/visits"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("staff1:demo".getBytes(StandardCharsets.UTF_8)))
                // an InputStream publisher has no known length: HTTP/1.1 sends it chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .timeout(Duration.ofSeconds(30))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(413);
        assertNoStackTrace(response.body());
    }

    // ------------------------------------------------------------------------------------------
    // 415, 404, 400

    @Test
    void textPlainToVisitsIs415ProblemJson() {
        Api.Response r = api.perform(post("/api/visits").contentType(MediaType.TEXT_PLAIN)
                .content("enterprise=91331000MA2XXXXXXX"), "staff1");
        assertProblem(r, 415);

        Api.Response xml = api.perform(post("/api/visits").contentType(MediaType.APPLICATION_XML)
                .content("<visit/>"), "staff1");
        assertProblem(xml, 415);
    }

    @Test
    void aCompressedBodyIs415NamingTheCodingItTakesAndChangesNothing() throws Exception {
        String id = api.ticket("CONTAINER").get("id").asText();
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        Api.Response r = api.perform(post("/api/tickets/" + id + "/sign").contentType(MediaType.APPLICATION_JSON)
                .header("Content-Encoding", "gzip").content(gzipped.toByteArray()), "transport");
        assertProblem(r, 415);
        assertThat(r.header("Accept-Encoding")).isEqualTo("identity");
        assertThat(r.json().get("detail").asText()).contains("gzip");
        assertThat(api.get("/api/tickets/" + id, "transport").json().get("status").asText()).isEqualTo("ASSIGNED");
        // identity is no coding at all
        assertThat(api.perform(post("/api/tickets/" + id + "/sign").contentType(MediaType.APPLICATION_JSON)
                .header("Content-Encoding", "identity").content("{}"), "transport").status()).isEqualTo(200);
    }

    /** What a cross-site form can send (urlencoded, multipart, text/plain) never moves a ticket, even empty. */
    @Test
    void anEmptyFormPostedToAnActionIs415AndChangesNothingWhileABareCurlPostStillSigns() {
        String id = api.ticket("CONTAINER").get("id").asText();
        for (MediaType forged : List.of(MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN,
                MediaType.MULTIPART_FORM_DATA)) {
            Api.Response r = api.perform(post("/api/tickets/" + id + "/sign").contentType(forged), "transport");
            assertProblem(r, 415);
            assertThat(api.get("/api/tickets/" + id, "transport").json().get("status").asText()).as(forged.toString())
                    .isEqualTo("ASSIGNED");
        }
        assertProblem(api.perform(post("/api/tickets/" + id + "/sign").header("Content-Type", "not a type"),
                "transport"), 415);
        assertThat(api.perform(post("/api/tickets/" + id + "/sign"), "transport").status()).isEqualTo(200);
        assertThat(api.get("/api/tickets/" + id, "transport").json().get("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void anUnknownPathUnderApiIs404ProblemJson() {
        assertProblem(api.get("/api/no-such-thing", "staff1"), 404);
        assertProblem(api.get("/api/tickets/1/no-such-thing", "leader"), 404);
        assertProblem(api.post("/api/no-such-thing", "staff1", Map.of()), 404);
        assertProblem(api.get("/api", "staff1"), 404);
    }

    @Test
    void anIdIsWrittenInPlainDigitsAndOneTicketAnswersToOnePath() {
        String id = api.ticket("CONTAINER").get("id").asText();
        assertThat(api.get("/api/tickets/" + id, "leader").status()).isEqualTo(200);
        String fullWidth = id.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０'))).reduce("", String::concat);
        String arabicIndic = id.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '٠'))).reduce("", String::concat);
        for (String alias : List.of(fullWidth, arabicIndic, "+" + id, "0" + id)) {
            assertProblem(api.get("/api/tickets/" + alias, "leader"), 404);
            assertProblem(api.post("/api/tickets/" + alias + "/comment", "leader", Map.of("text", "别名")), 404);
        }
        assertThat(api.get("/api/tickets/" + id + "/history", "leader").json().findValuesAsText("detail"))
                .doesNotContain("别名");
    }

    @Test
    void aWholeNumberParameterIsWrittenInDecimalDigits() {
        for (String size : List.of("0x10", "#10", "５", "+5", "1e1", "99999999999")) {
            Api.Response r = api.get("/api/tickets?size=" + java.net.URLEncoder.encode(size,
                    java.nio.charset.StandardCharsets.UTF_8), "leader");
            assertThat(r.firstFault().get("field").asText()).as(size).isEqualTo("size");
        }
        assertThat(api.get("/api/tickets?size=5&page=0", "leader").json().get("size").asInt()).isEqualTo(5);
        assertThat(api.get("/api/tickets?size= 5 ", "leader").json().get("size").asInt()).as("spaces around")
                .isEqualTo(5);
    }

    @Test
    void malformedJsonIs400ProblemJson() {
        for (String body : List.of("{not json", "{\"enterpriseCreditCode\": ", "", "{\"problems\": [}")) {
            Api.Response r = api.perform(post("/api/visits").contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON).content(body), "staff1");
            assertProblem(r, 400);
        }
        Api.Response enterprise = api.perform(post("/api/enterprises").contentType(MediaType.APPLICATION_JSON)
                .content("{\"creditCode\": \"x\",}"), "staff1");
        assertProblem(enterprise, 400);
    }

    @Test
    void aFieldOfTheWrongTypeIs400NamingTheField() {
        String code = api.enterprise();
        Api.Response r = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "problems", List.of(Map.of("category", "CONTAINER", "title", "舱位", "urgency", "VERY"))));
        assertProblem(r, 400);
        assertThat(r.json().get("errors").findValuesAsText("field")).contains("problems[0].urgency");

        Api.Response list = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "problems", "none"));
        assertProblem(list, 400);
        assertThat(list.json().get("errors").findValuesAsText("field")).contains("problems");
    }

    /**
     * A page or size that is no whole number, or one too long for one, says what it may be, as a page too deep does:
     * "is not a valid value" left an integrator guessing; and the other of the two is named too when it is wrong.
     */
    @Test
    void aPageOrSizeNoNumberCouldBeSaysWhatItMayBe() {
        String depth = ": a list shows its first 10000 rows; narrow the filters to see others";
        String size = "size: must be a whole number from 1 to 200";
        Map<String, List<String>> answers = Map.of(
                "/api/tickets?page=99999999999", List.of("page: must be a whole number from 0 to 500" + depth),
                "/api/tickets?page=abc&size=100", List.of("page: must be a whole number from 0 to 100" + depth),
                "/api/tickets?page=1.5&size=0", List.of("page: must be a whole number from 0 to 500" + depth, size),
                "/api/tickets?size=99999999999", List.of(size),
                "/api/enterprises?size=ten", List.of(size));
        answers.forEach((path, faults) -> {
            Api.Response r = api.get(path, "leader");
            assertProblem(r, 400);
            List<String> named = new ArrayList<>();
            r.json().get("errors").forEach(e -> named.add(e.get("field").asText() + ": " + e.get("message").asText()));
            assertThat(named).as(path).isEqualTo(faults);
        });
    }

    @Test
    void noErrorAnswerCarriesExceptionTextOrAStackTrace() {
        String code = api.enterprise();
        List<Api.Response> answers = List.of(
                api.get("/api/tickets/abc", "leader"),
                api.get("/api/tickets?size=0&status=X&from=never", "leader"),
                api.get("/api/tickets?page=999999999999999", "leader"),
                api.post("/api/tickets/abc/sign", "transport", Map.of()),
                api.post("/api/tickets/1/feedback", "transport", "{\"satisfaction\": [}"),
                api.post("/api/visits", "staff1", "{\"problems\": {\"a\": 1}}"),
                api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code, "visitedAt", "tomorrow")),
                api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code, "orderBacklogMonths", "many")),
                api.post("/api/visits", "staff1", "[1, 2, 3]"),
                api.post("/api/visits", "staff1", "\"just a string\""),
                api.post("/api/visits", "dispatch", Map.of("enterpriseCreditCode", code)),
                api.post("/api/enterprises", "staff1", Map.of("creditCode", "123")),
                api.perform(post("/api/visits").contentType(MediaType.TEXT_PLAIN).content("x"), "staff1"),
                api.perform(get("/api/tickets"), null),
                api.call(HttpMethod.DELETE, "/api/tickets/1", "leader", null),
                api.call(HttpMethod.PUT, "/api/visits", "staff1", Map.of()));
        for (Api.Response r : answers) {
            assertThat(r.status()).as(r.text()).isBetween(400, 499);
            assertThat(r.contentType()).as(r.text()).startsWith("application/problem+json");
            assertThat(r.json().get("status").asInt()).isEqualTo(r.status());
            assertThat(r.json().has("title")).isTrue();
            assertThat(r.json().has("type")).isTrue();
            assertNoStackTrace(r.text());
        }
    }

    // ------------------------------------------------------------------------------------------
    // UTF-8

    @Test
    void chineseTextRoundTripsUnchangedInTitlesAndNames() {
        String title = "出口集装箱紧张，运费上涨3倍！「急」😀 — 台州·路桥";
        String description = "向供应商采购水泵的资金不够；订单已排到3、4月份（约￥500万）";
        String name = "台州市路桥区正立电机有限公司（出口）";
        String code = api.enterprise(name, "路桥区");

        Api.Response visit = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "problems", List.of(Map.of("category", "CONTAINER", "title", title, "description", description))));
        assertThat(visit.status()).as(visit.text()).isEqualTo(201);
        JsonNode created = visit.json().get("tickets").get(0);
        assertThat(created.get("title").asText()).isEqualTo(title);
        String id = created.get("id").asText();

        JsonNode read = api.get("/api/tickets/" + id, "transport").json();
        assertThat(read.get("title").asText()).isEqualTo(title);
        assertThat(read.get("description").asText()).isEqualTo(description);
        assertThat(read.get("enterpriseName").asText()).isEqualTo(name);
        assertThat(api.get("/api/tickets?enterprise=" + code + "&q=运费上涨3倍", "leader").json()
                .get("items").findValuesAsText("title")).containsExactly(title);
        assertThat(api.get("/api/tickets/" + id + "/history", "leader").json().get(0).get("detail").asText())
                .contains(title);
    }

    @Test
    void jsonWithoutACharsetParameterIsReadAsUtf8() {
        String code = api.enterprise();
        String title = "用工缺口约50人，急需招聘熟练焊工";
        String body = "{\"enterpriseCreditCode\":\"" + code + "\",\"problems\":[{\"category\":\"LABOR\",\"title\":\""
                + title + "\"}]}";

        Api.Response r = api.perform(post("/api/visits").contentType("application/json")
                .accept(MediaType.APPLICATION_JSON).content(body.getBytes(StandardCharsets.UTF_8)), "staff1");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("tickets").get(0).get("title").asText()).isEqualTo(title);
        String utf8 = new String(r.raw().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(utf8).contains(title);
    }

    // ------------------------------------------------------------------------------------------
    // types (RFC 9457 3.1.1)

    /**
     * The problems a client must tell apart by more than their status carry a type of their own (API.md "General"):
     * a 409 of the ticket's state from a duplicate's (neither to be sent again as it was), a 400 naming its fields;
     * the lost race's and the sign-in lock's are asserted where they are provoked (LockTimeoutWebTests,
     * SignInThrottleWebTests). Every other problem's status says it all: about:blank, as before.
     */
    @Test
    void theProblemsAClientMustTellApartHaveATypeOfTheirOwnAndTheRestStayAboutBlank() throws Exception {
        String id = api.ticket("FINANCING").get("id").asText();
        api.act(id, "sign", "finance", null);
        Api.Response signedAlready = api.post("/api/tickets/" + id + "/sign", "finance", null);
        assertType(signedAlready, 409, "urn:sanfu:problem:not-now");
        assertThat(signedAlready.header("Retry-After")).as("no retry: the state will not allow it").isNull();

        Api.Response taken = api.post("/api/accounts", "admin", Map.of("username", "staff1", "role", "STAFF",
                "password", "a-long-enough-password"));
        assertType(taken, 409, "urn:sanfu:problem:exists");
        assertThat(taken.header("Retry-After")).isNull();

        Api.Response invalid = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", api.enterprise(),
                "problems", List.of(Map.of("category", "CONTAINER", "title", "舱位", "urgency", "VERY"))));
        assertType(invalid, 400, "urn:sanfu:problem:invalid");
        assertThat(invalid.json().get("errors").findValuesAsText("field")).contains("problems[0].urgency");
        // a 400 written outside Spring MVC naming its field (the firewall's, engine-rest's): the same type
        JsonNode written = json.readTree(problems.invalid(new MockHttpServletRequest(), "q",
                org.sanfu.Message.of("sanfu.validation.printable-only")).body());
        assertThat(written.get("type").asText()).isEqualTo("urn:sanfu:problem:invalid");
        assertThat(written.get("errors").findValuesAsText("field")).containsExactly("q");

        assertType(api.get("/api/tickets/999999999", "leader"), 404, "about:blank");
        assertType(api.get("/api/accounts", "staff1"), 403, "about:blank");
        assertType(api.get("/api/no-such-thing", "staff1"), 404, "about:blank");
        assertType(api.perform(post("/api/visits").contentType(MediaType.TEXT_PLAIN).content("x"), "staff1"), 415,
                "about:blank");
        assertType(api.get("/api/tickets", null), 401, "about:blank");
    }

    // ------------------------------------------------------------------------------------------
    // helpers

    private static void assertType(Api.Response r, int status, String type) {
        assertProblem(r, status);
        assertThat(r.json().get("type").asText()).as(r.text()).isEqualTo(type);
    }

    private static void assertUnauthorized(Api.Response r) {
        assertProblem(r, 401);
        assertThat(r.header("WWW-Authenticate")).isNotNull().startsWith("Basic");
    }

    private static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).as(r.text()).startsWith("application/problem+json");
        assertThat(r.json()).as(r.text()).isNotNull();
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("title").asText()).isNotBlank();
        assertThat(r.json().has("type")).isTrue();
        assertNoStackTrace(r.text());
    }

    private static void assertNoStackTrace(String text) {
        assertThat(text).doesNotContain("Exception", "at org.", "at java.", "\tat ");
    }

    /** A well-formed visit body of exactly this many bytes (ASCII), its notes padded to fit. */
    private static byte[] jsonOfBytes(int bytes) {
        String head = "{\"enterpriseCreditCode\":\"" + Api.creditCode() + "\",\"notes\":\"";
        String tail = "\"}";
        String body = head + "a".repeat(bytes - head.length() - tail.length()) + tail;
        return body.getBytes(StandardCharsets.US_ASCII);
    }

    /** A request builder whose request, like a chunked one, does not say how long its body is. */
    static final class NoContentLength extends AbstractMockHttpServletRequestBuilder<NoContentLength> {

        NoContentLength(HttpMethod method, String uri) {
            super(method);
            uri(uri);
        }

        @Override
        protected MockHttpServletRequest createServletRequest(ServletContext servletContext) {
            return new MockHttpServletRequest(servletContext) {
                @Override
                public int getContentLength() {
                    return -1;
                }

                @Override
                public long getContentLengthLong() {
                    return -1;
                }

                @Override
                public String getHeader(String name) {
                    return "Content-Length".equalsIgnoreCase(name) ? null : super.getHeader(name);
                }
            };
        }
    }
}
