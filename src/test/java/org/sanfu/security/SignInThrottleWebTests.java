package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Too many failed sign-ins lock an account, or a client address, on every way in (HTTP Basic on /api,
 * the sign-in form). Each test signs in as an account of its own and from addresses of its own, so
 * that the demo accounts and 127.0.0.1, which the rest of the suite uses, are never locked.
 */
@SanfuTest
class SignInThrottleWebTests {

    private static final String PASSWORD = "right-password";

    @Autowired MockMvc mvc;
    @Autowired Api api;
    @Autowired Pages pages;
    @Autowired AccountAdministration administration;
    @Autowired SignInProperties settings;
    @Autowired MeterRegistry meters;
    @Autowired SignInAttempts attempts;

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    private String account() {
        String name = "lock-" + UUID.randomUUID().toString().substring(0, 8);
        TestAccounts.create(administration, name, "LEADER", null, PASSWORD);
        return name;
    }

    private static String address() {
        return Pages.address();
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        return response;
    }

    private MockHttpServletResponse inbox(String user, String password, String address) throws Exception {
        return call(get("/api/inbox").header("Accept-Language", "zh-CN")
                .with(httpBasic(user, password)).with(from(address)));
    }

    private void fail(String user, int times, String address) throws Exception {
        for (int i = 0; i < times; i++) {
            assertThat(inbox(user, "wrong-" + i, address).getStatus()).isEqualTo(401);
        }
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneIs429UntilTheWindowPasses() throws Exception {
        String here = address();
        String user = account();
        assertThat(settings.maxFailures()).isEqualTo(5);
        assertThat(settings.window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(inbox(user, PASSWORD, here).getStatus()).as("remembered by the cache").isEqualTo(200);
        fail(user, 5, here);

        MockHttpServletResponse locked = inbox(user, PASSWORD, here);
        assertThat(locked.getStatus()).isEqualTo(429);
        assertThat(locked.getHeader("Retry-After")).isEqualTo("900");
        assertThat(locked.getContentType()).startsWith("application/problem+json");
        assertThat(locked.getContentAsString()).contains("登录失败次数过多").contains("15 分钟");
        // its own type (API.md "General"): a client tells it from any other refusal without reading the detail
        assertThat(locked.getContentAsString()).contains("\"type\":\"urn:sanfu:problem:sign-in-locked\"");
        MockHttpServletResponse english = call(get("/api/inbox").with(httpBasic(user, PASSWORD)).with(from(here)));
        assertThat(english.getStatus()).isEqualTo(429);
        assertThat(english.getContentAsString()).contains("Too Many Requests").contains("too many failed sign-ins");

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofMinutes(15)).plusSeconds(1)));
        assertThat(inbox(user, PASSWORD, here).getStatus()).isEqualTo(200);
    }

    /**
     * A user name typed with a Chinese input method (ｓｔａｆｆ１) or pasted with a no-break space signs in as the account
     * it means, on the API and the pages, in its own case only; its failures count towards that account's lock.
     */
    @Test
    void aUserNameTypedInFullWidthOrPastedWithSpacesSignsInAsTheAccountItMeans() throws Exception {
        String here = address();
        String user = account();
        assertThat(inbox(Api.fullWidth(user), PASSWORD, here).getStatus()).isEqualTo(200);
        assertThat(inbox("\u00A0" + user + "\u200B", PASSWORD, here).getStatus()).isEqualTo(200);
        assertThat(pages.signIn(Api.fullWidth(user) + "\u3000", PASSWORD)).isPresent();
        assertThat(inbox(Api.fullWidth(user.toUpperCase()), PASSWORD, here).getStatus()).as("exact in case")
                .isEqualTo(401);

        fail(Api.fullWidth(user), settings.maxFailures(), here);
        assertThat(inbox(user, PASSWORD, here).getStatus()).isEqualTo(429);
    }

    @Test
    void theLockHoldsOnCamundasChainToo() throws Exception {
        String here = address();
        String user = account();
        fail(user, 5, here);
        MockHttpServletResponse locked = call(get("/engine-rest/engine").with(httpBasic(user, PASSWORD))
                .with(from(here)));
        assertThat(locked.getStatus()).isEqualTo(429);
        assertThat(locked.getHeader("Retry-After")).isNotBlank();
    }

    /**
     * The audit's case: five wrong passwords for an account from a guesser's address (any of its /64) lock it there
     * only, and its owner signs in from elsewhere; guessing from more addresses than the account's limit from
     * everywhere locks it from every other address too, until an administrator lifts every lock of it.
     */
    @Test
    void aGuesserLocksTheAccountFromItsOwnSlash64OnlyUnlessItGuessesFromEverywhere() throws Exception {
        String user = account();
        String prefix = "2001:db8:" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1,
                0xffff)) + ":" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 0xffff));
        for (int i = 0; i < settings.maxFailures(); i++) {
            assertThat(inbox(user, "wrong", prefix + "::" + (i + 1)).getStatus()).isEqualTo(401);
        }
        assertThat(inbox(user, PASSWORD, prefix + ":ffff::7").getStatus()).as("its /64").isEqualTo(429);
        assertThat(inbox(user, PASSWORD, address()).getStatus()).as("its owner elsewhere").isEqualTo(200);
        var account = api.get("/api/accounts/" + user, "admin").json();
        assertThat(account.get("lockedAddresses").asInt()).as("the administrators see the lock").isEqualTo(1);
        assertThat(account.get("lockedUntil").isNull()).as("not from every address").isTrue();

        assertThat(settings.maxFailuresPerAccount()).isEqualTo(20);
        for (int i = settings.maxFailures(); i < settings.maxFailuresPerAccount(); i++) {
            assertThat(inbox(user, "wrong", address()).getStatus()).isEqualTo(401);
        }
        assertThat(inbox(user, PASSWORD, address()).getStatus()).as("locked from everywhere").isEqualTo(429);
        assertThat(api.post("/api/accounts/" + user + "/unlock", "admin", null).status()).isEqualTo(204);
        assertThat(inbox(user, PASSWORD, address()).getStatus()).isEqualTo(200);
        assertThat(inbox(user, PASSWORD, prefix + "::1").getStatus()).as("every lock lifted").isEqualTo(200);
    }

    /**
     * The review's case: the owner signed in at their desk; a guesser failing 20 times from 4 other clients locks the
     * account from everywhere, a new client included, but not at the owner's desk (a familiar client).
     */
    @Test
    void guessingFromManyClientsLocksTheAccountEverywhereButWhereItsOwnerSignsIn() throws Exception {
        String user = account();
        String desk = address();
        assertThat(inbox(user, PASSWORD, desk).getStatus()).isEqualTo(200);
        assertThat(settings.familiarFor()).isEqualTo(Duration.ofDays(30));
        for (int c = 0; c < 4; c++) {
            fail(user, settings.maxFailuresPerAccount() / 4, address());
        }
        assertThat(inbox(user, PASSWORD, address()).getStatus()).as("a new client").isEqualTo(429);
        assertThat(inbox(user, PASSWORD, desk).getStatus()).as("the owner at their desk").isEqualTo(200);
        var account = api.get("/api/accounts/" + user, "admin").json();
        assertThat(account.get("lockedUntil").isNull()).as("locked from every address").isFalse();
        assertThat(account.get("lockedAddresses").asInt()).as("and from each guesser's own").isEqualTo(4);
    }

    @Test
    void anAddressFailingForManyNamesIsLockedForEveryAccountButOtherAddressesAreNot() throws Exception {
        String guesser = address();
        for (int i = 0; i < settings.maxFailuresPerAddress(); i++) {
            assertThat(inbox("nobody-" + UUID.randomUUID(), "x", guesser).getStatus()).isEqualTo(401);
        }
        String user = account();
        assertThat(inbox(user, PASSWORD, guesser).getStatus()).isEqualTo(429);
        assertThat(inbox(user, PASSWORD, address()).getStatus()).isEqualTo(200);
    }

    @Test
    void theSignInFormAnswers429InChineseOnceLocked() throws Exception {
        String user = account();
        String address = address();
        for (int i = 0; i < 5; i++) {
            MockHttpServletResponse wrong = call(post("/login").param("username", user).param("password", "wrong")
                    .with(csrf()).with(from(address)));
            assertThat(wrong.getRedirectedUrl()).isEqualTo("/login?error");
        }
        MockHttpServletResponse locked = call(post("/login").param("username", user).param("password", PASSWORD)
                .with(csrf()).with(from(address)));
        assertThat(locked.getStatus()).isEqualTo(429);
        assertThat(locked.getHeader("Retry-After")).isEqualTo("900");
        var page = Jsoup.parse(locked.getContentAsString());
        assertThat(page.select("#loginLocked").text()).contains("登录失败次数过多").contains("15 分钟");
        assertThat(page.select("#loginError")).isEmpty();
        assertThat(page.select("form input[name=_csrf]")).as("the form can be sent again").isNotEmpty();
        assertThat(pages.signIn(user, PASSWORD)).as("from another address: its owner signs in").isPresent();
    }

    /** API.md's order: an unknown account is 404 for every role, a known one 403 to all but ADMIN, then the body's 400. */
    /**
     * A user name with a NUL is a failed sign-in like any unknown name, counted towards the lock: on PostgreSQL its
     * look-up was the database's error, which Spring reports as internal, the lockout does not count, and which
     * wrote a stack trace for each try (the suite's PostgreSQL pass is what this guards).
     */
    @Test
    void aUserNameWithANulIsAFailureCountedTowardsTheLock() throws Exception {
        String name = "st\u0000" + UUID.randomUUID().toString().substring(0, 8);
        String address = address();
        for (int i = 0; i < settings.maxFailures(); i++) {
            MockHttpServletResponse refused = call(post("/login").param("username", name).param("password", "demo")
                    .with(csrf()).with(from(address)));
            assertThat(refused.getRedirectedUrl()).isEqualTo("/login?error");
        }
        assertThat(attempts.lockedAddresses(name)).as("locked like any name failing so often").isEqualTo(1);
    }

    @Test
    void unlockingAnUnknownAccountIs404ForEveryRoleBeforeAnotherRoles403() throws Exception {
        String here = address();
        String user = account();
        fail(user, 5, here);
        String nobody = "nobody-" + UUID.randomUUID();
        for (String caller : List.of("staff1", "finance", "leader", "dispatch", "admin")) {
            var unknown = api.post("/api/accounts/" + nobody + "/unlock", caller, "garbage");
            assertThat(unknown.status()).as(caller + " " + unknown.text()).isEqualTo(404);
            assertThat(unknown.contentType()).as(caller).startsWith("application/problem+json");
        }
        for (String caller : List.of("staff1", "finance", "leader", "dispatch")) {
            assertThat(api.post("/api/accounts/" + user + "/unlock", caller, "garbage").status()).as(caller)
                    .isEqualTo(403);
            assertThat(api.post("/api/accounts/" + user + "/unlock", caller, null).status()).as(caller).isEqualTo(403);
        }
        assertThat(api.post("/api/accounts/" + nobody + "/unlock", null, null).status()).isEqualTo(401);
        assertThat(inbox(user, PASSWORD, here).getStatus()).as("still locked").isEqualTo(429);
    }

    /** The account in the path typed with a Chinese input method (ｓｔａｆｆ１) is the account it means, as at sign-in. */
    @Test
    void anAccountNamedInFullWidthInThePathIsUnlocked() throws Exception {
        String here = address();
        String user = account();
        fail(user, 5, here);
        assertThat(inbox(user, PASSWORD, here).getStatus()).isEqualTo(429);
        var unlocked = api.post("/api/accounts/" + Api.fullWidth(user) + "\u00A0/unlock", "admin", null);
        assertThat(unlocked.status()).as(unlocked.text()).isEqualTo(204);
        assertThat(inbox(user, PASSWORD, here).getStatus()).as("unlocked").isEqualTo(200);
    }

    @Test
    void anAdministratorUnlocksOverTheApiAndNobodyElseMay() throws Exception {
        String here = address();
        String user = account();
        fail(user, 5, here);
        assertThat(inbox(user, PASSWORD, here).getStatus()).isEqualTo(429);

        var refused = api.post("/api/accounts/" + user + "/unlock", "leader", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(api.post("/api/accounts/" + user + "/unlock", "staff1", null).status()).isEqualTo(403);
        assertThat(inbox(user, PASSWORD, here).getStatus()).as("still locked").isEqualTo(429);

        assertThat(api.post("/api/accounts/nobody-" + UUID.randomUUID() + "/unlock", "admin", null).status())
                .isEqualTo(404);
        // a body that is no JSON is 400 naming it, and unlocks nothing; an unknown account is 404 still
        assertThat(api.post("/api/accounts/" + user + "/unlock", "admin", "garbage").firstFault().get("field")
                .asText()).isEqualTo("body");
        assertThat(api.post("/api/accounts/" + user + "/unlock", "admin", "{\"a\":1,\"a\":2}").status()).isEqualTo(400);
        assertThat(api.post("/api/accounts/nobody-" + UUID.randomUUID() + "/unlock", "admin", "garbage").status())
                .isEqualTo(404);
        assertThat(inbox(user, PASSWORD, here).getStatus()).as("still locked").isEqualTo(429);
        assertThat(api.post("/api/accounts/" + user + "/unlock", "admin", "{}").status()).isEqualTo(204);
        assertThat(inbox(user, PASSWORD, here).getStatus()).isEqualTo(200);
    }

    /**
     * A new password an administrator sets over the API leaves a lock of failed sign-ins as the form's 设置新密码
     * leaves it, one service doing both: the lock is lifted as a step of its own (unlock), not by the new password.
     */
    @Test
    void aNewPasswordSetOverTheApiLeavesTheLockAsTheFormsDoes() throws Exception {
        String here = address();
        String user = account();
        fail(user, 5, here);
        var reset = api.post("/api/accounts/" + user + "/password", "admin", Map.of("password", "new-password-2"));
        assertThat(reset.status()).as(reset.text()).isEqualTo(204);
        assertThat(inbox(user, "new-password-2", here).getStatus()).as("still locked").isEqualTo(429);
        assertThat(api.get("/api/accounts/" + user, "admin").json().get("lockedAddresses").asInt()).isEqualTo(1);

        String other = account();
        fail(other, 5, here);
        var form = pages.post("/admin/accounts/" + other + "/password", "admin", Pages.form("password", "new-password-2"));
        assertThat(form.status()).isEqualTo(303);
        assertThat(inbox(other, "new-password-2", here).getStatus()).as("the form's: still locked too")
                .isEqualTo(429);

        assertThat(api.post("/api/accounts/" + user + "/unlock", "admin", null).status()).isEqualTo(204);
        assertThat(inbox(user, "new-password-2", here).getStatus()).isEqualTo(200);
        assertThat(inbox(user, PASSWORD, here).getStatus()).as("the old one").isEqualTo(401);
    }

    /**
     * Locked from some addresses only, the account's owner signs in elsewhere: /admin says so quietly, without the
     * badge or 解锁, which would hand the guessers there fresh guesses.
     */
    @Test
    void anAccountLockedFromSomeAddressesOnlyIsAQuietLineOnTheAdminPage() throws Exception {
        String user = account();
        fail(user, 5, address());
        fail(user, 5, address());
        var row = pages.get("/admin", "admin").html().select("li.admin-account[data-username=" + user + "]");
        assertThat(row.select(".locked-addresses").text())
                .isEqualTo("来自 2 个地址的登录失败过多，已对这些地址暂停登录；本人在其他地址仍可登录。");
        assertThat(row.select(".locked")).isEmpty();
        assertThat(row.select("form[data-form=unlock]")).isEmpty();
    }

    /** Locked from every address: the badge and 解锁, which lifts every lock of it. */
    @Test
    void anAdministratorSeesTheLockOnTheAdminPageAndLiftsIt() throws Exception {
        String here = address();
        String user = account();
        fail(user, 5, here);
        for (int c = 1; c < settings.maxFailuresPerAccount() / 5; c++) {
            fail(user, 5, address());
        }
        Pages.Answer admin = pages.get("/admin", "admin");
        var row = admin.html().select("li.admin-account[data-username=" + user + "]");
        assertThat(row.select(".locked").text()).startsWith("登录已锁定至");
        assertThat(row.select(".locked-addresses")).as("the lock from everywhere says it all").isEmpty();
        assertThat(row.select("form[data-form=unlock]").attr("action")).isEqualTo("/admin/accounts/" + user + "/unlock");
        assertThat(admin.html().select("li.admin-account[data-username=admin] form[data-form=unlock]")).isEmpty();

        Pages.Answer unlocked = pages.post("/admin/accounts/" + user + "/unlock", "admin", Pages.form());
        assertThat(unlocked.status()).isEqualTo(303);
        assertThat(inbox(user, PASSWORD, here).getStatus()).isEqualTo(200);
        assertThat(pages.get("/admin", "admin").html().select("li.admin-account[data-username=" + user + "] .locked"))
                .isEmpty();
        assertThat(pages.post("/admin/accounts/" + user + "/unlock", "leader", Pages.form()).status()).isEqualTo(403);
    }

    @Test
    void failuresAndLockoutsAreCountedInTheMetrics() throws Exception {
        String here = address();
        double failures = meters.get("sanfu.signin.failures").counter().count();
        double lockouts = meters.get("sanfu.signin.lockouts").tag("of", "account-address").counter().count();
        String user = account();
        fail(user, 5, here);
        assertThat(inbox(user, PASSWORD, here).getStatus()).isEqualTo(429);
        assertThat(meters.get("sanfu.signin.failures").counter().count() - failures).isEqualTo(5);
        assertThat(meters.get("sanfu.signin.lockouts").tag("of", "account-address").counter().count() - lockouts)
                .isEqualTo(1);
        String prometheus = api.perform(get("/actuator/prometheus").accept("text/plain"), "admin").text();
        assertThat(prometheus).contains("sanfu_signin_failures_total").contains("sanfu_signin_lockouts_total{of=\"account\"")
                .contains("sanfu_signin_lockouts_total{of=\"account-address\"");
    }
}
