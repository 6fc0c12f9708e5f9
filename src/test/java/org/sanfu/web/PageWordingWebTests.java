package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/**
 * What a person at the workbench meets when a form or a filter is wrong, found by a walk through the
 * pages: a page says it in words (choose one, a whole number, a date range the wrong way round), never
 * in the API's codes or a type's name, and never answers a browser with JSON.
 */
@SanfuTest
class PageWordingWebTests {

    @Autowired
    Api api;
    @Autowired
    Pages pages;

    @Test
    void aTabPastedIntoAPagesFilterAsksForTheSamePageWithASpaceWhileTheApiStillRefusesIt() {
        Pages.Answer pasted = pages.get("/tickets?q=招工\t难&town=海门", "staff1");
        assertThat(pasted.status()).isEqualTo(303);
        assertThat(URLDecoder.decode(pasted.redirect(), StandardCharsets.UTF_8)).isEqualTo("/tickets?q=招工 难&town=海门");
        assertThat(pages.get(pasted.redirect(), "staff1").status()).isEqualTo(200);

        Api.Response api = this.api.get("/api/tickets?q=招工\t难", "staff1");
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.firstFault().get("field").asText()).isEqualTo("q");
    }

    @Test
    void aPageAskedWithASlashAfterItsPathIsSentToThePageWhileTheApiKeepsItsExactPaths() {
        String code = api.enterprise();
        Pages.Answer slashed = pages.get("/enterprises/" + code + "/", "staff1");
        assertThat(slashed.status()).isEqualTo(301);
        assertThat(slashed.redirect()).isEqualTo("/enterprises/" + code);
        assertThat(pages.get(slashed.redirect(), "staff1").status()).isEqualTo(200);
        Pages.Answer withQuery = pages.get("/tickets/?status=CLOSED", "staff1");
        assertThat(withQuery.status()).isEqualTo(301);
        assertThat(withQuery.redirect()).isEqualTo("/tickets?status=CLOSED");

        assertThat(pages.get("/", "staff1").status()).as("the root is no trailing slash").isNotEqualTo(301);
        assertThat(this.api.get("/api/enterprises/" + code + "/", "staff1").status()).isEqualTo(404);
        assertThat(pages.get("/camunda/app/cockpit/default/", "admin").status())
                .as("Cockpit's own addresses end with a slash").isNotEqualTo(301);
    }

    @Test
    void aSelectLeftUnchosenSaysToChooseOneNotTheCodes() {
        String id = api.ticket("CONTAINER").get("id").asText();
        api.act(id, "sign", "transport", null);

        Pages.Answer refused = pages.post("/tickets/" + id + "/reply", "transport", Pages.form("resolution", "已协调"));
        assertThat(refused.status()).isEqualTo(400);
        Element form = refused.html().selectFirst("form[data-action=reply]");
        assertThat(form.select(".field[data-field=outcome] .field-error").text()).isEqualTo("请选择一项");
        assertThat(form.select("textarea[name=resolution]").text()).isEqualTo("已协调");

        // the API still names the values a client may send
        Api.Response viaApi = api.post("/api/tickets/" + id + "/reply", "transport", Map.of("resolution", "已协调"));
        assertThat(viaApi.firstFault().get("message").asText()).contains("RESOLVED", "PARTIAL");
    }

    @Test
    void aNumberFieldWithoutAWholeNumberSaysSoInWords() {
        String id = api.ticket("CONTAINER").get("id").asText();
        api.act(id, "sign", "transport", null);

        Pages.Answer refused = pages.post("/tickets/" + id + "/extend", "transport",
                Pages.form("workingDays", "1.5", "reason", " "));
        assertThat(refused.status()).isEqualTo(400);
        Element form = refused.html().selectFirst("form[data-action=extend]");
        assertThat(form.select(".field[data-field=workingDays] .field-error").text()).isEqualTo("请填写整数");
        assertThat(form.select(".field[data-field=reason] .field-error").text())
                .as("the other fault at once, not after the number is put right").isEqualTo("不能为空");
        assertThat(form.select("input[name=workingDays]").val()).isEqualTo("1.5");
    }

    @Test
    void aDateRangeTheWrongWayRoundIsNamedAsSuch() {
        Pages.Answer reversed = pages.get("/tickets?from=2026-12-01&to=2026-11-01", "leader");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.html().select(".field[data-field=to] .field-error").text()).isEqualTo("截止日期不能早于开始日期");

        Pages.Answer invalid = pages.get("/tickets?to=2026-13-01", "leader");
        assertThat(invalid.html().select(".field[data-field=to] .field-error").text()).startsWith("请填写有效日期");
    }

    @Test
    void aReplyHeldBackByACoDepartmentNamesItByItsNameInChinese() {
        String coHandled = api.ticket("CREDIT_INSURANCE").get("id").asText();
        api.act(coHandled, "sign", "commerce", null);
        Map<String, Object> reply = Map.of("resolution", "已办结", "outcome", "RESOLVED");

        Api.Response chinese = api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/tickets/" + coHandled + "/reply").contentType(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "zh-CN").content(api.write(reply)), "commerce");
        assertThat(chinese.status()).isEqualTo(409);
        assertThat(chinese.json().get("detail").asText()).contains("协办部门 金融办 尚未提交协办意见");

        Api.Response english = api.post("/api/tickets/" + coHandled + "/reply", "commerce", reply);
        assertThat(english.json().get("detail").asText()).contains("co-departments 金融办 have not contributed");

        // two of them: listed as Chinese lists words, with 、
        String twice = api.ticket("OTHER").get("id").asText();
        api.act(twice, "assign", "dispatch", Map.of("leadDepartment", "COMMERCE", "coDepartments", List.of("FINANCE", "HRSS")));
        api.act(twice, "sign", "commerce", null);
        Api.Response both = api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/tickets/" + twice + "/reply").contentType(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "zh-CN").content(api.write(reply)), "commerce");
        assertThat(both.status()).isEqualTo(409);
        assertThat(both.json().get("detail").asText()).contains("协办部门 金融办、人力社保局 尚未提交协办意见");
        assertThat(api.post("/api/tickets/" + twice + "/reply", "commerce", reply).json().get("detail").asText())
                .contains("co-departments 金融办, 人力社保局 have not contributed");
    }

    @Test
    void anActionsAddressOpenedInTheAddressBarSaysToUseTheButton() {
        String id = api.ticket("CONTAINER").get("id").asText();
        Pages.Answer opened = pages.get("/tickets/" + id + "/sign", "transport");
        assertThat(opened.status()).isEqualTo(405);
        assertThat(opened.html().select("#errorTitle").text()).isEqualTo("不能这样打开（405）");
        assertThat(opened.html().text()).doesNotContain("稍后再试");
        assertThat(opened.html().select("a#backToPage").attr("href")).isEqualTo("/tickets/" + id);
    }

    @Test
    void aRefusedSignInKeepsTheUserNameForTheNextTry() throws Exception {
        MvcResult wrong = pages.mvc().perform(formLogin("/login").user("staff1").password("wrong")).andReturn();
        assertThat(wrong.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        Cookie session = wrong.getResponse().getCookie("SANFU_SESSION");
        assertThat(session).isNotNull();

        String form = pages.mvc().perform(get("/login?error").cookie(session).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(form).select("input#username").val()).isEqualTo("staff1");
        String fresh = pages.mvc().perform(get("/login").accept(MediaType.TEXT_HTML))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(fresh).select("input#username").val()).isEmpty();
    }

    @Test
    void aFormPostedAfterItsSessionTimedOutAsksForANewSignInNotA403() throws Exception {
        String id = api.ticket("CONTAINER").get("id").asText();
        Cookie gone = new Cookie("SANFU_SESSION", java.util.Base64.getEncoder()
                .encodeToString("a-session-that-timed-out".getBytes(StandardCharsets.UTF_8)));
        var posted = pages.mvc().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/tickets/" + id + "/comment").cookie(gone).param("text", "补充说明").accept(MediaType.TEXT_HTML))
                .andReturn().getResponse();
        assertThat(posted.getStatus()).isEqualTo(303);
        assertThat(posted.getHeader("Location")).isEqualTo("/login?expired");
        assertThat(pages.get("/login?expired", (String) null).html().select("#sessionExpired").text())
                .contains("登录已超时");
        assertThat(api.get("/api/tickets/" + id + "/history", "leader").text()).doesNotContain("补充说明");
        // so is one whose cookie is garbled, or gone
        for (Cookie[] cookies : List.of(new Cookie[] {new Cookie("SANFU_SESSION", "bogus")}, new Cookie[0])) {
            var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .post("/tickets/" + id + "/comment").param("text", "补充说明").accept(MediaType.TEXT_HTML);
            var again = pages.mvc().perform(cookies.length == 0 ? request : request.cookie(cookies)).andReturn()
                    .getResponse();
            assertThat(again.getStatus()).isEqualTo(303);
            assertThat(again.getHeader("Location")).isEqualTo("/login?expired");
        }
        assertThat(api.get("/api/tickets/" + id + "/history", "leader").text()).doesNotContain("补充说明");

        // signed in again, the user is back on the page the form was on (its Referer), not at the start
        var fromThePage = pages.mvc().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/tickets/" + id + "/comment").cookie(gone).param("text", "补充说明").accept(MediaType.TEXT_HTML)
                .header("Host", "localhost").header("Referer", "http://localhost/tickets/" + id)).andReturn().getResponse();
        assertThat(fromThePage.getHeader("Location")).isEqualTo("/login?expired");
        Cookie kept = fromThePage.getCookie("SANFU_SESSION");
        assertThat(kept).as("a session keeps the way back").isNotNull();
        var signedIn = pages.mvc().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/login").cookie(kept).param("username", "staff1").param("password", "demo")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn().getResponse();
        assertThat(signedIn.getRedirectedUrl()).isEqualTo("/tickets/" + id);
        // a Referer of another site keeps nothing: the sign-in goes to the start as before
        var crossSite = pages.mvc().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/tickets/" + id + "/comment").param("text", "补充说明").accept(MediaType.TEXT_HTML)
                .header("Host", "localhost").header("Referer", "https://evil.example/tickets/" + id)).andReturn()
                .getResponse();
        assertThat(crossSite.getHeader("Location")).isEqualTo("/login?expired");
        var login = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login")
                .param("username", "staff1").param("password", "demo")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf());
        Cookie crossSiteSession = crossSite.getCookie("SANFU_SESSION");
        assertThat(pages.mvc().perform(crossSiteSession == null ? login : login.cookie(crossSiteSession)).andReturn()
                .getResponse().getRedirectedUrl()).isEqualTo("/");

        // signed in, a form without its token is still refused as a forgery would be
        assertThat(pages.postWithoutToken("/tickets/" + id + "/comment", "staff1", Pages.form("text", "补充说明"))
                .status()).isEqualTo(403);
    }
}
