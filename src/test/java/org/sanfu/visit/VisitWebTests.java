package org.sanfu.visit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * {@code POST /api/visits}, {@code GET /api/visits} and {@code GET /api/visits/{id}} (API.md "Visits
 * (走访) and intake"). Every test logs visits on enterprises of its own and counts only those.
 */
@SanfuTest
class VisitWebTests {

    @Autowired
    Api api;

    // --- helpers -------------------------------------------------------------------------------

    /** A visit body on the enterprise with these problems; mutable, so a test can spoil one field. */
    private static Map<String, Object> body(String code, List<?> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enterpriseCreditCode", code);
        body.put("visitedAt", "2021-01-04T10:00:00+08:00");
        body.put("source", "VISIT");
        body.put("operatingStatus", "NORMAL");
        body.put("orderBacklogMonths", 3);
        body.put("notes", "订单已排到3、4月份");
        body.put("problems", problems);
        return body;
    }

    /** A problem whose fields a test may change (Api.problem is immutable). */
    private static Map<String, Object> problem(String category, String title) {
        return new HashMap<>(Api.problem(category, title));
    }

    private Api.Response log(Object body, String user) {
        return api.post("/api/visits", user, body);
    }

    private Api.Response log(Object body, String user, String idempotencyKey) {
        return api.perform(MockMvcRequestBuilders.post("/api/visits").contentType(MediaType.APPLICATION_JSON)
                .characterEncoding(StandardCharsets.UTF_8).accept(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey)
                .content(body instanceof String s ? s : api.write(body)), user);
    }

    private record Counts(int visits, int tickets) {}

    /** How many visits and tickets the enterprise has, as a leader sees its profile. */
    private Counts counts(String code) {
        JsonNode profile = api.get("/api/enterprises/" + code, "leader").json();
        return new Counts(profile.get("visits").size(), profile.get("tickets").size());
    }

    /** The service's own clock (it may differ from the test's when a process test moved it). */
    private OffsetDateTime serviceNow() {
        Api.Response r = log(Map.of("enterpriseCreditCode", api.enterprise(), "problems", List.of()), "staff1");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return OffsetDateTime.parse(r.json().get("visitedAt").asText());
    }

    private static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).as("content type of " + r.text()).startsWith("application/problem+json");
        JsonNode body = r.json();
        assertThat(body).as(r.text()).isNotNull();
        assertThat(body.path("type").asText()).isNotBlank();
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(r.text()).doesNotContain("Exception", "\tat ", "at org.", "at java.", "\"trace\"");
    }

    private static void assertFieldErrors(Api.Response r, String... fields) {
        assertProblem(r, 400);
        List<String> named = r.json().path("errors").findValuesAsText("field");
        assertThat(named).as(r.text()).contains(fields);
        r.json().path("errors").forEach(e -> assertThat(e.path("message").asText()).isNotBlank());
    }

    /** The body is refused with 400 naming the field, and the enterprise gains no visit and no ticket. */
    private Api.Response assertRejected(String code, Object body, String... fields) {
        Counts before = counts(code);
        Api.Response r = log(body, "staff1");
        assertFieldErrors(r, fields);
        assertThat(counts(code)).isEqualTo(before);
        return r;
    }

    private static List<String> ids(Api.Response list) {
        return list.json().get("items").findValuesAsText("id");
    }

    // --- POST /api/visits: what is accepted ----------------------------------------------------

    @Test
    void aVisitBecomesOneTicketPerProblemInTheOrderTheyWereHeard() {
        String code = api.enterprise("走访企业", "走访镇");
        Map<String, Object> urgent = problem("LABOR", "订单多招工难");
        urgent.put("urgency", "URGENT");
        Api.Response r = log(body(code, List.of(urgent, problem("CONTAINER", "出口集装箱紧张"),
                problem("FINANCING", "流动资金不足"), problem("OTHER", "厂房漏水"))), "staff1");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode visit = r.json();
        assertThat(visit.get("id").isTextual()).isTrue();
        assertThat(visit.get("enterpriseCreditCode").asText()).isEqualTo(code);
        assertThat(visit.get("visitedAt").asText()).isEqualTo("2021-01-04T10:00:00.000+08:00");
        assertThat(visit.get("staff").asText()).isEqualTo("staff1");
        assertThat(visit.get("source").asText()).isEqualTo("VISIT");
        assertThat(visit.get("operatingStatus").asText()).isEqualTo("NORMAL");
        assertThat(visit.get("orderBacklogMonths").asInt()).isEqualTo(3);
        assertThat(visit.get("notes").asText()).isEqualTo("订单已排到3、4月份");

        List<JsonNode> tickets = new ArrayList<>();
        visit.get("tickets").forEach(tickets::add);
        assertThat(tickets).extracting(t -> t.get("title").asText())
                .containsExactly("订单多招工难", "出口集装箱紧张", "流动资金不足", "厂房漏水");
        assertThat(tickets).extracting(t -> t.get("category").asText())
                .containsExactly("LABOR", "CONTAINER", "FINANCING", "OTHER");
        assertThat(tickets).extracting(t -> t.get("urgency").asText())
                .containsExactly("URGENT", "NORMAL", "NORMAL", "NORMAL");
        assertThat(tickets).extracting(t -> t.get("leadDepartment").asText(null))
                .containsExactly("HRSS", "TRANSPORT", "FINANCE", null);
        assertThat(tickets).extracting(t -> t.get("status").asText())
                .containsExactly("ASSIGNED", "ASSIGNED", "ASSIGNED", "DISPATCHING");
        assertThat(tickets.get(1).get("description").asText()).isEqualTo("出口集装箱紧张（详情）");
        assertThat(tickets).allSatisfy(t -> {
            assertThat(t.get("id").isTextual()).isTrue();
            assertThat(t.get("visitId").asText()).isEqualTo(visit.get("id").asText());
            assertThat(t.get("enterpriseCreditCode").asText()).isEqualTo(code);
            assertThat(t.get("enterpriseName").asText()).isEqualTo("走访企业");
            assertThat(t.get("town").asText()).isEqualTo("走访镇");
            assertThat(t.get("source").asText()).isEqualTo("VISIT");
            assertThat(t.get("reportedAt").asText()).isEqualTo("2021-01-04T10:00:00.000+08:00");
        });
        assertThat(tickets.stream().map(t -> t.get("id").asText()).distinct()).hasSize(4);
        assertThat(counts(code)).isEqualTo(new Counts(1, 4));
    }

    @Test
    void theEnterpriseMayBeNamedByItsCreditCodeInLowerCase() {
        String code = api.enterprise();

        Api.Response r = log(body(" " + code.toLowerCase() + " ", List.of(problem("CONTAINER", "小写代码"))), "staff1");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("enterpriseCreditCode").asText()).isEqualTo(code);
        assertThat(r.json().get("tickets").get(0).get("enterpriseCreditCode").asText()).isEqualTo(code);
        assertThat(counts(code)).isEqualTo(new Counts(1, 1));
    }

    /** As every code of the API; filed, routed and listed as the catalog writes it. */
    @Test
    void aProblemsCategoryMayBeSentInAnyAsciiCase() {
        String code = api.enterprise();

        Api.Response r = log(body(code, List.of(problem("financing", "小写类别"), problem("Container", "首字母大写"))),
                "staff1");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode tickets = r.json().get("tickets");
        assertThat(tickets.findValuesAsText("category")).containsExactly("FINANCING", "CONTAINER");
        assertThat(tickets.findValuesAsText("leadDepartment")).containsExactly("FINANCE", "TRANSPORT");
        String financing = tickets.get(0).get("id").asText();
        assertThat(api.get("/api/tickets/" + financing, "leader").json().get("category").asText()).isEqualTo("FINANCING");
        assertThat(ids(api.get("/api/tickets?category=FINANCING&enterprise=" + code, "leader"))).containsExactly(financing);
        assertRejected(code, body(code, List.of(problem("weather", "未知类别"))), "problems[0].category");
    }

    /** As a Chinese input method types it, pasted with no-break spaces; a code of nothing but those is missing. */
    @Test
    void theEnterpriseMayBeNamedByItsCreditCodeInFullWidthAndTheListFindsItSo() {
        String code = api.enterprise();

        Api.Response r = log(body("\u00A0" + Api.fullWidth(code.toLowerCase()) + "\u3000\u200B",
                List.of(problem("CONTAINER", "全角代码"))), "staff1");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("enterpriseCreditCode").asText()).isEqualTo(code);
        assertThat(counts(code)).isEqualTo(new Counts(1, 1));
        assertThat(ids(api.get("/api/visits?enterprise=" + Api.fullWidth(code) + "&staff=" + Api.fullWidth("staff1"),
                "leader"))).containsExactly(r.json().get("id").asText());
        // missing, as a blank one is, not an enterprise unknown
        Api.Response pasted = log(body("\u00A0\u200B", List.of(problem("CONTAINER", "空白代码"))), "staff1");
        Api.Response blank = log(body(" ", List.of(problem("CONTAINER", "空白代码"))), "staff1");
        assertThat(pasted.firstFault()).as(pasted.text()).isEqualTo(blank.firstFault());
        assertThat(pasted.firstFault().path("field").asText()).isEqualTo("enterpriseCreditCode");
    }

    @Test
    void aVisitWithoutProblemsIsLoggedWithoutTickets() {
        String code = api.enterprise();

        Api.Response empty = log(body(code, List.of()), "staff1");
        Map<String, Object> none = body(code, null);
        none.remove("problems");
        Api.Response absent = log(none, "staff2");

        assertThat(empty.status()).as(empty.text()).isEqualTo(201);
        assertThat(empty.json().get("tickets")).isEmpty();
        assertThat(absent.status()).as(absent.text()).isEqualTo(201);
        assertThat(absent.json().get("tickets")).isEmpty();
        assertThat(counts(code)).isEqualTo(new Counts(2, 0));
    }

    @Test
    void aMinimalVisitDefaultsToSourceVisitAndNow() {
        String code = api.enterprise();
        OffsetDateTime before = serviceNow();

        Api.Response r = log(Map.of("enterpriseCreditCode", code, "problems",
                List.of(Map.of("category", "CONTAINER", "title", "只有标题"))), "staff1");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("source").asText()).isEqualTo("VISIT");
        OffsetDateTime visitedAt = OffsetDateTime.parse(r.json().get("visitedAt").asText());
        assertThat(visitedAt).isAfterOrEqualTo(before);
        assertThat(Duration.between(before, visitedAt)).isLessThan(Duration.ofMinutes(1));
        assertThat(visitedAt.getOffset().getTotalSeconds()).isEqualTo(8 * 3600);
        JsonNode ticket = r.json().get("tickets").get(0);
        assertThat(ticket.get("urgency").asText()).isEqualTo("NORMAL");
        assertThat(ticket.get("overdue").asBoolean()).isFalse();
    }

    @Test
    void aProblemResolvedOnSiteGoesStraightToReplied() {
        String code = api.enterprise();
        Map<String, Object> onSite = problem("POLICY", "不清楚出口退税政策");
        onSite.put("resolvedOnSite", true);
        onSite.put("onSiteResolution", "现场讲解了出口退税申报流程");

        Api.Response r = log(body(code, List.of(onSite, problem("CONTAINER", "集装箱紧张"))), "staff1");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode resolved = r.json().get("tickets").get(0);
        assertThat(resolved.get("status").asText()).isEqualTo("REPLIED");
        assertThat(resolved.get("resolution").asText()).isEqualTo("现场讲解了出口退税申报流程");
        assertThat(resolved.get("resolvedOnSite").asBoolean()).isTrue();
        assertThat(resolved.get("allowedActions").toString()).contains("feedback");
        JsonNode routed = r.json().get("tickets").get(1);
        assertThat(routed.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(routed.get("resolvedOnSite").asBoolean()).isFalse();

        JsonNode again = api.get("/api/tickets/" + resolved.get("id").asText(), "leader").json();
        assertThat(again.get("status").asText()).isEqualTo("REPLIED");
    }

    @Test
    void aVisitMayLieAnyTimeInThePast() {
        String code = api.enterprise();
        Map<String, Object> body = body(code, List.of(problem("CONTAINER", "很久以前的问题")));
        body.put("visitedAt", "2001-01-01T08:00:00+08:00");

        Api.Response r = log(body, "staff1");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("visitedAt").asText()).isEqualTo("2001-01-01T08:00:00.000+08:00");
        assertThat(r.json().get("tickets").get(0).get("overdue").asBoolean()).isTrue();
    }

    @Test
    void aVisitedAtWithoutOffsetIsReadInTheServiceZone() {
        String code = api.enterprise();
        Map<String, Object> body = body(code, List.of(problem("CONTAINER", "无时区时间")));
        body.put("visitedAt", "2021-01-04T10:00:00");

        Api.Response r = log(body, "staff1");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("visitedAt").asText()).isEqualTo("2021-01-04T10:00:00.000+08:00");
        assertThat(r.json().get("tickets").get(0).get("reportedAt").asText()).isEqualTo("2021-01-04T10:00:00.000+08:00");
    }

    @Test
    void aVisitedAtInAnotherOffsetMeansTheSameInstantAndIsShownInTheServiceZone() {
        String code = api.enterprise();
        Map<String, Object> body = body(code, List.of());
        body.put("visitedAt", "2021-01-04T02:00:00Z");

        Api.Response r = log(body, "staff1");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("visitedAt").asText()).isEqualTo("2021-01-04T10:00:00.000+08:00");
    }

    @Test
    void aVisitAFewMinutesAheadIsClockDriftAndAccepted() {
        String code = api.enterprise();
        Map<String, Object> body = body(code, List.of());
        body.put("visitedAt", serviceNow().plusMinutes(3).toString());

        Api.Response r = log(body, "staff1");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }

    @Test
    void twentyProblemsAreAcceptedInOneVisit() {
        String code = api.enterprise();
        List<Map<String, Object>> problems = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            problems.add(problem(i % 2 == 0 ? "CONTAINER" : "LABOR", "问题" + i));
        }

        Api.Response r = log(body(code, problems), "staff1");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("tickets").findValuesAsText("title"))
                .containsExactlyElementsOf(problems.stream().map(p -> (String) p.get("title")).toList());
        assertThat(counts(code)).isEqualTo(new Counts(1, 20));
    }

    @Test
    void textsOfExactlyFourThousandCharactersRoundTripUnchanged() {
        String code = api.enterprise();
        String notes = "订".repeat(4000);
        Map<String, Object> p = problem("CONTAINER", "题".repeat(4000));
        p.put("description", "述".repeat(4000));
        Map<String, Object> body = body(code, List.of(p));
        body.put("notes", notes);

        Api.Response r = log(body, "staff1");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("notes").asText()).isEqualTo(notes);
        JsonNode ticket = api.get("/api/tickets/" + r.json().get("tickets").get(0).get("id").asText(), "leader")
                .json();
        assertThat(ticket.get("title").asText()).isEqualTo("题".repeat(4000));
        assertThat(ticket.get("description").asText()).isEqualTo("述".repeat(4000));
    }

    // --- POST /api/visits: what is refused, naming the field, creating nothing -----------------

    /**
     * A problem's field misspelt ({@code catgory}) would file it as OTHER, to the office, unnoticed: refused, naming it
     * by its path and the field meant; an unrelated field of the client's own is still passed over.
     */
    @Test
    void aProblemsMisspeltFieldIsRefusedNamingItsPathAndTheFieldMeant() {
        String code = api.enterprise();
        Map<String, Object> misspelt = problem("CONTAINER", "订舱困难");
        misspelt.put("catgory", misspelt.remove("category"));
        Api.Response r = assertRejected(code, body(code, List.of(misspelt)), "problems[0].catgory");
        assertThat(r.json().get("errors").get(0).get("message").asText())
                .isEqualTo("'catgory' is not a field of this request; did you mean 'category'?");

        Map<String, Object> ownField = problem("CONTAINER", "订舱困难");
        ownField.put("hotlineAgent", "王五");
        assertThat(log(body(code, List.of(ownField)), "staff1").status()).isEqualTo(201);
    }

    @Test
    void aVisitMoreThanFiveMinutesInTheFutureIsRejected() {
        String code = api.enterprise();
        Map<String, Object> body = body(code, List.of(problem("CONTAINER", "未来的问题")));
        body.put("visitedAt", serviceNow().plusMinutes(10).toString());

        assertRejected(code, body, "visitedAt");

        body.put("visitedAt", serviceNow().plusDays(1).toLocalDateTime().toString());
        assertRejected(code, body, "visitedAt");
    }

    @Test
    void aVisitedAtBeforeTheConfiguredFloorIsRejectedWithoutOverflowingAnyDeadline() {
        String code = api.enterprise();
        Map<String, Object> body = body(code, List.of(problem("CONTAINER", "远古的问题")));
        body.put("visitedAt", "-999999999-01-01T00:00:00Z");
        assertRejected(code, body, "visitedAt");

        body.put("visitedAt", "1999-12-31T23:59:00+08:00");
        Api.Response refused = assertRejected(code, body, "visitedAt");
        assertThat(refused.text()).contains("2000-01-01");

        body.put("visitedAt", "2000-01-01T00:00:00+08:00");
        assertThat(api.post("/api/visits", "staff1", body).status()).as("the floor itself is allowed").isEqualTo(201);
    }

    @Test
    void aVisitedAtThatIsNoDateTimeIsRejected() {
        String code = api.enterprise();
        Map<String, Object> body = body(code, List.of(problem("CONTAINER", "时间格式")));
        body.put("visitedAt", "明天上午");

        assertRejected(code, body, "visitedAt");
    }

    @Test
    void anUnknownEnterpriseIsRejected() {
        String unknown = Api.creditCode();

        Api.Response r = log(body(unknown, List.of(problem("CONTAINER", "无档案企业"))), "staff1");

        assertFieldErrors(r, "enterpriseCreditCode");
        assertThat(ids(api.get("/api/visits?enterprise=" + unknown, "leader"))).isEmpty();
    }

    @Test
    void aMissingEnterpriseIsRejected() {
        Map<String, Object> body = body(null, List.of(problem("CONTAINER", "没有企业")));
        body.remove("enterpriseCreditCode");

        assertFieldErrors(log(body, "staff1"), "enterpriseCreditCode");
    }

    @Test
    void anUnknownCategoryIsRejectedNamingTheProblemByItsIndex() {
        // container in lower case is CONTAINER (aProblemsCategoryMayBeSentInAnyAsciiCase); only ASCII letters change case
        String code = api.enterprise();

        assertRejected(code, body(code, List.of(problem("WEATHER", "天气不好"))), "problems[0].category");
        Api.Response second = assertRejected(code, body(code, List.of(problem("CONTAINER", "集装箱"),
                problem("conta\u0131ner", "无点 ı 的类别"))), "problems[1].category");
        assertThat(second.json().get("errors").findValuesAsText("field")).doesNotContain("problems[0].category");
        Map<String, Object> missing = problem("CONTAINER", "没有类别");
        missing.remove("category");
        assertRejected(code, body(code, List.of(missing)), "problems[0].category");
    }

    @Test
    void aBlankOrMissingTitleIsRejected() {
        String code = api.enterprise();
        Map<String, Object> blank = problem("CONTAINER", "  \t ");
        Map<String, Object> missing = problem("CONTAINER", "无标题");
        missing.remove("title");

        assertRejected(code, body(code, List.of(blank)), "problems[0].title");
        assertRejected(code, body(code, List.of(problem("LABOR", "有标题"), missing)), "problems[1].title");
    }

    @Test
    void moreThanTwentyProblemsAreRejected() {
        String code = api.enterprise();
        List<Map<String, Object>> problems = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            problems.add(problem("CONTAINER", "问题" + i));
        }

        assertRejected(code, body(code, problems), "problems");
    }

    @Test
    void aTextOverFourThousandCharactersIsRejectedNamingIt() {
        String code = api.enterprise();
        String tooLong = "长".repeat(4001);

        Map<String, Object> notes = body(code, List.of(problem("CONTAINER", "备注太长")));
        notes.put("notes", tooLong);
        assertRejected(code, notes, "notes");

        assertRejected(code, body(code, List.of(problem("CONTAINER", tooLong))), "problems[0].title");

        Map<String, Object> description = problem("CONTAINER", "描述太长");
        description.put("description", tooLong);
        assertRejected(code, body(code, List.of(description)), "problems[0].description");

        Map<String, Object> resolution = problem("CONTAINER", "现场办结说明太长");
        resolution.put("resolvedOnSite", true);
        resolution.put("onSiteResolution", tooLong);
        assertRejected(code, body(code, List.of(resolution)), "problems[0].onSiteResolution");
    }

    @Test
    void anUnknownEnumValueIsRejectedNamingTheField() {
        String code = api.enterprise();

        Map<String, Object> urgency = problem("CONTAINER", "很急");
        urgency.put("urgency", "SOON");
        Api.Response r = assertRejected(code, body(code, List.of(problem("LABOR", "第一个"), urgency)),
                "problems[1].urgency");
        assertThat(r.json().get("errors").get(0).get("message").asText()).contains("NORMAL", "URGENT");

        Map<String, Object> source = body(code, List.of());
        source.put("source", "PHONE");
        assertRejected(code, source, "source");

        Map<String, Object> status = body(code, List.of());
        status.put("operatingStatus", "GOOD");
        assertRejected(code, status, "operatingStatus");

        // a number is no enum value, whatever its position in the list
        Map<String, Object> ordinal = problem("CONTAINER", "很急");
        ordinal.put("urgency", 1);
        assertRejected(code, body(code, List.of(ordinal)), "problems[0].urgency");
        Map<String, Object> backlog = body(code, List.of());
        backlog.put("orderBacklogMonths", 2.5);
        assertRejected(code, backlog, "orderBacklogMonths");
    }

    @Test
    void aProblemResolvedOnSiteNeedsItsResolution() {
        String code = api.enterprise();
        Map<String, Object> without = problem("POLICY", "现场办结");
        without.put("resolvedOnSite", true);
        Map<String, Object> blank = problem("POLICY", "现场办结");
        blank.put("resolvedOnSite", true);
        blank.put("onSiteResolution", "   ");

        assertRejected(code, body(code, List.of(without)), "problems[0].onSiteResolution");
        assertRejected(code, body(code, List.of(blank)), "problems[0].onSiteResolution");
    }

    @Test
    void anOrderBacklogOutOfRangeOrOfTheWrongTypeIsRejected() {
        String code = api.enterprise();
        Map<String, Object> negative = body(code, List.of());
        negative.put("orderBacklogMonths", -1);
        Map<String, Object> words = body(code, List.of());
        words.put("orderBacklogMonths", "三个月");

        assertRejected(code, negative, "orderBacklogMonths");
        assertRejected(code, words, "orderBacklogMonths");
    }

    @Test
    void problemsThatAreNoListAreRejected() {
        String code = api.enterprise();
        Map<String, Object> body = body(code, null);
        body.put("problems", "集装箱紧张");

        assertRejected(code, body, "problems");
    }

    @Test
    void everyFaultIsNamedInOneAnswerAndNothingIsCreated() {
        String code = api.enterprise();
        Map<String, Object> body = body(code, List.of(problem("WEATHER", "天气"), problem("CONTAINER", " ")));
        body.put("notes", "注".repeat(4001));

        Api.Response r = assertRejected(code, body, "problems[0].category", "problems[1].title", "notes");
        assertThat(r.json().get("errors")).hasSize(3);
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequestAndAnotherMediaTypeIsUnsupported() {
        String code = api.enterprise();
        Counts before = counts(code);

        assertProblem(log("{\"enterpriseCreditCode\": \"" + code + "\", \"problems\": [", "staff1"), 400);
        assertProblem(log("[]", "staff1"), 400);
        Api.Response plain = api.perform(MockMvcRequestBuilders.post("/api/visits")
                .contentType(MediaType.TEXT_PLAIN).accept(MediaType.APPLICATION_JSON)
                .content(api.write(body(code, List.of()))), "staff1");
        assertProblem(plain, 415);
        assertThat(counts(code)).isEqualTo(before);
    }

    // --- POST /api/visits: who may log what ----------------------------------------------------

    @Test
    void departmentsLeadersAndAdminsMayNotLogVisits() {
        String code = api.enterprise();

        for (String user : List.of("commerce", "transport", "leader", "admin")) {
            assertProblem(log(body(code, List.of(problem("CONTAINER", "越权登记"))), user), 403);
        }
        assertThat(counts(code)).isEqualTo(new Counts(0, 0));
    }

    @Test
    void dispatchLogsHotlineAndOnlineEntries() {
        String code = api.enterprise();
        for (String source : List.of("HOTLINE", "ONLINE")) {
            Map<String, Object> body = body(code, List.of(problem("CONTAINER", source + " 反映集装箱紧张")));
            body.put("source", source);

            Api.Response r = log(body, "dispatch");

            assertThat(r.status()).as(r.text()).isEqualTo(201);
            assertThat(r.json().get("source").asText()).isEqualTo(source);
            assertThat(r.json().get("staff").asText()).isEqualTo("dispatch");
            assertThat(r.json().get("tickets").get(0).get("source").asText()).isEqualTo(source);
        }
        assertThat(counts(code)).isEqualTo(new Counts(2, 2));
    }

    @Test
    void dispatchMayNotLogVisitsOrForums() {
        String code = api.enterprise();
        Map<String, Object> visit = body(code, List.of(problem("CONTAINER", "专班登记走访")));
        Map<String, Object> forum = body(code, List.of(problem("CONTAINER", "专班登记座谈")));
        forum.put("source", "FORUM");
        Map<String, Object> unspecified = body(code, List.of(problem("CONTAINER", "未写来源")));
        unspecified.remove("source");

        for (Map<String, Object> body : List.of(visit, forum, unspecified)) {
            assertProblem(log(body, "dispatch"), 403);
        }
        assertThat(counts(code)).isEqualTo(new Counts(0, 0));
    }

    @Test
    void dispatchIsRefusedAVisitBeforeItsBodyIsChecked() {
        String code = api.enterprise();
        Map<String, Object> soon = problem("CONTAINER", "专班登记走访");
        soon.put("urgency", "SOON");
        Map<String, Object> badShape = body(code, List.of(soon));
        Map<String, Object> badContent = body(code, List.of(problem("WEATHER", " ")));

        // API.md: 403 comes before 400
        assertProblem(log(badShape, "dispatch"), 403);
        assertProblem(log(badContent, "dispatch"), 403);
        assertThat(counts(code)).isEqualTo(new Counts(0, 0));

        badShape.put("source", "HOTLINE");
        assertFieldErrors(log(badShape, "dispatch"), "problems[0].urgency");
    }

    @Test
    void staffMayLogEntriesFromEverySource() {
        String code = api.enterprise();
        for (String source : List.of("VISIT", "FORUM", "HOTLINE", "ONLINE")) {
            Map<String, Object> body = body(code, List.of());
            body.put("source", source);
            Api.Response r = log(body, "staff2");
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            assertThat(r.json().get("source").asText()).isEqualTo(source);
        }
    }

    @Test
    void withoutCredentialsLoggingIs401WithABasicChallengeAndCreatesNothing() {
        String code = api.enterprise();

        Api.Response r = log(body(code, List.of(problem("CONTAINER", "匿名"))), null);

        assertProblem(r, 401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(counts(code)).isEqualTo(new Counts(0, 0));
    }

    // --- Idempotency-Key -----------------------------------------------------------------------

    /** (Addition, RFC 9110) The 201's Location is the visit's GET, the creator's to read; a replay names it too. */
    @Test
    void aVisitIsAtItsLocationAndAReplayNamesTheSame() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = body(api.enterprise(), List.of(problem("CONTAINER", "集装箱")));

        Api.Response created = log(body, "staff1", key);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/visits/" + created.json().get("id").asText());
        Api.Response read = api.get(created.header("Location"), "staff1");
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.json().get("id")).isEqualTo(created.json().get("id"));
        assertThat(read.json().get("tickets").get(0).get("id")).isEqualTo(created.json().get("tickets").get(0).get("id"));
        Api.Response replayed = log(body, "staff1", key);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.header("Location")).isEqualTo(created.header("Location"));
    }

    @Test
    void theSameKeyAndBodyFromTheSameUserGetTheFirstAnswerAgainAndCreateNothingMore() {
        String code = api.enterprise();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = body(code, List.of(problem("CONTAINER", "集装箱"), problem("LABOR", "招工")));

        Api.Response first = log(body, "staff1", key);
        Api.Response second = log(body, "staff1", key);

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(counts(code)).isEqualTo(new Counts(1, 2));
    }

    @Test
    void aKeyIsRememberedThirtyDaysThenForgottenWhenTheUserSendsAnother() {
        String code = api.enterprise();
        String old = UUID.randomUUID().toString();
        Map<String, Object> body = body(code, List.of(problem("CONTAINER", "集装箱")));
        ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(31))));
        try {
            assertThat(log(body, "staff1", old).status()).isEqualTo(201);
        } finally {
            ClockUtil.reset();
        }
        String recent = UUID.randomUUID().toString();
        assertThat(log(body(code, List.of(problem("LABOR", "招工"))), "staff1", recent).status()).isEqualTo(201);

        // the recent key still replays; the one sent 31 days ago was forgotten when the recent one was stored
        assertThat(log(body(code, List.of(problem("LABOR", "招工"))), "staff1", recent).header("Idempotent-Replayed"))
                .isEqualTo("true");
        Api.Response again = log(body, "staff1", old);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isNull();
        assertThat(counts(code)).isEqualTo(new Counts(3, 3));
    }

    @Test
    void theSameBodyWrittenDifferentlyIsTheSameRequest() {
        String code = api.enterprise();
        String key = UUID.randomUUID().toString();
        String compact = "{\"enterpriseCreditCode\":\"" + code + "\",\"notes\":\"同一请求\",\"problems\":"
                + "[{\"category\":\"CONTAINER\",\"title\":\"集装箱\"}]}";
        String reordered = "{ \"problems\": [ { \"title\": \"集装箱\", \"category\": \"CONTAINER\" } ],\n"
                + "  \"notes\": \"同一请求\", \"enterpriseCreditCode\": \"" + code + "\" }";

        Api.Response first = log(compact, "staff1", key);
        Api.Response second = log(reordered, "staff1", key);

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(second.status()).as(second.text()).isEqualTo(201);
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(counts(code)).isEqualTo(new Counts(1, 1));
    }

    @Test
    void theSameKeyFromAnotherUserIsAnotherRequest() {
        String code = api.enterprise();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = body(code, List.of(problem("CONTAINER", "集装箱")));

        Api.Response mine = log(body, "staff1", key);
        Api.Response theirs = log(body, "staff2", key);

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).as(theirs.text()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(theirs.json().get("id").asText()).isNotEqualTo(mine.json().get("id").asText());
        assertThat(theirs.json().get("staff").asText()).isEqualTo("staff2");
        assertThat(counts(code)).isEqualTo(new Counts(2, 2));
        // and each user's key still replays that user's own answer
        assertThat(log(body, "staff2", key).text()).isEqualTo(theirs.text());
        assertThat(log(body, "staff1", key).text()).isEqualTo(mine.text());
        assertThat(counts(code)).isEqualTo(new Counts(2, 2));
    }

    @Test
    void theSameKeyWithADifferentBodyIsAConflictAndCreatesNothing() {
        String code = api.enterprise();
        String key = UUID.randomUUID().toString();
        Api.Response first = log(body(code, List.of(problem("CONTAINER", "集装箱"))), "staff1", key);
        assertThat(first.status()).isEqualTo(201);

        Api.Response other = log(body(code, List.of(problem("CONTAINER", "另一个问题"))), "staff1", key);

        assertProblem(other, 409);
        assertThat(counts(code)).isEqualTo(new Counts(1, 1));
        assertThat(log(body(code, List.of(problem("CONTAINER", "集装箱"))), "staff1", key).text())
                .isEqualTo(first.text());
    }

    @Test
    void aReusedKeyWithADifferentBodyThatIsAlsoInvalidIsABadRequestFirst() {
        String code = api.enterprise();
        String key = UUID.randomUUID().toString();
        Api.Response first = log(body(code, List.of(problem("CONTAINER", "集装箱"))), "staff1", key);
        assertThat(first.status()).isEqualTo(201);

        // API.md: 400 comes before 409
        Api.Response invalid = log(body(code, List.of(problem("WEATHER", "天气"))), "staff1", key);

        assertFieldErrors(invalid, "problems[0].category");
        assertThat(counts(code)).isEqualTo(new Counts(1, 1));
    }

    @Test
    void aFailedRequestStoresNoKeySoTheSameKeyThenSucceeds() {
        String code = api.enterprise();
        String key = UUID.randomUUID().toString();

        Api.Response bad = log(body(code, List.of(problem("WEATHER", "天气"))), "staff1", key);
        assertFieldErrors(bad, "problems[0].category");
        assertThat(counts(code)).isEqualTo(new Counts(0, 0));

        Api.Response good = log(body(code, List.of(problem("CONTAINER", "集装箱"))), "staff1", key);
        assertThat(good.status()).as(good.text()).isEqualTo(201);
        assertThat(good.header("Idempotent-Replayed")).isNull();
        assertThat(counts(code)).isEqualTo(new Counts(1, 1));

        Api.Response repeated = log(body(code, List.of(problem("CONTAINER", "集装箱"))), "staff1", key);
        assertThat(repeated.text()).isEqualTo(good.text());
        assertThat(counts(code)).isEqualTo(new Counts(1, 1));
    }

    @Test
    void aForbiddenRequestStoresNoKeyEither() {
        String code = api.enterprise();
        String key = UUID.randomUUID().toString();
        Map<String, Object> visit = body(code, List.of(problem("CONTAINER", "专班误登走访")));

        assertProblem(log(visit, "dispatch", key), 403);

        Map<String, Object> hotline = body(code, List.of(problem("CONTAINER", "热线反映")));
        hotline.put("source", "HOTLINE");
        Api.Response r = log(hotline, "dispatch", key);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(counts(code)).isEqualTo(new Counts(1, 1));
    }

    @Test
    void anOverlongKeyIsRejectedNamingTheHeader() {
        String code = api.enterprise();

        Api.Response r = log(body(code, List.of()), "staff1", "k".repeat(201));

        assertFieldErrors(r, "Idempotency-Key");
        assertThat(counts(code)).isEqualTo(new Counts(0, 0));
    }

    @Test
    void concurrentRequestsWithTheSameKeyCreateOneVisit() throws Exception {
        String code = api.enterprise();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = body(code, List.of(problem("CONTAINER", "并发提交")));
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Api.Response> call = () -> {
                    start.await();
                    return log(body, "staff1", key);
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            Set<String> texts = new HashSet<>();
            for (Future<Api.Response> answer : answers) {
                Api.Response r = answer.get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.text()).isEqualTo(201);
                texts.add(r.text());
            }
            assertThat(texts).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(counts(code)).isEqualTo(new Counts(1, 1));
    }

    // --- GET /api/visits -----------------------------------------------------------------------

    private record ThreeVisits(String code, String first, String second, String third) {}

    /**
     * staff1 on 4 Jan 10:00, staff2 on 5 Jan 23:30 and staff1 on 6 Jan 00:30 (Asia/Shanghai), logged
     * in another order than they happened, so that the order of visiting and of logging differ.
     */
    private ThreeVisits threeVisits() {
        String code = api.enterprise();
        String[] ids = new String[3];
        String[][] visits = {{"staff1", "2021-01-04T10:00:00+08:00"}, {"staff2", "2021-01-05T23:30:00+08:00"},
                {"staff1", "2021-01-06T00:30:00+08:00"}};
        for (int i : new int[] {1, 2, 0}) {
            Map<String, Object> body = body(code, List.of(problem("CONTAINER", "问题" + i)));
            body.put("visitedAt", visits[i][1]);
            Api.Response r = log(body, visits[i][0]);
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            ids[i] = r.json().get("id").asText();
        }
        return new ThreeVisits(code, ids[0], ids[1], ids[2]);
    }

    @Test
    void visitsAreListedByEnterpriseNewestFirst() {
        ThreeVisits v = threeVisits();

        Api.Response r = api.get("/api/visits?enterprise=" + v.code(), "leader");

        assertThat(r.status()).isEqualTo(200);
        assertThat(ids(r)).containsExactly(v.third(), v.second(), v.first());
        assertThat(r.json().get("total").asLong()).isEqualTo(3);
        assertThat(r.json().get("page").asInt()).isZero();
        assertThat(r.json().get("size").asInt()).isEqualTo(20);
        assertThat(r.json().get("items").findValuesAsText("enterpriseCreditCode")).containsOnly(v.code());
        assertThat(ids(api.get("/api/visits?enterprise=" + v.code().toLowerCase(), "dispatch")))
                .containsExactly(v.third(), v.second(), v.first());
        assertThat(ids(api.get("/api/visits?enterprise=" + Api.creditCode(), "admin"))).isEmpty();
    }

    @Test
    void visitsAreFilteredByStaff() {
        ThreeVisits v = threeVisits();

        Api.Response one = api.get("/api/visits?enterprise=" + v.code() + "&staff=staff1", "staff2");
        Api.Response two = api.get("/api/visits?enterprise=" + v.code() + "&staff=staff2", "staff2");

        assertThat(ids(one)).containsExactly(v.third(), v.first());
        assertThat(one.json().get("total").asLong()).isEqualTo(2);
        assertThat(ids(two)).containsExactly(v.second());
        assertThat(two.json().get("items").findValuesAsText("staff")).containsOnly("staff2");
    }

    @Test
    void datesInFromAndToAreWholeDaysInTheServiceZone() {
        ThreeVisits v = threeVisits();
        String base = "/api/visits?enterprise=" + v.code();

        assertThat(ids(api.get(base + "&from=2021-01-05&to=2021-01-05", "leader"))).containsExactly(v.second());
        assertThat(ids(api.get(base + "&from=2021-01-05", "leader"))).containsExactly(v.third(), v.second());
        assertThat(ids(api.get(base + "&to=2021-01-04", "leader"))).containsExactly(v.first());
        assertThat(ids(api.get(base + "&from=2021-01-07", "leader"))).isEmpty();
        assertThat(ids(api.get(base + "&from=2021-01-05T15:30:00Z&to=2021-01-05T16:30:00Z", "leader")))
                .containsExactly(v.second());
    }

    @Test
    void visitsArePagedWithTheirTotal() {
        ThreeVisits v = threeVisits();
        String base = "/api/visits?enterprise=" + v.code();

        Api.Response first = api.get(base + "&page=0&size=2", "leader");
        Api.Response second = api.get(base + "&page=1&size=2", "leader");

        assertThat(ids(first)).containsExactly(v.third(), v.second());
        assertThat(ids(second)).containsExactly(v.first());
        assertThat(first.json().get("size").asInt()).isEqualTo(2);
        assertThat(second.json().get("page").asInt()).isEqualTo(1);
        assertThat(second.json().get("total").asLong()).isEqualTo(3);
    }

    @Test
    void pageSizesOutsideOneToTwoHundredAndMalformedDatesAreRejectedNamingTheParameter() {
        assertFieldErrors(api.get("/api/visits?size=0", "leader"), "size");
        assertFieldErrors(api.get("/api/visits?size=201", "leader"), "size");
        assertFieldErrors(api.get("/api/visits?page=-1", "leader"), "page");
        assertFieldErrors(api.get("/api/visits?from=yesterday", "leader"), "from");
        assertFieldErrors(api.get("/api/visits?to=2021-13-01", "leader"), "to");
        assertThat(api.get("/api/visits?size=200&enterprise=" + Api.creditCode(), "leader").status()).isEqualTo(200);
    }

    /**
     * A credit code longer than a code, a user name longer than a user name (a hostile client's 100 000
     * characters): 400 naming the parameter rather than compared with every visit; the 18 of a code and the 64 of a
     * user name still filter.
     */
    @Test
    void anEnterpriseOrStaffLongerThanAnyVisitsIsRefusedNamingIt() {
        ThreeVisits v = threeVisits();

        assertFieldErrors(api.get("/api/visits?enterprise=" + v.code() + "0", "leader"), "enterprise");
        assertFieldErrors(api.get("/api/visits?enterprise=" + "泵".repeat(100_000), "leader"), "enterprise");
        assertFieldErrors(api.get("/api/visits?staff=" + "s".repeat(65), "leader"), "staff");
        Api.Response both = api.get("/api/visits?enterprise=" + v.code() + "0&staff=" + "s".repeat(65), "leader");
        assertThat(both.json().path("errors").findValuesAsText("field")).containsExactly("enterprise", "staff");

        assertThat(ids(api.get("/api/visits?enterprise=" + v.code() + "&staff=staff1", "leader")))
                .containsExactly(v.third(), v.first());
        Api.Response longest = api.get("/api/visits?enterprise=" + v.code() + "&staff=" + "s".repeat(64), "leader");
        assertThat(longest.status()).as(longest.text()).isEqualTo(200);
        assertThat(ids(longest)).isEmpty();
    }

    @Test
    void departmentsMayNotListVisitsAndStrangersMustSignIn() {
        assertProblem(api.get("/api/visits", "commerce"), 403);
        Api.Response anonymous = api.get("/api/visits", null);
        assertProblem(anonymous, 401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
    }

    // --- GET /api/visits/{id} ------------------------------------------------------------------

    @Test
    void aVisitIsReadWithItsTickets() {
        String code = api.enterprise();
        Api.Response logged = log(body(code, List.of(problem("CONTAINER", "集装箱"), problem("LABOR", "招工"))),
                "staff1");
        String id = logged.json().get("id").asText();

        for (String user : List.of("staff1", "staff2", "dispatch", "leader", "admin")) {
            Api.Response r = api.get("/api/visits/" + id, user);
            assertThat(r.status()).as(user + ": " + r.text()).isEqualTo(200);
            assertThat(r.json().get("id").asText()).isEqualTo(id);
            assertThat(r.json().get("enterpriseCreditCode").asText()).isEqualTo(code);
            assertThat(r.json().get("staff").asText()).isEqualTo("staff1");
            assertThat(r.json().get("visitedAt").asText()).isEqualTo("2021-01-04T10:00:00.000+08:00");
            assertThat(r.json().get("tickets").findValuesAsText("id"))
                    .containsExactlyElementsOf(logged.json().get("tickets").findValuesAsText("id"));
            assertThat(r.json().get("tickets").findValuesAsText("title")).containsExactly("集装箱", "招工");
        }
    }

    @Test
    void anUnknownVisitIs404EvenForADepartment() {
        for (String id : List.of("999999999999", "not-a-number")) {
            assertProblem(api.get("/api/visits/" + id, "leader"), 404);
            assertProblem(api.get("/api/visits/" + id, "commerce"), 404);
        }
    }

    @Test
    void aDepartmentMayNotReadAVisitEvenWithItsOwnTicket() {
        String code = api.enterprise();
        String id = log(body(code, List.of(problem("CONTAINER", "集装箱"))), "staff1").json().get("id").asText();

        assertProblem(api.get("/api/visits/" + id, "transport"), 403);
        assertProblem(api.get("/api/visits/" + id, "commerce"), 403);
    }

    @Test
    void readingAVisitWithoutCredentialsIs401() {
        String code = api.enterprise();
        String id = log(body(code, List.of()), "staff1").json().get("id").asText();

        Api.Response r = api.get("/api/visits/" + id, null);

        assertProblem(r, 401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
    }
}
