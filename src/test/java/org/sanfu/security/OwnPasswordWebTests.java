package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanfu.Api;
import org.sanfu.LostRace;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.MultiValueMap;

/**
 * One's own password (docs/UI.md /account, docs/API.md POST /api/account/password): the page that says who one
 * is and changes it, its API twin, the change an administrator's password forces at the next page sign-in, the
 * sign-in page's lines for a forgotten password and a disabled account, and user names that differ only in case.
 * Accounts are fresh per test; every wrong password comes from an address of its own (the counts are shared).
 */
@SanfuTest
@ExtendWith(OutputCaptureExtension.class)
class OwnPasswordWebTests {

    private static final String FIRST = "set-by-admin-1";
    private static final String OWN = "my-own-secret-2";

    @Autowired
    Pages pages;
    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountAdministration administration;
    @Autowired
    LostRace race;
    @Autowired
    PasswordEncoder encoder;

    // --- helpers -------------------------------------------------------------------------------

    private int head(String path, MockHttpSession session) {
        try {
            return pages.mvc().perform(Pages.in(MockMvcRequestBuilders.head(path).accept(MediaType.TEXT_HTML), session))
                    .andReturn().getResponse().getStatus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An account an administrator created with the password {@link #FIRST}. */
    private String created(String role, String department) {
        String name = "own-" + UUID.randomUUID().toString().substring(0, 8);
        TestAccounts.create(administration, name, role, department, FIRST);
        return name;
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static String address() {
        return Pages.address();
    }

    private MockHttpSession signedIn(String user, String password) {
        return pages.signIn(user, password).orElseThrow(() -> new AssertionError(user + " could not sign in"));
    }

    /** Posts the page's form from this address, with its CSRF token. */
    private Pages.Answer change(MockHttpSession session, String address, String current, String fresh,
            String again) {
        MultiValueMap<String, String> form = Pages.form("currentPassword", current, "newPassword", fresh,
                "confirmPassword", again);
        MockHttpServletRequestBuilder post = MockMvcRequestBuilders.post("/account/password")
                .accept(MediaType.TEXT_HTML).contentType(MediaType.APPLICATION_FORM_URLENCODED).params(form);
        return answer(Pages.in(post, session).with(csrf()).with(from(address)));
    }

    /** The session cookie the last {@link #change} set: null when it set none. */
    private Cookie renewedCookie;

    /** The session as the browser goes on with it after a successful change: under the cookie it was given. */
    private MockHttpSession renewed() {
        assertThat(renewedCookie).as("a new session cookie after the change").isNotNull();
        return Pages.signedIn(renewedCookie);
    }

    private Pages.Answer answer(MockHttpServletRequestBuilder request) {
        try {
            var response = pages.mvc().perform(request).andReturn().getResponse();
            renewedCookie = response.getCookie("SANFU_SESSION");
            String body = response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            return new Pages.Answer(response.getStatus(), response.getRedirectedUrl(), org.jsoup.Jsoup.parse(body),
                    body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** POST /api/account/password with HTTP Basic as this user and password, from this address. */
    private Api.Response changeOverApi(String user, String password, String address, Object body) {
        MockHttpServletRequestBuilder post = MockMvcRequestBuilders.post("/api/account/password")
                .accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "zh-CN").content(body instanceof String s ? s : api.write(body))
                .with(from(address));
        if (user != null) {
            post.with(httpBasic(user, password));
        }
        return api.perform(post, null);
    }

    private int inbox(String user, String password) {
        return inbox(user, password, address());
    }

    private int inbox(String user, String password, String address) {
        return api.perform(MockMvcRequestBuilders.get("/api/inbox").accept(MediaType.APPLICATION_JSON)
                .with(httpBasic(user, password)).with(from(address)), null).status();
    }

    private String hash(String user) {
        return jdbc.sql("select password_hash from account where username = ?").param(user).query(String.class).single();
    }

    private boolean changeRequired(String user) {
        return jdbc.sql("select password_change_required from account where username = ?").param(user)
                .query(Boolean.class).single();
    }

    private static String fieldError(Document page, String field) {
        return page.select("[data-field=" + field + "] .field-error").text();
    }

    // --- the page ----------------------------------------------------------------------------------

    @Test
    void theNameInTheBarLeadsToTheAccountPageWhichSaysWhoOneIs() {
        Pages.Answer work = pages.get("/work", "finance");
        Element name = work.html().selectFirst("header.bar #signedInAs");
        assertThat(name).isNotNull();
        assertThat(name.tagName()).isEqualTo("a");
        assertThat(name.attr("href")).isEqualTo("/account");
        assertThat(name.text()).isEqualTo("刘洋（finance）");

        Pages.Answer account = pages.get("/account", "finance");
        assertThat(account.status()).isEqualTo(200);
        Document html = account.html();
        assertThat(html.select("#personName").text()).isEqualTo("刘洋");
        assertThat(html.select("#username").text()).isEqualTo("finance");
        assertThat(html.select("#role").text()).isEqualTo("部门");
        assertThat(html.select("#department").text()).isEqualTo("金融办");
        assertThat(html.select("#mustChange")).as("a demo account chose nothing, and is not asked").isEmpty();
        Element form = html.selectFirst("form#passwordForm");
        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.attr("action")).isEqualTo("/account/password");
        assertThat(form.select("input[name=_csrf]")).hasSize(1);
        assertThat(form.select("input[type=password]").eachAttr("name"))
                .containsExactly("currentPassword", "newPassword", "confirmPassword");
        assertThat(form.select("label").eachText()).containsExactly("当前密码", "新密码", "再次输入新密码");
        assertThat(html.select("h2").eachText()).contains("修改密码");

        Pages.Answer leader = pages.get("/account", "leader");
        assertThat(leader.html().select("#role").text()).isEqualTo("领导");
        assertThat(leader.html().select("#department")).as("only a department's account has one").isEmpty();

        Pages.Answer signedOut = pages.get("/account", (String) null);
        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(signedOut.redirect()).endsWith("/login");
    }

    @Test
    void aPersonChangesTheirPasswordAndTheOldOneSignsInNowhereWhileTheirOtherSessionsEnd() {
        String user = created("STAFF", null);
        MockHttpSession here = signedIn(user, FIRST);
        MockHttpSession elsewhere = signedIn(user, FIRST);
        assertThat(inbox(user, FIRST)).as("HTTP Basic, remembered from now on").isEqualTo(200);

        Pages.Answer changed = change(here, address(), FIRST, OWN, OWN);
        assertThat(changed.status()).as(changed.body()).isEqualTo(303);
        assertThat(changed.redirect()).isEqualTo("/account");
        MockHttpSession before = here;
        here = renewed();
        Pages.Answer oldCookie = pages.get("/work", before);
        assertThat(oldCookie.status()).as("this session's old id opens nothing").isEqualTo(302);
        assertThat(oldCookie.redirect()).endsWith("/login");
        Pages.Answer account = pages.get("/account", here);
        assertThat(account.status()).as("this session stays signed in").isEqualTo(200);
        assertThat(account.html().select("#flash").text()).isEqualTo("密码已修改");
        assertThat(account.html().select("#mustChange")).isEmpty();
        assertThat(pages.get("/work", here).status()).isEqualTo(200);

        Pages.Answer other = pages.get("/work", elsewhere);
        assertThat(other.status()).as("the other session ended").isEqualTo(302);
        assertThat(other.redirect()).endsWith("/login");
        assertThat(inbox(user, FIRST)).as("the remembered check falls through").isEqualTo(401);
        assertThat(inbox(user, OWN)).isEqualTo(200);
        assertThat(pages.signIn(user, FIRST)).isEmpty();
        assertThat(pages.signIn(user, OWN)).isPresent();
        assertThat(changeRequired(user)).isFalse();
    }

    @Test
    void eachFaultIsNamedByItsFieldAndNothingChanges() {
        String user = created("LEADER", null);
        MockHttpSession session = signedIn(user, FIRST);
        String before = hash(user);

        Pages.Answer blank = change(session, address(), "", "", "");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(fieldError(blank.html(), "currentPassword")).isEqualTo("请填写当前密码");
        assertThat(fieldError(blank.html(), "newPassword")).isEqualTo("请填写新密码");
        assertThat(fieldError(blank.html(), "confirmPassword")).isEmpty();
        assertThat(blank.html().select("#errorSummary").text()).isEqualTo("密码没有修改，请看标红的栏目。");

        Pages.Answer wrong = change(session, address(), "not-the-password", OWN, OWN);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(fieldError(wrong.html(), "currentPassword")).isEqualTo("当前密码不正确");
        assertThat(wrong.html().select("input[type=password]").eachAttr("value"))
                .as("no password is written back").allMatch(String::isEmpty);
        assertThat(wrong.body()).doesNotContain("not-the-password").doesNotContain(OWN);

        Pages.Answer shortOne = change(session, address(), FIRST, "short", "short");
        assertThat(fieldError(shortOne.html(), "newPassword")).isEqualTo("新密码至少 8 个字符");
        assertThat(fieldError(shortOne.html(), "currentPassword")).isEmpty();
        Pages.Answer tooLong = change(session, address(), FIRST, "密".repeat(25), "密".repeat(25));
        assertThat(fieldError(tooLong.html(), "newPassword")).isEqualTo("新密码最多 72 个字节（字母和数字各占 1 个，汉字占 3 个）");
        Pages.Answer differs = change(session, address(), FIRST, OWN, OWN + "x");
        assertThat(fieldError(differs.html(), "confirmPassword")).isEqualTo("两次输入的新密码不一致");
        Pages.Answer notAgain = change(session, address(), FIRST, OWN, "");
        assertThat(fieldError(notAgain.html(), "confirmPassword")).isEqualTo("请再次输入新密码");
        Pages.Answer same = change(session, address(), FIRST, FIRST, FIRST);
        assertThat(same.status()).isEqualTo(400);
        assertThat(fieldError(same.html(), "newPassword")).isEqualTo("新密码不能与当前密码相同");

        assertThat(hash(user)).as("nothing changed").isEqualTo(before);
        assertThat(changeRequired(user)).isTrue();
        assertThat(pages.get("/account", session).status()).as("still signed in").isEqualTo(200);
    }

    /**
     * One's own new password is held to the administrators' rule on control characters, on the page and over the API
     * (400 naming newPassword); a current password that holds one, set before the rule, is still the current one.
     */
    @Test
    void aNewPasswordWithAControlCharacterIsRefusedAndACurrentOneWithOneStillCounts() {
        String user = created("STAFF", null);
        MockHttpSession session = signedIn(user, FIRST);
        String before = hash(user);
        for (String control : List.of("\t", "\r\n", "\u0000", "\u001b", "\u007f", "\u009f")) {
            String fresh = "my-own" + control + "secret-2";
            Pages.Answer page = change(session, address(), FIRST, fresh, fresh);
            assertThat(page.status()).isEqualTo(400);
            assertThat(fieldError(page.html(), "newPassword")).isEqualTo("新密码不能含有控制字符（如制表符、换行符）或无效字符");
            assertThat(fieldError(page.html(), "confirmPassword")).isEmpty();
            Api.Response overApi = changeOverApi(user, FIRST, address(), Map.of("currentPassword", FIRST,
                    "newPassword", fresh));
            assertThat(overApi.status()).isEqualTo(400);
            assertThat(overApi.firstFault().get("field").asText()).isEqualTo("newPassword");
        }
        assertThat(hash(user)).as("nothing changed").isEqualTo(before);

        String old = "set\tbefore-the-rule";
        jdbc.sql("update account set password_hash = ? where username = ?")
                .params(encoder.encode(old), user).update();
        Api.Response done = changeOverApi(user, old, address(), Map.of("currentPassword", old, "newPassword", OWN));
        assertThat(done.status()).as(done.text()).isEqualTo(204);
        assertThat(inbox(user, OWN)).isEqualTo(200);
    }

    @Test
    void aWrongCurrentPasswordCountsAsAFailedSignInAndTheLockHoldsOnThePageToo() {
        String user = created("STAFF", null);
        MockHttpSession session = signedIn(user, FIRST);
        String here = address();
        for (int i = 0; i < 5; i++) {
            assertThat(change(session, here, "guess-" + i, OWN, OWN).status()).isEqualTo(400);
        }
        assertThat(inbox(user, FIRST, here)).as("locked from there, the right password included").isEqualTo(429);
        Pages.Answer locked = change(session, here, FIRST, OWN, OWN);
        assertThat(locked.status()).isEqualTo(400);
        assertThat(fieldError(locked.html(), "currentPassword")).startsWith("登录失败次数过多，已暂时锁定");
        assertThat(inbox(user, FIRST)).as("from another address").isEqualTo(200);

        administration.unlock(user);
        assertThat(change(session, here, FIRST, OWN, OWN).status()).isEqualTo(303);
        assertThat(inbox(user, OWN)).isEqualTo(200);
    }

    // --- the API twin --------------------------------------------------------------------------------

    @Test
    void overTheApiAnyPersonChangesTheirOwnPassword(CapturedOutput output) {
        String user = created("DEPT", "FINANCE");
        MockHttpSession page = signedIn(user, FIRST);
        Api.Response done = changeOverApi(user, FIRST, address(), Map.of("currentPassword", FIRST, "newPassword", OWN));
        assertThat(done.status()).as(done.text()).isEqualTo(204);
        assertThat(output.getOut()).as("logged as an administrator's new password is, never the password")
                .contains("Account '" + user + "' chose a new password").doesNotContain(OWN);
        assertThat(inbox(user, FIRST)).isEqualTo(401);
        assertThat(inbox(user, OWN)).isEqualTo(200);
        assertThat(pages.get("/work", page).status()).as("the page session ended").isEqualTo(302);
        assertThat(changeRequired(user)).as("no change asked at the next page sign-in").isFalse();
        assertThat(pages.get("/work", signedIn(user, OWN)).status()).isEqualTo(200);
    }

    @Test
    void overTheApiAFaultIs400NamingTheFieldInTheCallersLanguage() {
        String user = created("STAFF", null);
        String before = hash(user);
        Api.Response wrong = changeOverApi(user, FIRST, address(),
                Map.of("currentPassword", "not-it-at-all", "newPassword", OWN));
        assertThat(wrong.firstFault().get("field").asText()).isEqualTo("currentPassword");
        assertThat(wrong.firstFault().get("message").asText()).isEqualTo("当前密码不正确");
        Api.Response shortOne = changeOverApi(user, FIRST, address(),
                Map.of("currentPassword", FIRST, "newPassword", "short"));
        assertThat(shortOne.firstFault().get("field").asText()).isEqualTo("newPassword");
        assertThat(shortOne.firstFault().get("message").asText()).isEqualTo("新密码至少 8 个字符");
        Api.Response english = api.perform(MockMvcRequestBuilders.post("/api/account/password")
                .accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_JSON)
                .content(api.write(Map.of("currentPassword", FIRST, "newPassword", FIRST)))
                .with(httpBasic(user, FIRST)).with(from(address())), null);
        assertThat(english.firstFault().get("field").asText()).isEqualTo("newPassword");
        assertThat(english.firstFault().get("message").asText())
                .isEqualTo("the new password must differ from the current one");
        Api.Response missing = changeOverApi(user, FIRST, address(), Map.of("currentPassword", FIRST));
        assertThat(missing.firstFault().get("field").asText()).isEqualTo("newPassword");
        Api.Response number = changeOverApi(user, FIRST, address(), "{\"currentPassword\": 12345678, \"newPassword\": \"x\"}");
        assertThat(number.firstFault().get("field").asText()).isEqualTo("currentPassword");
        Api.Response notJson = changeOverApi(user, FIRST, address(), "[]");
        assertThat(notJson.firstFault().get("field").asText()).isEqualTo("body");
        assertThat(hash(user)).isEqualTo(before);
    }

    /** Every person may (the rest of this class); nobody signed out (401), and a channel's key is no person (403). */
    @Test
    void overTheApiAChannelsKeyGets403AndNoSignIn401() {
        Api.Response anonymous = changeOverApi(null, null, address(),
                Map.of("currentPassword", "demo", "newPassword", "whatever-1"));
        assertThat(anonymous.status()).isEqualTo(401);
        Api.Response channel = api.post("/api/channels", "admin", Map.of("code", "PW" + Long.toString(
                ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36).toUpperCase(), "name", "改密测试渠道"));
        assertThat(channel.status()).as(channel.text()).isEqualTo(201);
        Api.Response refused = api.perform(MockMvcRequestBuilders.post("/api/account/password")
                .accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_JSON)
                .header("X-Channel-Key", channel.json().get("key").asText())
                .content(api.write(Map.of("currentPassword", "x", "newPassword", "yyyyyyyyy"))), null);
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(refused.json().get("detail").asText()).isNotBlank();
        // and for a person the same path is there: 400 naming the field, not 404
        assertThat(changeOverApi("staff1", "demo", address(), Map.of("currentPassword", "demo")).firstFault()
                .get("field").asText()).isEqualTo("newPassword");
    }

    // --- the change an administrator's password forces ---------------------------------------------------

    @Test
    void anAccountTheAdministratorCreatedOnThePageMustChangeItsPasswordBeforeAnyOtherPage() {
        String user = "own-" + UUID.randomUUID().toString().substring(0, 8);
        Pages.Answer created = pages.post("/admin/accounts", "admin",
                Pages.form("username", user, "role", "STAFF", "password", FIRST));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        assertThat(changeRequired(user)).isTrue();

        MockHttpSession session = signedIn(user, FIRST);
        Pages.Answer home = pages.get("/", session);
        assertThat(home.status()).isEqualTo(302);
        assertThat(home.redirect()).isEqualTo("/account");
        Pages.Answer account = pages.get("/account", session);
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.html().select("#mustChange").text()).startsWith("请先修改密码");
        // the bar leads nowhere else meanwhile (each link would come back here): one's account and 退出 only
        assertThat(account.html().select("header.bar nav")).as("no 工作台, 登记走访, 事项, 企业").isEmpty();
        assertThat(account.html().select("header.bar .brand").text()).isEqualTo("三服务");
        assertThat(account.html().select("header.bar a.brand, header.bar .brand[href]")).as("三服务 leads to / too")
                .isEmpty();
        assertThat(account.html().select("header.bar #signedInAs, header.bar #signOut")).hasSize(2);
        Pages.Answer mismatched = change(session, address(), FIRST, OWN, OWN + "x");
        assertThat(mismatched.status()).isEqualTo(400);
        assertThat(mismatched.html().select("header.bar nav")).as("the form refused, still to be changed").isEmpty();
        // a HEAD of /account (a link checker, curl -I) is answered, not sent to /account again for ever
        assertThat(head("/account", session)).isEqualTo(200);
        assertThat(head("/work", session)).isEqualTo(302);
        for (String page : List.of("/work", "/tickets", "/enterprises", "/visits/new")) {
            Pages.Answer refused = pages.get(page, session);
            assertThat(refused.status()).as(page).isEqualTo(302);
            assertThat(refused.redirect()).as(page).isEqualTo("/account");
        }
        Pages.Answer form = pages.post("/visits", session, Pages.form("enterpriseCreditCode", "x"));
        assertThat(form.status()).as("a form elsewhere is not done").isEqualTo(303);
        assertThat(form.redirect()).isEqualTo("/account");
        assertThat(pages.get("/css/sanfu.css", session).status()).as("the pages' own files").isEqualTo(200);
        assertThat(pages.get("/session", session).status()).isEqualTo(204);
        assertThat(inbox(user, FIRST)).as("the API goes on working: machines use it").isEqualTo(200);

        assertThat(change(session, address(), FIRST, OWN, OWN).status()).isEqualTo(303);
        session = renewed();
        Document changed = pages.get("/account", session).html();
        assertThat(changed.select("#mustChange")).isEmpty();
        assertThat(changed.select("header.bar nav a").eachText()).containsExactly("工作台", "登记走访", "事项", "企业");
        assertThat(changed.select("header.bar a.brand").attr("href")).isEqualTo("/");
        assertThat(pages.get("/work", session).status()).isEqualTo(200);
        assertThat(pages.get("/tickets", session).status()).isEqualTo(200);
    }

    @Test
    void aNewPasswordFromTheAdministratorAsksForAChangeAgainAndSignOutStillWorks() {
        String user = created("LEADER", null);
        MockHttpSession first = signedIn(user, FIRST);
        assertThat(change(first, address(), FIRST, OWN, OWN).status()).isEqualTo(303);
        assertThat(changeRequired(user)).isFalse();

        Pages.Answer reset = pages.post("/admin/accounts/" + user + "/password", "admin", Pages.form("password", "reset-by-admin-3"));
        assertThat(reset.status()).isEqualTo(303);
        assertThat(changeRequired(user)).isTrue();
        MockHttpSession again = signedIn(user, "reset-by-admin-3");
        assertThat(pages.get("/", again).redirect()).isEqualTo("/account");
        Pages.Answer out = pages.post("/logout", again, Pages.form());
        assertThat(out.redirect()).isEqualTo("/login?logout");
    }

    @Test
    void theDemoAccountsAreNotAskedToChangeTheirPassword() {
        List<String> asked = jdbc.sql("select username from account where password_change_required = ? and username in "
                + "('staff1', 'staff2', 'dispatch', 'finance', 'leader', 'admin')").param(true).query(String.class).list();
        assertThat(asked).isEmpty();
        assertThat(pages.get("/work", "staff2").status()).isEqualTo(200);
    }

    // --- /login ----------------------------------------------------------------------------------------

    @Test
    void theSignInPageSaysWhomToAskForAForgottenPassword() {
        Pages.Answer login = pages.get("/login", (String) null);
        assertThat(login.html().select("#forgotPassword").text()).isEqualTo("忘记密码？请联系本单位的系统管理员重置。");
        assertThat(login.html().select("#accountDisabled")).isEmpty();
    }

    @Test
    void aSessionEndedByDisablingItsAccountLandsOnASignInPageThatSaysSo() {
        String user = created("LEADER", null);
        assertThat(change(signedIn(user, FIRST), address(), FIRST, OWN, OWN).status()).isEqualTo(303);
        MockHttpSession session = renewed();
        assertThat(pages.get("/", session).status()).isEqualTo(200);
        assertThat(pages.post("/admin/accounts/" + user + "/disable", "admin", Pages.form()).status()).isEqualTo(303);

        Pages.Answer ended = pages.get("/", session);
        assertThat(ended.status()).isEqualTo(303);
        assertThat(ended.redirect()).isEqualTo("/login?disabled");
        Pages.Answer login = pages.get(ended.redirect(), session);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.html().select("#accountDisabled").text()).isEqualTo("您的账号已停用，请联系系统管理员。");
        assertThat(pages.get("/work", session).redirect()).as("and the session stays ended").endsWith("/login");

        // at the form, a disabled account is answered as a wrong password: nothing tells a guesser it exists
        var refused = answer(MockMvcRequestBuilders.post("/login").param("username", user).param("password", OWN)
                .with(csrf()).with(from(address())));
        assertThat(refused.redirect()).isEqualTo("/login?error");
        var wrong = answer(MockMvcRequestBuilders.post("/login").param("username", "nobody-" + user)
                .param("password", OWN).with(csrf()).with(from(address())));
        assertThat(wrong.redirect()).isEqualTo(refused.redirect());
    }

    // --- user names by case ----------------------------------------------------------------------------

    @Test
    void aUserNameDifferingOnlyInCaseIsRefusedAndSignInStaysExactInCase() {
        String user = "zy.case" + UUID.randomUUID().toString().substring(0, 6);
        TestAccounts.create(administration, user, "STAFF", null, FIRST);
        Pages.Answer twin = pages.post("/admin/accounts", "admin",
                Pages.form("username", user.toUpperCase(), "role", "STAFF", "password", FIRST));
        assertThat(twin.status()).isEqualTo(400);
        assertThat(twin.html().select("#newAccount .field-error[data-field=username]").text())
                .isEqualTo("已有同名账号，请换一个用户名");
        assertThat(jdbc.sql("select count(*) from account where lower(username) = ?").param(user)
                .query(Long.class).single()).isEqualTo(1);

        assertThat(inbox(user, FIRST)).isEqualTo(200);
        assertThat(inbox(user.toUpperCase(), FIRST)).as("sign-in is exact in case").isEqualTo(401);
    }

    /** The account form sent twice at once (a double click) creates the account once and names the user name taken. */
    @Test
    void anAccountFormSentTwiceAtOnceCreatesOneAndTheLaterIsToldTheNameIsTaken() throws Exception {
        String user = "race" + UUID.randomUUID().toString().substring(0, 6);
        MockHttpSession admin = pages.session("admin");
        Pages.Answer later = race.loser("account", () -> TestAccounts.create(administration, user, "STAFF", null, FIRST),
                () -> pages.post("/admin/accounts", admin, Pages.form("username", user, "role", "LEADER",
                        "password", FIRST)));
        assertThat(later.status()).as(later.body()).isEqualTo(400);
        assertThat(later.html().select("#newAccount .field-error[data-field=username]").text())
                .isEqualTo("已有同名账号，请换一个用户名");
        assertThat(jdbc.sql("select role from account where username = ?").param(user).query(String.class).single())
                .isEqualTo("STAFF");
    }
}
