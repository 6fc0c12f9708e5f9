package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * API.md "General": a problem's title and detail (and a 400's field messages) are Chinese when
 * Accept-Language prefers Chinese, and English otherwise: for "en", for no header at all, and for
 * "en;q=0.9, zh;q=0.8". The same rule holds for the answers the security filters write (401, 403)
 * and for those of Spring MVC itself (404 of an unknown path, 405, 415), all from the MessageSource.
 */
@SanfuTest
class ProblemLanguageWebTests {

    // the problem types API.md "General" names, stated per case: never derived from the answer's own wording
    private static final String INVALID = "urn:sanfu:problem:invalid";
    private static final String NOT_NOW = "urn:sanfu:problem:not-now";
    private static final String EXISTS = "urn:sanfu:problem:exists";
    private static final String BLANK = "about:blank";

    /** Languages that are not a preference for Chinese; null sends no Accept-Language. */
    private static final List<String> ENGLISH = Arrays.asList("en", null, "en;q=0.9, zh;q=0.8");

    @Autowired
    Api api;

    @Test
    void aFieldMessageOf400FromBeanValidation() {
        String id = api.ticket("CONTAINER").get("id").asText();
        Function<String, Api.Response> returnWithoutReason = language -> send(post("/api/tickets/" + id + "/return")
                .contentType(MediaType.APPLICATION_JSON).content("{}"), "transport", language);

        assertAnswers(returnWithoutReason, 400, INVALID,
                "请求无效", "reason：不能为空",
                "Bad Request", "reason: must not be blank");
        assertThat(returnWithoutReason.apply("zh-CN").json().get("errors").get(0).get("message").asText())
                .isEqualTo("不能为空");
        for (String language : ENGLISH) {
            assertThat(returnWithoutReason.apply(language).json().get("errors").get(0).get("message").asText())
                    .as(language).isEqualTo("must not be blank");
        }
    }

    @Test
    void fieldMessagesOf400FromTheChecksOfParametersAndUseCases() {
        Function<String, Api.Response> badPage = language -> send(get("/api/tickets?size=0&overdue=maybe"),
                "leader", language);

        assertAnswers(badPage, 400, INVALID,
                "请求无效", "overdue：必须是 true 或 false",
                "Bad Request", "overdue: must be true or false");
        assertThat(errors(badPage.apply("zh-CN"))).containsExactly(
                Map.of("field", "overdue", "message", "必须是 true 或 false"),
                Map.of("field", "size", "message", "必须是 1 到 200 之间的整数"));
        for (String language : ENGLISH) {
            assertThat(errors(badPage.apply(language))).as(language).containsExactly(
                    Map.of("field", "overdue", "message", "must be true or false"),
                    Map.of("field", "size", "message", "must be a whole number from 1 to 200"));
        }

        // a use case's own check, with the allowed values as an argument
        String code = api.enterprise();
        Function<String, Api.Response> badCategory = language -> send(post("/api/visits")
                .contentType(MediaType.APPLICATION_JSON)
                .content(api.write(Map.of("enterpriseCreditCode", code, "visitedAt", "2999-01-01T00:00:00+08:00",
                        "problems", List.of(Map.of("category", "NOPE", "title", "问题"))))), "staff1", language);
        assertThat(errors(badCategory.apply("zh"))).extracting(e -> e.get("message")).containsExactly(
                "不能晚于当前时间",
                "必须是以下之一：CONTAINER, LOGISTICS, FINANCING, CREDIT_INSURANCE, TRADE_FAIR, POLICY, CUSTOMS, "
                        + "LABOR, LEGAL, OTHER");
        assertThat(errors(badCategory.apply(null))).extracting(e -> e.get("message")).containsExactly(
                "must not lie in the future",
                "must be one of CONTAINER, LOGISTICS, FINANCING, CREDIT_INSURANCE, TRADE_FAIR, POLICY, CUSTOMS, "
                        + "LABOR, LEGAL, OTHER");
    }

    @Test
    void the401OfTheSecurityFilters() {
        Function<String, Api.Response> anonymous = language -> send(get("/api/tickets"), null, language);

        assertAnswers(anonymous, 401, BLANK,
                "未登录", "请使用 HTTP Basic 登录",
                "Unauthorized", "sign in with HTTP Basic");
        assertThat(anonymous.apply("zh-CN").header("WWW-Authenticate")).startsWith("Basic");
        // a wrong password is answered by the same entry point
        assertThat(send(get("/api/tickets").header("Authorization", "Basic c3RhZmYxOndyb25n"), null, "zh-TW")
                .json().get("detail").asText()).isEqualTo("请使用 HTTP Basic 登录");
    }

    @Test
    void the403OfTheSecurityFiltersAndOfATicketsDepartment() {
        Function<String, Api.Response> staffReadsStats = language -> send(get("/api/stats/summary"), "staff1", language);
        assertAnswers(staffReadsStats, 403, BLANK,
                "无权操作", "您的角色无权执行此操作",
                "Forbidden", "your role may not do this");

        // a role refused by the feature: its name in Chinese, its code in English (what integrators configure)
        Function<String, Api.Response> staffReadsSystemic = language -> send(get("/api/systemic-problems"), "staff1",
                language);
        assertAnswers(staffReadsSystemic, 403, BLANK,
                "无权操作", "角色 服务专员 无权执行此操作；允许的角色：专班办公室、领导",
                "Forbidden", "role STAFF may not do this; allowed: DISPATCH, LEADER");

        String id = api.ticket("CONTAINER").get("id").asText();
        Function<String, Api.Response> otherDepartment = language -> send(get("/api/tickets/" + id), "finance", language);
        assertAnswers(otherDepartment, 403, BLANK,
                "无权操作", "事项 #" + id + " 属于其他部门",
                "Forbidden", "ticket " + id + " belongs to other departments");
    }

    @Test
    void the404OfAnUnknownIdAndOfAnUnknownPath() {
        Function<String, Api.Response> unknownTicket = language -> send(get("/api/tickets/999999999"), "leader", language);
        assertAnswers(unknownTicket, 404, BLANK,
                "未找到", "事项 #999999999 不存在",
                "Not Found", "ticket 999999999 does not exist");

        Function<String, Api.Response> unknownPath = language -> send(get("/api/no-such-thing"), "leader", language);
        assertAnswers(unknownPath, 404, BLANK,
                "未找到", "没有这个地址：/api/no-such-thing",
                "Not Found", "no such path: /api/no-such-thing");
    }

    @Test
    void the409OfAnActionTheStatusDoesNotAllowAndOfADuplicate() {
        String id = api.ticket("CONTAINER").get("id").asText();
        api.act(id, "sign", "transport", null);
        Function<String, Api.Response> signAgain = language -> send(post("/api/tickets/" + id + "/sign")
                .contentType(MediaType.APPLICATION_JSON).content("{}"), "transport", language);
        assertAnswers(signAgain, 409, NOT_NOW,
                "状态冲突", "事项 #" + id + " 当前为“办理中”，现在不能“签收”",
                "Conflict", "ticket " + id + " is IN_PROGRESS; 'sign' is not possible now");

        String code = api.enterprise();
        Function<String, Api.Response> again = language -> send(post("/api/enterprises")
                .contentType(MediaType.APPLICATION_JSON)
                .content(api.write(Map.of("creditCode", code, "name", "重复建档企业"))), "staff1", language);
        assertAnswers(again, 409, EXISTS,
                "状态冲突", "统一社会信用代码为 " + code + " 的企业已存在",
                "Conflict", "an enterprise with credit code " + code + " exists already");
    }

    @Test
    void the415OfAWrongMediaType() {
        Function<String, Api.Response> textToVisits = language -> send(post("/api/visits")
                .contentType(MediaType.TEXT_PLAIN).content("hello"), "staff1", language);
        Function<String, Api.Response> textToAnAction = language -> send(post("/api/tickets/1/sign")
                .contentType(MediaType.TEXT_PLAIN).content("hello"), "leader", language);

        for (Function<String, Api.Response> request : List.of(textToVisits, textToAnAction)) {
            Api.Response chinese = request.apply("zh-CN");
            assertProblem(chinese, 415, BLANK, "不支持的媒体类型", "zh-CN");
            assertThat(chinese.json().get("detail").asText()).startsWith("不支持内容类型 text/plain；请使用：")
                    .contains("application/json");
            for (String language : ENGLISH) {
                Api.Response english = request.apply(language);
                assertProblem(english, 415, BLANK, "Unsupported Media Type", "en");
                assertThat(english.json().get("detail").asText()).as(language)
                        .startsWith("content type text/plain is not supported; use ").contains("application/json");
            }
        }
    }

    @Test
    void the405And413InTheSameLanguages() {
        Function<String, Api.Response> delete = language -> send(delete("/api/visits"), "leader", language);
        assertProblem(delete.apply("zh-CN"), 405, BLANK, "不支持该请求方法", "zh-CN");
        assertThat(delete.apply("zh-CN").json().get("detail").asText()).startsWith("此地址不支持 DELETE 方法；支持：");
        assertProblem(delete.apply(null), 405, BLANK, "Method Not Allowed", "en");
        assertThat(delete.apply(null).json().get("detail").asText()).startsWith("method DELETE is not supported here");

        byte[] large = new byte[1_048_577];
        Arrays.fill(large, (byte) ' ');
        Supplier<MockHttpServletRequestBuilder> tooLarge = () -> post("/api/visits")
                .contentType(MediaType.APPLICATION_JSON).content(large);
        Api.Response chinese = send(tooLarge.get(), "staff1", "zh");
        assertProblem(chinese, 413, BLANK, "请求体过大", "zh-CN");
        assertThat(chinese.json().get("detail").asText()).isEqualTo("请求体超过 1048576 字节");
        Api.Response english = send(tooLarge.get(), "staff1", "en;q=0.9, zh;q=0.8");
        assertProblem(english, 413, BLANK, "Payload Too Large", "en");
        assertThat(english.json().get("detail").asText()).isEqualTo("request body is larger than 1048576 bytes");
    }

    // ------------------------------------------------------------------------------------------
    // helpers

    /** Chinese for zh-CN; English for "en", no header and "en;q=0.9, zh;q=0.8". */
    private static void assertAnswers(Function<String, Api.Response> request, int status, String type,
            String chineseTitle, String chineseDetail, String englishTitle, String englishDetail) {
        Api.Response chinese = request.apply("zh-CN");
        assertProblem(chinese, status, type, chineseTitle, "zh-CN");
        assertThat(chinese.json().get("detail").asText()).isEqualTo(chineseDetail);
        for (String language : ENGLISH) {
            Api.Response english = request.apply(language);
            assertProblem(english, status, type, englishTitle, "en");
            assertThat(english.json().get("detail").asText()).as(language).isEqualTo(englishDetail);
        }
    }

    /** {@code type} as each case expects it: a type names the problem, not its wording, in every language. */
    private static void assertProblem(Api.Response r, int status, String type, String title, String contentLanguage) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).as(r.text()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("title").asText()).as(r.text()).isEqualTo(title);
        assertThat(r.json().get("type").asText()).as(r.text()).isEqualTo(type);
        assertThat(r.header("Content-Language")).as(r.text()).isEqualTo(contentLanguage);
    }

    private static List<Map<String, String>> errors(Api.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        return java.util.stream.StreamSupport.stream(r.json().get("errors").spliterator(), false)
                .map(e -> Map.of("field", e.get("field").asText(), "message", e.get("message").asText()))
                .toList();
    }

    private Api.Response send(MockHttpServletRequestBuilder request, String user, String language) {
        request.accept(MediaType.APPLICATION_JSON);
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return api.perform(request, user);
    }
}
