package org.sanfu.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.SessionRows;
import org.sanfu.StoredTicket;
import org.sanfu.TestAccounts;
import org.sanfu.TickingTime;
import org.sanfu.security.AccountAdministration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.util.UriUtils;

/**
 * One-time feedback links (API.md "The enterprise's own voice"): issuing one over the API and from the
 * ticket page, and the enterprise's phone page at /f/{token}, used without an account, a session or a
 * CSRF token. The feedback it records is the feedback action's own; every dead link is a 410 page that
 * changes nothing.
 */
@SanfuTest
class FeedbackLinkWebTests {

    private static final Map<String, Object> RESOLVED = Map.of("resolution", "已协调船公司增加舱位，下周起每周两班",
            "outcome", "RESOLVED");
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    /** The password of the accounts a test makes for itself. */
    private static final String PASSWORD = "Sanfu-Contact-Passw0rd!";

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountAdministration accounts;

    /** Each test's requests to /f/** come from an address of their own, so that the rate limit stays theirs. */
    private final String address = "10.14." + (ADDRESSES.incrementAndGet() / 250) + "." + (ADDRESSES.get() % 250 + 1);

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    // ------------------------------------------------------------------------------------------
    // issuing

    /** (Addition, RFC 9110) The 201's Location is the link itself, whose GET is the enterprise's page. */
    @Test
    void anIssuedLinkIsAtItsLocation() {
        Replied t = repliedTicket();

        Api.Response issued = api.post("/api/tickets/" + t.id() + "/feedback-link", "staff1", null);

        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        assertThat(issued.header("Location")).isEqualTo(issued.json().get("url").asText()).startsWith("/f/");
        Answer page = get(issued.header("Location"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().getElementById("title").text()).isEqualTo("测试问题 CONTAINER");
    }

    @Test
    void staffAndTheTaskForceOfficeIssueALinkThatExpiresWithTheFeedbackWindow() {
        String id = repliedTicket().id();

        for (String user : List.of("staff1", "dispatch")) {
            Api.Response r = api.post("/api/tickets/" + id + "/feedback-link", user, null);
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            List<String> fields = new ArrayList<>();
            r.json().fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("url", "expiresAt");
            assertThat(r.json().get("url").asText()).matches("/f/[A-Za-z0-9_-]{43}");
            assertThat(r.json().get("expiresAt").asText()).endsWith("+08:00")
                    .isEqualTo(ticket(id).get("feedbackDue").asText());
        }
        Api.Response withBody = api.post("/api/tickets/" + id + "/feedback-link", "staff1", Map.of("send", false));
        assertThat(withBody.status()).as(withBody.text()).isEqualTo(201);
        assertThat(ticket(id).get("status").asText()).isEqualTo("REPLIED");
    }

    @Test
    void issuingNeedsASignIn() {
        String id = repliedTicket().id();

        Api.Response r = api.post("/api/tickets/" + id + "/feedback-link", null, null);
        assertRefused(r, 401);
        assertThat(linksOf(id)).isZero();
    }

    @Test
    void departmentsLeadersAndAdministratorsMayNotIssueALink() {
        String id = repliedTicket().id();

        for (String user : List.of("transport", "finance", "leader", "admin")) {
            assertRefused(api.post("/api/tickets/" + id + "/feedback-link", user, null), 403);
            assertRefused(api.post("/api/tickets/" + id + "/feedback-link", user, "{\"send\": \"yes\"}"), 403);
        }
        assertThat(linksOf(id)).isZero();
    }

    @Test
    void anUnknownTicketIs404() {
        assertRefused(api.post("/api/tickets/999999999999/feedback-link", "staff1", null), 404);
        assertRefused(api.post("/api/tickets/abc/feedback-link", "staff1", null), 404);
        assertRefused(api.post("/api/tickets/999999999999/feedback-link", "staff1", "{\"send\": 1}"), 404);
    }

    @Test
    void aTicketNotWaitingForFeedbackIs409() {
        JsonNode ticket = api.ticket("CONTAINER");
        String id = ticket.get("id").asText();
        assertRefused(api.post("/api/tickets/" + id + "/feedback-link", "staff1", null), 409);
        api.act(id, "sign", "transport", null);
        Api.Response inProgress = api.post("/api/tickets/" + id + "/feedback-link", "dispatch", null);
        assertRefused(inProgress, 409);
        assertThat(inProgress.json().get("detail").asText()).contains(id);

        String closed = repliedTicket().id();
        api.act(closed, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        assertRefused(api.post("/api/tickets/" + closed + "/feedback-link", "staff1", null), 409);
        assertThat(linksOf(id) + linksOf(closed)).isZero();
    }

    @Test
    void aBadBodyIs400NamingTheField() {
        String id = repliedTicket().id();

        Api.Response r = api.post("/api/tickets/" + id + "/feedback-link", "staff1", "{\"send\": \"yes\"}");
        assertRefused(r, 400);
        assertThat(r.json().get("errors").findValuesAsText("field")).contains("send");
        assertRefused(api.post("/api/tickets/" + id + "/feedback-link", "staff1", "{\"send\": true"), 400);
        assertThat(linksOf(id)).isZero();
    }

    @Test
    void theTokenIsStoredOnlyAsItsHashAndCarries256RandomBits() {
        String id = repliedTicket().id();
        String token = token(issue(id));

        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        List<Map<String, Object>> rows = jdbc.sql("select * from feedback_link where ticket_id = ?")
                .param(Long.valueOf(id)).query().listOfRows();
        assertThat(rows).hasSize(1);
        for (Object value : rows.get(0).values()) {
            assertThat(String.valueOf(value)).doesNotContain(token);
        }
        assertThat(rows.get(0).get("token_hash")).isEqualTo(FeedbackTokens.hash(token));
        assertThat(FeedbackTokens.hash(token)).hasSize(64).isNotEqualTo(token);
        assertThat(token(issue(id))).isNotEqualTo(token);
    }

    // ------------------------------------------------------------------------------------------
    // the enterprise's page

    @Test
    void thePhonePageShowsTheTitleTheReplyAndTheThreeGradesOnly() {
        Replied t = repliedTicket();
        String path = issue(t.id());

        Answer page = get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().selectFirst("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(page.html().getElementById("title").text()).isEqualTo("测试问题 CONTAINER");
        assertThat(page.html().getElementById("resolution").text()).isEqualTo(RESOLVED.get("resolution"));
        assertThat(page.html().select("input[name=satisfaction]").eachAttr("value"))
                .containsExactly("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED");
        assertThat(page.html().select("form#feedbackForm").attr("action")).isEqualTo(path);
        assertThat(page.html().select("input[name=_csrf]")).isEmpty();
        // nothing else of the service: no navigation, no ids, no credit code, no session
        assertThat(page.html().select("nav")).isEmpty();
        // no way into the service: the one link dials the person who sent it (tel:)
        assertThat(page.html().select("a[href]").eachAttr("href")).allMatch(href -> href.startsWith("tel:"));
        assertThat(page.body()).doesNotContain(t.creditCode(), "#" + t.id(), "transport", "staff1");
        assertThat(page.response().getHeader("Set-Cookie")).isNull();
        assertThat(page.response().getHeader("Content-Security-Policy")).contains("script-src 'self'");
    }

    /**
     * The reader has never seen the service: the page says who asks (the department that answered, the person
     * who gave out the link, by name), what each grade leads to, and whom to turn to; never a user name.
     */
    @Test
    void thePhonePageSaysWhoAsksWhatEachGradeLeadsToAndWhomToTurnTo() {
        String path = issue(repliedTicket().id());

        Document page = get(path).html();
        assertThat(page.getElementById("whoAsks").text()).contains("三服务", "交通运输局（港航）", "答复", "王晓明");
        assertThat(page.getElementById("whatNext").text()).contains("满意", "办结", "不满意", "重新办理");
        assertThat(page.getElementById("contact").text()).contains("联系", "王晓明", "电话 0576-8888 1201");
        // a phone dials it with a tap: no spaces in the number it dials
        assertThat(page.select("#contact a.phone").attr("href")).isEqualTo("tel:0576-88881201");
        assertThat(page.body().text()).doesNotContain("staff1", "TRANSPORT");
        // 回访 is the staff's word for asking; the enterprise is asked to 评价 (its name here is the test's own)
        Document words = page.clone();
        words.select("#enterprise").remove();
        assertThat(words.title() + words.body().text()).doesNotContain("回访");
    }

    @Test
    void satisfiedClosesTheTicketExactlyAsTheFeedbackActionDoesWithTheEnterpriseAsActor() {
        Replied byStaff = repliedTicket();
        Replied byLink = repliedTicket();
        String path = issue(byLink.id());

        api.act(byStaff.id(), "feedback", "staff1", Map.of("satisfaction", "SATISFIED", "comment", "很及时"));
        Answer done = post(path, "satisfaction", "SATISFIED", "comment", "很及时");

        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.html().getElementById("doneTitle").text()).contains("感谢");
        assertThat(done.response().getHeader("Set-Cookie")).isNull();
        JsonNode staffTicket = ticket(byStaff.id());
        JsonNode linkTicket = ticket(byLink.id());
        assertThat(linkTicket.get("status").asText()).isEqualTo("CLOSED");
        assertThat(linkTicket.get("satisfaction").asText()).isEqualTo("SATISFIED");
        assertThat(linkTicket.get("closedAt").isNull()).isFalse();
        for (String field : List.of("status", "satisfaction", "reopenCount", "overdue", "outcome")) {
            assertThat(linkTicket.get(field)).as(field).isEqualTo(staffTicket.get(field));
        }
        JsonNode staffEvent = lastEvent(byStaff.id());
        JsonNode linkEvent = lastEvent(byLink.id());
        assertThat(linkEvent.get("actor").asText()).isEqualTo("enterprise:" + byLink.creditCode());
        assertThat(staffEvent.get("actor").asText()).isEqualTo("staff1");
        for (String field : List.of("action", "fromStatus", "toStatus", "detail")) {
            assertThat(linkEvent.get(field)).as(field).isEqualTo(staffEvent.get(field));
        }
        // the same events, but the link's own note that it was given out (history: feedback-link)
        assertThat(history(byLink.id()).size()).isEqualTo(history(byStaff.id()).size() + 1);
        assertThat(history(byLink.id()).findValuesAsText("action")).containsOnlyOnce("feedback-link");
        // the leaders' figures count it as they count a staff-recorded feedback
        assertThat(summary(byLink.town()).replace(byLink.town(), "TOWN"))
                .isEqualTo(summary(byStaff.town()).replace(byStaff.town(), "TOWN"));
        assertThat(api.get("/api/stats/summary?town=" + byLink.town(), "leader").json().get("satisfactionRate")
                .asDouble()).isEqualTo(1.0);
    }

    @Test
    void dissatisfiedReopensTheTicketAsTheFeedbackActionDoes() {
        Replied byStaff = repliedTicket();
        Replied byLink = repliedTicket();
        String path = issue(byLink.id());

        api.act(byStaff.id(), "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));
        Answer done = post(path, "satisfaction", "DISSATISFIED", "comment", "舱位仍未落实");

        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.html().getElementById("reopened")).isNotNull();
        JsonNode linkTicket = ticket(byLink.id());
        assertThat(linkTicket.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(linkTicket.get("reopenCount").asInt()).isEqualTo(1);
        assertThat(linkTicket.get("satisfaction")).isEqualTo(ticket(byStaff.id()).get("satisfaction"));
        assertThat(linkTicket.get("replyDeadline")).isNotNull();
        JsonNode linkEvent = lastEvent(byLink.id());
        assertThat(linkEvent.get("actor").asText()).isEqualTo("enterprise:" + byLink.creditCode());
        assertThat(linkEvent.get("toStatus")).isEqualTo(lastEvent(byStaff.id()).get("toStatus"));
        assertThat(api.get("/api/tickets/" + byLink.id(), "transport").json().get("allowedActions").toString())
                .contains("reply");
        // the link was spent: after the next reply, a new link is needed
        assertThat(get(path).status()).isEqualTo(410);
    }

    /**
     * Reopened twice, a ticket the enterprise is still dissatisfied with goes to a leader, not back to the
     * department: the page says so before and after, and promises no new round of handling.
     */
    @Test
    void aTicketReopenedTwiceSaysADissatisfiedAnswerGoesToALeader() {
        Replied t = repliedTicket();
        for (int reopen = 0; reopen < 2; reopen++) {
            api.act(t.id(), "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));
            api.act(t.id(), "reply", "transport", RESOLVED);
        }
        String path = issue(t.id());

        assertThat(get(path).html().getElementById("whatNext").text()).contains("领导督办").doesNotContain("重新办理，办好后");
        Answer done = post(path, "satisfaction", "DISSATISFIED", "comment", "三次答复都没解决");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(ticket(t.id()).get("status").asText()).isEqualTo("SUPERVISION");
        assertThat(done.html().getElementById("supervised").text()).contains("领导督办");
        assertThat(done.html().getElementById("reopened")).isNull();
        assertThat(done.body()).doesNotContain("此事项已办结");
    }

    // ------------------------------------------------------------------------------------------
    // every refusal is a 410 page that changes nothing

    @Test
    void aLinkWorksOnce() {
        Replied t = repliedTicket();
        String path = issue(t.id());
        assertThat(post(path, "satisfaction", "BASICALLY_SATISFIED").status()).isEqualTo(200);
        String before = snapshot(t.id());

        // the back button after rating, or a second tap: thanked again, told nothing of the rating, nothing changed
        assertSpent(post(path, "satisfaction", "DISSATISFIED"));
        assertSpent(get(path));
        assertThat(snapshot(t.id())).isEqualTo(before);
        // and says whom to turn to: the person who gave out the link, by name
        assertThat(get(path).html().getElementById("contact").text()).contains("联系", "王晓明", "电话 0576-8888 1201")
                .doesNotContain("staff1");
    }

    private static void assertSpent(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(410);
        assertThat(answer.html().getElementById("spentTitle").text()).isEqualTo("您已评价过，感谢您的反馈");
        assertThat(answer.html().getElementById("errorTitle")).isNull();
        assertThat(answer.body()).doesNotContain("Exception", "回访测试企业", "满意");
        assertThat(answer.html().title() + answer.html().text()).doesNotContain("回访");
    }

    @Test
    void twoPostsAtOnceRecordOneFeedback() throws Exception {
        Replied t = repliedTicket();
        String path = issue(t.id());
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService phones = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String grade : List.of("SATISFIED", "DISSATISFIED")) {
                answers.add(phones.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return post(path, "satisfaction", grade, "comment", "仍未落实").status();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 410);
        } finally {
            phones.shutdownNow();
        }
        JsonNode history = history(t.id());
        long feedbacks = 0;
        for (JsonNode event : history) {
            feedbacks += event.get("action").asText().equals("feedback") ? 1 : 0;
        }
        assertThat(feedbacks).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from feedback_link where ticket_id = ? and used_at is not null")
                .param(Long.valueOf(t.id())).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aNewerLinkVoidsTheEarlierOne() {
        Replied t = repliedTicket();
        String first = issue(t.id());
        String second = issue(t.id());
        String before = snapshot(t.id());

        assertGone(get(first));
        assertGone(post(first, "satisfaction", "SATISFIED"));
        assertThat(snapshot(t.id())).isEqualTo(before);
        assertThat(get(second).status()).isEqualTo(200);
        assertThat(post(second, "satisfaction", "SATISFIED").status()).isEqualTo(200);
        assertThat(ticket(t.id()).get("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    void aLinkExpiresAtTheEndOfTheFeedbackWindow() {
        Replied t = repliedTicket();
        String path = issue(t.id());
        Instant due = OffsetDateTime.parse(ticket(t.id()).get("feedbackDue").asText()).toInstant();
        String before = snapshot(t.id());

        ClockUtil.setCurrentTime(Date.from(due.minusSeconds(60)));
        assertThat(get(path).status()).isEqualTo(200);
        ClockUtil.setCurrentTime(Date.from(due.plusSeconds(1)));
        assertGone(get(path));
        assertGone(post(path, "satisfaction", "SATISFIED"));
        // and no new link once the window has passed, though the sweep has not closed the ticket yet: the page
        // offers none, only whom to turn to
        assertRefused(api.post("/api/tickets/" + t.id() + "/feedback-link", "staff1", null), 409);
        assertThat(get(path).html().select("main").text()).contains("请联系工作人员王晓明").doesNotContain("重新发送");
        ClockUtil.reset();
        assertThat(snapshot(t.id())).isEqualTo(before);
        assertThat(ticket(t.id()).get("status").asText()).isEqualTo("REPLIED");
    }

    @Test
    void anUnknownOrMalformedTokenIsGone() {
        String unknown = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        for (String path : List.of("/f/" + unknown, "/f/garbage", "/f/" + "A".repeat(43), "/f/" + "x".repeat(3000),
                "/f/" + unknown.substring(1), "/f/" + unknown + "x", "/f/" + unknown.replace('A', '+'))) {
            assertGone(get(path));
            assertGone(post(path, "satisfaction", "SATISFIED"));
        }
    }

    /**
     * A link found but replaced by a newer one, or past the feedback window while its ticket still waits: the page
     * names whom to turn to, as the pages of a spent link and of a ticket moved on do, and for a replaced one says to
     * use the newest; an unknown token names no one.
     */
    @Test
    void aReplacedOrExpiredLinkNamesWhomToTurnToAndAnUnknownOneNoOne() {
        Replied t = repliedTicket();
        String first = issue(t.id());
        String second = issue(t.id());

        for (Answer replaced : List.of(get(first), post(first, "satisfaction", "SATISFIED"))) {
            assertGone(replaced);
            assertThat(replaced.html().getElementById("replaced").text()).contains("已被新的链接替代", "请使用最新收到的链接");
            assertThat(replaced.html().getElementById("contact").text()).contains("请联系", "王晓明", "电话 0576-8888 1201");
            assertThat(replaced.html().select("#contact a.phone").attr("href")).isEqualTo("tel:0576-88881201");
            assertThat(replaced.html().getElementById("windowPassed")).isNull();
            assertThat(replaced.body()).doesNotContain("staff1", "测试问题");
        }

        Instant due = OffsetDateTime.parse(ticket(t.id()).get("feedbackDue").asText()).toInstant();
        ClockUtil.setCurrentTime(Date.from(due.plusSeconds(1)));
        for (String path : List.of(first, second)) {
            Answer late = get(path);
            assertGone(late);
            assertThat(late.html().getElementById("windowPassed").text()).contains("已超过评价期限");
            assertThat(late.html().getElementById("replaced")).as("the newest is past the window too").isNull();
            assertThat(late.html().getElementById("contact").text()).contains("王晓明", "电话 0576-8888 1201");
        }
        ClockUtil.reset();

        String unknown = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        Answer none = get("/f/" + unknown);
        assertGone(none);
        assertThat(none.html().getElementById("contact")).isNull();
        assertThat(none.body()).doesNotContain("王晓明", "tel:");
    }

    /**
     * A link with what a chat app or a sentence glued to it (a full stop, a bracket, a space, ASCII or full-width)
     * is sent to the link itself (303), without looking it up; a post to it, or anything else after the 43
     * characters, is a dead link as before.
     */
    @Test
    void aLinkWithPunctuationGluedToItIsSentToTheLink() {
        Replied t = repliedTicket();
        String path = issue(t.id());
        for (String glued : List.of("%E3%80%82", ")", "%EF%BC%89", "%20", ".", ",", "%EF%BC%8C", "%E3%80%82%E2%80%9D")) {
            Answer answer = perform(MockMvcRequestBuilders.get(java.net.URI.create(path + glued)), address);
            assertThat(answer.status()).as(glued).isEqualTo(303);
            assertThat(answer.response().getRedirectedUrl()).as(glued).isEqualTo(path);
            assertGone(perform(MockMvcRequestBuilders.post(java.net.URI.create(path + glued))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("satisfaction", "SATISFIED"), address));
        }
        assertThat(ticket(t.id()).get("status").asText()).isEqualTo("REPLIED");
        assertThat(get(path).status()).isEqualTo(200);
        // not a link with something glued to it: the same dead link's page as before
        for (String other : List.of(path + "x%E3%80%82", path.substring(0, path.length() - 1) + "%E3%80%82",
                path + "%E3%80%82x")) {
            assertGone(perform(MockMvcRequestBuilders.get(java.net.URI.create(other)), address));
        }
    }

    /**
     * A problem resolved on site went to no department: the page says who answered it there (the staff member who
     * logged the visit, by name, once when that is who gave out the link), that a 不满意 has a department given
     * it rather than sent back, and the text message names the same person.
     */
    @Test
    void aProblemResolvedOnSiteSaysWhoAnsweredItThere() {
        String code = api.enterprise("回访测试企业" + Api.creditCode().substring(12), "回访镇" + Api.creditCode().substring(9));
        Map<String, Object> problem = new java.util.HashMap<>(Api.problem("OTHER", "报装流程不清楚"));
        problem.put("resolvedOnSite", true);
        problem.put("onSiteResolution", "现场讲解了报装流程");
        String id = api.visit(code, List.of(problem)).get(0).get("id").asText();
        assertThat(ticket(id).get("status").asText()).isEqualTo("REPLIED");

        Document byVisitor = get(issue(id)).html();
        assertThat(byVisitor.getElementById("whoAsks").text())
                .contains("您企业反映的问题已由走访的工作人员王晓明当场答复，现请您看一看答复").doesNotContain("已由答复");
        assertThat(byVisitor.getElementById("resolution").text()).isEqualTo("现场讲解了报装流程");
        assertThat(byVisitor.getElementById("whatNext").text()).contains("安排相关部门办理").doesNotContain("交回部门");

        Api.Response byDispatch = api.post("/api/tickets/" + id + "/feedback-link", "dispatch", null);
        Document page = get(byDispatch.json().get("url").asText()).html();
        assertThat(page.getElementById("whoAsks").text())
                .contains("已由走访的工作人员王晓明当场答复，工作人员陈静请您看一看答复");

        Element sms = issuedPage(id).getElementById("smsLink");
        assertThat(UriUtils.decode(sms.attr("href"), StandardCharsets.UTF_8))
                .contains("您反映的「报装流程不清楚」已由走访的工作人员王晓明当场答复，请于");
    }

    /**
     * The thanks name the problem rated, by its title, in the enterprise's words (您反映的问题, never 事项), and after
     * 不满意 who handles it again: its department, or, for one resolved on site, a department to be given it.
     */
    @Test
    void theThanksNameTheProblemAndWhoHandlesItAgain() {
        Answer closed = post(issue(repliedTicket().id()), "satisfaction", "SATISFIED");
        assertThat(closed.html().getElementById("title").text()).isEqualTo("测试问题 CONTAINER");
        assertThat(closed.html().getElementById("closed").text()).isEqualTo("您反映的问题已办结。");
        assertThat(closed.html().text()).doesNotContain("事项");

        Answer reopened = post(issue(repliedTicket().id()), "satisfaction", "DISSATISFIED", "comment", "仍订不到舱");
        assertThat(reopened.html().getElementById("title").text()).isEqualTo("测试问题 CONTAINER");
        assertThat(reopened.html().getElementById("reopened").text()).contains("交由交通运输局（港航）重新办理您反映的问题");
        assertThat(reopened.html().text()).doesNotContain("事项");

        String code = api.enterprise();
        Map<String, Object> problem = new java.util.HashMap<>(Api.problem("OTHER", "报装流程不清楚"));
        problem.put("resolvedOnSite", true);
        problem.put("onSiteResolution", "现场讲解了报装流程");
        String onSite = api.visit(code, List.of(problem)).get(0).get("id").asText();
        Answer sentOn = post(issue(onSite), "satisfaction", "DISSATISFIED", "comment", "流程仍不清楚");
        assertThat(sentOn.status()).as(sentOn.body()).isEqualTo(200);
        assertThat(sentOn.html().getElementById("title").text()).isEqualTo("报装流程不清楚");
        assertThat(sentOn.html().getElementById("reopened").text()).contains("我们将安排相关部门办理您反映的问题");
    }

    /**
     * Post/Redirect/Get: a rating recorded answers 303 to its thanks, {@code /f/{token}/rated}, kept for this browser
     * alone in its session (the workbench's session cookie, made by the rating), so that the phone's back button or a
     * reload never offers to send the form again; the thanks read again say the grade and the comment as recorded.
     * Anyone else with the link (no session, or another) reads the spent link's 410, which says nothing of the rating,
     * and a link not rated yet leads to its form. A field at fault is still the form again (400) naming it, the text
     * kept, and makes no session.
     */
    @Test
    void aRatingAnswers303ToItsThanksWhichOnlyItsBrowserReadsAgain() {
        String path = issue(repliedTicket().id());
        Answer notYet = sent(MockMvcRequestBuilders.get(path + "/rated"), address);
        assertThat(notYet.response().getRedirectedUrl()).isEqualTo(path);
        assertThat(notYet.response().getHeader(HttpHeaders.SET_COOKIE)).as("no session made").isNull();

        Answer refused = sent(MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .params(Pages.form("satisfaction", "DISSATISFIED", "comment", " ")), address);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.html().select("[data-field=comment] .field-error").text()).contains("不满意的原因");
        assertThat(refused.response().getHeader(HttpHeaders.SET_COOKIE)).as("no session made").isNull();

        Answer rated = sent(MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .params(Pages.form("satisfaction", "DISSATISFIED", "comment", "仍订不到舱")), address);
        assertThat(rated.status()).as(rated.body()).isEqualTo(303);
        assertThat(rated.response().getRedirectedUrl()).isEqualTo(path + "/rated");
        // the session cookie with the workbench's flags, and no cookie of the page's own
        assertThat(rated.response().getHeaders(HttpHeaders.SET_COOKIE)).singleElement().asString()
                .startsWith("SANFU_SESSION=").contains("Path=/;", "HttpOnly", "SameSite=Lax");
        jakarta.servlet.http.Cookie session = rated.response().getCookie("SANFU_SESSION");

        for (int reload = 0; reload < 2; reload++) {
            Answer thanks = sent(MockMvcRequestBuilders.get(path + "/rated").cookie(session), address);
            assertThat(thanks.status()).as(thanks.body()).isEqualTo(200);
            assertThat(thanks.html().getElementById("satisfaction").text()).isEqualTo("不满意");
            assertThat(thanks.html().getElementById("comment").text()).isEqualTo("仍订不到舱");
            assertThat(thanks.html().getElementById("title").text()).isEqualTo("测试问题 CONTAINER");
            assertThat(thanks.html().getElementById("reopened").text()).contains("重新办理");
        }

        // another phone with the link, with no session or a session of its own, or a made-up session id: the spent
        // link's page, nothing of the rating
        String otherPath = issue(repliedTicket().id());
        jakarta.servlet.http.Cookie another = sent(MockMvcRequestBuilders.post(otherPath)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).params(Pages.form("satisfaction", "SATISFIED")),
                "10.99.0.2").response().getCookie("SANFU_SESSION");
        for (MockHttpServletRequestBuilder other : List.of(MockMvcRequestBuilders.get(path + "/rated"),
                MockMvcRequestBuilders.get(path + "/rated").cookie(another),
                MockMvcRequestBuilders.get(path + "/rated").cookie(new jakarta.servlet.http.Cookie("SANFU_SESSION",
                        Base64.getEncoder().encodeToString(java.util.UUID.randomUUID().toString()
                                .getBytes(StandardCharsets.US_ASCII)))))) {
            Answer spent = sent(other, "10.99.0.1");
            assertThat(spent.status()).isEqualTo(410);
            assertThat(spent.html().getElementById("spentTitle")).isNotNull();
            assertThat(spent.body()).doesNotContain("不满意", "仍订不到舱", "重新办理");
        }
    }

    /**
     * The thanks are kept where every node reads them (README, "Running a cluster": nothing a node keeps in its memory
     * that another needs): in the session's row in the database, which is all a reload on another node or after a
     * restart finds. That session's end (its idle timeout, here its row expired) is the spent link's 410; a staff
     * sign-in later in the same browser is undisturbed and keeps them (a new session id, the same attributes).
     */
    @Test
    void theThanksAreKeptInTheSessionsRowInTheDatabaseNotInANodesMemory() throws Exception {
        String path = issue(repliedTicket().id());
        Answer rated = sent(MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .params(Pages.form("satisfaction", "SATISFIED", "comment", "很及时")), address);
        jakarta.servlet.http.Cookie session = rated.response().getCookie("SANFU_SESSION");
        String id = new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.US_ASCII);
        String attribute = FeedbackPages.THANKS_ATTRIBUTE + FeedbackTokens.hash(path.substring("/f/".length()));
        assertThat(jdbc.sql("""
                select count(*) from spring_session_attributes a join spring_session s
                on s.primary_id = a.session_primary_id where s.session_id = ? and a.attribute_name = ?""")
                .params(id, attribute).query(Integer.class).single()).isOne();

        // signed in on that browser: the sign-in works as ever, and the thanks stay with the new session id
        MockHttpServletResponse signedIn = pages.signInWith(session, "staff1");
        assertThat(signedIn.getStatus()).isEqualTo(302);
        assertThat(signedIn.getRedirectedUrl()).doesNotContain("/login");
        jakarta.servlet.http.Cookie after = Pages.sessionAfter(signedIn, session);
        assertThat(after.getValue()).isNotEqualTo(session.getValue());
        assertThat(perform(MockMvcRequestBuilders.get("/tickets").cookie(after), address).status()).isEqualTo(200);
        Answer thanks = sent(MockMvcRequestBuilders.get(path + "/rated").cookie(after), address);
        assertThat(thanks.status()).as(thanks.body()).isEqualTo(200);
        assertThat(thanks.html().getElementById("comment").text()).isEqualTo("很及时");

        // the row expired, as the idle timeout ends it: the spent link's page, as for anyone else
        String newId = new String(Base64.getDecoder().decode(after.getValue()), StandardCharsets.US_ASCII);
        assertThat(jdbc.sql("update spring_session set last_access_time = 0, expiry_time = 0 where session_id = ?")
                .param(newId).update()).isOne();
        Answer expired = sent(MockMvcRequestBuilders.get(path + "/rated").cookie(after), address);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).doesNotContain("很及时");
    }

    /**
     * The thanks outlive the release that kept them (the session's row does): they are stored in the JDK's types alone,
     * and thanks the running release cannot read (written by one whose classes differ) are no thanks, the spent link's
     * page as for anyone else, never an error.
     */
    @Test
    void theThanksAreKeptInTheJdksTypesAndThanksThatCannotBeReadAreTheSpentLinksPage() {
        String path = issue(repliedTicket().id());
        jakarta.servlet.http.Cookie session = sent(MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .params(Pages.form("satisfaction", "DISSATISFIED", "comment", "仍订不到舱")), address)
                .response().getCookie("SANFU_SESSION");
        String attribute = FeedbackPages.THANKS_ATTRIBUTE + FeedbackTokens.hash(token(path));
        assertThat(SessionRows.readWithTheJdksClassesOnly(SessionRows.bytes(jdbc, session, attribute)))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("satisfaction", "DISSATISFIED").containsEntry("comment", "仍订不到舱");
        assertThat(sent(MockMvcRequestBuilders.get(path + "/rated").cookie(session), address).status()).isEqualTo(200);

        SessionRows.overwrite(jdbc, session, attribute, SessionRows.ofAClassGone());
        Answer unreadable = sent(MockMvcRequestBuilders.get(path + "/rated").cookie(session), address);
        assertThat(unreadable.status()).as(unreadable.body()).isEqualTo(410);
        assertThat(unreadable.html().getElementById("spentTitle")).isNotNull();
    }

    /**
     * A member of staff whose workbench session timed out rates a link in that same browser, which gives the browser a
     * session of the rating's (no one signed in, no CSRF token); a workbench form still open in another tab, sent then,
     * goes to sign in again as after any time-out (/login?expired, what was typed kept), not to the 403 of a forged
     * form: that session is not the one the form's token was of. It changes nothing either way.
     */
    @Test
    void aWorkbenchFormSentAfterARatingInTheBrowserWhoseSessionTimedOutGoesToSignInAgain() throws Exception {
        String path = issue(repliedTicket().id());
        Answer rated = sent(MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .cookie(Pages.TIMED_OUT).params(Pages.form("satisfaction", "SATISFIED", "comment", "很及时")), address);
        assertThat(rated.status()).as(rated.body()).isEqualTo(303);
        jakarta.servlet.http.Cookie browser = rated.response().getCookie("SANFU_SESSION");
        assertThat(browser).as("the rating's own session").isNotNull();

        String code = api.enterprise();
        MockHttpServletResponse posted = pages.postAfterTimeOut("/visits", "/visits/new",
                Pages.form("enterpriseCreditCode", code, "notes", "评价之后才点的保存"), browser);
        assertThat(posted.getStatus()).as(posted.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(303);
        assertThat(posted.getHeader("Location")).isEqualTo("/login?expired");
        assertThat(api.get("/api/visits?enterprise=" + code, "staff1").json().path("total").asInt())
                .as("nothing saved").isZero();

        jakarta.servlet.http.Cookie kept = Pages.sessionAfter(posted, browser);
        MockHttpServletResponse signedIn = pages.signInWith(kept, "staff1");
        assertThat(signedIn.getRedirectedUrl()).as("back to the form's page").isEqualTo("/visits/new");
        jakarta.servlet.http.Cookie after = Pages.sessionAfter(signedIn, kept);
        Answer form = perform(MockMvcRequestBuilders.get("/visits/new").cookie(after), address);
        assertThat(form.html().select("#formKept").text()).contains("已恢复");
        assertThat(form.html().select("#notes").text()).isEqualTo("评价之后才点的保存");
        assertThat(sent(MockMvcRequestBuilders.get(path + "/rated").cookie(after), address).status())
                .as("and the thanks are still this browser's").isEqualTo(200);
    }

    /**
     * Errors under /f are the enterprise's: no way to the staff's pages (返回首页 is the sign-in, /f is nothing), no
     * 事项, and the way back is the link it received or the person who serves it.
     */
    @Test
    void theErrorPagesUnderTheLinkLeadNowhereButToTheLinkAndThePerson() {
        String path = issue(repliedTicket().id());
        List<Answer> errors = new ArrayList<>();
        for (MockHttpServletRequestBuilder request : List.of(MockMvcRequestBuilders.put(path),
                MockMvcRequestBuilders.delete(path), MockMvcRequestBuilders.patch(path))) {
            Answer refused = perform(request, address);
            assertThat(refused.status()).isEqualTo(405);
            errors.add(refused);
        }
        for (String missing : List.of("/f", "/f/a/b")) {
            Answer notFound = get(missing);
            assertThat(notFound.status()).as(missing).isEqualTo(404);
            errors.add(notFound);
        }
        Answer malformed = perform(MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("satisfaction=%FF"), address);
        assertThat(malformed.status()).isEqualTo(400);
        errors.add(malformed);
        for (Answer error : errors) {
            assertThat(error.response().getContentType()).startsWith("text/html");
            assertThat(error.html().select("a[href]")).as(error.body()).isEmpty();
            assertThat(error.html().text()).contains("请重新打开您收到的链接，或联系为您服务的工作人员")
                    .doesNotContain("返回首页", "事项", "回到办理页面");
        }
        assertThat(errors.get(0).html().getElementById("errorTitle").text()).contains("405");
    }

    /**
     * Closed meanwhile (staff recorded the enterprise's feedback another way), the link's page says so and on
     * which day, and whom to turn to, since no new link can be had: not the dead link's 请联系…重新发送链接,
     * and nothing of how the ticket was rated.
     */
    @Test
    void aTicketClosedByStaffMeanwhileSaysItWasClosedOnItsDay() {
        Replied t = repliedTicket();
        String path = issue(t.id());
        api.act(t.id(), "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        String before = snapshot(t.id());
        String closedOn = LocalDate.ofInstant(OffsetDateTime.parse(ticket(t.id()).get("closedAt").asText())
                .toInstant(), ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.ofPattern("yyyy年M月d日"));

        for (Answer moved : List.of(get(path), post(path, "satisfaction", "DISSATISFIED"))) {
            assertMovedOn(moved);
            assertThat(moved.html().getElementById("ticketClosed").text()).contains("已于" + closedOn + "办结");
            assertThat(moved.html().getElementById("handledAgain")).isNull();
        }
        assertThat(snapshot(t.id())).isEqualTo(before);
    }

    /**
     * Reopened meanwhile (staff recorded a 不满意), the page says which department handles it again; replied
     * anew, that a link for the new reply is to be had from the same person; taken to a leader, and then
     * closed by the leader's ruling, each in turn.
     */
    @Test
    void aTicketHandledAgainMeanwhileSaysByWhomAndWhatFollowed() {
        Replied t = repliedTicket();
        String path = issue(t.id());
        api.act(t.id(), "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));

        Answer reopened = get(path);
        assertMovedOn(reopened);
        assertThat(reopened.html().getElementById("handledAgain").text()).contains("交通运输局（港航）", "重新办理");
        assertThat(reopened.html().getElementById("ticketClosed")).isNull();

        api.act(t.id(), "reply", "transport", RESOLVED);
        Answer repliedAgain = get(path);
        assertMovedOn(repliedAgain);
        assertThat(repliedAgain.html().getElementById("repliedAgain").text()).contains("再次答复");
        assertThat(repliedAgain.html().getElementById("contact").text()).contains("新答复的评价链接");

        // a third 不满意 in all goes to a leader, whose ruling closes it
        api.act(t.id(), "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));
        api.act(t.id(), "reply", "transport", RESOLVED);
        api.act(t.id(), "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));
        assertThat(ticket(t.id()).get("status").asText()).isEqualTo("SUPERVISION");
        Answer supervised = get(path);
        assertMovedOn(supervised);
        assertThat(supervised.html().getElementById("supervisedAgain").text()).contains("领导督办");
        api.act(t.id(), "rule", "leader", Map.of("decision", "CLOSE", "note", "领导裁定销号"));
        Answer ruled = get(path);
        assertMovedOn(ruled);
        assertThat(ruled.html().getElementById("ticketClosed").text()).contains("办结");
        assertThat(ruled.body()).doesNotContain("领导裁定销号");
    }

    /** The link's ticket moved on: a 410 that says what happened and names whom to turn to, and no more. */
    private static void assertMovedOn(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(410);
        assertThat(answer.html().getElementById("movedTitle").text()).isEqualTo("这个评价链接已停止使用");
        assertThat(answer.html().getElementById("contact").text()).contains("联系", "王晓明", "0576-8888 1201");
        assertThat(answer.body()).doesNotContain("重新发送链接", "Exception", "回访测试企业", "满意", "staff1",
                "TRANSPORT", "测试问题");
        // the enterprise is asked to 评价; 回访 is the staff's word
        assertThat(answer.html().title() + answer.html().text()).doesNotContain("回访");
    }

    @Test
    void aBadGradeIs400OnThePageNamingTheFieldAndChangesNothing() {
        Replied t = repliedTicket();
        String path = issue(t.id());
        String before = snapshot(t.id());

        for (String grade : List.of("UNRATED", "GREAT", "")) {
            Answer page = post(path, "satisfaction", grade, "comment", "还行");
            assertThat(page.status()).as(grade).isEqualTo(400);
            assertThat(page.html().select("[data-field=satisfaction].has-error .field-error").text()).isNotBlank();
            assertThat(page.html().getElementById("comment").text()).isEqualTo("还行");
            assertThat(page.html().getElementById("resolution").text()).isEqualTo(RESOLVED.get("resolution"));
        }
        // two grades at once: which one the enterprise meant is not the page's to guess (the last one is not it)
        Answer twice = post(path, "satisfaction", "SATISFIED", "satisfaction", "DISSATISFIED", "comment", "还行");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.html().select("[data-field=satisfaction].has-error .field-error").text()).isEqualTo("只能填写一个值");
        Answer control = post(path, "satisfaction", "SATISFIED", "comment", "bad\u0001");
        assertThat(control.status()).isEqualTo(400);
        // the enterprise is told what is wrong in words, not by a character's code
        assertThat(control.html().select("[data-field=comment].has-error .field-error").text())
                .isEqualTo("不能包含不可见的控制字符");
        // not satisfied without a word why: the department would handle it again blind (不满意原因)
        for (String blank : List.of("", "  \u3000")) {
            Answer why = post(path, "satisfaction", "DISSATISFIED", "comment", blank);
            assertThat(why.status()).isEqualTo(400);
            assertThat(why.html().select("[data-field=comment].has-error .field-error").text())
                    .isEqualTo("请写明不满意的原因，以便部门重新办理时有的放矢");
            assertThat(why.html().select("input[name=satisfaction][value=DISSATISFIED][checked]")).hasSize(1);
        }
        assertThat(post(path, "satisfaction", "DISSATISFIED").status()).isEqualTo(400);
        assertThat(snapshot(t.id())).isEqualTo(before);
        // the link still works
        assertThat(post(path, "satisfaction", "SATISFIED").status()).isEqualTo(200);
    }

    @Test
    void aFormTooLargeIsA413PageAndChangesNothing() {
        Replied t = repliedTicket();
        String path = issue(t.id());
        String before = snapshot(t.id());

        byte[] huge = ("satisfaction=SATISFIED&comment=" + "x".repeat(1_100_000)).getBytes(StandardCharsets.UTF_8);
        Answer refused = perform(MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(huge), address);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.html().getElementById("errorTitle").text()).contains("413");
        assertThat(snapshot(t.id())).isEqualTo(before);
        assertThat(get(path).status()).isEqualTo(200);
    }

    @Test
    void theTicketPageNamesTheEnterpriseAsTheActorOfItsFeedback() {
        Replied t = repliedTicket();
        assertThat(post(issue(t.id()), "satisfaction", "SATISFIED").status()).isEqualTo(200);

        Pages.Answer page = pages.get("/tickets/" + t.id(), "leader");
        assertThat(page.html().select("#history li[data-action=feedback] .actor").text()).isEqualTo("企业（回访链接）");
    }

    @Test
    void oneAddressGetsA429PageAfterItsRequestsOfTheMinute() {
        Replied t = repliedTicket();
        String path = issue(t.id());
        ClockUtil.setCurrentTime(new Date());
        for (int i = 0; i < 30; i++) {
            assertThat(get(path).status()).as("request %d", i + 1).isEqualTo(200);
        }
        Answer refused = post(path, "satisfaction", "SATISFIED");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.html().getElementById("errorTitle").text()).contains("请稍后再试");
        assertThat(get(path).status()).isEqualTo(429);
        assertThat(ticket(t.id()).get("status").asText()).isEqualTo("REPLIED");
        // another address is not held back, and a minute later this one may go on
        assertThat(perform(MockMvcRequestBuilders.get(path), "10.99.0.1").status()).isEqualTo(200);
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 60_000));
        assertThat(post(path, "satisfaction", "SATISFIED").status()).isEqualTo(200);
    }

    @Test
    void onlyFeedbackPagesAreOpen() {
        assertThat(api.get("/api/tickets", null).status()).isEqualTo(401);
        Answer page = perform(MockMvcRequestBuilders.get("/tickets"), address);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.response().getRedirectedUrl()).endsWith("/login");
        assertThat(perform(MockMvcRequestBuilders.get("/f"), address).status()).isIn(302, 404);
    }

    // ------------------------------------------------------------------------------------------
    // the ticket page's 生成回访链接

    @Test
    void theTicketPageOffersStaffAndDispatchALinkShownOnce() {
        Replied t = repliedTicket();
        for (String user : List.of("staff1", "dispatch")) {
            Pages.Answer page = pages.get("/tickets/" + t.id(), user);
            assertThat(page.html().select("form#feedbackLinkForm").attr("action"))
                    .isEqualTo("/tickets/" + t.id() + "/feedback-link");
        }
        for (String user : List.of("transport", "leader")) {
            assertThat(pages.get("/tickets/" + t.id(), user).html().select("form#feedbackLinkForm")).isEmpty();
        }
        assertThat(pages.get("/tickets/" + api.ticket("CONTAINER").get("id").asText(), "staff1").html()
                .select("form#feedbackLinkForm")).isEmpty();

        // asked to send with no sender configured (the form offers it only with one): it says it went nowhere
        Pages.Answer unsent = pages.post("/tickets/" + t.id() + "/feedback-link", "staff1",
                Pages.form("send", "true", "replaces", replacesOn(t.id())));
        assertThat(unsent.html().select("#notSent").text()).contains("链接未发出");
        assertThat(unsent.html().select("#sent")).isEmpty();

        // the page drawn again knows of that link: generating from it replaces it, deliberately
        String replaces = replacesOn(t.id());
        Pages.Answer issued = pages.post("/tickets/" + t.id() + "/feedback-link", "staff1", Pages.form("replaces", replaces));
        assertThat(issued.status()).isEqualTo(200);
        String link = issued.html().getElementById("link").attr("href");
        assertThat(link).matches("https?://[^/]+/f/[A-Za-z0-9_-]{43}");
        String path = link.substring(link.indexOf("/f/"));
        // that answer sent again (a refresh) or a colleague's older page: no new link, the one given out lives
        for (String user : List.of("staff1", "dispatch")) {
            Pages.Answer again = pages.post("/tickets/" + t.id() + "/feedback-link", user, Pages.form("replaces", replaces));
            assertThat(again.status()).as(user).isEqualTo(409);
            assertThat(again.html().text()).as(user).contains("这次没有再生成新链接", "王晓明（staff1）");
        }
        assertThat(post(path, "satisfaction", "SATISFIED").status()).isEqualTo(200);
        assertThat(lastEvent(t.id()).get("actor").asText()).isEqualTo("enterprise:" + t.creditCode());
    }

    /**
     * The enterprise's 不满意 through its link sends the ticket back to the department, whose page says why above its
     * forms, as the enterprise typed it, and that the enterprise sent it through the link, and when.
     */
    @Test
    void aDissatisfactionThroughTheLinkIsToldToTheDepartmentThatHandlesItAgain() {
        Replied t = repliedTicket();
        String link = issue(t.id());
        assertThat(post(link, "satisfaction", "DISSATISFIED", "comment", "舱位还是订不到 <script>x</script>").status())
                .isEqualTo(200);
        JsonNode rating = null;
        for (JsonNode event : history(t.id())) {
            rating = "feedback".equals(event.get("action").asText()) ? event : rating;
        }
        String when = OffsetDateTime.parse(rating.get("at").asText())
                .atZoneSameInstant(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        Document page = pages.get("/tickets/" + t.id(), "transport").html();
        assertThat(page.select("#reopenedNotice #reopenedTitle").text()).isEqualTo("企业对上次答复不满意，已退回重办（第 1 次）");
        assertThat(page.select("#reopenedNotice #reopenedReason").text()).isEqualTo("舱位还是订不到 <script>x</script>");
        assertThat(page.select("#reopenedNotice script")).isEmpty();
        assertThat(page.select("#reopenedNotice #reopenedBy").text()).isEqualTo("企业于 " + when + " 通过回访链接提交。");
    }

    /**
     * A phone back from its messages app (用短信发送) reloads the issued page, which posts its form again: 409, and no
     * link made or voided (the link is shown once), but the page says what happened in its own words: 回访链接已生成,
     * who made the live one as pages name people and when, that a new one voids it, and the way back to the ticket,
     * not the error page's 出错了, its HTTP code and 返回首页.
     */
    @Test
    void theIssuedPageReloadedSaysTheLinkWasIssuedByWhomAndLeadsBackToTheTicket() {
        Replied t = repliedTicket();
        String replaces = replacesOn(t.id());
        Pages.Answer issued = pages.post("/tickets/" + t.id() + "/feedback-link", "staff1", Pages.form("replaces", replaces));
        assertThat(issued.status()).isEqualTo(200);
        String at = lastEvent(t.id()).get("at").asText();
        String when = OffsetDateTime.parse(at).atZoneSameInstant(ZoneId.of("Asia/Shanghai"))
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));

        Pages.Answer reloaded = pages.post("/tickets/" + t.id() + "/feedback-link", "staff1",
                Pages.form("replaces", replaces));
        assertThat(reloaded.status()).as("still refused: nothing made, nothing voided").isEqualTo(409);
        Document page = reloaded.html();
        assertThat(page.select("h1").text()).isEqualTo("回访链接已生成");
        assertThat(page.select("#issuedBefore").text())
                .isEqualTo("王晓明（staff1） 已于 " + when + " 生成事项 #" + t.id() + " 的回访链接。");
        assertThat(page.select("#newVoidsSent").text()).contains("重新生成会使已发出的链接作废");
        assertThat(page.select("#backToTicket").attr("href")).isEqualTo("/tickets/" + t.id());
        assertThat(page.select("#backToTicket").text()).isEqualTo("返回事项");
        assertThat(page.select("main").text()).doesNotContain("409", "出错了", "暂时无法办理", "返回首页");
        assertThat(page.select("#link, #smsLink")).as("the link is shown once").isEmpty();

        // the link issued first still works
        String link = issued.html().getElementById("link").attr("href");
        assertThat(post(link.substring(link.indexOf("/f/")), "satisfaction", "SATISFIED").status()).isEqualTo(200);
    }

    @Test
    void theTicketPageSaysWhoGaveOutTheLiveLinkAndWhenBeforeAnotherVoidsIt() {
        Replied t = repliedTicket();
        Document before = pages.get("/tickets/" + t.id(), "dispatch").html();
        assertThat(before.select("#liveFeedbackLink")).isEmpty();
        assertThat(before.select("form#feedbackLinkForm button[type=submit]").text()).isEqualTo("生成回访链接");

        issue(t.id());
        Document after = pages.get("/tickets/" + t.id(), "dispatch").html();
        assertThat(after.select("form#feedbackLinkForm #liveFeedbackLink").text())
                .matches("王晓明（staff1） 已于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 生成回访链接，企业尚未评价。.*作废.*");
        assertThat(after.select("#liveFeedbackLink.flash.warning")).as("a warning, not a success's green").hasSize(1);
        assertThat(after.select("form#feedbackLinkForm button[type=submit]").text()).isEqualTo("重新生成回访链接");

        // spent (or voided, or expired) it is no longer the enterprise's: nothing to warn of
        jdbc.sql("update feedback_link set used_at = current_timestamp where ticket_id = ?")
                .param(Long.parseLong(t.id())).update();
        Document spent = pages.get("/tickets/" + t.id(), "staff1").html();
        assertThat(spent.select("#liveFeedbackLink")).isEmpty();
        assertThat(spent.select("form#feedbackLinkForm button[type=submit]").text()).isEqualTo("生成回访链接");
    }

    /**
     * On a phone the link usually goes by text message: 用短信发送 opens the messages app with the words the configured
     * channel sends, naming the ticket's title, and the link as the page shows it, with no script (the "?&body=" form
     * iOS and Android both read). The link is still shown once, in #link, not written out a second time.
     */
    @Test
    void theIssuedLinksPageOffersATextMessageInTheChannelsWordsWithTheLink() {
        Replied t = repliedTicket();
        Document page = issuedPage(t.id());
        String link = page.getElementById("link").attr("href");
        Element sms = page.getElementById("smsLink");
        assertThat(sms).isNotNull();
        assertThat(sms.text()).isEqualTo("用短信发送");
        String href = sms.attr("href");
        assertThat(href).startsWith("sms:?&body=").doesNotContain(" ", "+");
        String body = UriUtils.decode(href.substring("sms:?&body=".length()), StandardCharsets.UTF_8);
        String name = api.get("/api/tickets/" + t.id(), "staff1").json().get("enterpriseName").asText();
        assertThat(body).isEqualTo(name + "：您反映的「测试问题 CONTAINER」已由交通运输局（港航）答复，请于 "
                + page.getElementById("expiresAt").text() + " 前打开链接查看并评价（仅限一次）：" + link);
        assertThat(page.select("#feedbackLink").text()).containsOnlyOnce(link);
    }

    @Test
    void theIssuedLinksPageSaysAnEarlierLinkWasVoidedOnlyWhenOneWas() {
        Replied t = repliedTicket();
        Pages.Answer first = pages.post("/tickets/" + t.id() + "/feedback-link", "staff1",
                Pages.form("replaces", replacesOn(t.id())));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.html().select("#voidedEarlier")).isEmpty();
        assertThat(first.html().select("#feedbackLink").text()).doesNotContain("作废");

        Pages.Answer second = pages.post("/tickets/" + t.id() + "/feedback-link", "staff1",
                Pages.form("replaces", replacesOn(t.id())));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.html().select("#voidedEarlier").text()).contains("之前生成的链接已作废");

        // a link spent by the enterprise's feedback is not one it can still use: nothing voided (the ticket,
        // reopened by that feedback and replied again, waits for feedback anew)
        String link = second.html().getElementById("link").attr("href");
        assertThat(post(link.substring(link.indexOf("/f/")), "satisfaction", "DISSATISFIED", "comment", "没解决")
                .status()).isEqualTo(200);
        api.act(t.id(), "reply", "transport", RESOLVED);
        Pages.Answer afterSpent = pages.post("/tickets/" + t.id() + "/feedback-link", "staff1",
                Pages.form("replaces", replacesOn(t.id())));
        assertThat(afterSpent.status()).isEqualTo(200);
        assertThat(afterSpent.html().select("#voidedEarlier")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------
    // the ticket's history: a link given out is an outbound contact with the enterprise

    @Test
    void issuingALinkIsInTheHistoryByWhomAndHowButNeverTheLinkItself() {
        Replied t = repliedTicket();
        int before = history(t.id()).size();
        String first = issue(t.id());

        JsonNode issued = lastEvent(t.id());
        assertThat(history(t.id()).size()).isEqualTo(before + 1);
        assertThat(issued.get("action").asText()).isEqualTo("feedback-link");
        assertThat(issued.get("actor").asText()).isEqualTo("staff1");
        assertThat(issued.get("fromStatus").asText()).isEqualTo("REPLIED");
        assertThat(issued.get("toStatus").asText()).isEqualTo("REPLIED");
        String due = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"))
                .format(OffsetDateTime.parse(ticket(t.id()).get("feedbackDue").asText()));
        assertThat(issued.get("detail").asText()).isEqualTo("链接由生成人转给企业，有效至 " + due);

        // asked to send with no sender configured (the API takes the flag regardless): not sent, and it says so;
        // the first link, still live, is voided by it, and the history names whose it was and from when
        Api.Response again = api.post("/api/tickets/" + t.id() + "/feedback-link", "dispatch", Map.of("send", true));
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        JsonNode reissued = lastEvent(t.id());
        assertThat(reissued.get("action").asText()).isEqualTo("feedback-link");
        assertThat(reissued.get("actor").asText()).isEqualTo("dispatch");
        assertThat(reissued.get("detail").asText()).startsWith("没有配置发送渠道，链接未发出，由生成人转给企业，有效至 " + due)
                .matches(".*；王晓明（staff1） 于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 生成的链接同时作废$");
        assertThat(issued.get("detail").asText()).doesNotContain("作废");

        // the token is a credential: neither the API's history nor the ticket's page carries it
        String second = again.json().get("url").asText();
        Pages.Answer page = pages.get("/tickets/" + t.id(), "leader");
        for (String text : List.of(history(t.id()).toString(), page.body())) {
            assertThat(text).doesNotContain(token(first), token(second), "/f/");
        }
        // the timeline names it in Chinese, the person by name, the text as recorded
        var entries = page.html().select("#history li[data-action=feedback-link]");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).select(".event").text()).isEqualTo("生成回访链接");
        assertThat(entries.get(0).select(".actor").text()).isEqualTo("王晓明（staff1）");
        assertThat(entries.get(0).select(".text").text()).isEqualTo("链接由生成人转给企业，有效至 " + due);
        assertThat(entries.get(0).select(".move")).as("the status does not move").isEmpty();
        assertThat(entries.get(1).select(".text").text()).contains("王晓明（staff1）", "生成的链接同时作废");
    }

    /**
     * One change, one moment (ticket.ChangeMomentTests' rule), for a link's note too: issued, and voided by staff's
     * feedback, the ticket's newest history event, the link's row and the ticket's updatedAt say the moment the change
     * took under the ticket's lock, on a clock that moves a second on every read, where the note read the clock itself
     * and said a later moment than the ticket's updatedAt; and the updatedAt moves forward each time.
     */
    @Test
    void aLinkIssuedOrVoidedIsNotedAtTheMomentItsTicketIsStampedWith() {
        Replied t = repliedTicket();
        long id = Long.parseLong(t.id());
        TickingTime.start(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), Duration.ofSeconds(1));
        Instant replied = StoredTicket.updatedAt(jdbc, id);

        issue(t.id());
        Instant issued = StoredTicket.updatedAt(jdbc, id);
        assertThat(lastEvent(t.id()).get("action").asText()).isEqualTo("feedback-link");
        assertThat(issued).isAfter(replied).isEqualTo(newestEventAt(id)).isEqualTo(linkMoment("issued_at", id));

        api.act(t.id(), "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        Instant voided = StoredTicket.updatedAt(jdbc, id);
        assertThat(lastEvent(t.id()).get("action").asText()).isEqualTo("feedback-link-voided");
        assertThat(voided).isAfter(issued).isEqualTo(newestEventAt(id)).isEqualTo(linkMoment("voided_at", id));
    }

    /**
     * The same for the link the enterprise rates through: the link's {@code used_at}, the ticket's updatedAt and its
     * newest history event say the moment the rating took under the ticket's lock, on the clock that moves a second on
     * every read, where a spent moment read from the clock itself came after the ticket's updatedAt.
     */
    @Test
    void aLinkSpentIsMarkedAtTheMomentItsTicketIsStampedWith() {
        Replied t = repliedTicket();
        long id = Long.parseLong(t.id());
        String path = issue(t.id());
        TickingTime.start(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), Duration.ofSeconds(1));
        Instant issued = StoredTicket.updatedAt(jdbc, id);

        Answer done = post(path, "satisfaction", "SATISFIED", "comment", "很及时");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        Instant spent = StoredTicket.updatedAt(jdbc, id);
        assertThat(spent).isAfter(issued).isEqualTo(newestEventAt(id)).isEqualTo(linkMoment("used_at", id));
    }

    @Test
    void aRefusedLinkLeavesNoTraceInTheHistory() {
        Replied t = repliedTicket();
        String before = snapshot(t.id());
        assertRefused(api.post("/api/tickets/" + t.id() + "/feedback-link", "transport", null), 403);
        assertRefused(api.post("/api/tickets/" + t.id() + "/feedback-link", "staff1", "{\"send\": \"yes\"}"), 400);
        assertThat(pages.post("/tickets/" + t.id() + "/feedback-link", "leader", Pages.form()).status()).isEqualTo(403);
        assertThat(snapshot(t.id())).isEqualTo(before);

        // a page drawn before a colleague's link: 409, and the history holds that link's note alone
        String stale = replacesOn(t.id());
        issue(t.id());
        String issued = snapshot(t.id());
        assertThat(pages.post("/tickets/" + t.id() + "/feedback-link", "dispatch", Pages.form("replaces", stale))
                .status()).isEqualTo(409);
        assertThat(snapshot(t.id())).isEqualTo(issued);
        assertThat(history(t.id()).findValuesAsText("action")).containsOnlyOnce("feedback-link");

        // not waiting for feedback (closed by it): 409, nothing noted
        api.act(t.id(), "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        String closed = snapshot(t.id());
        assertRefused(api.post("/api/tickets/" + t.id() + "/feedback-link", "staff1", null), 409);
        assertThat(snapshot(t.id())).isEqualTo(closed);
    }

    /**
     * Staff record the enterprise's feedback themselves while a link is live: the history says the link died
     * with it, and the enterprise who opens it reads that its feedback was recorded (not how).
     */
    @Test
    void feedbackRecordedByStaffVoidsTheLiveLinkAndSaysSo() {
        Replied t = repliedTicket();
        Api.Response byDispatch = api.post("/api/tickets/" + t.id() + "/feedback-link", "dispatch", null);
        assertThat(byDispatch.status()).as(byDispatch.text()).isEqualTo(201);
        String path = byDispatch.json().get("url").asText();
        api.act(t.id(), "feedback", "staff1", Map.of("satisfaction", "SATISFIED", "comment", "电话回访"));

        JsonNode history = history(t.id());
        JsonNode feedback = history.get(history.size() - 2);
        JsonNode voided = history.get(history.size() - 1);
        assertThat(feedback.get("action").asText()).isEqualTo("feedback");
        assertThat(feedback.get("detail").asText()).as("the feedback's own text, unchanged").isEqualTo("SATISFIED；电话回访");
        assertThat(voided.get("action").asText()).isEqualTo("feedback-link-voided");
        assertThat(voided.get("actor").asText()).isEqualTo("staff1");
        assertThat(voided.get("fromStatus").asText()).isEqualTo("CLOSED");
        assertThat(voided.get("toStatus").asText()).isEqualTo("CLOSED");
        assertThat(voided.get("detail").asText())
                .matches("回访已记录，陈静（dispatch） 于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 生成的回访链接随之作废，企业无法再用它评价");
        assertThat(history.toString()).doesNotContain(token(path));
        assertThat(jdbc.sql("select count(*) from feedback_link where ticket_id = ? and voided_at is not null")
                .param(Long.valueOf(t.id())).query(Long.class).single()).isEqualTo(1);

        Document page = pages.get("/tickets/" + t.id(), "leader").html();
        var entry = page.select("#history li[data-action=feedback-link-voided]");
        assertThat(entry.select(".event").text()).isEqualTo("回访链接作废");
        assertThat(entry.select(".text").text()).contains("随之作废");

        Answer moved = get(path);
        assertThat(moved.status()).isEqualTo(410);
        assertThat(moved.html().getElementById("movedTitle").text()).isEqualTo("这个评价链接已停止使用");
        assertThat(moved.html().getElementById("contact").text()).contains("陈静");
        assertThat(moved.body()).doesNotContain("满意", "电话回访", "staff1", "王晓明");
        assertThat(moved.html().getElementById("ratedByStaff").text()).isEqualTo("工作人员已记录了您企业对这次答复的评价。");
        assertThat(moved.html().getElementById("ticketClosed").text()).contains("办结");

        // no live link (none given out, or one spent): the feedback is noted alone
        Replied none = repliedTicket();
        api.act(none.id(), "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));
        assertThat(lastEvent(none.id()).get("action").asText()).isEqualTo("feedback");
        assertThat(history(none.id()).findValuesAsText("action")).doesNotContain("feedback-link-voided");
    }

    /**
     * The office calls back on a hotline entry it logged and records what the enterprise said: the live link a
     * specialist gave out dies with it, as when staff record it, and the history names the office as who voided it.
     */
    @Test
    void feedbackTheOfficeRecordsOnAnEntryVoidsTheLiveLinkAsStaffsDoes() {
        Api.Response logged = api.post("/api/visits", "dispatch", Map.of("enterpriseCreditCode", api.enterprise(),
                "source", "HOTLINE", "notes", "来电反映", "problems", List.of(Api.problem("CONTAINER", "热线反映舱位紧张"))));
        assertThat(logged.status()).as(logged.text()).isEqualTo(201);
        String id = logged.json().get("tickets").get(0).get("id").asText();
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", RESOLVED);
        String path = issue(id);

        api.act(id, "feedback", "dispatch", Map.of("satisfaction", "BASICALLY_SATISFIED", "comment", "电话回访"));

        JsonNode history = history(id);
        JsonNode feedback = history.get(history.size() - 2);
        JsonNode voided = history.get(history.size() - 1);
        assertThat(feedback.get("action").asText()).isEqualTo("feedback");
        assertThat(feedback.get("actor").asText()).isEqualTo("dispatch");
        assertThat(voided.get("action").asText()).isEqualTo("feedback-link-voided");
        assertThat(voided.get("actor").asText()).isEqualTo("dispatch");
        assertThat(voided.get("toStatus").asText()).isEqualTo("CLOSED");
        assertThat(voided.get("detail").asText())
                .matches("回访已记录，王晓明（staff1） 于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 生成的回访链接随之作废，企业无法再用它评价");
        Answer moved = get(path);
        assertThat(moved.status()).isEqualTo(410);
        assertThat(moved.html().getElementById("ratedByStaff").text()).isEqualTo("工作人员已记录了您企业对这次答复的评价。");
    }

    /** A link voided by a 不满意 staff recorded: once replied again, it is no live link to warn of or to void. */
    @Test
    void aLinkVoidedByStaffFeedbackIsNotTheLiveLinkOfTheNextReply() {
        Replied t = repliedTicket();
        String path = issue(t.id());
        api.act(t.id(), "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));
        api.act(t.id(), "reply", "transport", RESOLVED);

        assertThat(pages.get("/tickets/" + t.id(), "staff1").html().select("#liveFeedbackLink")).isEmpty();
        issue(t.id());
        assertThat(lastEvent(t.id()).get("detail").asText()).doesNotContain("作废");
        Answer old = get(path);
        assertMovedOn(old);
        assertThat(old.html().getElementById("ratedByStaff").text()).isEqualTo("工作人员已记录了您企业对上一次答复的评价。");
        assertThat(old.html().getElementById("repliedAgain")).isNotNull();
    }

    /** The live link the ticket page's 生成回访链接 form says it replaces. */
    /** The page the ticket page's 生成回访链接 answers with, as staff1 generates a link from it. */
    private Document issuedPage(String ticketId) {
        Pages.Answer issued = pages.post("/tickets/" + ticketId + "/feedback-link", "staff1",
                Pages.form("replaces", replacesOn(ticketId)));
        assertThat(issued.status()).isEqualTo(200);
        return issued.html();
    }

    private String replacesOn(String ticketId) {
        return pages.get("/tickets/" + ticketId, "staff1").html().select("form#feedbackLinkForm input[name=replaces]").val();
    }

    @Test
    void theWorkbenchRefusesOthersAndFormsWithoutTheirToken() {
        Replied t = repliedTicket();
        for (String user : List.of("transport", "leader", "admin")) {
            Pages.Answer refused = pages.post("/tickets/" + t.id() + "/feedback-link", user, Pages.form());
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.html().getElementById("errorTitle").text()).contains("403");
        }
        assertThat(pages.postWithoutToken("/tickets/" + t.id() + "/feedback-link", "staff1", Pages.form()).status())
                .isEqualTo(403);
        assertThat(pages.post("/tickets/999999999999/feedback-link", "staff1", Pages.form()).status()).isEqualTo(404);
        String open = api.ticket("CONTAINER").get("id").asText();
        Pages.Answer notReplied = pages.post("/tickets/" + open + "/feedback-link", "staff1", Pages.form());
        assertThat(notReplied.status()).isEqualTo(409);
        // the status the link waits for by its one name, as the ticket's page shows it
        assertThat(notReplied.html().text()).contains("事项 #" + open + " 当前为“待签收”，只有“已答复待回访”的事项才能生成回访链接");
        assertThat(linksOf(t.id()) + linksOf(open)).isZero();
    }

    // ------------------------------------------------------------------------------------------
    // whom the pages name once the person who gave out the link left or handed the ticket on

    /**
     * 工作交接 after the link went out: every page of it names the specialist who follows the ticket now, with their
     * telephone, not the one who handed it on; a link the office gives out after the handover names the office's
     * person, who gave it knowingly.
     */
    @Test
    void afterAHandoverTheLinksPagesNameTheSpecialistWhoTookTheTicketOver() {
        String from = specialist("hand", "王交出", "0576-8888 3101");
        String to = specialist("take", "李接手", "0576-8888 3102");
        String id = repliedTicketOf(from);
        String path = issueAs(from, id);
        Document before = get(path).html();
        assertThat(before.getElementById("contact").text()).contains("王交出", "电话 0576-8888 3101");

        Api.Response moved = api.post("/api/accounts/" + from + "/handover", "admin", Map.of("to", to));
        assertThat(moved.json().get("tickets").asInt()).as(moved.text()).isEqualTo(1);

        Answer live = get(path);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.html().getElementById("contact").text()).contains("请直接联系工作人员李接手", "电话 0576-8888 3102");
        assertThat(live.html().select("#contact a.phone").attr("href")).isEqualTo("tel:0576-88883102");
        assertThat(live.html().getElementById("whoAsks").text()).contains("工作人员李接手请您看一看答复");
        assertThat(live.body()).doesNotContain("王交出", "0576-8888 3101", from, to);

        Api.Response byOffice = api.post("/api/tickets/" + id + "/feedback-link", "dispatch", null);
        assertThat(byOffice.status()).as(byOffice.text()).isEqualTo(201);
        String newer = byOffice.json().get("url").asText();
        Answer replaced = get(path);
        assertThat(replaced.html().getElementById("replaced")).isNotNull();
        assertThat(replaced.html().getElementById("contact").text()).contains("李接手", "电话 0576-8888 3102")
                .doesNotContain("王交出");
        assertThat(get(newer).html().getElementById("contact").text()).contains("陈静").doesNotContain("李接手");

        assertThat(post(newer, "satisfaction", "SATISFIED").status()).isEqualTo(200);
        assertThat(get(newer).html().getElementById("contact").text()).as("spent").contains("陈静");
        Answer closed = get(path);
        assertThat(closed.status()).isEqualTo(410);
        assertThat(closed.html().getElementById("ticketClosed")).isNotNull();
        assertThat(closed.html().getElementById("contact").text()).as("moved on").contains("李接手")
                .doesNotContain("王交出");
    }

    /**
     * The person who gave out the link left (their account disabled): its pages name the specialist who reported the
     * ticket and follows it; once that account is disabled too, no one by name and no telephone, as for a person
     * without a name. Until then the one who gave it out, though not the ticket's reporter.
     */
    @Test
    void afterTheIssuerLeavesTheLinksPagesNameTheTicketsReporterElseNoOne() {
        String reporter = specialist("rep", "赵上报", "0576-8888 3201");
        String issuer = specialist("give", "钱发链", "0576-8888 3202");
        String id = repliedTicketOf(reporter);
        String first = issueAs(issuer, id);
        Document untouched = get(first).html();
        assertThat(untouched.getElementById("contact").text()).contains("钱发链", "电话 0576-8888 3202")
                .doesNotContain("赵上报");
        assertThat(untouched.getElementById("whoAsks").text()).contains("钱发链");

        disable(issuer);
        Answer left = get(first);
        assertThat(left.status()).isEqualTo(200);
        assertThat(left.html().getElementById("contact").text()).contains("请直接联系工作人员赵上报", "电话 0576-8888 3201");
        assertThat(left.html().select("#contact a.phone").attr("href")).isEqualTo("tel:0576-88883201");
        assertThat(left.html().getElementById("whoAsks").text()).contains("工作人员赵上报请您看一看答复");
        assertThat(left.body()).doesNotContain("钱发链", "0576-8888 3202");

        String second = issueAs(reporter, id);
        disable(reporter);
        for (Answer nobody : List.of(get(second), get(first))) {
            assertThat(nobody.html().getElementById("contact").text()).contains("联系为您服务的工作人员");
            assertThat(nobody.html().select("#contact a.phone")).isEmpty();
            assertThat(nobody.body()).doesNotContain("赵上报", "钱发链", "tel:");
        }
        assertThat(get(second).html().getElementById("whoAsks").text()).contains("为您服务的工作人员请您看一看答复");
    }

    // ------------------------------------------------------------------------------------------

    record Replied(String id, String creditCode, String town) {}

    record Answer(int status, Document html, String body, MockHttpServletResponse response) {}

    /** A CONTAINER ticket (transport) of a fresh enterprise in a town of its own, signed and replied. */
    private Replied repliedTicket() {
        String town = "回访镇" + Api.creditCode().substring(9);
        String code = api.enterprise("回访测试企业" + Api.creditCode().substring(12), town);
        String id = api.visit(code, List.of(Api.problem("CONTAINER", "测试问题 CONTAINER"))).get(0).get("id").asText();
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", RESOLVED);
        return new Replied(id, code, town);
    }

    /** A service specialist of the test's own, with a name and a telephone the enterprise's pages give. */
    private String specialist(String prefix, String name, String phone) {
        String user = prefix + Api.creditCode().substring(10).toLowerCase(Locale.ROOT);
        TestAccounts.create(accounts, user, name, phone, "STAFF", null, PASSWORD);
        return user;
    }

    /** A CONTAINER ticket this specialist reported at a visit to a fresh enterprise, signed and replied. */
    private String repliedTicketOf(String reporter) {
        Api.Response visit = api.perform(MockMvcRequestBuilders.post("/api/visits").accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_JSON).characterEncoding(StandardCharsets.UTF_8)
                .content(api.write(Map.of("enterpriseCreditCode", api.enterprise(), "problems",
                        List.of(Api.problem("CONTAINER", "测试问题 CONTAINER")))))
                .with(httpBasic(reporter, PASSWORD)), null);
        assertThat(visit.status()).as(visit.text()).isEqualTo(201);
        String id = visit.json().get("tickets").get(0).get("id").asText();
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", RESOLVED);
        return id;
    }

    private String issueAs(String user, String id) {
        Api.Response r = api.perform(MockMvcRequestBuilders.post("/api/tickets/" + id + "/feedback-link")
                .accept(MediaType.APPLICATION_JSON).with(httpBasic(user, PASSWORD)), null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("url").asText();
    }

    /** Disabled through /admin, in a session of its own (the warning it leaves for the next page is nobody's). */
    private void disable(String user) {
        assertThat(pages.post("/admin/accounts/" + user + "/disable", pages.freshSession("admin"), Pages.form())
                .status()).isEqualTo(303);
    }

    private String issue(String id) {
        Api.Response r = api.post("/api/tickets/" + id + "/feedback-link", "staff1", null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("url").asText();
    }

    private static String token(String path) {
        return path.substring("/f/".length());
    }

    private Answer get(String path) {
        return perform(MockMvcRequestBuilders.get(path), address);
    }

    /** Posts the phone page's form as the enterprise's phone does: no session, no CSRF token. */
    private Answer post(String path, String... namesAndValues) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).params(Pages.form(namesAndValues));
        return perform(request, address);
    }

    /**
     * As a browser answers it: a rating recorded (303 to its thanks) is followed to them with the receipt it set, so that
     * the answer is the page the phone shows; {@link #sent} is the answer to the post itself.
     */
    private Answer perform(MockHttpServletRequestBuilder request, String from) {
        Answer answer = sent(request, from);
        return answer.status() == 303 && answer.response().getRedirectedUrl().endsWith("/rated")
                ? sent(MockMvcRequestBuilders.get(answer.response().getRedirectedUrl())
                        .cookie(answer.response().getCookies()), from)
                : answer;
    }

    private Answer sent(MockHttpServletRequestBuilder request, String from) {
        try {
            MockHttpServletResponse response = mvc.perform(request.accept(MediaType.TEXT_HTML).with(r -> {
                r.setRemoteAddr(from);
                return r;
            })).andReturn().getResponse();
            String body = response.getContentAsString(StandardCharsets.UTF_8);
            return new Answer(response.getStatus(), Jsoup.parse(body), body, response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertGone(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(410);
        assertThat(answer.response().getContentType()).startsWith("text/html");
        // an enterprise's reader, not an operator: no status code in the words
        assertThat(answer.html().getElementById("errorTitle").text()).isEqualTo("链接已失效");
        assertThat(answer.body()).doesNotContain("Exception", "回访测试企业");
        assertThat(answer.html().title() + answer.html().text()).doesNotContain("回访");
    }

    private static void assertRefused(Api.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
    }

    private JsonNode ticket(String id) {
        Api.Response r = api.get("/api/tickets/" + id, "leader");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private JsonNode history(String id) {
        return api.get("/api/tickets/" + id + "/history", "leader").json();
    }

    private JsonNode lastEvent(String id) {
        JsonNode history = history(id);
        return history.get(history.size() - 1);
    }

    /** The ticket and its history as the leader reads them, and its links' rows. */
    private String snapshot(String id) {
        return ticket(id).toString() + history(id) + jdbc.sql("select * from feedback_link where ticket_id = ? order by id")
                .param(Long.valueOf(id)).query().listOfRows();
    }

    private String summary(String town) {
        Api.Response r = api.get("/api/stats/summary?town=" + town, "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.text();
    }

    /** The moment of the ticket's newest history event, the last written. */
    private Instant newestEventAt(long id) {
        return jdbc.sql("select at from ticket_event where ticket_id = ? order by id desc fetch first 1 rows only")
                .param(id).query(Timestamp.class).single().toInstant();
    }

    /** A moment column of the ticket's newest link. */
    private Instant linkMoment(String column, long id) {
        return jdbc.sql("select " + column + " from feedback_link where ticket_id = ? order by id desc fetch first 1 rows"
                + " only").param(id).query(Timestamp.class).single().toInstant();
    }

    private long linksOf(String id) {
        return jdbc.sql("select count(*) from feedback_link where ticket_id = ?").param(Long.valueOf(id))
                .query(Long.class).single();
    }
}
