package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.calendar.WorkingDayCalendar;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * {@code /admin} (docs/UI.md, ADMIN only): accounts made, changed, disabled and given new passwords
 * through the page's forms, each change taking effect at once on the pages and on the API; the
 * enterprise CSV upload; the holiday calendar's years on file. Usernames are fresh per test.
 */
@SanfuTest
class AdminPagesTests {

    static final String HEADER = "creditCode,name,town,industry,exporter,key,specialist";

    @Autowired
    Pages pages;
    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    WorkingDayCalendar calendar;
    @LocalServerPort
    int port;

    @AfterEach
    void realTimeAgain() {
        ClockUtil.reset();
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String fresh(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Creates the account through the page's form as "admin"; answers the page redirected to. */
    private Pages.Answer create(String username, String role, String department, String password) {
        return done(pages.session("admin"), "/admin/accounts", Pages.form("username", username, "role", role,
                "department", department, "password", password));
    }

    /**
     * Posts a form that must succeed: 303 back to /admin, which is then opened as a browser would at
     * once (its message is kept in the session until then).
     */
    private Pages.Answer done(MockHttpSession session, String path, org.springframework.util.MultiValueMap<String,
            String> form) {
        Pages.Answer posted = pages.post(path, session, form);
        assertThat(posted.status()).as(posted.body()).isEqualTo(303);
        assertThat(posted.redirect()).isEqualTo("/admin");
        Pages.Answer admin = pages.get("/admin", session);
        assertThat(admin.status()).isEqualTo(200);
        return admin;
    }

    private Pages.Answer done(String path, org.springframework.util.MultiValueMap<String, String> form) {
        return done(pages.session("admin"), path, form);
    }

    /** The status of GET /api/inbox with HTTP Basic as this user and password. */
    private int api(String path, String user, String password) {
        return api.perform(MockMvcRequestBuilders.get(path).accept(MediaType.APPLICATION_JSON)
                .with(httpBasic(user, password)), null).status();
    }

    private Element card(Pages.Answer admin, String username) {
        Element card = admin.html().selectFirst("li.admin-account[data-username=" + username + "]");
        assertThat(card).as("the card of " + username).isNotNull();
        return card;
    }

    private boolean enabled(String username) {
        return jdbc.sql("select enabled from account where username = ?").param(username).query(Boolean.class).single();
    }

    private boolean exists(String username) {
        return jdbc.sql("select count(*) from account where username = ?").param(username).query(Long.class).single() > 0;
    }

    /** What the account's forms change: role, department, password, name and whether it is enabled. */
    private Map<String, Object> row(String username) {
        return jdbc.sql("select role, department, password_hash, display_name, enabled from account where username = ?")
                .param(username).query().singleRow();
    }

    private String role(String username) {
        return jdbc.sql("select role from account where username = ?").param(username).query(String.class).single();
    }

    // --- accounts ------------------------------------------------------------------------------

    @Test
    void anAdministratorCreatesADepartmentAccountThatSignsInOnThePagesAndTheApi() {
        String user = fresh("dept");
        String password = "海关-initial-1";
        Pages.Answer admin = create(user, "DEPT", "CUSTOMS", password);
        assertThat(admin.html().select("#flash").text()).contains("已创建账号 " + user).contains("部门");
        Element card = card(admin, user);
        assertThat(card.select(".role").text()).isEqualTo("部门");
        assertThat(card.select(".department").text()).isEqualTo("海关");
        assertThat(card.select(".status").text()).isEqualTo("已启用");
        Element office = card(admin, "dispatch");
        assertThat(office.select(".role").text()).isEqualTo("专班办公室");
        assertThat(office.select(".department")).as("its role names its department already").isEmpty();

        String hash = jdbc.sql("select password_hash from account where username = ?").param(user)
                .query(String.class).single();
        assertThat(hash).doesNotContain(password).startsWith("{bcrypt}");
        assertThat(encoder.matches(password, hash)).isTrue();
        assertThat(jdbc.sql("select department from account where username = ?").param(user).query(String.class)
                .single()).isEqualTo("CUSTOMS");

        MockHttpSession session = pages.signIn(user, password).orElseThrow();
        Pages.Answer work = pages.get("/work", session);
        assertThat(work.status()).isEqualTo(200);
        assertThat(work.html().select("#signedInAs").text()).as("no name given: the user name").isEqualTo(user);
        assertThat(api("/api/inbox", user, password)).isEqualTo(200);
        assertThat(api("/api/inbox", user, "wrong-password")).isEqualTo(401);
    }

    @Test
    void aPersonsNameIsShownWithTheAccountWhereverThePagesNameIt() {
        String user = fresh("staff");
        Pages.Answer admin = done("/admin/accounts", Pages.form("username", user, "displayName", " 林小芳 ",
                "role", "STAFF", "department", "", "password", "staff-password-1"));
        assertThat(card(admin, user).select(".display-name").text()).isEqualTo("林小芳");
        assertThat(admin.html().select("#flash").text()).as("the administrator's messages name the person too")
                .isEqualTo("已创建账号 林小芳（" + user + "），角色为服务专员。");
        MockHttpSession session = pages.signIn(user, "staff-password-1").orElseThrow();
        String code = api.enterprise();
        String ticket = api.perform(MockMvcRequestBuilders.post("/api/visits").contentType(MediaType.APPLICATION_JSON)
                .characterEncoding(StandardCharsets.UTF_8).accept(MediaType.APPLICATION_JSON)
                .content("{\"enterpriseCreditCode\":\"" + code + "\",\"visitedAt\":\"2026-11-30T09:00:00+08:00\","
                        + "\"problems\":[{\"category\":\"CONTAINER\",\"title\":\"舱位紧张\"}]}")
                .with(httpBasic(user, "staff-password-1")), null).json().get("tickets").get(0).get("id").asText();
        assertThat(pages.get("/tickets/" + ticket, session).html().select("#reporter").text())
                .isEqualTo("林小芳（" + user + "）");
        // the API keeps the account's user name
        assertThat(api.get("/api/tickets/" + ticket, "leader").json().get("reporter").asText()).isEqualTo(user);

        // another name, at once on the pages; none, the user name alone
        Pages.Answer renamed = done("/admin/accounts/" + user + "/name", Pages.form("displayName", "林晓芳"));
        assertThat(renamed.html().select("#flash").text()).isEqualTo("已将 " + user + " 的姓名改为“林晓芳”。");
        assertThat(pages.get("/tickets/" + ticket, session).html().select("#reporter").text())
                .isEqualTo("林晓芳（" + user + "）");
        assertThat(done("/admin/accounts/" + user + "/unlock", Pages.form()).html().select("#flash").text())
                .isEqualTo("已解锁 林晓芳（" + user + "）：该账号可以立即登录。");
        // 32 characters of any kind, those outside the BMP too (two UTF-16 units each; a 500 before V34)
        String rare = "𠮷".repeat(32);
        done("/admin/accounts/" + user + "/name", Pages.form("displayName", rare));
        assertThat(pages.get("/tickets/" + ticket, session).html().select("#reporter").text())
                .isEqualTo(rare + "（" + user + "）");
        Pages.Answer rareTooLong = pages.post("/admin/accounts/" + user + "/name", "admin",
                Pages.form("displayName", "𠮷".repeat(33)));
        assertThat(rareTooLong.status()).isEqualTo(400);
        assertThat(card(rareTooLong, user).select("form[data-form=name] .field-error").text()).isEqualTo("姓名最多 32 个字");
        done("/admin/accounts/" + user + "/name", Pages.form("displayName", "  "));
        assertThat(pages.get("/tickets/" + ticket, session).html().select("#reporter").text()).isEqualTo(user);

        // too long, or not text: refused by the field, nothing changed
        Pages.Answer tooLong = pages.post("/admin/accounts/" + user + "/name", "admin",
                Pages.form("displayName", "长".repeat(33)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(card(tooLong, user).select("form[data-form=name] .field-error").text()).isEqualTo("姓名最多 32 个字");
        assertThat(tooLong.html().select("#toAnswer").attr("href")).isEqualTo("#account-" + user);
        Pages.Answer hidden = pages.post("/admin/accounts/" + user + "/name", "admin",
                Pages.form("displayName", "林\u200e小芳"));
        assertThat(hidden.status()).isEqualTo(400);
        assertThat(jdbc.sql("select display_name from account where username = ?").param(user).query(String.class)
                .optional()).isEmpty();
        Pages.Answer newTooLong = pages.post("/admin/accounts", "admin", Pages.form("username", fresh("staff"),
                "displayName", "长".repeat(33), "role", "STAFF", "password", "staff-password-1"));
        assertThat(newTooLong.status()).isEqualTo(400);
        assertThat(newTooLong.html().select("#newAccount .field-error[data-field=displayName]").text())
                .isEqualTo("姓名最多 32 个字");
        assertThat(pages.post("/admin/accounts/" + user + "/name", "leader", Pages.form("displayName", "越权"))
                .status()).isEqualTo(403);
    }

    @Test
    void aNewPasswordWorksAtOnceAndTheOldOneStopsOnTheApiAndThePages() {
        String user = fresh("staff");
        create(user, "STAFF", "", "old-password-1");
        assertThat(api("/api/inbox", user, "old-password-1")).as("verified, and so remembered").isEqualTo(200);
        MockHttpSession open = pages.signIn(user, "old-password-1").orElseThrow();
        assertThat(pages.get("/work", open).status()).isEqualTo(200);

        Pages.Answer reset = done("/admin/accounts/" + user + "/password", Pages.form("password", "new-password-2"));
        assertThat(reset.html().select("#flash").text()).contains("已为 " + user + " 设置新密码");

        assertThat(api("/api/inbox", user, "old-password-1")).isEqualTo(401);
        assertThat(api("/api/inbox", user, "new-password-2")).isEqualTo(200);
        assertThat(pages.signIn(user, "old-password-1")).as("page sign-in with the old password").isEmpty();
        assertThat(pages.signIn(user, "new-password-2")).as("page sign-in with the new password").isPresent();
        Pages.Answer stale = pages.get("/work", open);
        assertThat(stale.status()).as("the session signed in with the old password ended").isEqualTo(302);
        assertThat(stale.redirect()).endsWith("/login");
    }

    @Test
    void aDisabledAccountSignsInNowhereAndItsOpenSessionStopsWorking() {
        String user = fresh("leader");
        create(user, "LEADER", "", "leader-password");
        assertThat(api("/api/stats/summary", user, "leader-password")).isEqualTo(200);
        MockHttpSession open = pages.signIn(user, "leader-password").orElseThrow();
        assertThat(pages.get("/", open).status()).isEqualTo(200);

        Pages.Answer admin = done("/admin/accounts/" + user + "/disable", Pages.form());
        assertThat(admin.html().select("#flash").text()).contains("已停用 " + user);
        assertThat(card(admin, user).attr("data-enabled")).isEqualTo("false");
        assertThat(card(admin, user).select(".status").text()).isEqualTo("已停用");
        assertThat(card(admin, user).select("details.action > summary").text()).as("it offers to enable, not disable")
                .isEqualTo("修改姓名、角色，重设密码，启用");
        assertThat(enabled(user)).isFalse();

        assertThat(api("/api/stats/summary", user, "leader-password")).as("API, password remembered").isEqualTo(401);
        assertThat(pages.signIn(user, "leader-password")).as("page sign-in").isEmpty();
        Pages.Answer stale = pages.get("/", open);
        assertThat(stale.status()).as("the open session").isEqualTo(302);
        assertThat(stale.redirect()).endsWith("/login");
        assertThat(pages.get("/work", open).status()).as("and it stays ended").isEqualTo(302);

        assertThat(done("/admin/accounts/" + user + "/enable", Pages.form()).html().select("#flash").text())
                .isEqualTo("已启用 " + user + "。");
        assertThat(enabled(user)).isTrue();
        assertThat(api("/api/stats/summary", user, "leader-password")).isEqualTo(200);
        assertThat(pages.signIn(user, "leader-password")).isPresent();
    }

    @Test
    void aChangedRoleTakesEffectInTheOpenSessionAndOnTheApi() {
        String user = fresh("staff");
        create(user, "STAFF", "", "staff-password");
        MockHttpSession open = pages.signIn(user, "staff-password").orElseThrow();
        assertThat(pages.get("/", open).redirect()).as("staff work at /work").isEqualTo("/work");
        assertThat(api("/api/stats/summary", user, "staff-password")).isEqualTo(403);

        Pages.Answer changed = done("/admin/accounts/" + user + "/role", Pages.form("role", "LEADER", "department", ""));
        assertThat(changed.html().select("#flash").text()).isEqualTo("已将 " + user + " 的角色改为领导。");
        assertThat(card(changed, user).select(".role").text()).isEqualTo("领导");
        assertThat(role(user)).isEqualTo("LEADER");

        assertThat(pages.get("/", open).status()).as("the leaders' dashboard, same session").isEqualTo(200);
        assertThat(api("/api/stats/summary", user, "staff-password")).isEqualTo(200);
    }

    @Test
    void theAdministratorsTopBarOffersNoWorkPageWhereNothingEverWaitsForThem() {
        assertThat(pages.get("/admin", "admin").html().select("header.bar nav a").eachAttr("href"))
                .contains("/admin", "/tickets").doesNotContain("/work");
        assertThat(pages.get("/tickets", "leader").html().select("header.bar nav a").eachAttr("href")).contains("/work");
    }

    @Test
    void noAdministratorDisablesOrDemotesThemselves() {
        String user = fresh("admin");
        create(user, "ADMIN", "", "admin-password");
        MockHttpSession second = pages.signIn(user, "admin-password").orElseThrow();

        Pages.Answer disableSelf = pages.post("/admin/accounts/" + user + "/disable", second, Pages.form());
        assertThat(disableSelf.status()).isEqualTo(409);
        assertThat(card(disableSelf, user).select(".field-error[data-field=enabled]").text())
                .isEqualTo("不能停用自己的账号，也不能取消自己的管理员角色");
        assertThat(enabled(user)).isTrue();

        Pages.Answer demoteSelf = pages.post("/admin/accounts/" + user + "/role", second,
                Pages.form("role", "LEADER", "department", ""));
        assertThat(demoteSelf.status()).isEqualTo(400);
        Element form = card(demoteSelf, user).selectFirst("form[data-form=role]");
        assertThat(form.select(".field-error[data-field=role]").text()).contains("不能停用自己的账号");
        assertThat(form.select("select[name=role] option[selected]").val()).as("typed value kept").isEqualTo("LEADER");
        assertThat(card(demoteSelf, user).selectFirst("details").hasAttr("open")).isTrue();
        assertThat(role(user)).isEqualTo("ADMIN");
        assertThat(pages.get("/admin", second).status()).as("still an administrator").isEqualTo(200);

        // another administrator may disable this one: it is not the last
        done("/admin/accounts/" + user + "/disable", Pages.form());
        assertThat(enabled(user)).isFalse();
        assertThat(pages.get("/admin", second).status()).as("its session ended").isEqualTo(302);
    }

    @Test
    void anInvalidFormCreatesNothingAndShowsTheChineseMessagesNextToTheFields() {
        String user = fresh("dept");
        Pages.Answer refused = pages.post("/admin/accounts", "admin", Pages.form("username", user, "role", "DEPT",
                "department", "", "password", "short"));
        assertThat(refused.status()).isEqualTo(400);
        Element form = refused.html().selectFirst("form#newAccount");
        assertThat(form.select(".field-error[data-field=department]").text()).isEqualTo("部门账号必须选择所属的办理部门");
        assertThat(form.select(".field-error[data-field=password]").text()).isEqualTo("密码至少 8 个字符");
        assertThat(form.select(".field-error[data-field=username]")).isEmpty();
        assertThat(form.select(".has-error select[name=department]")).hasSize(1);
        assertThat(form.select("input[name=username]").val()).as("typed value kept").isEqualTo(user);
        assertThat(form.select("select[name=role] option[selected]").val()).isEqualTo("DEPT");
        assertThat(form.select("input[name=password]").val()).as("never a password").isEmpty();
        assertThat(refused.body()).doesNotContain("short\"");
        assertThat(exists(user)).isFalse();
        // the form is far down the page: the top says so and links to it
        assertThat(refused.html().select("#answerSummary").text()).startsWith("未保存：新建账号有 2 处需要修改。");
        assertThat(refused.html().select("#toAnswer").attr("href")).isEqualTo("#newAccount");

        Pages.Answer dispatchIsNoHandlingDepartment = pages.post("/admin/accounts", "admin", Pages.form(
                "username", "staff1", "role", "DEPT", "department", "DISPATCH", "password", "long-enough"));
        assertThat(dispatchIsNoHandlingDepartment.status()).isEqualTo(400);
        Element again = dispatchIsNoHandlingDepartment.html().selectFirst("form#newAccount");
        assertThat(again.select(".field-error[data-field=username]").text()).isEqualTo("已有同名账号，请换一个用户名");
        assertThat(again.select(".field-error[data-field=department]").text()).isEqualTo("必须是已配置的办理部门之一");
        assertThat(role("staff1")).isEqualTo("STAFF");

        Pages.Answer noRole = pages.post("/admin/accounts", "admin", Pages.form("username", "bad name!",
                "role", "", "password", "long-enough"));
        assertThat(noRole.status()).isEqualTo(400);
        assertThat(noRole.html().select("#newAccount .field-error[data-field=role]").text()).isEqualTo("请选择角色");
        assertThat(noRole.html().select("#newAccount .field-error[data-field=username]").text())
                .startsWith("用户名只能用字母、数字");
    }

    @Test
    void aRoleChangeWithFaultsChangesNothingAndShowsTheMessageByTheField() {
        String user = fresh("staff");
        create(user, "STAFF", "", "staff-password");
        Pages.Answer refused = pages.post("/admin/accounts/" + user + "/role", "admin",
                Pages.form("role", "DEPT", "department", ""));
        assertThat(refused.status()).isEqualTo(400);
        Element form = card(refused, user).selectFirst("form[data-form=role]");
        assertThat(form.select(".field-error[data-field=department]").text()).isEqualTo("部门账号必须选择所属的办理部门");
        assertThat(form.select("select[name=role] option[selected]").val()).isEqualTo("DEPT");
        assertThat(role(user)).isEqualTo("STAFF");
        assertThat(refused.html().select("#answerSummary").text()).startsWith("未保存：修改角色（" + user + "）有 1 处需要修改。");
        assertThat(refused.html().select("#toAnswer").attr("href")).isEqualTo("#account-" + user);
        assertThat(refused.html().select("#account-" + user + " form[data-form=role]")).hasSize(1);

        Pages.Answer shortPassword = pages.post("/admin/accounts/" + user + "/password", "admin",
                Pages.form("password", "1234567"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(card(shortPassword, user).select("form[data-form=password] .field-error").text())
                .isEqualTo("密码至少 8 个字符");
        assertThat(pages.signIn(user, "staff-password")).as("the old password still works").isPresent();
    }

    @Test
    void theOperatorsToolsAreLinkedAndOpenInTheSameSignIn() {
        Document admin = pages.get("/admin", "admin").html();
        assertThat(admin.select("#operations #cockpitLink").attr("href")).isEqualTo("/camunda/app/cockpit/");
        String docs = admin.select("#operations #apiDocsLink").attr("href");
        assertThat(docs).isEqualTo("/swagger-ui.html");
        Pages.Answer opened = pages.get(docs, "admin");
        assertThat(opened.status()).as("no sign-in asked for again").isEqualTo(302);
        assertThat(opened.redirect()).endsWith("/swagger-ui/index.html");
        assertThat(pages.get(opened.redirect(), "admin").status()).isEqualTo(200);
    }

    @Test
    void theAdministratorsPageIsRefusedToEveryOtherRoleWithAChinesePage() {
        for (String user : List.of("leader", "dispatch", "staff1", "transport")) {
            Pages.Answer refused = pages.get("/admin", user);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.html().select("html").attr("lang")).isEqualTo("zh-CN");
            assertThat(refused.html().select("#errorTitle").text()).as(user).contains("无权访问");
            assertThat(refused.body()).doesNotContain("\"status\"");

            String name = fresh("x");
            Pages.Answer post = pages.post("/admin/accounts", user, Pages.form("username", name, "role", "ADMIN",
                    "password", "long-enough"));
            assertThat(post.status()).as(user).isEqualTo(403);
            assertThat(exists(name)).isFalse();
        }
        assertThat(pages.post("/admin/accounts/staff1/disable", "leader", Pages.form()).status()).isEqualTo(403);
        assertThat(enabled("staff1")).isTrue();
    }

    /** Every form on another's account, posted with its token by every other role: 403, and the account as it was. */
    @Test
    void everyAccountFormIsRefusedToEveryOtherRoleAndChangesNothing() {
        String user = fresh("staff");
        create(user, "STAFF", "", "staff-password-1");
        done("/admin/accounts/" + user + "/name", Pages.form("displayName", "原来的名字"));
        Map<String, Object> before = row(user);
        Map<String, org.springframework.util.MultiValueMap<String, String>> forms = Map.of(
                "role", Pages.form("role", "ADMIN", "department", ""),
                "password", Pages.form("password", "taken-over-password"),
                "name", Pages.form("displayName", "越权改名"),
                "disable", Pages.form());
        for (String other : List.of("leader", "dispatch", "staff1", "transport")) {
            forms.forEach((form, fields) -> {
                Pages.Answer refused = pages.post("/admin/accounts/" + user + "/" + form, other, fields);
                assertThat(refused.status()).as(other + " " + form).isEqualTo(403);
                assertThat(refused.html().select("#errorTitle").text()).as(other + " " + form).contains("无权访问");
            });
        }
        assertThat(row(user)).isEqualTo(before);
        assertThat(pages.signIn(user, "taken-over-password")).isEmpty();

        done("/admin/accounts/" + user + "/disable", Pages.form());
        Map<String, Object> disabled = row(user);
        for (String other : List.of("leader", "dispatch", "staff1", "transport")) {
            assertThat(pages.post("/admin/accounts/" + user + "/enable", other, Pages.form()).status()).as(other)
                    .isEqualTo(403);
        }
        assertThat(row(user)).isEqualTo(disabled);
        assertThat(enabled(user)).isFalse();
    }

    @Test
    void theImportIsRefusedToEveryOtherRoleAndFilesNothing() {
        for (String other : List.of("leader", "dispatch", "staff1", "transport")) {
            String code = Api.creditCode();
            Pages.Answer refused = pages.upload("/admin/enterprises/import", other, "file", "企业.csv",
                    (HEADER + "\n" + code + ",越权导入有限公司,上传镇,泵业,是,否,staff1\n").getBytes(StandardCharsets.UTF_8));
            assertThat(refused.status()).as(other).isEqualTo(403);
            assertThat(refused.html().select("#errorTitle").text()).as(other).contains("无权访问");
            assertThat(api.get("/api/enterprises/" + code, "leader").status()).as(other).isEqualTo(404);
        }
    }

    @Test
    void anUnknownAccountIsTheChinese404Page() {
        String nobody = fresh("nobody");
        for (String action : List.of("disable", "enable", "role", "password")) {
            Pages.Answer unknown = pages.post("/admin/accounts/" + nobody + "/" + action, "admin",
                    Pages.form("role", "STAFF", "password", "long-enough"));
            assertThat(unknown.status()).as(action).isEqualTo(404);
            assertThat(unknown.html().select("#errorTitle").text()).as(action).contains("未找到");
        }
        assertThat(exists(nobody)).isFalse();
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        String user = fresh("staff");
        Pages.Answer forged = pages.postWithoutToken("/admin/accounts", "admin", Pages.form("username", user,
                "role", "ADMIN", "password", "long-enough"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.html().select("#errorTitle").text()).contains("无权访问");
        assertThat(exists(user)).isFalse();

        create(user, "STAFF", "", "staff-password");
        assertThat(pages.postWithoutToken("/admin/accounts/" + user + "/disable", "admin", Pages.form()).status())
                .isEqualTo(403);
        assertThat(pages.postWithoutToken("/admin/accounts/" + user + "/password", "admin",
                Pages.form("password", "forged-password")).status()).isEqualTo(403);
        assertThat(enabled(user)).isTrue();
        assertThat(pages.signIn(user, "staff-password")).isPresent();
    }

    // --- the enterprise import -----------------------------------------------------------------

    @Test
    void theUploadFormIsMultipartAndCarriesTheToken() {
        Element form = pages.get("/admin", "admin").html().selectFirst("form#importForm");
        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.attr("enctype")).isEqualTo("multipart/form-data");
        assertThat(form.attr("action")).isEqualTo("/admin/enterprises/import");
        assertThat(form.select("input[type=file][name=file]")).hasSize(1);
        assertThat(form.select("input[type=hidden][name=_csrf]").val()).isNotBlank();
    }

    @Test
    void anUploadedCsvKeepsTheGoodLineAndListsTheBadOneInChinese() {
        String good = Api.creditCode();
        String town = "上传镇" + good.substring(12);
        String csv = HEADER + "\n" + good + ",上传测试有限公司," + town + ",泵业,是,否,staff1\n"
                + "123,坏代码公司," + town + ",泵业,true,false,staff1\n";
        Pages.Answer imported = pages.upload("/admin/enterprises/import", "admin", "file", "企业.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.html().select("#importCreated").text()).isEqualTo("1");
        assertThat(imported.html().select("#importUpdated").text()).isEqualTo("0");
        assertThat(imported.html().select("#importRejected").text()).isEqualTo("1");
        var rows = imported.html().select("#importErrors tbody tr");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).select("td.line").text()).isEqualTo("3");
        assertThat(rows.get(0).select("td.field").text()).isEqualTo("统一社会信用代码");
        assertThat(rows.get(0).select("td.message").text()).isEqualTo("必须是 18 个字符");
        assertThat(imported.html().select("#importErrors th").eachText()).containsExactly("行号", "字段", "问题");
        assertThat(imported.html().select("#answerSummary").text()).startsWith("企业导入完成：新建 1 家，更新 0 家，有误 1 行。");
        assertThat(imported.html().select("#toAnswer").attr("href")).isEqualTo("#importResult");

        Api.Response profile = api.get("/api/enterprises/" + good, "leader");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().get("town").asText()).isEqualTo(town);

        Pages.Answer again = pages.upload("/admin/enterprises/import", "admin", "file", "企业.csv",
                (HEADER + "\n" + good + ",上传测试有限公司（更名）," + town + ",泵业,是,否,\n").getBytes(StandardCharsets.UTF_8));
        assertThat(again.html().select("#importCreated").text()).isEqualTo("0");
        assertThat(again.html().select("#importUpdated").text()).isEqualTo("1");
        assertThat(again.html().select("#importErrors")).isEmpty();
    }

    @Test
    void anUploadThatIsNoCsvOfEnterprisesIsShownByTheFileField() {
        Pages.Answer noHeader = pages.upload("/admin/enterprises/import", "admin", "file", "x.csv",
                "name,town\n某公司,某镇\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(noHeader.html().select("#importForm .field-error[data-field=file]").text())
                .startsWith("表头：第 1 行必须是表头").contains("缺少：creditCode");

        Pages.Answer empty = pages.upload("/admin/enterprises/import", "admin", "file", "empty.csv", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.html().select("#importForm .field-error[data-field=file]").text())
                .isEqualTo("请选择要上传的 CSV 文件");

        Pages.Answer gbk = pages.upload("/admin/enterprises/import", "admin", "file", "gbk.csv",
                (HEADER + "\n").concat("某公司").getBytes(java.nio.charset.Charset.forName("GBK")));
        assertThat(gbk.status()).isEqualTo(400);
        assertThat(gbk.html().select("#importForm .field-error[data-field=file]").text()).contains("UTF-8");
    }

    /**
     * Over real HTTP, as a browser sends it (the servlet container parses the multipart body; MockMvc
     * does not): an upload works with the form's token, and one over the size limit is the Chinese 413
     * page, neither a 500 nor a misleading 403 for a token lost with the dropped parts.
     */
    @Test
    void overRealHttpAnUploadWorksAndOneOverTheLimitIsAChinesePage() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://127.0.0.1:" + port;
        String loginToken = Jsoup.parse(send(browser, HttpRequest.newBuilder(URI.create(base + "/login")).build())
                .body()).select("input[name=_csrf]").val();
        HttpResponse<String> signedIn = send(browser, HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("username=admin&password=demo&_csrf=" + loginToken)).build());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String token = Jsoup.parse(send(browser, HttpRequest.newBuilder(URI.create(base + "/admin")).build()).body())
                .select("#importForm input[name=_csrf]").val();

        String code = Api.creditCode();
        byte[] csv = (HEADER + "\n" + code + ",真上传有限公司,真上传镇,泵业,是,否,staff1\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> imported = send(browser, upload(base, token, csv));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(Jsoup.parse(imported.body()).select("#importCreated").text()).isEqualTo("1");
        assertThat(api.get("/api/enterprises/" + code, "leader").status()).isEqualTo(200);

        byte[] large = new byte[1536 * 1024];
        java.util.Arrays.fill(large, (byte) 'a');
        HttpResponse<String> tooLarge = send(browser, upload(base, token, large));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        var page = Jsoup.parse(tooLarge.body());
        assertThat(page.select("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(page.select("#errorTitle").text()).isEqualTo("内容太大（413）");
        assertThat(page.select(".flash.error").text()).contains("上限是 1 MB");
    }

    private static HttpRequest upload(String base, String token, byte[] file) {
        String boundary = "----sanfu" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"e.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + "/admin/enterprises/import"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "text/html")
                .POST(BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // --- the calendar --------------------------------------------------------------------------

    @Test
    void theCalendarListsTheYearsOnFileAndWarnsWhenNextYearsNoticeIsMissing() {
        Map<Integer, String> onFile = calendar.noticesOnFile();
        assertThat(onFile).isNotEmpty();
        int first = onFile.keySet().iterator().next();
        int last = onFile.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(onFile).as("the test needs two years in a row").containsKey(first + 1);

        ClockUtil.setCurrentTime(at(LocalDate.of(first, 6, 1)));
        Pages.Answer covered = pages.get("/admin", "admin");
        assertThat(covered.html().select("#yearsOnFile li").eachAttr("data-year"))
                .containsExactlyElementsOf(onFile.keySet().stream().map(String::valueOf).toList());
        assertThat(covered.html().select("#yearsOnFile li[data-year=" + last + "]").text()).contains(onFile.get(last));
        assertThat(covered.html().select("#thisYear").text()).isEqualTo(String.valueOf(first));
        assertThat(covered.html().select("#calendarWarning")).as("next year is on file").isEmpty();

        assertThat(covered.html().select("#calendarProvisional, #thisYearProvisional")).isEmpty();

        // the shipped file: 2026's notice is the last, 2027 is provisional (the law's days off) until its own
        assertThat(last).isEqualTo(2026);
        assertThat(calendar.provisionalYears()).containsOnlyKeys(2027);
        ClockUtil.setCurrentTime(at(LocalDate.of(last, 11, 20)));
        Pages.Answer provisional = pages.get("/admin", "admin");
        assertThat(provisional.html().select("#calendarWarning")).as("2027 is on file, if provisional").isEmpty();
        Element pending = provisional.html().selectFirst("#calendarProvisional");
        assertThat(pending).isNotNull();
        assertThat(pending.text()).contains("2027 年的节假日安排是暂定的", "没有调休上班日", "国务院办公厅", "config/holidays.yml");
        assertThat(provisional.html().select("#provisionalYears li").eachAttr("data-year")).containsExactly("2027");
        assertThat(provisional.html().select("#provisionalYears li").text()).contains("暂定", "待国务院办公厅通知",
                "全国年节及纪念日放假办法");
        assertThat(provisional.html().select("#yearsOnFile li[data-year=2027]")).as("not among the notices").isEmpty();

        ClockUtil.setCurrentTime(at(LocalDate.of(2027, 11, 20)));
        Pages.Answer missing = pages.get("/admin", "admin");
        Element warning = missing.html().selectFirst("#calendarWarning");
        assertThat(warning).as("next year is missing").isNotNull();
        assertThat(warning.select("#missingYear").text()).isEqualTo("2028");
        assertThat(warning.select("#holidaysFile").text()).isEqualTo("config/holidays.yml");
        assertThat(warning.text()).contains("国务院办公厅");
        assertThat(missing.html().select("#thisYearWarning")).as("2027 is provisional, not missing").isEmpty();
        assertThat(missing.html().selectFirst("#thisYearProvisional").text()).contains("今年（2027 年）的节假日安排是暂定的");
        assertThat(missing.html().select("#calendarProvisional")).isEmpty();
    }

    private static Date at(LocalDate day) {
        return Date.from(day.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)));
    }
}
