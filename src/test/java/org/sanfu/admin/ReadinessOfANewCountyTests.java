package org.sanfu.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * 上线检查 as a new county's administrator first sees it: the prod profile with nothing but its first administrator
 * and no {@code sanfu.channels.secret-key}. The context is ProductionProfileTests' own (the same settings, so Spring
 * starts it once for both); these tests add a channel to it and no account (the demo account one adds is taken
 * away again), which that class counts.
 */
@SpringBootTest(properties = {SanfuTest.PRIVATE_DATABASE, SanfuTest.UNIQUE_ENGINE,
        "sanfu.admin.username=chief", "sanfu.admin.password=correct horse battery"})
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("prod")
class ReadinessOfANewCountyTests {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;

    /**
     * The first administrator is sent to /account until it has chosen its own password (security.FirstAdministrator):
     * these tests look at /admin as one who has, and put the account back as it was made for ProductionProfileTests,
     * which shares this context and asks for that change.
     */
    @BeforeEach
    void passwordChosen() {
        changeRequired(false);
    }

    @AfterEach
    void asMade() {
        changeRequired(true);
    }

    private void changeRequired(boolean required) {
        jdbc.sql("update account set password_change_required = ? where username = ?").params(required, "chief")
                .update();
    }

    @Test
    void aNewCountysAdministratorIsToldWhatTheOfficeLacksAndWhereToGiveIt() throws Exception {
        JsonNode readiness = readiness();
        assertThat(readiness.get("ready").asBoolean()).isFalse();
        assertThat(ReadinessWebTests.check(readiness, "DEPARTMENT_ACCOUNTS").toString()).isEqualTo("{\"code\":\"DEPARTMENT_ACCOUNTS\","
                + "\"ready\":false,\"missing\":[\"COMMERCE\",\"FINANCE\",\"TRANSPORT\",\"CUSTOMS\",\"HRSS\",\"JUSTICE\"]}");
        assertThat(ReadinessWebTests.check(readiness, "ROLE_ACCOUNTS").get("missing").toString()).isEqualTo("[\"DISPATCH\",\"LEADER\"]");
        // no channel yet: no secret is kept unencrypted
        assertThat(ReadinessWebTests.check(readiness, "CHANNEL_SECRET_KEY").get("ready").asBoolean()).isTrue();

        Cookie session = signIn();
        Document admin = admin(session);
        Element departments = admin.selectFirst("#readiness li[data-check=DEPARTMENT_ACCOUNTS]");
        assertThat(departments.attr("data-ready")).isEqualTo("false");
        assertThat(departments.select(".missing").eachText())
                .containsExactly("商务局", "金融办", "交通运输局（港航）", "海关", "人力社保局", "司法局");
        assertThat(departments.select(".todo").text()).contains("商务局、金融办、交通运输局（港航）、海关、人力社保局、司法局。");
        Element roles = admin.selectFirst("#readiness li[data-check=ROLE_ACCOUNTS]");
        assertThat(roles.attr("data-ready")).isEqualTo("false");
        assertThat(roles.select(".missing").eachAttr("data-role")).containsExactly("DISPATCH", "LEADER");
        assertThat(roles.select(".todo").text()).contains("没有启用的专班办公室账号", "无人分派", "没有启用的领导账号");
        assertThat(roles.select("a.fix").attr("href")).isEqualTo("#newAccount");
        assertThat(admin.select("#readiness li[data-check=CHANNEL_SECRET_KEY]").attr("data-ready")).isEqualTo("true");

        // the first channel: its callback secret is kept as it is, for want of the key
        MockHttpServletResponse created = mvc.perform(post("/api/channels").with(httpBasic("chief", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\": \"HOTLINE_12345\", \"name\": \"12345热线\"}"))
                .andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode key = ReadinessWebTests.check(readiness(), "CHANNEL_SECRET_KEY");
        assertThat(key.get("ready").asBoolean()).isFalse();
        assertThat(key.get("missing").toString()).isEqualTo("[\"sanfu.channels.secret-key\"]");
        Element secret = admin(session).selectFirst("#readiness li[data-check=CHANNEL_SECRET_KEY]");
        assertThat(secret.attr("data-ready")).isEqualTo("false");
        assertThat(secret.select(".status").text()).isEqualTo("待处理");
        assertThat(secret.select(".todo").text()).contains("sanfu.channels.secret-key", "未加密",
                "SANFU_CHANNELS_SECRET_KEY");
        assertThat(secret.select("a.fix").attr("href")).isEqualTo("#channels");

        // revoked, it signs nothing, and the renewal that would bring it back draws a new secret
        assertThat(mvc.perform(delete("/api/channels/HOTLINE_12345").with(httpBasic("chief", PASSWORD)))
                .andReturn().getResponse().getStatus()).isEqualTo(204);
        assertThat(ReadinessWebTests.check(readiness(), "CHANNEL_SECRET_KEY").get("ready").asBoolean()).isTrue();
    }

    @Test
    void aDemoAccountCarriedIntoProductionIsNamedUntilItsPasswordIsChangedOrItIsDisabled() throws Exception {
        // the prod profile, no demo account: nothing to change
        JsonNode none = ReadinessWebTests.check(readiness(), "DEMO_ACCOUNTS");
        assertThat(none.toString()).isEqualTo("{\"code\":\"DEMO_ACCOUNTS\",\"ready\":true,\"missing\":[]}");

        // a county that tried the service on the demo profile and kept its database: staff1 still has the demo password
        jdbc.sql("insert into account (username, password_hash, role, enabled) values (?, ?, ?, ?)")
                .params("staff1", encoder.encode("demo"), "STAFF", true).update();
        try {
            JsonNode carried = ReadinessWebTests.check(readiness(), "DEMO_ACCOUNTS");
            assertThat(carried.get("ready").asBoolean()).isFalse();
            assertThat(carried.get("missing").toString()).isEqualTo("[\"staff1\"]");
            Element item = admin(signIn()).selectFirst("#readiness li[data-check=DEMO_ACCOUNTS]");
            assertThat(item.attr("data-ready")).isEqualTo("false");
            assertThat(item.select(".missing").eachAttr("data-account")).containsExactly("staff1");
            assertThat(item.select(".missing[data-profile]")).as("prod is not the demo profile").isEmpty();
            assertThat(item.select(".todo").text()).contains("公开的演示密码", "重设密码", "停用").doesNotContain("demo");

            // a password of its own
            jdbc.sql("update account set password_hash = ? where username = ?")
                    .params(encoder.encode("a password of its own"), "staff1").update();
            assertThat(ReadinessWebTests.check(readiness(), "DEMO_ACCOUNTS").get("ready").asBoolean()).isTrue();

            // or disabled: it signs in nowhere
            jdbc.sql("update account set password_hash = ?, enabled = ? where username = ?")
                    .params(encoder.encode("demo"), false, "staff1").update();
            assertThat(ReadinessWebTests.check(readiness(), "DEMO_ACCOUNTS").get("ready").asBoolean()).isTrue();
        } finally {
            // ProductionProfileTests counts this context's accounts
            jdbc.sql("delete from account where username = ?").param("staff1").update();
        }
    }

    /**
     * QA: a county's first import listed every town as new (新的镇（街道）…如是笔误，请改正), though with no town on file there
     * is nothing to misspell. Its towns are filed without a notice and are the ones the next import is compared with.
     * The enterprises are taken away again: ProductionProfileTests finds this context's tables empty.
     */
    @Test
    void aCountysFirstImportNamesNoTownNewTheNextOneDoes() throws Exception {
        try {
            JsonNode first = importCsv("creditCode,name,town,industry,exporter,key,specialist\n"
                    + org.sanfu.Api.creditCode() + ",首批甲企业,甲镇,泵业,否,否,\n"
                    + org.sanfu.Api.creditCode() + ",首批乙企业,乙街道,泵业,否,否,\n");
            assertThat(first.get("created").asInt()).as(first.toString()).isEqualTo(2);
            assertThat(first.get("notices")).as("no town was on file to misspell").isEmpty();

            JsonNode next = importCsv("creditCode,name,town,industry,exporter,key,specialist\n"
                    + org.sanfu.Api.creditCode() + ",次批企业,甲镇,泵业,否,否,\n"
                    + org.sanfu.Api.creditCode() + ",次批丙企业,丙镇,泵业,否,否,\n");
            assertThat(next.get("created").asInt()).as(next.toString()).isEqualTo(2);
            assertThat(next.get("notices").findValuesAsText("value")).containsExactly("丙镇");
        } finally {
            jdbc.sql("delete from enterprise").update();
        }
    }

    private JsonNode importCsv(String csv) throws Exception {
        MockHttpServletResponse answer = mvc.perform(post("/api/enterprises/import").with(httpBasic("chief", PASSWORD))
                .contentType("text/csv").header("Accept-Language", "zh-CN").accept(MediaType.APPLICATION_JSON)
                .content(csv.getBytes(StandardCharsets.UTF_8))).andReturn().getResponse();
        assertThat(answer.getStatus()).as(answer.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        return json.readTree(answer.getContentAsString(StandardCharsets.UTF_8));
    }

    private JsonNode readiness() throws Exception {
        MockHttpServletResponse answer = mvc.perform(get("/api/admin/readiness").with(httpBasic("chief", PASSWORD))
                .accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
        assertThat(answer.getStatus()).isEqualTo(200);
        return json.readTree(answer.getContentAsString(StandardCharsets.UTF_8));
    }

    private Cookie signIn() throws Exception {
        MockHttpServletResponse signedIn = mvc.perform(formLogin("/login").user("chief").password(PASSWORD))
                .andReturn().getResponse();
        assertThat(signedIn.getStatus()).isEqualTo(302);
        Cookie cookie = signedIn.getCookie("SANFU_SESSION");
        assertThat(cookie).isNotNull();
        return cookie;
    }

    private Document admin(Cookie session) throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/admin").cookie(session).accept(MediaType.TEXT_HTML))
                .andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        return Jsoup.parse(page.getContentAsString(StandardCharsets.UTF_8));
    }
}
