package org.sanfu.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * /admin's 上线检查 (`#readiness`) and GET /api/admin/readiness on the demo county, which has every account it
 * needs and a secret key for the channels, and is not ready only for being the demo (docs/UI.md, API.md, additions). A county without those accounts or the
 * secret key: ReadinessOfANewCountyTests.
 */
@SanfuTest
class ReadinessWebTests {

    static final List<String> CODES = List.of("DEPARTMENT_ACCOUNTS", "ROLE_ACCOUNTS", "CHANNEL_SECRET_KEY",
            "HOLIDAY_CALENDAR", "DEMO_ACCOUNTS");

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;

    @AfterEach
    void realTimeAgain() {
        ClockUtil.reset();
    }

    @Test
    void theDemoCountyLacksNothingButToLeaveTheDemoBehind() {
        ClockUtil.setCurrentTime(at(LocalDate.of(2026, 6, 1)));
        // a channel exists: its secret is sealed with the demo profile's key
        String code = "READY_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        assertThat(api.post("/api/channels", "admin", Map.of("code", code, "name", "就绪检查渠道")).status())
                .isEqualTo(201);

        // everyone can sign in as admin/demo: the one thing it lacks, the whole checklist is not ready
        JsonNode readiness = readiness();
        assertThat(readiness.get("ready").asBoolean()).as(readiness.toString()).isFalse();
        assertThat(readiness.get("checks").findValuesAsText("code")).containsExactlyElementsOf(CODES);
        for (JsonNode check : readiness.get("checks")) {
            assertThat(check.get("missing").isArray()).as(check.toString()).isTrue();
            boolean demo = check.get("code").asText().equals("DEMO_ACCOUNTS");
            assertThat(check.get("ready").asBoolean()).as(check.toString()).isEqualTo(!demo);
            assertThat(check.get("missing").isEmpty()).as(check.toString()).isEqualTo(!demo);
        }

        Pages.Answer admin = pages.get("/admin", "admin");
        assertThat(admin.status()).isEqualTo(200);
        Element section = admin.html().selectFirst("#readiness");
        assertThat(section).isNotNull();
        assertThat(section.attr("data-ready")).isEqualTo("false");
        assertThat(section.select("h2").text()).isEqualTo("上线检查");
        assertThat(section.select("#readinessSummary").text()).startsWith("有 1 项待处理");
        assertThat(section.select("li").eachAttr("data-check")).containsExactlyElementsOf(CODES);
        assertThat(section.select("li[data-ready=true]").eachAttr("data-check"))
                .containsExactlyElementsOf(CODES.subList(0, 4));
        assertThat(section.select("li[data-ready=true] .status").eachText()).containsOnly("已就绪");
        assertThat(section.select(".todo")).hasSize(1);
        assertThat(admin.html().select(".admin-toc a[href=#readiness]").text()).isEqualTo("上线检查");
    }

    @Test
    void theDemoProfileAndEveryDemoAccountStillSigningInWithItsPasswordAreNamed() {
        ClockUtil.setCurrentTime(at(LocalDate.of(2026, 6, 1)));
        List<String> demoAccounts = List.of("admin", "commerce", "customs", "dispatch", "finance", "hrss", "justice",
                "leader", "staff1", "staff2", "transport");
        // the suite signs in with these: each is put back as it was, whatever is asserted
        List<Map<String, Object>> kept = jdbc.sql("select username, password_hash, enabled from account "
                + "where username in (:names)").param("names", demoAccounts).query().listOfRows();
        try {
            JsonNode demo = check(readiness(), "DEMO_ACCOUNTS");
            assertThat(demo.get("ready").asBoolean()).isFalse();
            List<String> missing = new ArrayList<>();
            demo.get("missing").forEach(name -> missing.add(name.asText()));
            assertThat(missing.get(0)).as("the demo profile first").isEqualTo("spring.profiles.active");
            assertThat(missing).contains("admin", "staff1", "finance", "leader");
            assertThat(missing.subList(1, missing.size())).isSubsetOf(demoAccounts).isSorted();

            Element item = pages.get("/admin", "admin").html().selectFirst("#readiness li[data-check=DEMO_ACCOUNTS]");
            assertThat(item.attr("data-ready")).isEqualTo("false");
            assertThat(item.select(".status").text()).isEqualTo("待处理");
            assertThat(item.select("strong.check-name").text()).isEqualTo("不以演示配置运行，没有账号仍用演示密码");
            assertThat(item.select(".missing[data-profile=demo]").text())
                    .contains("演示配置", "SPRING_PROFILES_ACTIVE=prod");
            assertThat(item.select("a.missing").eachAttr("data-account"))
                    .containsExactlyElementsOf(missing.subList(1, missing.size()));
            assertThat(item.select("a.missing[data-account=staff1]").attr("href")).isEqualTo("#account-staff1");
            assertThat(item.select(".todo").text()).contains("以下账号仍可用公开的演示密码登录", "重设密码", "停用")
                    // the password itself is never shown
                    .doesNotContain("密码 demo", "密码demo", "：demo");
            assertThat(item.select("a.fix").attr("href")).isEqualTo("#accounts");

            // a new password for staff2, justice disabled, the others likewise, admin last (the API signs in as it)
            String changed = encoder.encode("a password of its own");
            jdbc.sql("update account set password_hash = ? where username = ?").params(changed, "staff2").update();
            enable("justice", false);
            JsonNode fewer = check(readiness(), "DEMO_ACCOUNTS");
            assertThat(fewer.get("missing").toString()).doesNotContain("staff2", "justice").contains("admin");
            jdbc.sql("update account set password_hash = :hash where username in (:names)")
                    .param("hash", changed).param("names", demoAccounts).update();
            Api.Response asChanged = api.perform(get("/api/admin/readiness")
                    .with(httpBasic("admin", "a password of its own")), null);
            assertThat(asChanged.status()).as(asChanged.text()).isEqualTo(200);
            JsonNode none = asChanged.json();
            // only the profile is left, which a test cannot change: started with prod, the check is ready
            // (ReadinessOfANewCountyTests)
            assertThat(check(none, "DEMO_ACCOUNTS").get("missing").toString())
                    .isEqualTo("[\"spring.profiles.active\"]");
        } finally {
            kept.forEach(row -> jdbc.sql("update account set password_hash = ?, enabled = ? where username = ?")
                    .params(row.get("password_hash"), row.get("enabled"), row.get("username")).update());
        }
        assertThat(check(readiness(), "DEMO_ACCOUNTS").get("missing")).hasSizeGreaterThan(1);
    }

    @Test
    void aHandlingDepartmentWithoutAnEnabledAccountIsNamedWithTheFormThatGivesItOne() {
        ClockUtil.setCurrentTime(at(LocalDate.of(2026, 6, 1)));
        List<String> justice = jdbc.sql("select username from account where role = ? and department = ? and enabled = ?")
                .params("DEPT", "JUSTICE", true).query(String.class).list();
        assertThat(justice).contains("justice");
        // its accounts are there, disabled: a disabled account signs nothing
        justice.forEach(user -> enable(user, false));
        try {
            JsonNode readiness = readiness();
            assertThat(readiness.get("ready").asBoolean()).isFalse();
            JsonNode departments = check(readiness, "DEPARTMENT_ACCOUNTS");
            assertThat(departments.get("ready").asBoolean()).isFalse();
            assertThat(departments.get("missing").toString()).isEqualTo("[\"JUSTICE\"]");
            assertThat(check(readiness, "ROLE_ACCOUNTS").get("ready").asBoolean()).isTrue();

            Pages.Answer admin = pages.get("/admin", "admin");
            assertThat(admin.html().select("#readiness").attr("data-ready")).isEqualTo("false");
            assertThat(admin.html().select("#readinessSummary").text()).as("the department and the demo").startsWith("有 2 项待处理");
            Element item = admin.html().selectFirst("#readiness li[data-check=DEPARTMENT_ACCOUNTS]");
            assertThat(item.attr("data-ready")).isEqualTo("false");
            assertThat(item.select(".status").text()).isEqualTo("待处理");
            assertThat(item.select(".missing").eachAttr("data-department")).containsExactly("JUSTICE");
            assertThat(item.select(".todo").text()).contains("没有启用的部门账号", "无人签收", "司法局")
                    .doesNotContain("商务局");
            assertThat(item.select("a.fix").attr("href")).isEqualTo("#newAccount");
            assertThat(admin.html().select("#newAccount")).as("the form the link leads to").isNotEmpty();
            assertThat(admin.html().select("#readiness li[data-check=ROLE_ACCOUNTS]").attr("data-ready"))
                    .isEqualTo("true");
        } finally {
            justice.forEach(user -> enable(user, true));
        }
        assertThat(check(readiness(), "DEPARTMENT_ACCOUNTS").get("ready").asBoolean()).isTrue();
    }

    @Test
    void aChannelCreatedBeforeTheKeyWasSetIsNamedUntilItsKeyIsRenewed() {
        ClockUtil.setCurrentTime(at(LocalDate.of(2026, 6, 1)));
        String code = "PLAIN_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        assertThat(api.post("/api/channels", "admin", Map.of("code", code, "name", "设密钥前的渠道")).status())
                .isEqualTo(201);
        // as a channel created while sanfu.channels.secret-key was not set keeps its secret (ChannelSecrets.seal)
        jdbc.sql("update channel set secret_cipher = ? where code = ?").params("plain:an-old-secret", code).update();
        try {
            JsonNode key = check(readiness(), "CHANNEL_SECRET_KEY");
            assertThat(key.get("ready").asBoolean()).isFalse();
            assertThat(key.get("missing").toString()).isEqualTo("[\"" + code + "\"]");
            Element item = pages.get("/admin", "admin").html()
                    .selectFirst("#readiness li[data-check=CHANNEL_SECRET_KEY]");
            assertThat(item.attr("data-ready")).isEqualTo("false");
            assertThat(item.select(".todo").text()).contains(code, "换发密钥").doesNotContain("未设置");
            assertThat(item.select("a.fix").attr("href")).isEqualTo("#channels");

            // a new key seals its new secret
            assertThat(api.post("/api/channels/" + code + "/key", "admin", Map.of()).status()).isEqualTo(201);
            assertThat(check(readiness(), "CHANNEL_SECRET_KEY").get("ready").asBoolean()).isTrue();
        } finally {
            // whatever was asserted, no unencrypted secret is left live for the suite's other checks
            jdbc.sql("update channel set revoked_at = current_timestamp where code = ? and secret_cipher like 'plain:%'")
                    .param(code).update();
        }
    }

    @Test
    void theCalendarCheckIsTheCalendarSectionsErrorsInOneLine() {
        // the shipped file: 2026's notice, 2027 provisional; a provisional next year is the calendar's warning only,
        // until the end of November
        ClockUtil.setCurrentTime(at(LocalDate.of(2026, 11, 20)));
        assertThat(check(readiness(), "HOLIDAY_CALENDAR").get("ready").asBoolean()).isTrue();
        Pages.Answer provisional = pages.get("/admin", "admin");
        assertThat(provisional.html().select("#calendarProvisional")).isNotEmpty();
        assertThat(provisional.html().select("#readiness li[data-check=HOLIDAY_CALENDAR]").attr("data-ready"))
                .isEqualTo("true");
        assertThat(provisional.html().select("#calendarProvisional").hasClass("warning")).isTrue();
        // (addition) an operator with the jar alone wrote a file of the new year only, which replaces the packed one
        // whole: the page says to add the year to the full file, and where that is
        assertThat(provisional.html().select("#calendarProvisional").text()).contains("加到完整的 config/holidays.yml");
        assertThat(provisional.html().select("#holidaysFileWhole").text()).contains("节假日文件整个取代服务自带的那份",
                "BOOT-INF/classes/config/holidays.yml", "再在其末尾加上新的一年");

        // from December 1 next year's notice is late (a December ticket's deadlines fall in January): an error
        ClockUtil.setCurrentTime(at(LocalDate.of(2026, 12, 1)));
        JsonNode late = check(readiness(), "HOLIDAY_CALENDAR");
        assertThat(late.get("ready").asBoolean()).isFalse();
        assertThat(late.get("missing").toString()).isEqualTo("[\"2027\"]");
        Pages.Answer december = pages.get("/admin", "admin");
        assertThat(december.html().select("#calendarProvisional.error:not(.warning)")).hasSize(1);
        assertThat(december.html().select("#calendarProvisionalLate").text()).startsWith("已到 12 月，通知应已公布")
                .contains("期限多落在 2027 年");
        assertThat(provisional.html().select("#calendarProvisionalLate")).as("in November").isEmpty();
        Element lateItem = december.html().selectFirst("#readiness li[data-check=HOLIDAY_CALENDAR]");
        assertThat(lateItem.attr("data-ready")).isEqualTo("false");
        assertThat(lateItem.select(".todo").text()).startsWith("缺少 2027 年的国务院办公厅节假日通知");
        assertThat(lateItem.select(".todo").text()).contains("请把它加到完整的节假日文件中");

        // in 2027 its own year is provisional and 2028 missing: both errors of the calendar section
        ClockUtil.setCurrentTime(at(LocalDate.of(2027, 11, 20)));
        JsonNode calendar = check(readiness(), "HOLIDAY_CALENDAR");
        assertThat(calendar.get("ready").asBoolean()).isFalse();
        assertThat(calendar.get("missing").toString()).isEqualTo("[\"2027\",\"2028\"]");
        Pages.Answer admin = pages.get("/admin", "admin");
        assertThat(admin.html().select("#thisYearProvisional, #calendarWarning")).hasSize(2);
        Element item = admin.html().selectFirst("#readiness li[data-check=HOLIDAY_CALENDAR]");
        assertThat(item.attr("data-ready")).isEqualTo("false");
        assertThat(item.select(".todo")).hasSize(1);
        assertThat(item.select(".todo").text()).startsWith("缺少 2027、2028 年的国务院办公厅节假日通知");
        assertThat(item.select("a.fix").attr("href")).isEqualTo("#calendar");
    }

    @Test
    void theChecklistIsTheAdministratorsOnly() {
        for (String user : List.of("staff1", "finance", "dispatch", "leader")) {
            Api.Response refused = api.get("/api/admin/readiness", user);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.contentType()).as(user).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/admin/readiness", null).status()).isEqualTo(401);
        assertThat(pages.get("/admin", "leader").status()).isEqualTo(403);
    }

    // --- helpers -------------------------------------------------------------------------------

    private JsonNode readiness() {
        Api.Response answer = api.get("/api/admin/readiness", "admin");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    /** The check of this code in a readiness answer; an AssertionError naming the codes there when none is. */
    static JsonNode check(JsonNode readiness, String code) {
        List<String> codes = new ArrayList<>();
        for (JsonNode check : readiness.get("checks")) {
            codes.add(check.get("code").asText());
            if (check.get("code").asText().equals(code)) {
                return check;
            }
        }
        throw new AssertionError(code + " not among " + codes);
    }

    private void enable(String username, boolean enabled) {
        jdbc.sql("update account set enabled = ? where username = ?").params(enabled, username).update();
    }

    private static Date at(LocalDate day) {
        return Date.from(day.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)));
    }
}
