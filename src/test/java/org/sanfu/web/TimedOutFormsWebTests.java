package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.stats.StoredRolls;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.MultiValueMap;

/**
 * A form posted after its session timed out is not taken, but what was typed is not lost either
 * (security.KeptForms): signed in again, in the same browser, the user is back on the form's page with
 * the form filled in as it was, once, to check and send again.
 */
@SanfuTest
class TimedOutFormsWebTests {

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StoredRolls rolls;

    @Test
    void aVisitFormPostedAfterItsSessionTimedOutComesBackFilledInAfterTheSignInAndIsNotSaved() throws Exception {
        String code = api.enterprise();
        int visitsBefore = api.get("/api/visits?enterprise=" + code, "staff1").json().path("total").asInt();
        // the form as it stands after 再添加一个问题: shown at /visits, which a GET does not answer
        MultiValueMap<String, String> typed = Pages.form("idempotencyKey", "kept-visit-key-1",
                "enterpriseCreditCode", code, "visitedAt", "2026-03-02T10:30", "source", "VISIT",
                "operatingStatus", "WATCH", "notes", "走访记录：订单排到六月，\n但集装箱订舱难。",
                "problems[0].category", "CONTAINER", "problems[0].title", "出口集装箱一箱难求",
                "problems[0].description", "三月的货柜还没订到", "problems[0].urgency", "URGENT",
                "problems[1].category", "FINANCING", "problems[1].title", "流动资金缺口 200 万",
                "problems[1].description", "", "enterprise", "宁波 港", "save", "save");
        MockHttpServletResponse posted = pages.postAfterTimeOut("/visits", "/visits", typed);
        assertThat(posted.getStatus()).isEqualTo(303);
        assertThat(posted.getHeader("Location")).isEqualTo("/login?expired");
        Cookie kept = posted.getCookie("SANFU_SESSION");
        assertThat(kept).isNotNull();

        Document login = html(pages.mvc().perform(get("/login?expired").cookie(kept).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse());
        assertThat(login.select("#sessionExpired").text()).contains("登录已超时").contains("您填写的内容已保留");

        MockHttpServletResponse signedIn = pages.signInWith(kept, "staff1");
        assertThat(signedIn.getRedirectedUrl()).as("the form's page, not the address it was posted to")
                .isEqualTo("/visits/new");
        Cookie session = Pages.sessionAfter(signedIn, kept);

        Document form = html(pages.mvc().perform(get("/visits/new").cookie(session).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse());
        assertThat(form.select("#formKept").text()).contains("已恢复").contains("还没有保存");
        assertThat(form.select("#enterpriseCreditCode").val()).isEqualTo(code);
        assertThat(form.select("#enterpriseWords").val()).as("the words looked up under 选择企业").isEqualTo("宁波 港");
        assertThat(form.select("#visitedAt").val()).isEqualTo("2026-03-02T10:30");
        assertThat(form.select("#operatingStatus option[selected]").val()).isEqualTo("WATCH");
        assertThat(form.select("#notes").first().wholeText()).isEqualTo("走访记录：订单排到六月，\n但集装箱订舱难。");
        assertThat(form.select("fieldset.problem")).hasSize(2);
        assertThat(form.select("#problems0-title").val()).isEqualTo("出口集装箱一箱难求");
        assertThat(form.select("#problems0-urgency option[selected]").val()).isEqualTo("URGENT");
        assertThat(form.select("#problems1-category option[selected]").val()).isEqualTo("FINANCING");
        assertThat(form.select("#problems1-title").val()).isEqualTo("流动资金缺口 200 万");
        assertThat(form.select("input[name=idempotencyKey]").val())
                .as("the key the form was posted with, which saved nothing").isEqualTo("kept-visit-key-1");
        assertThat(api.get("/api/visits?enterprise=" + code, "staff1").json().path("total").asInt())
                .as("nothing was saved").isEqualTo(visitsBefore);

        // it comes back once: the next visit form is a blank one
        Document again = html(pages.mvc().perform(get("/visits/new").cookie(session).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse());
        assertThat(again.select("#formKept")).isEmpty();
        assertThat(again.select("#notes").text()).isEmpty();
        assertThat(again.select("#enterpriseCreditCode").val()).isEmpty();
    }

    @Test
    void aFormPostedByABrowserThatLostItsSessionCookieAltogetherIsKeptToo() throws Exception {
        String code = api.enterprise();
        MockHttpServletResponse posted = pages.postWithoutSessionCookie("/visits", "/visits/new",
                Pages.form("enterpriseCreditCode", code, "visitedAt", "2026-03-02T10:30", "operatingStatus", "WATCH",
                        "notes", "浏览器重开后才点的保存"));
        assertThat(posted.getStatus()).isEqualTo(303);
        assertThat(posted.getHeader("Location")).isEqualTo("/login?expired");
        Cookie kept = posted.getCookie("SANFU_SESSION");
        assertThat(kept).as("a new session holds the form").isNotNull();
        Document login = html(pages.mvc().perform(get("/login?expired").cookie(kept).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse());
        assertThat(login.select("#sessionExpired").text()).contains("您填写的内容已保留");

        MockHttpServletResponse signedIn = pages.signInWith(kept, "staff1");
        assertThat(signedIn.getRedirectedUrl()).isEqualTo("/visits/new");
        Cookie session = Pages.sessionAfter(signedIn, kept);
        Document form = html(pages.mvc().perform(get("/visits/new").cookie(session).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse());
        assertThat(form.select("#formKept").text()).contains("已恢复").contains("还没有保存");
        assertThat(form.select("#enterpriseCreditCode").val()).isEqualTo(code);
        assertThat(form.select("#notes").first().wholeText()).isEqualTo("浏览器重开后才点的保存");
        assertThat(api.get("/api/visits?enterprise=" + code, "staff1").json().path("total").asInt()).isZero();
        Document again = html(pages.mvc().perform(get("/visits/new").cookie(session).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse());
        assertThat(again.select("#formKept")).as("once").isEmpty();
        assertThat(again.select("#notes").text()).isEmpty();
    }

    @Test
    void aReplyPostedAfterItsSessionTimedOutComesBackOpenOnTheTicketsPageAndIsNotTaken() throws Exception {
        String id = api.ticket("FINANCING").get("id").asText();
        api.act(id, "sign", "finance", null);
        MockHttpServletResponse posted = pages.postAfterTimeOut("/tickets/" + id + "/reply", "/tickets/" + id + "/reply",
                Pages.form("submission", "a-submission-of-the-lost-session", "outcome", "PARTIAL",
                        "resolution", "已协调两家银行，贴息贷款下周放款"));
        assertThat(posted.getHeader("Location")).isEqualTo("/login?expired");
        MockHttpServletResponse signedIn = pages.signInWith(posted.getCookie("SANFU_SESSION"), "finance");
        assertThat(signedIn.getRedirectedUrl()).isEqualTo("/tickets/" + id);

        Document page = html(pages.mvc().perform(get("/tickets/" + id)
                .cookie(Pages.sessionAfter(signedIn, posted.getCookie("SANFU_SESSION"))).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse());
        assertThat(page.select("#formKept").text()).contains("「答复」已恢复到下方表单").contains("还没有提交");
        assertThat(page.select("#refusal")).as("nothing was refused").isEmpty();
        assertThat(page.select("#action-reply").hasAttr("open")).isTrue();
        assertThat(page.select("#reply-resolution").text()).isEqualTo("已协调两家银行，贴息贷款下周放款");
        assertThat(page.select("#reply-outcome option[selected]").val()).isEqualTo("PARTIAL");
        assertThat(page.select("#action-reply input[name=submission]").val())
                .as("a key of this page, not the lost session's").isNotEqualTo("a-submission-of-the-lost-session");
        JsonNode ticket = api.get("/api/tickets/" + id, "finance").json();
        assertThat(ticket.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(ticket.path("resolution").isNull()).isTrue();
    }

    @Test
    void aKeptFormWhoseActionIsNoLongerOfferedShowsWhatWasTypedToCopy() throws Exception {
        String id = api.ticket("FINANCING").get("id").asText();
        api.act(id, "sign", "finance", null);
        MockHttpServletResponse posted = pages.postAfterTimeOut("/tickets/" + id + "/reply", "/tickets/" + id,
                Pages.form("outcome", "RESOLVED", "resolution", "我写的答复：已放款"));
        // while the user signs in again, a colleague replies
        api.act(id, "reply", "finance", Map.of("resolution", "同事的答复", "outcome", "RESOLVED"));
        MockHttpServletResponse signedIn = pages.signInWith(posted.getCookie("SANFU_SESSION"), "finance");
        Document page = html(pages.mvc().perform(get("/tickets/" + id)
                .cookie(Pages.sessionAfter(signedIn, posted.getCookie("SANFU_SESSION"))).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse());
        assertThat(page.select("#formKept").text()).contains("没有提交").contains("已不能办理");
        assertThat(page.select("#unsaved dd[data-field=resolution]").text()).isEqualTo("我写的答复：已放款");
        assertThat(page.select("#action-reply")).isEmpty();
    }

    @Test
    void aTalksRecordPostedAfterItsSessionTimedOutComesBackWithWhomItIsAbout() throws Exception {
        rolls.store("2004-06", List.of("TRANSPORT"), List.of()); // June 2004, used by no other test
        String note = "约谈要点：交通运输局三月签收超时，要求一周内整改 " + System.nanoTime();
        MockHttpServletResponse posted = pages.postAfterTimeOut("/talks",
                "/talks/new?month=2004-06&subjectKind=DEPARTMENT&subject=TRANSPORT", Pages.form("month", "2004-06",
                        "subjectKind", "DEPARTMENT", "subject", "TRANSPORT", "heldOn", "2004-07-02", "note", note));
        MockHttpServletResponse signedIn = pages.signInWith(posted.getCookie("SANFU_SESSION"), "leader");
        assertThat(signedIn.getRedirectedUrl()).isEqualTo("/talks/new");
        Document form = html(pages.mvc().perform(get("/talks/new")
                .cookie(Pages.sessionAfter(signedIn, posted.getCookie("SANFU_SESSION"))).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse());
        assertThat(form.select("#formKept").text()).contains("已恢复").contains("还没有保存");
        assertThat(form.select("#about").text()).isEqualTo("约谈对象：交通运输局（港航）（2004年6月 蜗牛店小二）");
        assertThat(form.select("input[name=month]").val()).isEqualTo("2004-06");
        assertThat(form.select("input[name=heldOn]").val()).isEqualTo("2004-07-02");
        assertThat(form.select("#note").text()).isEqualTo(note);
        assertThat(jdbc.sql("select count(*) from talk where note = ?").param(note).query(Long.class).single())
                .isZero();
    }

    @Test
    void aCorrectionOfAnEnterprisesFileComesBackOnItsFormAndANewEnterpriseOnTheNewOne() throws Exception {
        String code = api.enterprise("超时更正测试有限公司", "大溪镇");
        MockHttpServletResponse posted = pages.postAfterTimeOut("/enterprises/" + code, "/enterprises/" + code + "/edit",
                Pages.form("name", "超时更正测试（集团）有限公司", "town", "大溪镇", "industry", "泵业",
                        "exporter", "false", "exporter", "true", "key", "false", "specialist", "staff1"));
        MockHttpServletResponse signedIn = pages.signInWith(posted.getCookie("SANFU_SESSION"), "staff1");
        assertThat(signedIn.getRedirectedUrl()).isEqualTo("/enterprises/" + code + "/edit");
        Document form = html(pages.mvc().perform(get("/enterprises/" + code + "/edit")
                .cookie(Pages.sessionAfter(signedIn, posted.getCookie("SANFU_SESSION"))).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse());
        assertThat(form.select("#formKept").text()).contains("还没有保存");
        assertThat(form.select("#name").val()).isEqualTo("超时更正测试（集团）有限公司");
        assertThat(form.select("#industry").val()).isEqualTo("泵业");
        assertThat(form.select("#exporter").hasAttr("checked")).isTrue();
        assertThat(form.select("#creditCode").val()).isEqualTo(code);
        assertThat(api.get("/api/enterprises/" + code, "staff1").json().path("name").asText())
                .isEqualTo("超时更正测试有限公司");

        String newCode = Api.creditCode();
        MockHttpServletResponse filed = pages.postAfterTimeOut("/enterprises", "/enterprises/new",
                Pages.form("creditCode", newCode, "name", "超时新增测试有限公司", "town", "大溪镇"));
        MockHttpServletResponse again = pages.signInWith(filed.getCookie("SANFU_SESSION"), "staff1");
        assertThat(again.getRedirectedUrl()).isEqualTo("/enterprises/new");
        Document newForm = html(pages.mvc().perform(get("/enterprises/new")
                .cookie(Pages.sessionAfter(again, filed.getCookie("SANFU_SESSION"))).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse());
        assertThat(newForm.select("#creditCode").val()).isEqualTo(newCode);
        assertThat(newForm.select("#name").val()).isEqualTo("超时新增测试有限公司");
        assertThat(api.get("/api/enterprises/" + newCode, "staff1").status()).isEqualTo(404);
    }

    @Test
    void aSignInThatMayNotOpenTheFormsPageGoesHomeAndTheFormIsDroppedThere() throws Exception {
        String code = api.enterprise();
        MockHttpServletResponse posted = pages.postAfterTimeOut("/visits", "/visits/new",
                Pages.form("enterpriseCreditCode", code, "notes", "员工没来得及保存的走访记录"));
        Cookie kept = posted.getCookie("SANFU_SESSION");
        // a leader signs in at that terminal: home, not the visit form's 403
        MockHttpServletResponse leader = pages.signInWith(kept, "leader");
        assertThat(leader.getRedirectedUrl()).isEqualTo("/");
        Cookie leaderSession = Pages.sessionAfter(leader, kept);
        assertThat(pages.mvc().perform(get("/").cookie(leaderSession).accept(MediaType.TEXT_HTML)).andReturn()
                .getResponse().getStatus()).isEqualTo(200);
        // and the form is not left waiting for whoever signs in there next
        MockHttpServletResponse staff = pages.signInWith(leaderSession, "staff1");
        assertThat(staff.getRedirectedUrl()).isEqualTo("/");
        Document form = html(pages.mvc().perform(get("/visits/new").cookie(Pages.sessionAfter(staff, leaderSession))
                .accept(MediaType.TEXT_HTML)).andReturn().getResponse());
        assertThat(form.select("#formKept")).isEmpty();
        assertThat(form.select("#notes").text()).isEmpty();
    }

    @Test
    void aFormPostedFromAnotherSiteKeepsNothing() throws Exception {
        aFormPostedFromElsewhereKeepsNothing(Pages.TIMED_OUT, "https://evil.example/visits/new");
        // and without any cookie, as another site's post arrives from a browser (SANFU_SESSION is SameSite=Lax)
        aFormPostedFromElsewhereKeepsNothing(null, "https://evil.example/visits/new");
    }

    /**
     * A live session where no one is signed in (the sign-in form opened, which gives it a CSRF token) goes to sign in
     * again as a timed-out one does, and keeps no more: not another site's form, nor one with no Referer to say which
     * page of this site it was on.
     */
    @Test
    void aFormPostedInALiveSessionWhereNoOneIsSignedInFromElsewhereKeepsNothing() throws Exception {
        aFormPostedFromElsewhereKeepsNothing(aSessionOfTheSignInForm("/login"), "https://evil.example/visits/new");
        aFormPostedFromElsewhereKeepsNothing(aSessionOfTheSignInForm("/login"), null);
    }

    /**
     * A staff member signs out and leaves; a tab of theirs still open on the visit form is sent afterwards (by them
     * or by whoever comes next). The browser's session is then the one the sign-out led to (/login?logout): what was
     * typed is the signed-out person's, and the next person to sign in at that terminal does not get it back, nor
     * the way to its page; the post, as always, is not taken.
     */
    @Test
    void aFormPostedAfterASignOutKeepsNothingForWhoeverSignsInNext() throws Exception {
        String code = api.enterprise();
        Cookie staff1 = pages.signInWith(null, "staff1").getCookie("SANFU_SESSION");
        MockHttpServletResponse signedOut = pages.mvc().perform(post("/logout").cookie(staff1)
                .with(csrf()))
                .andReturn().getResponse();
        assertThat(signedOut.getRedirectedUrl()).isEqualTo("/login?logout");
        Cookie afterSignOut = aSessionOfTheSignInForm("/login?logout");

        MockHttpServletResponse posted = pages.postAfterTimeOut("/visits", "/visits/new",
                Pages.form("enterpriseCreditCode", code, "notes", "退出登录之前没保存的走访记录"), afterSignOut);
        assertThat(posted.getStatus()).isEqualTo(303);
        assertThat(posted.getHeader("Location")).isEqualTo("/login?expired");
        assertThat(api.get("/api/visits?enterprise=" + code, "staff1").json().path("total").asInt())
                .as("nothing saved").isZero();
        Cookie browser = Pages.sessionAfter(posted, afterSignOut);
        assertThat(html(pages.mvc().perform(get("/login?expired").cookie(browser).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse()).select("#sessionExpired").text()).contains("没有保存").doesNotContain("已保留");

        MockHttpServletResponse next = pages.signInWith(browser, "staff2");
        assertThat(next.getRedirectedUrl()).as("home, not the signed-out person's page").isEqualTo("/");
        Document form = html(pages.mvc().perform(get("/visits/new").cookie(Pages.sessionAfter(next, browser))
                .accept(MediaType.TEXT_HTML)).andReturn().getResponse());
        assertThat(form.select("#formKept")).isEmpty();
        assertThat(form.select("#notes").text()).isEmpty();
    }

    /** The cookie of the session that opening the sign-in form at this address makes (for its CSRF token). */
    private Cookie aSessionOfTheSignInForm(String address) throws Exception {
        MockHttpServletResponse login = pages.mvc().perform(get(address).accept(MediaType.TEXT_HTML)).andReturn()
                .getResponse();
        assertThat(login.getStatus()).isEqualTo(200);
        Cookie session = login.getCookie("SANFU_SESSION");
        assertThat(session).as("the sign-in form's session").isNotNull();
        return session;
    }

    private void aFormPostedFromElsewhereKeepsNothing(Cookie session, String referer) throws Exception {
        String code = api.enterprise();
        MockHttpServletRequestBuilder fromElsewhere = post("/visits").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.TEXT_HTML).header("Host", "localhost");
        if (referer != null) {
            fromElsewhere.header("Referer", referer);
        }
        MockHttpServletResponse posted = pages.mvc().perform((session == null ? fromElsewhere
                : fromElsewhere.cookie(session))
                .params(Pages.form("enterpriseCreditCode", code, "notes", "别处网站塞进来的内容"))).andReturn().getResponse();
        assertThat(posted.getHeader("Location")).isEqualTo("/login?expired");
        // the refusal's session (if one was made) keeps nothing of it
        Cookie cookie = posted.getCookie("SANFU_SESSION") != null ? posted.getCookie("SANFU_SESSION")
                : session == Pages.TIMED_OUT ? null : session;
        MockHttpServletRequestBuilder login = get("/login?expired").accept(MediaType.TEXT_HTML);
        assertThat(html(pages.mvc().perform(cookie == null ? login : login.cookie(cookie)).andReturn().getResponse())
                .select("#sessionExpired").text()).contains("没有保存").doesNotContain("已保留");
        MockHttpServletResponse signedIn = pages.signInWith(cookie, "staff1");
        assertThat(signedIn.getRedirectedUrl()).isEqualTo("/");
        Document form = html(pages.mvc().perform(get("/visits/new").cookie(Pages.sessionAfter(signedIn, cookie))
                .accept(MediaType.TEXT_HTML)).andReturn().getResponse());
        assertThat(form.select("#formKept")).isEmpty();
        assertThat(form.select("#notes").text()).isEmpty();
    }

    private static Document html(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).isEqualTo(200);
        return Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
    }
}
