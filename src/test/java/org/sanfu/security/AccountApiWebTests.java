package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Accounts over the API (API.md, Accounts): created as /admin's 新建账号 form creates them, through the same service
 * and its rules; listed, read, changed, given new passwords, disabled and enabled by an administrator's script, and by
 * nobody else.
 */
@SanfuTest
@ExtendWith(OutputCaptureExtension.class)
class AccountApiWebTests {

    private static final String PASSWORD = "Sanfu-Api-Passw0rd!";
    private static final AtomicInteger NAMES = new AtomicInteger();

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Pages pages;
    @Autowired
    Accounts stored;
    @Autowired
    PasswordEncoder encoder;

    @Test
    void anAdministratorCreatesAnAccountAsTheFormDoesAndReadsItAtItsLocation(CapturedOutput output) {
        String name = fresh("dept");
        // (addition) the department in any ASCII case, as the lists read a code: filed as the catalog writes it
        Map<String, Object> body = Map.of("username", " " + Api.fullWidth(name) + " ", "role", "DEPT",
                "department", "finance", "displayName", "张三", "phone", "0576-8888 1234", "password", PASSWORD);
        Api.Response created = api.post("/api/accounts", "admin", body);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        // the name as meant, as sign-in reads it: full-width letters and the spaces around them as typed by an IME
        assertThat(created.header("Location")).isEqualTo("/api/accounts/" + name);
        JsonNode account = created.json();
        assertThat(account.get("username").asText()).isEqualTo(name);
        assertThat(account.get("role").asText()).isEqualTo("DEPT");
        assertThat(account.get("department").asText()).isEqualTo("FINANCE");
        assertThat(account.get("displayName").asText()).isEqualTo("张三");
        assertThat(account.get("phone").asText()).isEqualTo("0576-8888 1234");
        assertThat(account.get("enabled").asBoolean()).isTrue();
        assertThat(account.get("passwordChangeRequired").asBoolean()).as("the person chooses their own").isTrue();
        assertThat(account.get("lockedUntil").isNull()).isTrue();
        assertThat(account.get("lockedAddresses").asInt()).as("locked from no address").isZero();
        // never the password nor its hash
        assertThat(created.text()).doesNotContain(PASSWORD).doesNotContain("$2").doesNotContainIgnoringCase("hash")
                .doesNotContainIgnoringCase("password\"");

        Api.Response read = api.get(created.header("Location"), "admin");
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(account);
        assertThat(jdbc.sql("select password_change_required from account where username = ?").param(name)
                .query(Boolean.class).single()).isTrue();
        // logged as the form's creation is: by the same service, with who did it
        assertThat(output.getOut()).contains("Account '" + name + "' created by 'admin': DEPT of FINANCE");

        Api.Response list = api.get("/api/accounts?size=200", "admin");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("items").findValuesAsText("username")).contains("admin", "staff1", name);
        assertThat(list.text()).doesNotContain("$2").doesNotContainIgnoringCase("hash");
        assertThat(list.json().get("total").asLong()).isEqualTo(
                jdbc.sql("select count(*) from account").query(Long.class).single());
    }

    @Test
    void theNewAccountSignsInWithItsPasswordAtOnceAsAFormsAccountDoes() {
        String name = staffAccount("staff");
        assertThat(signIn(name, PASSWORD)).as("HTTP Basic is not held up by the password to change").isEqualTo(200);
        assertThat(signIn(name, "demo")).isEqualTo(401);
    }

    @Test
    void eachFieldAtFaultIsNamedAtOnceInTheRequestsLanguageAndNothingIsCreated() {
        int before = accounts();
        Api.Response none = api.post("/api/accounts", "admin", Map.of());
        assertThat(none.status()).as(none.text()).isEqualTo(400);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.json().get("errors").findValuesAsText("field")).containsExactly("username", "role", "password");
        assertThat(none.json().get("errors").findValuesAsText("message")).containsExactly("enter a user name",
                "choose a role: STAFF, DISPATCH, DEPT, LEADER or ADMIN", "enter a password");

        Map<String, Object> dept = new HashMap<>(Map.of("username", fresh("x"), "role", "DEPT", "password", "short"));
        Api.Response zh = api.perform(MockMvcRequestBuilders.post("/api/accounts").contentType(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "zh-CN").content(api.write(dept)), "admin");
        assertThat(zh.status()).isEqualTo(400);
        assertThat(zh.json().get("errors").findValuesAsText("field")).containsExactly("department", "password");
        assertThat(zh.json().get("errors").findValuesAsText("message"))
                .containsExactly("部门账号必须选择所属的办理部门", "密码至少 8 个字符");
        Api.Response en = api.post("/api/accounts", "admin", dept);
        assertThat(en.json().get("errors").findValuesAsText("message")).containsExactly(
                "a department account (DEPT) must have one of the handling departments",
                "a password has at least 8 characters");
        // a no-break space alone is no department: asked for, as a missing one is, not "unknown"
        dept.putAll(Map.of("department", "\u00a0", "password", PASSWORD));
        Api.Response noBreak = api.post("/api/accounts", "admin", dept);
        assertThat(noBreak.json().get("errors").findValuesAsText("message")).containsExactly(
                "a department account (DEPT) must have one of the handling departments");

        for (Object[] bad : new Object[][] {
                {Map.of("role", "STAFF", "department", "FINANCE"), "department"}, // refused, not dropped
                {Map.of("role", "DEPT", "department", "NOWHERE"), "department"},
                {Map.of("role", "DEPT", "department", "nowhere"), "department"},
                {Map.of("role", "DEPT", "department", "dispatch"), "department"}, // the office handles none
                {Map.of("role", "JANITOR"), "role"},
                {Map.of("username", "李四"), "username"},
                {Map.of("username", 42), "username"},
                {Map.of("password", "x".repeat(73)), "password"},
                {Map.of("displayName", "名".repeat(33)), "displayName"},
                {Map.of("phone", "call me"), "phone"}}) {
            Map<String, Object> body = new HashMap<>(Map.of("username", fresh("bad"), "role", "STAFF", "password",
                    PASSWORD));
            body.putAll((Map<String, ?>) bad[0]);
            Api.Response r = api.post("/api/accounts", "admin", body);
            assertThat(r.status()).as(body + ": " + r.text()).isEqualTo(400);
            assertThat(r.json().get("errors").findValuesAsText("field")).as(body.toString()).containsExactly((String) bad[1]);
        }
        assertThat(accounts()).isEqualTo(before);
    }

    /** A ticket's history names the service itself `system` (系统): no account may take the name, in any case or width. */
    @Test
    void theUserNameSystemIsRefusedInAnyCaseOrWidth() {
        int before = accounts();
        for (String name : List.of("system", "SYSTEM", "System", Api.fullWidth("system"), "\u00a0ｓｙｓｔｅｍ ")) {
            Api.Response r = api.post("/api/accounts", "admin", Map.of("username", name, "role", "STAFF",
                    "password", PASSWORD));
            assertThat(r.status()).as(name + ": " + r.text()).isEqualTo(400);
            assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly("username");
            assertThat(r.json().get("errors").get(0).get("message").asText()).as(name).contains("system");
        }
        assertThat(accounts()).isEqualTo(before);
        assertThat(api.post("/api/accounts", "admin", Map.of("username", "systems" + System.nanoTime() % 1000,
                "role", "STAFF", "password", PASSWORD)).status()).as("a longer name is anyone's").isEqualTo(201);
    }

    @Test
    void aUserNameTakenInAnyCaseOrWidthIs409AndNothingChanges() {
        String hash = jdbc.sql("select password_hash from account where username = 'staff1'").query(String.class).single();
        int before = accounts();
        for (String taken : List.of("staff1", "STAFF1", Api.fullWidth("staff1"), " staff1\u00a0")) {
            Api.Response r = api.post("/api/accounts", "admin", Map.of("username", taken, "role", "ADMIN",
                    "password", PASSWORD));
            assertThat(r.status()).as(taken + ": " + r.text()).isEqualTo(409);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asText()).contains("exists already");
        }
        // a fault besides is 400 first (API.md's order), the name named with the rest
        Api.Response both = api.post("/api/accounts", "admin", Map.of("username", "staff1", "role", "STAFF",
                "password", "short"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors").findValuesAsText("field")).containsExactly("username", "password");
        assertThat(accounts()).isEqualTo(before);
        assertThat(jdbc.sql("select role from account where username = 'staff1'").query(String.class).single())
                .isEqualTo("STAFF");
        assertThat(jdbc.sql("select password_hash from account where username = 'staff1'").query(String.class)
                .single()).isEqualTo(hash);
    }

    /**
     * Two administrators creating Zhang and zhang at once both pass the look for the name in any case (the password's
     * hashing lies between the look and the insert): the unique index on lower(username) (V56) lets one in, and the
     * other gets the look's 409. Each round starts both together; a few rounds, so that they do race.
     */
    @Test
    void racingCreationsOfOneNameInTwoCasesMakeOneAccountAndA409() throws Exception {
        for (int round = 0; round < 3; round++) {
            String name = "Zhang" + round + "x" + Long.toString(System.nanoTime() % 100000, 36);
            List<String> both = List.of(name, name.toLowerCase(Locale.ROOT));
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                List<Future<Api.Response>> answers = new ArrayList<>();
                for (String each : both) {
                    answers.add(two.submit(() -> {
                        start.await();
                        return api.post("/api/accounts", "admin", Map.of("username", each, "role", "STAFF",
                                "password", PASSWORD));
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                for (var answer : answers) {
                    Api.Response r = answer.get(60, TimeUnit.SECONDS);
                    statuses.add(r.status());
                    if (r.status() == 409) {
                        assertThat(r.json().get("detail").asText()).as(r.text()).contains("exists already");
                    }
                }
                assertThat(statuses).as(name).containsExactlyInAnyOrder(201, 409);
                assertThat(jdbc.sql("select count(*) from account where lower(username) = ?").param(both.get(1))
                        .query(Integer.class).single()).isEqualTo(1);
            } finally {
                two.shutdown();
            }
        }
    }

    /** One rule, one place: the form's account is the API's, logged alike, and its name taken for the API too. */
    @Test
    void theFormAndTheApiCreateThroughOneServiceAndLogAlike(CapturedOutput output) {
        String name = fresh("form");
        Pages.Answer form = pages.post("/admin/accounts", "admin", Pages.form("username", name, "role", "LEADER",
                "department", "", "password", PASSWORD, "displayName", "", "phone", ""));
        assertThat(form.status()).as(form.body()).isEqualTo(303);
        assertThat(output.getOut()).contains("Account '" + name + "' created by 'admin': LEADER");
        JsonNode account = api.get("/api/accounts/" + name, "admin").json();
        assertThat(account.get("role").asText()).isEqualTo("LEADER");
        assertThat(account.get("passwordChangeRequired").asBoolean()).isTrue();

        // the form shows a taken name by its field (400), the API answers the same refusal 409
        Api.Response again = api.post("/api/accounts", "admin", Map.of("username", name.toUpperCase(), "role", "STAFF",
                "password", PASSWORD));
        assertThat(again.status()).isEqualTo(409);
        Pages.Answer formAgain = pages.post("/admin/accounts", "admin", Pages.form("username", name.toUpperCase(),
                "role", "STAFF", "department", "", "password", PASSWORD));
        assertThat(formAgain.status()).isEqualTo(400);
        assertThat(formAgain.html().select("#newAccount .field-error[data-field=username]").text()).isEqualTo("已有同名账号，请换一个用户名");
    }

    @Test
    void onlyAnAdministratorOpensReadsAndClosesAccounts() {
        String name = staffAccount("kept");
        int before = accounts();
        Map<String, Object> body = Map.of("username", fresh("nobody"), "role", "ADMIN", "password", PASSWORD);
        for (String other : List.of("staff1", "dispatch", "finance", "leader")) {
            assertThat(api.post("/api/accounts", other, body).status()).as(other).isEqualTo(403);
            assertThat(api.get("/api/accounts", other).status()).as(other).isEqualTo(403);
            assertThat(api.get("/api/accounts/" + name, other).status()).as(other).isEqualTo(403);
            assertThat(api.post("/api/accounts/" + name + "/disable", other, null).status()).as(other).isEqualTo(403);
            assertThat(api.post("/api/accounts/" + name + "/enable", other, null).status()).as(other).isEqualTo(403);
            assertThat(api.post("/api/accounts/" + name + "/password", other, Map.of("password", "Other-Passw0rd"))
                    .status()).as(other).isEqualTo(403);
            assertThat(api.call(HttpMethod.PATCH, "/api/accounts/" + name, other, Map.of("role", "ADMIN")).status())
                    .as(other).isEqualTo(403);
            // an unknown account is 404 for every person first, as for unlock and handover
            assertThat(api.get("/api/accounts/no.such.one", other).status()).as(other).isEqualTo(404);
            assertThat(api.post("/api/accounts/no.such.one/password", other, "garbage").status()).as(other)
                    .isEqualTo(404);
            assertThat(api.call(HttpMethod.PATCH, "/api/accounts/no.such.one", other, "garbage").status()).as(other)
                    .isEqualTo(404);
        }
        assertThat(api.post("/api/accounts/" + name + "/password", null, Map.of("password", "Other-Passw0rd"))
                .status()).isEqualTo(401);
        assertThat(api.call(HttpMethod.PATCH, "/api/accounts/" + name, null, Map.of("role", "ADMIN")).status())
                .isEqualTo(401);
        assertThat(encoder.matches(PASSWORD, hash(name))).as("its password as it was").isTrue();
        assertThat(role(name)).isEqualTo("STAFF");
        assertThat(api.post("/api/accounts", null, body).status()).isEqualTo(401);
        assertThat(api.get("/api/accounts", null).status()).isEqualTo(401);
        assertThat(api.post("/api/accounts/" + name + "/disable", null, null).status()).isEqualTo(401);
        assertThat(accounts()).isEqualTo(before);
        assertThat(enabled(name)).isTrue();
    }

    @Test
    void anAdministratorDisablesAndEnablesAnAccountAsTheFormDoesAndKeepsAnAdministrator(CapturedOutput output) {
        String name = staffAccount("leaver");

        Api.Response disabled = api.post("/api/accounts/" + Api.fullWidth(name) + "/disable", "admin", null);
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(204);
        assertThat(enabled(name)).isFalse();
        assertThat(signIn(name, PASSWORD)).isEqualTo(401);
        assertThat(api.get("/api/accounts/" + name, "admin").json().get("enabled").asBoolean()).isFalse();
        assertThat(output.getOut()).contains("Account '" + name + "' disabled by 'admin'");

        Api.Response enabled = api.post("/api/accounts/" + name + "/enable", "admin", Map.of());
        assertThat(enabled.status()).as(enabled.text()).isEqualTo(204);
        assertThat(signIn(name, PASSWORD)).isEqualTo(200);
        assertThat(output.getOut()).contains("Account '" + name + "' enabled by 'admin'");

        // oneself: refused as the form refuses it, 409, and the account stays enabled
        Api.Response self = api.post("/api/accounts/admin/disable", "admin", null);
        assertThat(self.status()).as(self.text()).isEqualTo(409);
        assertThat(self.json().get("detail").asText()).contains("your own account");
        assertThat(enabled("admin")).isTrue();

        assertThat(api.post("/api/accounts/no.such.one/disable", "admin", null).status()).isEqualTo(404);
        assertThat(api.post("/api/accounts/" + name + "/disable", "admin", "[1]").status()).isEqualTo(400);
        assertThat(enabled(name)).as("nothing done on a 400").isTrue();
    }

    /**
     * An account's password is in no log line: not on its creation (201), not when the request is refused (400),
     * whether the password or another field is at fault or the body is no JSON the service reads, which a parser's
     * message would quote.
     */
    @Test
    void thePasswordIsNeverLogged(CapturedOutput output) {
        String password = "Never-Logged-" + Long.toString(System.nanoTime(), 36);
        Api.Response created = api.post("/api/accounts", "admin", Map.of("username", fresh("quiet"), "role", "STAFF",
                "password", password));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        for (Object body : List.of(
                Map.of("username", fresh("quiet"), "role", "JANITOR", "password", password),
                Map.of("username", fresh("quiet"), "role", "STAFF", "password", password + "x".repeat(72)),
                Map.of("username", "李四", "role", "STAFF", "password", password),
                "{\"username\":\"" + fresh("quiet") + "\",\"role\":\"STAFF\",\"password\":\"" + password + "\",}",
                "{\"username\":\"" + fresh("quiet") + "\",\"password\":\"" + password + "\",\"password\":\"" + password
                        + "\"}",
                "{\"username\":[\"" + password + "\"],\"role\":\"STAFF\",\"password\":\"" + password + "\"}")) {
            Api.Response refused = api.post("/api/accounts", "admin", body);
            assertThat(refused.status()).as(body + ": " + refused.text()).isEqualTo(400);
        }
        assertThat(output.getAll()).doesNotContain(password);
    }

    /**
     * Disabling an account disabled already, or enabling one enabled, changes nothing and says nothing: 204 as before,
     * and the log keeps the one line of the change, with who made it.
     */
    @Test
    void disablingOrEnablingAgainIs204AndLogsOnlyTheChange(CapturedOutput output) {
        String name = staffAccount("again");
        for (int i = 0; i < 2; i++) {
            assertThat(api.post("/api/accounts/" + name + "/disable", "admin", null).status()).isEqualTo(204);
        }
        assertThat(enabled(name)).isFalse();
        for (int i = 0; i < 2; i++) {
            assertThat(api.post("/api/accounts/" + name + "/enable", "admin", null).status()).isEqualTo(204);
        }
        assertThat(enabled(name)).isTrue();
        assertThat(api.post("/api/accounts/" + name + "/enable", "admin", null).status()).isEqualTo(204);
        assertThat(output.getOut().lines().filter(l -> l.contains("Account '" + name + "' disabled by 'admin'")))
                .hasSize(1);
        assertThat(output.getOut().lines().filter(l -> l.contains("Account '" + name + "' enabled by 'admin'")))
                .hasSize(1);
    }

    /**
     * Two administrators, the last two, disable each other at once: the request that comes second finds the other the
     * last enabled administrator and is refused 409, as the form refuses it, and the service keeps one. (Its caller
     * signed in before being disabled: the API's requests are not checked again as the pages' sessions are.)
     */
    @Test
    void disablingTheLastEnabledAdministratorIs409AndTheAccountStaysEnabled() {
        Api.Response last = whileAdminIsTheLast(MockMvcRequestBuilders.post("/api/accounts/admin/disable"));
        assertThat(last.status()).as(last.text()).isEqualTo(409);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(last.json().get("detail").asText()).contains("the last enabled administrator");
        assertThat(enabled("admin")).isTrue();
    }

    /**
     * This request as another administrator, signed in while it was enabled (the API's requests are not checked again
     * as the pages' sessions are), sent once it is disabled and the administrators other tests left enabled have
     * stepped aside (the tests share one database), so that admin is the last enabled administrator; they come back
     * after it.
     */
    private Api.Response whileAdminIsTheLast(MockHttpServletRequestBuilder request) {
        String other = fresh("admin");
        assertThat(api.post("/api/accounts", "admin", Map.of("username", other, "role", "ADMIN", "password", PASSWORD))
                .status()).isEqualTo(201);
        SanfuUser signedIn = SanfuUser.of(stored.find(other).orElseThrow());
        assertThat(api.post("/api/accounts/" + other + "/disable", "admin", null).status()).isEqualTo(204);
        List<String> aside = jdbc.sql("select username from account where role = 'ADMIN' and enabled = true "
                + "and username <> 'admin'").query(String.class).list();
        aside.forEach(a -> jdbc.sql("update account set enabled = false where username = ?").param(a).update());
        try {
            return api.perform(request.header("Accept-Language", "en").with(authentication(
                    UsernamePasswordAuthenticationToken.authenticated(signedIn, null, signedIn.getAuthorities()))),
                    null);
        } finally {
            aside.forEach(a -> jdbc.sql("update account set enabled = true where username = ?").param(a).update());
        }
    }

    /**
     * A new password set over the API does what the form's 设置新密码 does, through the same service: the old one
     * signs in nowhere from the next request on, the account's open page session ends, and its person chooses their
     * own at the next page sign-in (HTTP Basic is not held up). Logged with who set it; the password never.
     */
    @Test
    void anAdministratorSetsANewPasswordAsTheFormDoes(CapturedOutput output) {
        String name = staffAccount("reset");
        pages.passwordChosen(name);
        assertThat(signIn(name, PASSWORD)).as("verified, and so remembered").isEqualTo(200);
        MockHttpSession open = pages.signIn(name, PASSWORD).orElseThrow();
        assertThat(pages.get("/work", open).status()).isEqualTo(200);
        String password = "Reset-" + Long.toString(System.nanoTime(), 36);

        Api.Response reset = api.post("/api/accounts/" + Api.fullWidth(name) + "/password", "admin",
                Map.of("password", password));
        assertThat(reset.status()).as(reset.text()).isEqualTo(204);
        assertThat(reset.text()).isEmpty();

        assertThat(signIn(name, PASSWORD)).as("the old password, remembered before").isEqualTo(401);
        assertThat(signIn(name, password)).as("HTTP Basic is not held up by the password to change").isEqualTo(200);
        Pages.Answer stale = pages.get("/work", open);
        assertThat(stale.status()).as("the session signed in with the old password ended").isEqualTo(302);
        assertThat(stale.redirect()).endsWith("/login");
        JsonNode account = api.get("/api/accounts/" + name, "admin").json();
        assertThat(account.get("passwordChangeRequired").asBoolean()).as("its person chooses their own").isTrue();
        MockHttpSession again = pages.signIn(name, password).orElseThrow();
        assertThat(pages.get("/work", again).redirect()).as("to /account first, as after the form's").endsWith("/account");
        assertThat(output.getOut()).contains("Account '" + name + "' given a new password by 'admin'");
        assertThat(output.getAll()).doesNotContain(password);
    }

    /**
     * (Addition) An account made STAFF loses what its role gave it on its very next request, as it is still signed in:
     * over HTTP Basic with a password checked just before (VerifiedCredentials remembers the check, never the role), and
     * in its open page session (SignedInAccountCheck reads the account again); what a STAFF account may do, it still
     * does. One disabled is refused at once on both: 401, and its session ended, to /login?disabled.
     */
    @Test
    void aDemotedOrDisabledAccountLosesItsRightsOnItsNextRequest() {
        for (String role : List.of("DISPATCH", "LEADER")) {
            String name = account("demoted", role);
            pages.passwordChosen(name);
            assertThat(basic(name, "/api/stats/summary")).as(role + ", checked and remembered").isEqualTo(200);
            MockHttpSession open = pages.signIn(name, PASSWORD).orElseThrow();
            assertThat(pages.get("/systemic-problems", open).status()).as(role).isEqualTo(200);

            Api.Response staff = api.call(HttpMethod.PATCH, "/api/accounts/" + name, "admin", Map.of("role", "STAFF"));
            assertThat(staff.status()).as(staff.text()).isEqualTo(200);

            assertThat(basic(name, "/api/stats/summary")).as(role + " made STAFF, over HTTP Basic").isEqualTo(403);
            assertThat(pages.get("/systemic-problems", open).status()).as(role + " made STAFF, in its session")
                    .isEqualTo(403);
            assertThat(basic(name, "/api/inbox")).as("still signed in, as STAFF").isEqualTo(200);
            assertThat(pages.get("/visits/new", open).status()).as("a STAFF page, in the same session").isEqualTo(200);
        }

        String name = account("disabled", "LEADER");
        pages.passwordChosen(name);
        assertThat(basic(name, "/api/stats/summary")).isEqualTo(200);
        MockHttpSession open = pages.signIn(name, PASSWORD).orElseThrow();
        assertThat(pages.get("/systemic-problems", open).status()).isEqualTo(200);
        assertThat(api.post("/api/accounts/" + name + "/disable", "admin", null).status()).isEqualTo(204);
        assertThat(basic(name, "/api/stats/summary")).as("disabled, over HTTP Basic").isEqualTo(401);
        Pages.Answer ended = pages.get("/systemic-problems", open);
        assertThat(ended.status()).as("disabled, in its session").isEqualTo(303);
        assertThat(ended.redirect()).endsWith("/login?disabled");
        assertThat(pages.get("/work", open).redirect()).as("the session ended").endsWith("/login");
    }

    /**
     * (Addition) A STAFF account given another role keeps the enterprises it looks after until they are handed over:
     * the change's answer counts them ({@code enterprisesKept}), as /admin's form warns of them.
     */
    @Test
    void aRoleChangeCountsTheEnterprisesTheAccountStillLooksAfter() {
        String name = staffAccount("specialist");
        for (int i = 0; i < 2; i++) {
            api.enterpriseLookedAfterBy(name, "专员企业", "专员镇");
        }
        Api.Response dispatch = api.call(HttpMethod.PATCH, "/api/accounts/" + name, "admin", Map.of("role", "DISPATCH"));
        assertThat(dispatch.status()).as(dispatch.text()).isEqualTo(200);
        assertThat(dispatch.json().get("role").asText()).isEqualTo("DISPATCH");
        assertThat(dispatch.json().get("enterprisesKept").asLong()).isEqualTo(2);
    }

    /** By creation's rules, named as creation names them; nothing changes on a 400, and the password is not logged. */
    @Test
    void aNewPasswordFollowsCreationsRulesAndAFaultChangesNothing(CapturedOutput output) {
        String name = staffAccount("rules");
        pages.passwordChosen(name);
        String hash = hash(name);
        String secret = "Never-Logged-" + Long.toString(System.nanoTime(), 36);
        for (Object[] bad : new Object[][] {
                {Map.of(), "password", "enter a password"},
                {Map.of("password", "short"), "password", "a password has at least 8 characters"},
                {Map.of("password", secret + "x".repeat(72)), "password", null},
                {Map.of("password", 12345678), "password", null},
                // a field it does not take is named, not passed over
                {Map.of("newPassword", secret), "newPassword", null},
                {"[\"" + secret + "\"]", "body", null},
                {"{\"password\":\"" + secret + "\",}", "body", null},
                {"", "body", null}}) {
            Api.Response r = api.post("/api/accounts/" + name + "/password", "admin", bad[0]);
            assertThat(r.status()).as(bad[0] + ": " + r.text()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("errors").findValuesAsText("field")).as(bad[0].toString())
                    .containsExactly((String) bad[1]);
            if (bad[2] != null) {
                assertThat(r.json().get("errors").findValuesAsText("message")).containsExactly((String) bad[2]);
            }
            assertThat(r.text()).doesNotContain(secret);
        }
        assertThat(hash(name)).isEqualTo(hash);
        assertThat(api.get("/api/accounts/" + name, "admin").json().get("passwordChangeRequired").asBoolean())
                .isFalse();
        assertThat(api.post("/api/accounts/no.such.one/password", "admin", Map.of("password", PASSWORD)).status())
                .isEqualTo(404);
        assertThat(output.getAll()).doesNotContain(secret);
    }

    /**
     * A password with a control character is refused wherever an administrator sets one (creation, a new password),
     * 400 naming it, for each of C0 (a tab and line breaks among them), DEL and C1; the characters around those are
     * taken. Sign-in checks no such rule: a password stored before it signs in as it did.
     */
    @Test
    void aPasswordWithAControlCharacterIsRefusedAndOneStoredBeforeStillSignsIn() {
        String name = staffAccount("control");
        String hash = hash(name);
        for (String control : List.of("\t", "\n", "\r", "\u0000", "\u0001", "\u001f", "\u007f", "\u0080",
                "\u0085", "\u009f")) {
            String password = "Sanfu" + control + "Passw0rd";
            String what = String.format("U+%04X", control.codePointAt(0));
            Api.Response created = api.post("/api/accounts", "admin", Map.of("username", fresh("control"), "role",
                    "STAFF", "password", password));
            assertThat(created.status()).as(what + ": " + created.text()).isEqualTo(400);
            assertThat(created.json().get("errors").findValuesAsText("field")).as(what).containsExactly("password");
            Api.Response reset = api.post("/api/accounts/" + name + "/password", "admin", Map.of("password", password));
            assertThat(reset.status()).as(what + ": " + reset.text()).isEqualTo(400);
            assertThat(reset.json().get("errors").findValuesAsText("field")).as(what).containsExactly("password");
        }
        // a lone surrogate, which only JSON's escape can send: UTF-8 (and BCrypt) would take it for '?'
        for (String escaped : List.of("\\ud800", "\\udc00")) {
            Api.Response reset = api.perform(MockMvcRequestBuilders.post("/api/accounts/" + name + "/password")
                    .contentType(MediaType.APPLICATION_JSON).content("{\"password\": \"Sanfu" + escaped + "Passw0rd\"}"),
                    "admin");
            assertThat(reset.status()).as(escaped + ": " + reset.text()).isEqualTo(400);
            assertThat(reset.json().get("errors").findValuesAsText("field")).as(escaped).containsExactly("password");
        }
        assertThat(hash(name)).as("nothing set").isEqualTo(hash);
        Api.Response tab = api.post("/api/accounts/" + name + "/password", "admin", Map.of("password", "\t".repeat(8)));
        assertThat(tab.json().get("errors").findValuesAsText("message")).containsExactly(
                "a password cannot hold control characters (a tab, a line break, U+0000 to U+001F, U+007F to U+009F) or a lone surrogate");
        Api.Response zh = api.perform(MockMvcRequestBuilders.post("/api/accounts/" + name + "/password")
                .contentType(MediaType.APPLICATION_JSON).header("Accept-Language", "zh-CN")
                .content(api.write(Map.of("password", "Sanfu\nPassw0rd"))), "admin");
        assertThat(zh.json().get("errors").findValuesAsText("message")).containsExactly("密码不能含有控制字符（如制表符、换行符）或无效字符");

        // beside them: a space, a no-break space (U+00A0, just past C1), Chinese
        for (String taken : List.of("Sanfu Passw0rd", "Sanfu\u00a0Passw0rd", "三服务-Passw0rd")) {
            assertThat(api.post("/api/accounts/" + name + "/password", "admin", Map.of("password", taken)).status())
                    .as(taken).isEqualTo(204);
            assertThat(signIn(name, taken)).as(taken).isEqualTo(200);
        }

        // set before the rule: a hash stored as the service stores one
        String before = "Sanfu\tPassw0rd";
        jdbc.sql("update account set password_hash = ? where username = ?").params(encoder.encode(before), name).update();
        assertThat(signIn(name, before)).as("HTTP Basic").isEqualTo(200);
        assertThat(pages.signIn(name, before)).as("the sign-in form").isPresent();
    }

    /**
     * The person's name, telephone, role and department, any of them in one request, by the forms' rules and through
     * their service: read as the forms read them (a name loses the spaces at its ends, a telephone typed with a Chinese
     * input method is ASCII), answered as GET gives the account, logged with who changed what.
     */
    @Test
    void anAdministratorChangesNameTelephoneRoleAndDepartmentAsTheFormsDo(CapturedOutput output) {
        String name = staffAccount("change");
        String path = "/api/accounts/" + name;

        Api.Response changed = api.call(HttpMethod.PATCH, "/api/accounts/" + Api.fullWidth(name), "admin", Map.of(
                "displayName", " 李四\u00a0", "phone", "（０５７６）８８８８　１２３４", "role", "DEPT",
                "department", "FINANCE"));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        // the account as GET gives it, and (addition) the enterprises it still looks after: none
        com.fasterxml.jackson.databind.node.ObjectNode asChanged = changed.json().deepCopy();
        asChanged.remove("enterprisesKept");
        assertThat((Object) asChanged).isEqualTo(api.get(path, "admin").json());
        assertThat(changed.json().get("enterprisesKept").asLong()).isZero();
        assertThat(changed.json().get("displayName").asText()).isEqualTo("李四");
        assertThat(changed.json().get("phone").asText()).isEqualTo("(0576)8888 1234");
        assertThat(changed.json().get("role").asText()).isEqualTo("DEPT");
        assertThat(changed.json().get("department").asText()).isEqualTo("FINANCE");
        assertThat(output.getOut()).contains("Account '" + name + "' changed by 'admin': role DEPT of FINANCE, "
                + "display name, phone");
        pages.passwordChosen(name);
        assertThat(signIn(name, PASSWORD)).as("signs in as it was").isEqualTo(200);

        // a part alone: the rest stays; a DEPT account's department alone, its role alone (the department goes)
        JsonNode moved = api.call(HttpMethod.PATCH, path, "admin", Map.of("department", "Customs")).json();
        assertThat(moved.get("role").asText()).isEqualTo("DEPT");
        assertThat(moved.get("department").asText()).isEqualTo("CUSTOMS");
        assertThat(moved.get("displayName").asText()).isEqualTo("李四");
        JsonNode leader = api.call(HttpMethod.PATCH, path, "admin", Map.of("role", "LEADER")).json();
        assertThat(leader.get("role").asText()).isEqualTo("LEADER");
        assertThat(leader.get("department").isNull()).isTrue();
        assertThat(leader.get("phone").asText()).isEqualTo("(0576)8888 1234");
        assertThat(api.perform(MockMvcRequestBuilders.get("/api/stats/summary").with(httpBasic(name, PASSWORD)), null)
                .status()).as("the new role at once").isEqualTo(200);

        // null or blank takes a name or telephone away; nothing sent changes nothing and logs nothing
        Map<String, Object> none = new HashMap<>();
        none.put("displayName", null);
        none.put("phone", "");
        JsonNode cleared = api.call(HttpMethod.PATCH, path, "admin", none).json();
        assertThat(cleared.get("displayName").isNull()).isTrue();
        assertThat(cleared.get("phone").isNull()).isTrue();
        assertThat(cleared.get("role").asText()).isEqualTo("LEADER");
        long lines = output.getOut().lines().filter(l -> l.contains("Account '" + name + "' changed")).count();
        Api.Response nothing = api.call(HttpMethod.PATCH, path, "admin", Map.of());
        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.json()).isEqualTo(cleared);
        assertThat(api.call(HttpMethod.PATCH, path, "admin", Map.of("role", "LEADER")).status()).isEqualTo(200);
        assertThat(output.getOut().lines().filter(l -> l.contains("Account '" + name + "' changed")).count())
                .as("only a change is logged").isEqualTo(lines);

        // the form's 姓名 goes through the same service, and is logged alike
        assertThat(pages.post("/admin/accounts/" + name + "/name", "admin", Pages.form("displayName", "王五"))
                .status()).isEqualTo(303);
        assertThat(output.getOut()).contains("Account '" + name + "' changed by 'admin': display name");
        assertThat(api.get(path, "admin").json().get("displayName").asText()).isEqualTo("王五");
    }

    /** Creation's refusals, every field at fault at once, and a field the request does not take; nothing changes. */
    @Test
    void aChangeFollowsTheFormsRulesAndAFaultChangesNothing() {
        String name = fresh("strict");
        assertThat(api.post("/api/accounts", "admin", Map.of("username", name, "role", "STAFF", "displayName", "赵六",
                "password", PASSWORD)).status()).isEqualTo(201);
        String path = "/api/accounts/" + name;
        JsonNode before = api.get(path, "admin").json();
        Map<String, Object> nullRole = new HashMap<>();
        nullRole.put("role", null);
        for (Object[] bad : new Object[][] {
                {Map.of("role", "DEPT"), List.of("department")}, // a DEPT account needs one
                {Map.of("role", "DEPT", "department", "NOWHERE"), List.of("department")},
                {Map.of("department", "FINANCE"), List.of("department")}, // refused for STAFF, not dropped
                {Map.of("role", "LEADER", "department", "FINANCE"), List.of("department")},
                {Map.of("role", "JANITOR"), List.of("role")},
                {nullRole, List.of("role")},
                {Map.of("displayName", "名".repeat(33)), List.of("displayName")},
                {Map.of("displayName", "\t赵七"), List.of("displayName")},
                {Map.of("displayName", "赵七", "phone", "call me"), List.of("phone")},
                {Map.of("phone", "x", "role", "DEPT", "displayName", "赵七"), List.of("phone", "department")},
                {Map.of("phone", 57688881234L), List.of("phone")},
                // a field it does not take is named, not passed over (a misspelt one would change nothing, unsaid)
                {Map.of("username", "renamed"), List.of("username")},
                {Map.of("displayname", "赵七", "enabled", false), List.of("displayname", "enabled")},
                {"[1]", List.of("body")},
                {"", List.of("body")}}) {
            Api.Response r = api.call(HttpMethod.PATCH, path, "admin", bad[0]);
            assertThat(r.status()).as(bad[0] + ": " + r.text()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("errors").findValuesAsText("field")).as(bad[0].toString())
                    .containsExactlyInAnyOrderElementsOf((List<String>) bad[1]);
        }
        Api.Response unknown = api.call(HttpMethod.PATCH, path, "admin", Map.of("enabled", false));
        assertThat(unknown.json().get("errors").get(0).get("message").asText()).isEqualTo(
                "is not a field of this request, which takes displayName, phone, role, department");
        Api.Response zh = api.perform(MockMvcRequestBuilders.patch(path).contentType(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "zh-CN").content(api.write(Map.of("role", "DEPT"))), "admin");
        assertThat(zh.json().get("errors").findValuesAsText("message")).containsExactly("部门账号必须选择所属的办理部门");
        assertThat(api.get(path, "admin").json()).isEqualTo(before);
        assertThat(api.call(HttpMethod.PATCH, "/api/accounts/no.such.one", "admin", Map.of("role", "STAFF")).status())
                .isEqualTo(404);
    }

    /**
     * The administrator's role is not taken from the one changing it, nor from the last enabled administrator: 409
     * with the form's words (the form shows them by its role field), and nothing else sent changes either.
     */
    @Test
    void takingTheAdministratorsRoleFromYourselfOrTheLastIs409AndNothingChanges() {
        String named = api.get("/api/accounts/admin", "admin").json().path("displayName").asText(null);
        Api.Response self = api.call(HttpMethod.PATCH, "/api/accounts/admin", "admin",
                Map.of("role", "LEADER", "displayName", "不该改名"));
        assertThat(self.status()).as(self.text()).isEqualTo(409);
        assertThat(self.contentType()).startsWith("application/problem+json");
        assertThat(self.json().get("detail").asText()).contains("take the administrator's role from yourself");
        assertThat(role("admin")).isEqualTo("ADMIN");
        assertThat(api.get("/api/accounts/admin", "admin").json().path("displayName").asText(null)).isEqualTo(named);

        Api.Response last = whileAdminIsTheLast(MockMvcRequestBuilders.patch("/api/accounts/admin")
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"STAFF\"}"));
        assertThat(last.status()).as(last.text()).isEqualTo(409);
        assertThat(last.json().get("detail").asText()).contains("the last enabled administrator");
        assertThat(role("admin")).isEqualTo("ADMIN");
    }

    private String hash(String user) {
        return jdbc.sql("select password_hash from account where username = ?").param(user).query(String.class).single();
    }

    private String role(String user) {
        return jdbc.sql("select role from account where username = ?").param(user).query(String.class).single();
    }

    private int signIn(String user, String password) {
        return api.perform(MockMvcRequestBuilders.request(HttpMethod.GET, "/api/inbox").with(httpBasic(user, password)),
                null).status();
    }

    /** The status of a GET of {@code path} over HTTP Basic with {@link #PASSWORD}. */
    private int basic(String user, String path) {
        return api.perform(MockMvcRequestBuilders.get(path).with(httpBasic(user, PASSWORD)), null).status();
    }

    private boolean enabled(String user) {
        return jdbc.sql("select enabled from account where username = ?").param(user).query(Boolean.class).single();
    }

    private int accounts() {
        return jdbc.sql("select count(*) from account").query(Integer.class).single();
    }

    /** A new STAFF account, created over the API with {@link #PASSWORD}: its user name. */
    private String staffAccount(String prefix) {
        return account(prefix, "STAFF");
    }

    /** A new account of this role (not DEPT, which takes a department), created as {@link #staffAccount}. */
    private String account(String prefix, String role) {
        String name = fresh(prefix);
        Api.Response created = api.post("/api/accounts", "admin", Map.of("username", name, "role", role,
                "password", PASSWORD));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return name;
    }

    /** A user name no other test has (the tests share one database). */
    private static String fresh(String prefix) {
        return "api." + prefix + NAMES.incrementAndGet() + "." + Long.toString(System.nanoTime() % 100000, 36);
    }
}
