package org.sanfu.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

/** Signing in to the pages, each role's home, and /work as the inbox of the one signed in. */
@SanfuTest
class SignInAndWorkPageTests {

    @Autowired
    Pages pages;
    @Autowired
    Api api;
    @Autowired
    org.springframework.boot.autoconfigure.web.ServerProperties server;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;
    @Autowired
    org.sanfu.security.AccountAdministration accounts;
    @Autowired
    MessageSource messages;

    @Test
    void aPageWithoutASessionSendsToTheChineseSignInForm() {
        Pages.Answer work = pages.get("/work", (String) null);
        assertThat(work.status()).isEqualTo(302);
        assertThat(work.redirect()).endsWith("/login");

        Pages.Answer login = pages.get("/login", (String) null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.html().select("html").attr("lang")).isEqualTo("zh-CN");
        var form = login.html().selectFirst("form[method=post][action=/login]");
        assertThat(form).isNotNull();
        assertThat(form.select("input[name=username], input[name=password], input[name=_csrf]")).hasSize(3);
        assertThat(login.html().select("button").text()).isEqualTo("登录");
    }

    @Test
    void staffAndDepartmentsAreSentFromTheDashboardToTheirWork() {
        for (String user : List.of("staff1", "transport")) {
            Pages.Answer home = pages.get("/", user);
            assertThat(home.status()).as(user).isEqualTo(302);
            assertThat(home.redirect()).as(user).isEqualTo("/work");
        }
        for (String user : List.of("leader", "dispatch", "admin")) {
            assertThat(pages.get("/", user).status()).as(user).isEqualTo(200);
        }
    }

    @Test
    void dispatchIsOfferedToLogAnEntryNotAVisit() {
        String code = api.enterprise();
        // the office's recent list holds everyone's visits and its own entries: headed so, not 最近走访
        for (String[] user : List.of(new String[] {"dispatch", "登记诉求", "最近走访和诉求"},
                new String[] {"staff1", "登记走访", "最近走访"})) {
            var work = pages.get("/work", user[0]).html();
            assertThat(work.select("#newVisit").text()).as(user[0]).isEqualTo(user[1]);
            assertThat(work.select("#recentVisitsTitle").text()).as(user[0]).isEqualTo(user[2]);
            assertThat(work.select("nav a[href=/visits/new]").text()).as(user[0]).isEqualTo(user[1]);
            assertThat(pages.get("/enterprises/" + code, user[0]).html().select("#logVisit").text()).as(user[0])
                    .isEqualTo(user[1]);
        }
    }

    @Test
    void workListsTheTicketsTheUserCanActOnByQueueWithTheirTimeLeft() {
        String code = api.enterprise("台州工作台测试有限公司", "工作台镇");
        List<String> ids = api.visit(code, List.of(Api.problem("CONTAINER", "集装箱紧张"),
                Api.problem("FINANCING", "贷款难"))).stream().map(t -> t.get("id").asText()).toList();
        String container = ids.get(0);
        String financing = ids.get(1);
        api.act(financing, "sign", "finance", null);

        Pages.Answer transport = pages.get("/work", "transport");
        assertThat(transport.status()).isEqualTo(200);
        var toSign = transport.html().select("#queue-sign a.ticket[data-id=" + container + "]");
        assertThat(toSign).hasSize(1);
        assertThat(toSign.attr("href")).isEqualTo("/tickets/" + container);
        assertThat(toSign.select(".left").text()).matches("剩 \\d+(\\.\\d)? 个工作日");
        assertThat(transport.html().select("a.ticket[data-id=" + financing + "]")).isEmpty();

        Pages.Answer finance = pages.get("/work", "finance");
        assertThat(finance.html().select("#queue-reply a.ticket[data-id=" + financing + "]")).hasSize(1);

        api.act(financing, "reply", "finance", Map.of("resolution", "已对接银行", "outcome", "RESOLVED"));
        Pages.Answer staff = pages.get("/work", "staff1");
        assertThat(staff.html().select("#queue-feedback a.ticket[data-id=" + financing + "]")).hasSize(1);
        assertThat(staff.html().select("#newVisit").attr("href")).isEqualTo("/visits/new");
        assertThat(staff.html().select("#recentVisits")).hasSize(1);
        assertThat(staff.html().select("#recentVisits .card .title").eachText())
                .as("a visit by its enterprise's name").anyMatch(t -> t.endsWith("· 台州工作台测试有限公司"))
                .anyMatch(t -> t.matches("走访 #\\d+ · .*"))
                .noneMatch(t -> t.contains(code));
    }

    /**
     * A specialist follows the problems of a visit from its card, on /work and on the enterprise's profile alike:
     * how many tickets it made, how many are still with a department, wait for feedback, or are closed.
     */
    @Test
    void aVisitsCardSaysHowItsTicketsStandOnWorkAndOnTheProfileAlike() {
        Api.LoggedVisit visit = api.loggedVisit(List.of(Api.problem("CONTAINER", "集装箱紧张"),
                Api.problem("FINANCING", "贷款难"), Api.problem("LEGAL", "合同纠纷")));
        String replied = visit.ticketIds().get(1);
        String closed = visit.ticketIds().get(2);
        api.act(replied, "sign", "finance", null);
        api.act(replied, "reply", "finance", Map.of("resolution", "已对接银行", "outcome", "RESOLVED"));
        api.act(closed, "sign", "justice", null);
        api.act(closed, "reply", "justice", Map.of("resolution", "已安排律师", "outcome", "RESOLVED"));
        api.act(closed, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));

        String card = "a.card[href=/visits/" + visit.id() + "] .visit-tickets";
        String onWork = pages.get("/work", "staff1").html().select("#recentVisits " + card).text();
        assertThat(onWork).isEqualTo("事项 3 件 在办 1 待回访 1 已销号 1");
        assertThat(pages.get("/enterprises/" + visit.creditCode(), "staff1").html().select("#enterpriseVisits " + card)
                .text()).as("the profile says it as /work does").isEqualTo(onWork);

        Api.LoggedVisit none = api.loggedVisit(List.of());
        assertThat(pages.get("/work", "staff1").html().select("#recentVisits a.card[href=/visits/" + none.id()
                + "] .visit-tickets").text()).isEqualTo("未生成事项");
    }

    /** A card of 最近走访 is headed by its source (走访 #3, 座谈会 #3: docs/UI.md) and says it once, not again below. */
    @Test
    void aRecentVisitsCardNamesItsSourceOnce() {
        Api.LoggedVisit visit = api.loggedVisit(List.of(Api.problem("LEGAL", "合同纠纷")));
        String forum = api.visit(api.enterprise(), "FORUM", List.of(Api.problem("LEGAL", "合同纠纷"))).get(0)
                .get("visitId").asText();
        Document work = pages.get("/work", "staff1").html();
        for (Map.Entry<String, String> card : Map.of(visit.id(), "走访", forum, "座谈会").entrySet()) {
            Element shown = work.selectFirst("#recentVisits a.card[href=/visits/" + card.getKey() + "]");
            assertThat(shown).as(card.getValue()).isNotNull();
            assertThat(shown.select(".title").text()).startsWith(card.getValue() + " #" + card.getKey() + " · ");
            assertThat(shown.text().split(card.getValue(), -1)).as(shown.text()).hasSize(2);
        }
    }

    @Test
    void aDepartmentSeesItsTicketsThatWaitOnOthersApartFromItsInbox() {
        List<String> ids = threeOfTransport("台州等待环节测试有限公司");
        ids.forEach(id -> api.act(id, "sign", "transport", Map.of()));
        String sentUp = ids.get(0);
        String answered = ids.get(1);
        String handling = ids.get(2);
        api.act(sentUp, "escalate", "transport", Map.of("level", "CITY", "reason", "超出县级权限"));
        api.act(answered, "reply", "transport", Map.of("resolution", "已协调舱位", "outcome", "RESOLVED"));

        Document work = pages.get("/work", "transport").html();
        Element waiting = work.getElementById("waitingOnOthers");
        assertThat(waiting).isNotNull();
        assertThat(waiting.select(".waiting[data-status=ESCALATED] h3 .name").text()).isEqualTo("已上报");
        assertThat(waiting.select(".waiting[data-status=ESCALATED] p.next").text()).isEqualTo("等专班答复");
        assertThat(waiting.select(".waiting[data-status=ESCALATED] a[href=/tickets/" + sentUp + "]")).hasSize(1);
        assertThat(waiting.select(".waiting[data-status=REPLIED] h3 .name").text()).isEqualTo("已答复待回访");
        assertThat(waiting.select(".waiting[data-status=REPLIED] p.next").text()).isEqualTo("等企业评价；回访期限最近的在前");
        assertThat(waiting.select(".waiting[data-status=REPLIED] a[href=/tickets/" + answered + "]")).hasSize(1);
        assertThat(waiting.select("a[href=/tickets/" + handling + "]")).as("still in its inbox").isEmpty();
        assertThat(work.select("#queue-reply a[href=/tickets/" + handling + "]")).hasSize(1);
        // another department's tickets are not its own
        assertThat(pages.get("/work", "finance").html().select("#waitingOnOthers a[href=/tickets/" + sentUp + "]"))
                .isEmpty();
        assertThat(pages.get("/work", "staff1").html().getElementById("waitingOnOthers")).isNull();
    }

    /**
     * A ticket the department returned leaves its inbox while dispatch decides; given back, its sign deadline has
     * run on, so the department finds it under #waitingOnOthers until then, not by searching.
     */
    @Test
    void aDepartmentSeesTheTicketsItReturnedUntilDispatchDecides() {
        List<String> ids = threeOfTransport("台州退回待裁定测试有限公司");
        String returned = ids.get(0);
        api.act(returned, "return", "transport", Map.of("reason", "不属于本部门职责"));

        Element waiting = pages.get("/work", "transport").html().getElementById("waitingOnOthers");
        assertThat(waiting).isNotNull();
        Element group = waiting.selectFirst(".waiting[data-status=DISPATCHING]");
        assertThat(group).isNotNull();
        assertThat(group.select("a[href=/tickets/" + returned + "]")).hasSize(1);
        assertThat(group.select("h3 .name").text()).isEqualTo(statusOnItsPage(returned, "transport")).isEqualTo("待交办");
        assertThat(group.select("p.next").text()).isEqualTo("等专班办公室裁定退回：改派其他部门，或交回本部门签收，签收期限不因退回而顺延");
        assertThat(waiting.select("a[href=/tickets/" + ids.get(1) + "]")).as("still in its inbox").isEmpty();

        // given back: in its inbox to sign again, no longer waiting
        api.act(returned, "assign", "dispatch", Map.of("leadDepartment", "TRANSPORT"));
        Document work = pages.get("/work", "transport").html();
        assertThat(work.select("#waitingOnOthers a[href=/tickets/" + returned + "]")).isEmpty();
        assertThat(work.select("#queue-sign a[href=/tickets/" + returned + "]")).hasSize(1);
    }

    @Test
    void workNamesAStateAsTheTicketDoesWithWhoActsNextApart() {
        List<String> ids = threeOfTransport("台州状态名称测试有限公司");
        String sentUp = ids.get(0);
        String answered = ids.get(1);
        String supervised = ids.get(2);
        List.of(sentUp, answered).forEach(id -> api.act(id, "sign", "transport", Map.of()));
        api.act(sentUp, "escalate", "transport", Map.of("level", "CITY", "reason", "超出县级权限"));
        api.act(answered, "reply", "transport", Map.of("resolution", "已协调舱位", "outcome", "RESOLVED"));
        api.act(supervised, "supervise", "leader", Map.of("reason", "企业多次反映"));
        Map<String, String> ticketOf = Map.of("ESCALATED", sentUp, "REPLIED", answered, "SUPERVISION", supervised);

        // the department's own tickets in others' hands: each headed by the name the ticket's page gives its status
        Element waiting = pages.get("/work", "transport").html().getElementById("waitingOnOthers");
        assertThat(waiting).isNotNull();
        ticketOf.forEach((status, id) -> {
            Element group = waiting.selectFirst(".waiting[data-status=" + status + "]");
            assertThat(group).as(status).isNotNull();
            assertThat(group.select("a[href=/tickets/" + id + "]")).as(status).hasSize(1);
            assertThat(group.select("h3 .name").text()).as(status).isEqualTo(statusOnItsPage(id, "transport"))
                    .isEqualTo(messages.getMessage("label.status." + status, null, Locale.CHINA));
            assertThat(group.select("p.next").text()).as(status)
                    .isEqualTo(messages.getMessage("page.work.waiting." + status, givenBackRule(), Locale.CHINA));
        });
        assertThat(waiting.text()).doesNotContain("领导督办中", "待企业评价", "已上报，");

        // the queues of those who act on them: the same names, and what to do next beside them
        Map<String, String> queueOf = Map.of("rule", "leader", "escalation-reply", "dispatch", "feedback", "staff1");
        queueOf.forEach((action, user) -> {
            Element queue = queue(user, action);
            String id = queue.select("a.ticket").first().attr("data-id");
            assertThat(queue.select("h2 .name").text()).as(action).isEqualTo(statusOnItsPage(id, user));
            assertThat(queue.select("p.next").text()).as(action)
                    .isEqualTo(messages.getMessage("page.work.next." + action, givenBackRule(), Locale.CHINA));
            assertThat(queue.text()).as(action).doesNotContain("督办待裁决", "上报待专班答复");
        });
        assertThat(queue("leader", "rule").select("h2 .name").text()).isEqualTo("督办中");
    }

    @Test
    void theOfficesQueuesOfMoreThanOneStatusSayWhatItDecidesThere() {
        String code = api.enterprise("台州专班队列提示测试有限公司", "工作台镇");
        List<String> ids = api.visit(code, List.of(Api.problem("OTHER", "厂区门口道路积水"),
                Api.problem("CONTAINER", "订舱难"), Api.problem("CONTAINER", "拼箱难"))).stream().map(t -> t.get("id").asText()).toList();
        api.act(ids.get(1), "sign", "transport", Map.of());
        api.act(ids.get(1), "extend", "transport", Map.of("workingDays", 2, "reason", "等船期"));

        assertThat(queue("dispatch", "assign").select("p.next").text())
                .isEqualTo("请选定主办部门交办；被退回的，先看退回理由：改派其他部门即退回成立，交回原部门即退回不成立、签收期限不因退回而顺延。");
        assertThat(queue("dispatch", "approve-extension").select("p.next").text())
                .isEqualTo("请同意或不同意延期；不同意的，答复期限不变。");
        // a department's queues have their hints on the tickets' pages, not here
        assertThat(queue("transport", "sign").select("p.next")).isEmpty();
    }

    /** Three new tickets of one visit, each for transport to sign. */
    private List<String> threeOfTransport(String enterprise) {
        String code = api.enterprise(enterprise, "工作台镇");
        return api.visit(code, List.of(Api.problem("CONTAINER", "集装箱紧张"), Api.problem("CONTAINER", "拼箱难"),
                Api.problem("CONTAINER", "舱位少"))).stream().map(t -> t.get("id").asText()).toList();
    }

    /** The queue of the action on the user's /work, on whichever page of it the queue begins. */
    /** The argument every /work line takes: the rule a given-back ticket's line says (page.work.*). */
    private Object[] givenBackRule() {
        return new Object[] {messages.getMessage("ticket.rule.given-back-sign-deadline", null, Locale.CHINA)};
    }

    private Element queue(String user, String action) {
        for (int page = 0; ; page++) {
            Document work = pages.get("/work?page=" + page, user).html();
            Element queue = work.getElementById("queue-" + action);
            if (queue != null || work.select(".pager a").stream().noneMatch(a -> a.text().equals("下一页"))) {
                assertThat(queue).as(user + " " + action).isNotNull();
                return queue;
            }
        }
    }

    private String statusOnItsPage(String id, String user) {
        return pages.get("/tickets/" + id, user).html().select("#status").text();
    }

    @Test
    void anEmptyInboxSaysSoOnceWithoutAnOrderOfNothing() {
        // a staff member new to the county: no visit logged, so no feedback due
        String user = "new" + Api.creditCode().substring(12).toLowerCase(java.util.Locale.ROOT);
        TestAccounts.create(accounts, user, "STAFF", null, "Sanfu-New-Passw0rd!");
        pages.passwordChosen(user);
        Pages.Answer empty = pages.get("/work", pages.signIn(user, "Sanfu-New-Passw0rd!").orElseThrow());
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.html().select("#inboxEmpty").text()).isEqualTo("眼下没有需要您处理的事项。");
        assertThat(empty.html().select("main").text()).doesNotContain("共 0 件", "期限最近的在前");

        Pages.Answer full = pages.get("/work", "staff1");
        if (full.html().select("#inboxEmpty").isEmpty()) {
            assertThat(full.html().select("#inboxTotal").text()).matches("待办事项共 [1-9]\\d* 件，期限最近的在前。");
        }
    }

    @Test
    void afterSigningInTheUserLandsWhereTheyWereGoing() throws Exception {
        var refused = pages.mvc().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/tickets?status=CLOSED").accept(org.springframework.http.MediaType.TEXT_HTML))
                .andReturn().getResponse();
        assertThat(refused.getRedirectedUrl()).endsWith("/login");
        // the browser's new session, where the page it was going to is remembered
        var session = refused.getCookie("SANFU_SESSION");
        assertThat(session).isNotNull();
        var signedIn = pages.mvc().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/login").param("username", "leader").param("password", "demo").cookie(session)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn().getResponse();
        assertThat(signedIn.getRedirectedUrl()).endsWith("/tickets?status=CLOSED&continue");
    }

    /**
     * A page left open past the time-out still fetches its pictures (lazily): sign-in leads to the page the user was
     * going to, not to the last picture, whose request a browser marks as one (Sec-Fetch-Dest: image).
     */
    @Test
    void aPicturesRequestIsNotWhereSigningInLeads() throws Exception {
        var page = pages.mvc().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/tickets?status=CLOSED").accept(org.springframework.http.MediaType.TEXT_HTML)
                .header("Sec-Fetch-Dest", "document")).andReturn().getResponse();
        assertThat(page.getRedirectedUrl()).endsWith("/login");
        var session = page.getCookie("SANFU_SESSION");
        var picture = pages.mvc().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/tickets/1/attachments/1/view").header("Accept", "image/avif,image/webp,image/*,*/*;q=0.8")
                .header("Sec-Fetch-Dest", "image").cookie(session)).andReturn().getResponse();
        assertThat(picture.getRedirectedUrl()).endsWith("/login");
        var signedIn = pages.signInWith(Pages.sessionAfter(picture, session), "leader");
        assertThat(signedIn.getRedirectedUrl()).endsWith("/tickets?status=CLOSED&continue");

        // only a picture asked for without a session: sign-in leads home, not to the bare picture
        var alone = pages.mvc().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/tickets/1/attachments/1/view").header("Accept", "image/avif,image/webp,image/*,*/*;q=0.8")
                .header("Sec-Fetch-Dest", "image")).andReturn().getResponse();
        assertThat(pages.signInWith(alone.getCookie("SANFU_SESSION"), "leader").getRedirectedUrl())
                .doesNotContain("/attachments/");
    }

    /** Over real HTTP: the session cookie the browser gets, and the API staying without one. */
    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxAndTheApiMakesNoSession() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String base = "http://localhost:" + port;
        var login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String token = org.jsoup.Jsoup.parse(login.body()).select("input[name=_csrf]").val();
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        var signIn = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "username=staff1&password=demo&_csrf=" + java.net.URLEncoder.encode(token,
                                java.nio.charset.StandardCharsets.UTF_8)))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        String sessionCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(sessionCookie).startsWith("SANFU_SESSION=").contains("HttpOnly").contains("SameSite=Lax");

        var api = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/inbox"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "staff1:demo".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Set-Cookie")).as("the API is stateless").isEmpty();
        var pageWithoutSession = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/inbox"))
                .header("Cookie", sessionCookie.split(";")[0]).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(pageWithoutSession.statusCode()).as("a page session opens no API").isEqualTo(401);
    }

    @Test
    void theIdleTimeoutIsConfigured() {
        assertThat(server.getServlet().getSession().getTimeout()).isEqualTo(java.time.Duration.ofMinutes(30));
    }

    @Test
    void aWrongPasswordShowsTheFormAgainWithAChineseMessage() throws Exception {
        var answer = pages.mvc().perform(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestBuilders.formLogin("/login").user("staff1").password("wrong")).andReturn();
        assertThat(answer.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        Pages.Answer again = pages.get("/login?error", (String) null);
        assertThat(again.html().select("#loginError").text()).contains("用户名或密码不正确");
    }

    @Test
    void whatABrowserSendsWrongToAPageIsAnsweredWithAChinesePageNotJson() {
        Pages.Answer badPage = pages.get("/work?page=abc", "staff1");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.html().select("#errorTitle").text()).contains("请求有误");
        Pages.Answer formAddress = pages.get("/visits", "staff1");
        assertThat(formAddress.status()).isEqualTo(405);
        assertThat(formAddress.html().select("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(pages.get("/error", "staff1").status()).as("the error page asked for directly").isEqualTo(403);
        Pages.Answer unknown = pages.get("/no-such-page", "staff1");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.html().select("#errorTitle").text()).contains("未找到");
        assertThat(pages.get("/work?page=2147483647", "staff1").html().select(".pager a").eachText())
                .doesNotContain("下一页");
    }

    @Test
    void aPageRefusedToARoleIsAChinesePageNotJson() {
        Pages.Answer refused = pages.get("/admin", "transport");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html().select("#errorTitle").text()).contains("无权访问");
    }

    @Test
    void signingOutEndsTheSession() {
        var session = pages.freshSession("staff2");
        assertThat(pages.get("/work", session).status()).isEqualTo(200);
        assertThat(pages.post("/logout", session, Pages.form()).redirect()).isEqualTo("/login?logout");
        assertThat(pages.get("/work", session).status()).isEqualTo(302);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        var session = pages.freshSession("staff2");
        Pages.Answer forged = pages.postWithoutToken("/logout", session, Pages.form());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(pages.get("/work", session).status()).as("still signed in").isEqualTo(200);
    }
}
