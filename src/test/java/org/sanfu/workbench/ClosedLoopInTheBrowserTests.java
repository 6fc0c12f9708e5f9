package org.sanfu.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;
import org.sanfu.Api;
import org.sanfu.Browser;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.UriUtils;

/**
 * One whole loop through the pages only, on a phone (390 px) in headless Chromium: staff files an
 * enterprise and logs a visit with two problems; the container problem goes to the transport bureau by
 * the routing rules, the other one waits for dispatch, which assigns it to the commerce bureau; each
 * department signs and replies from its inbox; staff records the enterprise's feedback; the leader
 * finds the tickets closed on the dashboard and opens one. Every page on the way fits the phone. The
 * API is used only to check what the pages did.
 */
@SanfuTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClosedLoopInTheBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.phone();

    @Autowired
    Api api;

    @Test
    @Order(1)
    void aWholeLoopThroughThePagesOnAPhone() {
        String town = "闭环测试镇" + Api.creditCode().substring(12);
        String code = Api.creditCode();

        // staff files the enterprise
        browser.signInAs("staff1").open("/enterprises/new");
        type("#creditCode", code);
        type("#name", "台州闭环阀门有限公司");
        type("#town", town);
        submit("#saveEnterprise");
        assertThat(browser.path()).isEqualTo("/enterprises/" + code);
        fits();

        // and logs a visit with two problems, finding the enterprise by its name
        browser.open("/visits/new");
        type("#enterpriseWords", "闭环阀门");
        submit("#findEnterprise");
        submit("#enterpriseMatches button[data-code='" + code + "']");
        assertThat(value("#enterpriseCreditCode")).isEqualTo(code);
        new Select(browser.find("#problems0-category")).selectByValue("CONTAINER");
        type("#problems0-title", "出口集装箱订舱难");
        submit("#addProblem");
        new Select(browser.find("#problems1-category")).selectByValue("OTHER");
        type("#problems1-title", "厂区门口道路破损");
        fits();
        browser.script("window.scrollTo(0, 0)");
        browser.screenshotForDocs("visit-form-phone", false);
        submit("#saveVisit");
        assertThat(browser.path()).startsWith("/visits/");
        List<String> tickets = browser.findAll("#visitTickets a.ticket").stream()
                .map(a -> a.getDomAttribute("data-id")).toList();
        assertThat(tickets).hasSize(2);
        String container = tickets.get(0);
        String other = tickets.get(1);
        assertThat(browser.find("#visitTickets a.ticket[data-id='" + container + "']").getText())
                .contains("主办：" + "交通运输局（港航）");
        fits();

        // the transport bureau signs and replies from its inbox
        browser.signInAs("transport").open("/work");
        click("#queue-sign a.ticket[data-id='" + container + "']");
        fits();
        browser.screenshotForDocs("ticket-phone", false);
        act("sign");
        assertThat(browser.text("status")).isEqualTo("办理中");
        reply("已协调船公司增加舱位");
        assertThat(api.get("/api/tickets/" + container, "leader").json().get("status").asText()).isEqualTo("REPLIED");

        // dispatch assigns the problem no rule routes, seeing why it is theirs
        browser.signInAs("dispatch").open("/work");
        click("#queue-assign a.ticket[data-id='" + other + "']");
        open("assign");
        new Select(browser.find("#assign-leadDepartment")).selectByValue("COMMERCE");
        fits();
        submitAction("assign");
        assertThat(api.get("/api/tickets/" + other, "leader").json().get("leadDepartment").asText())
                .isEqualTo("COMMERCE");

        // the commerce bureau signs and replies
        browser.signInAs("commerce").open("/work");
        click("#queue-sign a.ticket[data-id='" + other + "']");
        act("sign");
        reply("已协调交通部门修复道路");

        // staff records the enterprise's feedback on both
        browser.signInAs("staff1").open("/work");
        for (String ticket : tickets) {
            browser.open("/work");
            click("#queue-feedback a.ticket[data-id='" + ticket + "']");
            open("feedback");
            new Select(browser.find("#feedback-satisfaction")).selectByValue("SATISFIED");
            submitAction("feedback");
            assertThat(browser.text("status")).isEqualTo("已销号");
        }

        // the leader sees them closed on the dashboard and opens one
        browser.signInAs("leader").open("/?town=" + town);
        assertThat(browser.text("closedTotal")).isEqualTo("2");
        fits();
        click("#closedTickets a.ticket[data-id='" + other + "']");
        // the link names the dashboard it came from (its town, no period asked for), and the page leads back there
        assertThat(browser.path()).isEqualTo("/tickets/" + other + "?back=dashboard:~~~town%3D"
                + UriUtils.encode(town, StandardCharsets.UTF_8));
        assertThat(browser.find("#wayBack").getDomAttribute("href"))
                .isEqualTo("/?town=" + UriUtils.encode(town, StandardCharsets.UTF_8));
        assertThat(browser.text("status")).isEqualTo("已销号");
        assertThat(browser.findAll("#history li").size()).isGreaterThanOrEqualTo(6);
        fits();
    }

    @Test
    @Order(2)
    void pagesAreRefusedToRolesThatMayNotSeeThemInChinese() {
        record Refusal(String user, String path) {}
        for (Refusal refusal : List.of(new Refusal("staff1", "/admin"), new Refusal("transport", "/visits/new"),
                new Refusal("transport", "/enterprises"), new Refusal("leader", "/enterprises/new"),
                new Refusal("dispatch", "/admin"))) {
            browser.signInAs(refusal.user()).open(refusal.path());
            assertThat(browser.text("errorTitle")).as(refusal.toString()).contains("无权访问");
            fits();
        }
    }

    @Test
    @Order(3)
    void aFormSentWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        String code = api.enterprise("台州令牌测试有限公司", "令牌测试镇");
        String ticket = api.visit(code, List.of(Api.problem("FINANCING", "贷款审批慢"))).get(0).get("id").asText();
        browser.signInAs("finance").open("/tickets/" + ticket);
        open("sign");
        browser.script("document.querySelector(\"form[data-action='sign'] input[name='_csrf']\").remove()");
        submitAction("sign");
        assertThat(browser.text("errorTitle")).contains("无权访问");
        assertThat(api.get("/api/tickets/" + ticket, "finance").json().get("status").asText()).isEqualTo("ASSIGNED");
    }

    // --- steps ---

    private void fits() {
        browser.noSidewaysScroll().tapTargetsAtLeast44px();
    }

    private static void type(String css, String text) {
        browser.type(css, text);
    }

    private static String value(String css) {
        return browser.find(css).getDomProperty("value");
    }

    private static void click(String css) {
        browser.follow(css);
    }

    private static void submit(String css) {
        browser.follow(css);
    }

    /** Opens an action's folded form on the ticket page. */
    private static void open(String action) {
        browser.script("arguments[0].open = true", browser.find("details#action-" + action));
    }

    private static void submitAction(String action) {
        submit("form[data-action='" + action + "'] button[type=submit]");
    }

    /** An action without fields: open its form and send it. */
    private static void act(String action) {
        open(action);
        submitAction(action);
        assertThat(browser.findAll("form[data-action='" + action + "']")).as(action + " done").isEmpty();
    }

    private static void reply(String resolution) {
        open("reply");
        type("#reply-resolution", resolution);
        new Select(browser.find("#reply-outcome")).selectByValue("RESOLVED");
        submitAction("reply");
        assertThat(browser.text("status")).isEqualTo("已答复待回访");
    }
}
