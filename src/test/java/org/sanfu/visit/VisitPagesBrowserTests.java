package org.sanfu.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;
import org.sanfu.Api;
import org.sanfu.Browser;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The visit and enterprise pages on a phone (docs/UI.md "Phones"), in Debian's headless Chromium at
 * 390 px. A staff member picks an enterprise, adds a second problem block without JavaScript, is
 * refused, puts it right and lands on the visit; no page scrolls sideways and every input and button
 * is at least 44 px tall. A form saved after the session timed out comes back filled in after signing in.
 */
@SanfuTest
class VisitPagesBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.phone();

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aStaffMemberLogsAVisitOnAPhoneWithoutTheFormEverOverflowing() {
        String code = api.enterprise("手机走访测试有限公司", "大溪镇");
        browser.signOut().open("/visits/new");
        assertThat(browser.path()).isEqualTo("/login");
        browser.type("#username", "staff1").type("#password", "demo").follow("form[action='/login'] button");
        assertThat(browser.path()).as("back where the user was going").startsWith("/visits/new");
        fits();

        // what is typed before the enterprise is chosen stays: the search and the choice post the form
        browser.type("#notes", "订单排到明年");
        new Select(browser.find("#problems0-category")).selectByValue("CONTAINER");
        browser.type("#problems0-title", "缺少集装箱");
        // Enter in the search looks up rather than saving the visit: 查找企业 is the form's default button (no script)
        browser.type("#enterpriseWords", "手机走访测试").pressEnter("#enterpriseWords");
        assertThat(browser.path()).as("the form again, no visit's page").isEqualTo("/visits");
        assertThat(browser.findAll("#enterpriseMatches button[data-code='" + code + "']")).as("searched").hasSize(1);
        assertThat(browser.findAll("#visitForm .field-error")).as("not saved: nothing is wrong yet").isEmpty();
        fits();
        browser.follow("#enterpriseMatches button[data-code='" + code + "']");
        assertThat(browser.find("#enterpriseCreditCode").getDomProperty("value")).isEqualTo(code);
        assertThat(browser.find("#notes").getDomProperty("value")).isEqualTo("订单排到明年");
        assertThat(browser.find("#problems0-title").getDomProperty("value")).isEqualTo("缺少集装箱");

        browser.follow("#addProblem");
        assertThat(browser.findAll("fieldset.problem")).hasSize(2);
        // the page comes back at the new block, in sight, not at the top
        assertThat(browser.path()).isEqualTo("/visits#problem-1");
        assertThat(browser.script("const r = document.getElementById('problem-1').getBoundingClientRect();"
                + " return r.top >= 0 && r.top < window.innerHeight;")).isEqualTo(true);
        assertThat(browser.find("#problems0-title").getDomProperty("value")).isEqualTo("缺少集装箱");
        fits();

        new Select(browser.find("#problems1-category")).selectByValue("FINANCING");
        browser.follow("#saveVisit");
        assertThat(browser.find("#problem-1 .field-error").getText()).isEqualTo("不能为空");
        fits();

        browser.type("#problems1-title", "贷款利率高").follow("#saveVisit");
        assertThat(browser.path()).matches("/visits/\\d+");
        assertThat(browser.findAll("#visitTickets a.ticket")).hasSize(2);
        fits();

        browser.open("/enterprises?q=手机走访测试");
        fits();
        browser.open("/enterprises/" + code);
        assertThat(browser.findAll("#enterpriseTickets a.ticket")).hasSize(2);
        fits();
        browser.open("/enterprises/new");
        fits();
        browser.type("#creditCode", "91331000MA2XXXXXX1").follow("#saveEnterprise");
        assertThat(browser.find(".has-error .field-error").getText()).isNotBlank();
        fits();
    }

    @Test
    void aVisitFormSavedAfterTheSessionTimedOutComesBackFilledInAfterSigningInAgain() {
        String code = api.enterprise("超时走访测试有限公司", "大溪镇");
        browser.signInAs("staff1").open("/visits/new?enterpriseCreditCode=" + code);
        browser.type("#notes", "企业反映：订单饱满，\n但用工缺口 30 人");
        new Select(browser.find("#problems0-category")).selectByValue("LABOR");
        browser.type("#problems0-title", "缺少熟练焊工");
        browser.follow("#addProblem");
        new Select(browser.find("#problems1-category")).selectByValue("CONTAINER");
        browser.type("#problems1-title", "出口订舱难");

        // the staff member is called away; the session times out (its last access long ago)
        String session = new String(Base64.getDecoder().decode(
                browser.driver().manage().getCookieNamed("SANFU_SESSION").getValue()), StandardCharsets.UTF_8);
        assertThat(jdbc.sql("update spring_session set last_access_time = 0, expiry_time = 0 where session_id = ?")
                .param(session).update()).isEqualTo(1);
        browser.follow("#saveVisit");
        assertThat(browser.path()).isEqualTo("/login?expired");
        assertThat(browser.find("#sessionExpired").getText()).contains("您填写的内容已保留");
        fits();

        browser.type("#username", "staff1").type("#password", "demo").follow("form[action='/login'] button");
        assertThat(browser.path()).isEqualTo("/visits/new");
        assertThat(browser.find("#formKept").getText()).contains("还没有保存");
        assertThat(browser.find("#enterpriseCreditCode").getDomProperty("value")).isEqualTo(code);
        assertThat(browser.find("#notes").getDomProperty("value")).isEqualTo("企业反映：订单饱满，\n但用工缺口 30 人");
        assertThat(browser.findAll("fieldset.problem")).hasSize(2);
        assertThat(browser.find("#problems1-title").getDomProperty("value")).isEqualTo("出口订舱难");
        fits();
        assertThat(api.get("/api/visits?enterprise=" + code, "staff1").json().path("total").asInt()).isZero();

        browser.follow("#saveVisit");
        assertThat(browser.path()).matches("/visits/\\d+");
        assertThat(browser.findAll("#visitTickets a.ticket")).hasSize(2);
        browser.signOut();
    }

    private static void fits() {
        browser.noSidewaysScroll().tapTargetsAtLeast44px();
    }
}
