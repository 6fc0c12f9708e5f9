package org.sanfu.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.HeldRow;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.TestAccounts;
import org.sanfu.security.AccountAdministration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * 工作交接 (API.md {@code POST /api/accounts/{username}/handover}, UI.md /admin's 交接工作 form): a specialist's
 * enterprises and open reported tickets go to another service specialist in one step; closed tickets keep theirs.
 * Each test has specialists of its own, new to the county, so that what moves is what the test made.
 */
@SanfuTest
@TestPropertySource(properties = {SanfuTest.SHORT_LOCK_WAIT_DATABASE, SanfuTest.SHORT_LOCK_WAIT})
class HandoverWebTests {

    private static final String PASSWORD = "Sanfu-Handover-Passw0rd!";

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    AccountAdministration accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    /** A specialist with two enterprises, a replied, an open and a closed ticket that they reported. */
    private record Work(String specialist, List<String> enterprises, String replied, String open, String closed) {}

    @Test
    void theEnterprisesAndOpenTicketsMoveTheClosedStayAndTheNewSpecialistFollowsThem() {
        Work work = work("from");
        String to = newSpecialist("to");
        // reported at an enterprise another specialist looks after: only its reporter can bring it to an inbox
        String elsewhere = repliedAt(api.enterprise(), work.specialist());
        // the person left: disabled first, as /admin then says their enterprises are to be handed over
        disable(work.specialist());
        assertThat(inbox(to)).doesNotContain(work.replied(), elsewhere);

        Api.Response moved = api.post("/api/accounts/" + work.specialist() + "/handover", "admin", Map.of("to", to));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().get("from").asText()).isEqualTo(work.specialist());
        assertThat(moved.json().get("to").asText()).isEqualTo(to);
        assertThat(moved.json().get("enterprises").asInt()).isEqualTo(2);
        assertThat(moved.json().get("tickets").asInt()).isEqualTo(3);

        assertThat(enterprisesOf(to)).containsExactlyInAnyOrderElementsOf(work.enterprises());
        assertThat(enterprisesOf(work.specialist())).isEmpty();
        assertThat(reporter(work.replied())).isEqualTo(to);
        assertThat(reporter(work.open())).isEqualTo(to);
        assertThat(reporter(work.closed())).as("a closed ticket keeps its history as it was").isEqualTo(work.specialist());

        JsonNode handover = last(history(work.replied()));
        assertThat(handover.get("action").asText()).isEqualTo("handover");
        assertThat(handover.get("actor").asText()).isEqualTo("admin");
        assertThat(handover.get("fromStatus").asText()).isEqualTo("REPLIED");
        assertThat(handover.get("toStatus").asText()).isEqualTo("REPLIED");
        assertThat(handover.get("detail").asText()).isEqualTo("工作交接：跟进人由 " + work.specialist() + " 改为 " + to);
        assertThat(last(history(work.open())).get("action").asText()).isEqualTo("handover");
        assertThat(history(work.closed()).findValuesAsText("action")).doesNotContain("handover");
        assertThat(pages.get("/tickets/" + work.open(), "dispatch").html().select("strong.event").eachText())
                .as("the ticket page names the event").contains("工作交接");

        // the lists find them under their new reporter at once, and the new specialist's inbox holds the reply to rate
        assertThat(listedFor(to)).containsExactlyInAnyOrder(work.replied(), work.open(), elsewhere);
        assertThat(listedFor(work.specialist())).containsExactly(work.closed());
        // the enterprise's specialist moved too and would bring work.replied() there alone; elsewhere's stayed
        // staff1, so it is there because its reporter moved
        assertThat(inbox(to)).contains(work.replied(), elsewhere);
        assertThat(reporter(elsewhere)).isEqualTo(to);

        // sent again: nothing left to move, and no second event
        Api.Response again = api.post("/api/accounts/" + work.specialist() + "/handover", "admin", Map.of("to", to));
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("enterprises").asInt()).isZero();
        assertThat(again.json().get("tickets").asInt()).isZero();
        assertThat(history(work.replied()).findValuesAsText("action").stream().filter("handover"::equals)).hasSize(1);
    }

    /**
     * 反映人 stays who logged the problem, as the visit and the history keep them; the specialist who follows the ticket
     * after a 工作交接 (its API {@code reporter}) is named beside it, 跟进服务专员, and only on a ticket handed over.
     */
    @Test
    void theTicketPageNamesWhoLoggedTheProblemAndBesideItWhoFollowsItAfterAHandover() {
        Work work = work("both");
        String from = work.specialist();
        String to = newSpecialist("to");
        TestAccounts.rename(accounts, from, "王原报");
        TestAccounts.rename(accounts, to, "李跟进");
        Api.Response moved = api.post("/api/accounts/" + from + "/handover", "admin", Map.of("to", to));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(reporter(work.open())).as("the API's reporter follows the handover, as API.md says").isEqualTo(to);

        Pages.Answer handedOver = pages.get("/tickets/" + work.open(), "dispatch");
        assertThat(handedOver.status()).isEqualTo(200);
        assertThat(handedOver.html().getElementById("reporter").text()).isEqualTo("王原报（" + from + "）");
        assertThat(handedOver.html().getElementById("follower").text()).isEqualTo("李跟进（" + to + "）");
        assertThat(handedOver.html().getElementById("follower").previousElementSibling().text()).isEqualTo("跟进服务专员");
        // another specialist reads the same facts on the replied one
        Element facts = pages.get("/tickets/" + work.replied(), "staff1").html().body();
        assertThat(facts.getElementById("reporter").text()).isEqualTo("王原报（" + from + "）");
        assertThat(facts.getElementById("follower").text()).isEqualTo("李跟进（" + to + "）");

        // the closed one was not handed over: its reporter alone, no 跟进服务专员
        Pages.Answer kept = pages.get("/tickets/" + work.closed(), "dispatch");
        assertThat(kept.html().getElementById("reporter").text()).isEqualTo("王原报（" + from + "）");
        assertThat(kept.html().getElementById("follower")).isNull();
        assertThat(kept.html().select("dt").eachText()).doesNotContain("跟进服务专员");

        // who may read the page is as before: a department the ticket does not involve may not
        assertThat(pages.get("/tickets/" + work.open(), "commerce").status()).isEqualTo(403);
    }

    /** The new specialist's user name typed with a Chinese input method, pasted with a no-break space after it. */
    @Test
    void theTargetTypedInFullWidthIsTheAccountItMeans() {
        Work work = work("wide");
        String to = newSpecialist("to");
        Api.Response moved = api.post("/api/accounts/" + work.specialist() + "/handover", "admin",
                Map.of("to", Api.fullWidth(to) + "\u00A0"));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().get("to").asText()).isEqualTo(to);
        assertThat(enterprisesOf(to)).containsExactlyInAnyOrderElementsOf(work.enterprises());
    }

    /** The account handing over named in the path with a Chinese input method's full-width letters: that account. */
    @Test
    void theAccountInThePathTypedInFullWidthIsTheAccountItMeans() {
        Work work = work("path");
        String to = newSpecialist("to");
        Api.Response moved = api.post("/api/accounts/" + Api.fullWidth(work.specialist()) + "/handover", "admin",
                Map.of("to", to));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(enterprisesOf(to)).containsExactlyInAnyOrderElementsOf(work.enterprises());
    }

    @Test
    void aBadTargetIsRefusedByTheToFieldAnotherRole403AnUnknownAccount404AndNothingMoves() {
        Work work = work("keep");
        String disabled = newSpecialist("gone");
        disable(disabled);
        String path = "/api/accounts/" + work.specialist() + "/handover";

        Map<Object, String> refusals = new LinkedHashMap<>();
        refusals.put(Map.of(), "请选择接手工作的服务专员");
        refusals.put(Map.of("to", " "), "请选择接手工作的服务专员");
        refusals.put(Map.of("to", "nobody-" + work.specialist()), "账号 nobody-" + work.specialist() + " 不存在");
        refusals.put(Map.of("to", "commerce"), "账号 commerce 不是服务专员：工作只能交给服务专员");
        refusals.put(Map.of("to", disabled), "账号 " + disabled + " 已停用：请选择在岗的服务专员");
        refusals.put(Map.of("to", work.specialist()), "不能交给这个账号本身：请选择另一位服务专员");
        refusals.forEach((body, message) -> {
            JsonNode fault = inChinese(path, body).firstFault();
            assertThat(fault.get("field").asText()).as(body.toString()).isEqualTo("to");
            assertThat(fault.get("message").asText()).as(body.toString()).isEqualTo(message);
        });
        assertThat(api.post(path, "admin", Map.of()).firstFault().get("message").asText())
                .as("English for a client that names no language").isEqualTo("choose the service staff who takes the work over");
        assertThat(api.post(path, "admin", Map.of("to", "x".repeat(65))).firstFault().get("field").asText())
                .isEqualTo("to");
        assertThat(api.post(path, "admin", Map.of("to", 7)).firstFault().get("field").asText()).isEqualTo("to");

        String to = newSpecialist("to");
        for (String other : List.of("dispatch", "leader", "staff1", "commerce")) {
            assertThat(api.post(path, other, Map.of("to", to)).status()).as(other).isEqualTo(403);
        }
        assertThat(api.post(path, null, Map.of("to", to)).status()).isEqualTo(401);
        assertThat(api.post("/api/accounts/nobody-" + to + "/handover", "admin", Map.of("to", to)).status())
                .isEqualTo(404);
        assertThat(api.post("/api/accounts/nobody-" + to + "/handover", "leader", Map.of("to", to)).status())
                .as("404 before 403").isEqualTo(404);

        assertThat(enterprisesOf(work.specialist())).containsExactlyInAnyOrderElementsOf(work.enterprises());
        assertThat(reporter(work.replied())).isEqualTo(work.specialist());
        assertThat(reporter(work.open())).isEqualTo(work.specialist());
        assertThat(history(work.open()).findValuesAsText("action")).doesNotContain("handover");
    }

    @Test
    void theAdministratorsPageHandsOverFromTheAccountsRowAndShowsAFaultByTheField() {
        Work work = work("page");
        String to = newSpecialist("to");
        TestAccounts.rename(accounts, to, "李交接");

        // a session of its own: a message left for the next page is not another test's
        MockHttpSession session = pages.freshSession("admin");
        Pages.Answer disabled = pages.post("/admin/accounts/" + work.specialist() + "/disable", session, Pages.form());
        assertThat(disabled.status()).isEqualTo(303);
        // the page as the browser opens it next, the warning kept in the session until then
        Pages.Answer warned = pages.get("/admin", session);
        assertThat(warned.status()).isEqualTo(200);
        String from = work.specialist();
        Element row = warned.html().getElementById("handover-" + from);
        assertThat(row).as("the row's 交接工作").isNotNull();
        Element form = row.selectFirst("form[data-form=handover]");
        assertThat(form.attr("action")).isEqualTo("/admin/accounts/" + from + "/handover");
        assertThat(form.select("input[name=_csrf]")).hasSize(1);
        List<String> offered = form.select("select[name=to] option").eachAttr("value");
        assertThat(offered).contains("", to, "staff1").doesNotContain(from, "commerce", "dispatch", "admin");
        assertThat(form.selectFirst("select[name=to] option[value=" + to + "]").text()).isEqualTo("李交接（" + to + "）");

        Pages.Answer refused = pages.post("/admin/accounts/" + from + "/handover", session, Pages.form("to", ""));
        assertThat(refused.status()).isEqualTo(400);
        Element again = refused.html().getElementById("handover-" + from);
        assertThat(again.hasAttr("open")).isTrue();
        assertThat(again.select(".field-error[data-field=to]").text()).isEqualTo("请选择接手工作的服务专员");
        assertThat(refused.html().select("#answerSummary").text()).startsWith("未保存：交接工作（" + from + "）有 1 处需要修改。");
        assertThat(refused.html().select("#toAnswer").attr("href")).isEqualTo("#handover-" + from);
        Pages.Answer refusedOffice = pages.post("/admin/accounts/" + from + "/handover", session,
                Pages.form("to", "dispatch"));
        assertThat(refusedOffice.status()).isEqualTo(400);
        assertThat(refusedOffice.html().select("#handover-" + from + " .field-error[data-field=to]").text())
                .isEqualTo("账号 dispatch 不是服务专员：工作只能交给服务专员");
        assertThat(reporter(work.open())).isEqualTo(from);

        assertThat(pages.post("/admin/accounts/" + from + "/handover", "leader", Pages.form("to", to)).status())
                .isEqualTo(403);
        assertThat(reporter(work.open())).isEqualTo(from);

        Pages.Answer done = pages.post("/admin/accounts/" + from + "/handover", session, Pages.form("to", to));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.redirect()).isEqualTo("/admin");
        Pages.Answer flashed = pages.get("/admin", session);
        assertThat(flashed.html().select("#flash").text()).isEqualTo("已把 " + from + " 的工作交给 李交接（" + to
                + "）：2 家企业的驻企服务专员改为对方，2 件未办结事项改由对方跟进。");
        assertThat(enterprisesOf(to)).containsExactlyInAnyOrderElementsOf(work.enterprises());
        assertThat(reporter(work.open())).isEqualTo(to);
    }

    /**
     * A handover that waited for the rows another transaction held (an import of its enterprises, say) past the lock
     * timeout moved nothing: the page again, 409, the form open with what was chosen and why by the field; sent again
     * once the other let go, it goes through.
     */
    @Test
    void theAdministratorsPageShowsAHandoverThatGaveWayToAnotherTransactionsLockAgainWithWhy() throws Exception {
        Work work = work("busy");
        String from = work.specialist();
        String to = newSpecialist("to");
        MockHttpSession session = pages.freshSession("admin");

        Pages.Answer refused;
        // as an import holds the enterprises it files
        try (HeldRow held = new HeldRow(transactions, jdbc, "select credit_code from enterprise where credit_code = ? "
                + "for update", work.enterprises().get(1))) {
            refused = pages.post("/admin/accounts/" + from + "/handover", session, Pages.form("to", to));
        }

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        Element again = refused.html().getElementById("handover-" + from);
        assertThat(again).as(refused.body()).isNotNull();
        assertThat(again.hasAttr("open")).isTrue();
        assertThat(again.select(".field-error[data-field=to]").text())
                .isEqualTo("这些企业或事项正被另一个操作（如企业导入）同时修改，本次交接未做任何更改；请稍后重试");
        assertThat(again.select("select[name=to] option[selected]").attr("value")).isEqualTo(to);
        assertThat(refused.html().select("#toAnswer").attr("href")).isEqualTo("#handover-" + from);
        assertThat(enterprisesOf(from)).containsExactlyInAnyOrderElementsOf(work.enterprises());
        assertThat(reporter(work.open())).isEqualTo(from);

        Pages.Answer done = pages.post("/admin/accounts/" + from + "/handover", session, Pages.form("to", to));
        assertThat(done.status()).isEqualTo(303);
        assertThat(enterprisesOf(to)).containsExactlyInAnyOrderElementsOf(work.enterprises());
    }

    @Test
    void theDisableWarningOffersTheAccountsHandoverForm() {
        Work work = work("warn");
        MockHttpSession session = pages.freshSession("admin");
        Pages.Answer posted = pages.post("/admin/accounts/" + work.specialist() + "/disable", session, Pages.form());
        assertThat(posted.status()).isEqualTo(303);
        Pages.Answer warned = pages.get("/admin", session);
        assertThat(warned.html().select("#specialistWarning a#specialistHandover").attr("href"))
                .isEqualTo("#handover-" + work.specialist());
        assertThat(warned.html().getElementById("handover-" + work.specialist()).hasAttr("open"))
                .as("the form it links to is open").isTrue();
    }

    /**
     * QA: the warning came only after the disable. A specialist's row says beforehand what a handover would move, with
     * a link to its 交接工作; the tickets are the ones it follows, its own reports or those handed to it, so the
     * words hold for the specialist who took them over too; a specialist with nothing to hand over has no such note.
     */
    @Test
    void aSpecialistsRowSaysWhatAHandoverWouldMoveBeforeItIsDisabled() {
        String from = work("row").specialist();
        String to = newSpecialist("to");
        MockHttpSession session = pages.freshSession("admin");
        var page = pages.get("/admin", session).html();
        Element note = page.selectFirst("#account-" + from + " .work-left");
        assertThat(note).as("the row of " + from).isNotNull();
        assertThat(note.select("span").text()).isEqualTo(from + " 仍是 2 家企业的驻企服务专员，"
                + "还有 2 件由其跟进的事项未办结，请把它们交接给其他服务专员，以免这些企业和事项无人回访。");
        assertThat(note.select("a.to-handover").attr("href")).isEqualTo("#handover-" + from);
        assertThat(note.select("a.to-handover").text()).isEqualTo("交接工作");
        assertThat(page.getElementById("handover-" + from)).as("where it links").isNotNull();
        assertThat(page.select("#account-" + to + " .work-left")).as("nothing to hand over").isEmpty();

        assertThat(pages.post("/admin/accounts/" + from + "/handover", session, Pages.form("to", to)).status())
                .isEqualTo(303);
        page = pages.get("/admin", session).html();
        assertThat(page.select("#account-" + from + " .work-left")).as("handed over").isEmpty();
        assertThat(page.select("#account-" + to + " .work-left span").text()).isEqualTo(to + " 仍是 2 家企业的驻企服务专员，"
                + "还有 2 件由其跟进的事项未办结，请把它们交接给其他服务专员，以免这些企业和事项无人回访。");
    }

    /**
     * A specialist moved to another post (its role no longer STAFF) keeps its work until handed over: the role
     * change's warning counts the enterprises and the open tickets, and links to the row's 交接工作, which is there
     * and open; posted, it moves the work, after which that row has no form to offer.
     */
    @Test
    void aSpecialistMadeALeaderKeepsAnOpenHandoverFormThatMovesItsWork() {
        Work work = work("lead");
        String from = work.specialist();
        String to = newSpecialist("to");
        MockHttpSession session = pages.freshSession("admin");
        Pages.Answer changed = pages.post("/admin/accounts/" + from + "/role", session,
                Pages.form("role", "LEADER", "department", ""));
        assertThat(changed.status()).isEqualTo(303);

        Pages.Answer warned = pages.get("/admin", session);
        assertThat(warned.html().select("#specialistWarning span").text()).isEqualTo(from + " 仍是 2 家企业的驻企服务专员，"
                + "还有 2 件由其跟进的事项未办结，请把它们交接给其他服务专员，以免这些企业和事项无人回访。");
        assertThat(warned.html().select("#specialistWarning a#specialistEnterprises").attr("href"))
                .isEqualTo("/enterprises?specialist=" + from);
        assertThat(warned.html().select("#specialistWarning a#specialistHandover").attr("href"))
                .isEqualTo("#handover-" + from);
        Element row = warned.html().getElementById("handover-" + from);
        assertThat(row).as("the link lands on the row's 交接工作").isNotNull();
        assertThat(row.hasAttr("open")).isTrue();
        Element form = row.selectFirst("form[data-form=handover]");
        assertThat(form.attr("action")).isEqualTo("/admin/accounts/" + from + "/handover");
        assertThat(form.select("input[name=_csrf]")).hasSize(1);
        assertThat(form.select("select[name=to] option").eachAttr("value")).contains("", to, "staff1")
                .doesNotContain(from, "leader", "commerce");
        assertThat(form.text()).as("others are there to take it").doesNotContain("没有其他在岗的服务专员可以接手");
        // the page opened later still offers it, closed, while the work is there
        Element later = pages.get("/admin", session).html().getElementById("handover-" + from);
        assertThat(later).isNotNull();
        assertThat(later.hasAttr("open")).isFalse();

        for (String other : List.of("staff1", "commerce", "leader", "dispatch")) {
            assertThat(pages.post("/admin/accounts/" + from + "/handover", other, Pages.form("to", to)).status())
                    .as(other).isEqualTo(403);
        }
        assertThat(reporter(work.open())).isEqualTo(from);

        Pages.Answer done = pages.post(form.attr("action"), session, Pages.form("to", to));
        assertThat(done.status()).isEqualTo(303);
        assertThat(pages.get("/admin", session).html().select("#flash").text()).isEqualTo("已把 " + from + " 的工作交给 "
                + to + "：2 家企业的驻企服务专员改为对方，2 件未办结事项改由对方跟进。");
        assertThat(enterprisesOf(to)).containsExactlyInAnyOrderElementsOf(work.enterprises());
        assertThat(reporter(work.open())).isEqualTo(to);
        assertThat(reporter(work.replied())).isEqualTo(to);
        assertThat(pages.get("/admin", session).html().getElementById("handover-" + from))
                .as("a leader with nothing left to hand over").isNull();
    }

    /**
     * An account no enterprise names but with open tickets it reported (at enterprises others look after) is warned of
     * them, on the role change away from STAFF and on its disable, and offered its 交接工作 while disabled and no
     * longer STAFF.
     */
    @Test
    void openReportedTicketsAloneAreWarnedOfAndOfferedAHandoverOnARoleChangeAndADisable() {
        String from = newSpecialist("tix");
        String replied = repliedAt(api.enterprise(), from);
        repliedAt(api.enterprise(), from);
        Api.Response visit = as(from, "/api/visits", Map.of("enterpriseCreditCode", api.enterprise(), "problems",
                List.of(Api.problem("OTHER", "其他诉求"))));
        assertThat(visit.status()).as(visit.text()).isEqualTo(201);
        assertThat(enterprisesOf(from)).isEmpty();
        String warning = from + " 还有 3 件由其跟进的事项未办结，请把它们交接给其他服务专员，以免这些事项无人跟进和回访。";

        MockHttpSession session = pages.freshSession("admin");
        assertThat(pages.post("/admin/accounts/" + from + "/role", session,
                Pages.form("role", "DEPT", "department", "FINANCE")).status()).isEqualTo(303);
        Pages.Answer changed = pages.get("/admin", session);
        assertThat(changed.html().select("#specialistWarning span").text()).isEqualTo(warning);
        assertThat(changed.html().select("#specialistWarning a#specialistEnterprises")).as("no enterprise").isEmpty();
        assertThat(changed.html().getElementById("handover-" + from).hasAttr("open")).isTrue();

        assertThat(pages.post("/admin/accounts/" + from + "/disable", session, Pages.form()).status()).isEqualTo(303);
        Pages.Answer disabled = pages.get("/admin", session);
        assertThat(disabled.html().select("#account-" + from).attr("data-enabled")).isEqualTo("false");
        assertThat(disabled.html().select("#specialistWarning span").text()).isEqualTo(warning);
        assertThat(disabled.html().select("#specialistWarning a#specialistHandover").attr("href"))
                .isEqualTo("#handover-" + from);
        Element row = disabled.html().getElementById("handover-" + from);
        assertThat(row).isNotNull();
        assertThat(row.hasAttr("open")).isTrue();

        String to = newSpecialist("to");
        assertThat(pages.post(row.selectFirst("form").attr("action"), session, Pages.form("to", to)).status())
                .isEqualTo(303);
        assertThat(reporter(replied)).isEqualTo(to);
        assertThat(listedFor(from)).isEmpty();
    }

    @Test
    void aProblemResolvedOnSiteStillNamesWhoResolvedItThereAfterTheHandover() throws Exception {
        String from = newSpecialist("site");
        TestAccounts.rename(accounts, from, "王现场");
        String to = newSpecialist("next");
        TestAccounts.rename(accounts, to, "李接手");
        Map<String, Object> problem = new LinkedHashMap<>(Api.problem("OTHER", "报装流程不清楚"));
        problem.put("resolvedOnSite", true);
        problem.put("onSiteResolution", "现场讲解了报装流程");
        Api.Response visit = as(from, "/api/visits", Map.of("enterpriseCreditCode", api.enterprise(), "problems",
                List.of(problem)));
        assertThat(visit.status()).as(visit.text()).isEqualTo(201);
        String id = ids(visit.json().get("tickets")).get(0);

        Api.Response moved = api.post("/api/accounts/" + from + "/handover", "admin", Map.of("to", to));
        assertThat(moved.json().get("tickets").asInt()).as(moved.text()).isEqualTo(1);
        assertThat(reporter(id)).isEqualTo(to);
        assertThat(history(id).get(0).get("actor").asText()).as("its report keeps who logged it").isEqualTo(from);

        // the new specialist gives the enterprise the link: who answered on site is still the one who was there
        Api.Response link = api.perform(MockMvcRequestBuilders.post("/api/tickets/" + id + "/feedback-link")
                .accept(MediaType.APPLICATION_JSON).with(httpBasic(to, PASSWORD)), null);
        assertThat(link.status()).as(link.text()).isEqualTo(201);
        String page = pages.mvc().perform(MockMvcRequestBuilders.get(link.json().get("url").asText())
                .accept(MediaType.TEXT_HTML)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(page).getElementById("whoAsks").text())
                .contains("已由走访的工作人员王现场当场答复，工作人员李接手请您看一看答复");
    }

    @Test
    void theOfficesEntriesStayTheOfficesWhoeverHandsOverItsAccount() {
        Api.Response logged = api.post("/api/visits", "dispatch", Map.of("enterpriseCreditCode", api.enterprise(),
                "source", "HOTLINE", "notes", "来电反映", "problems", List.of(Api.problem("CONTAINER", "热线反映舱位紧张"))));
        assertThat(logged.status()).as(logged.text()).isEqualTo(201);
        String entry = ids(logged.json().get("tickets")).get(0);

        Api.Response moved = api.post("/api/accounts/dispatch/handover", "admin", Map.of("to", newSpecialist("desk")));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().get("tickets").asInt()).as("the office logs entries only").isZero();
        assertThat(reporter(entry)).isEqualTo("dispatch");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Disabled through /admin, in a session of its own (the warning it leaves for the next page is nobody's). */
    private void disable(String user) {
        assertThat(pages.post("/admin/accounts/" + user + "/disable", pages.freshSession("admin"), Pages.form())
                .status()).isEqualTo(303);
    }

    private String newSpecialist(String prefix) {
        String user = prefix + Api.creditCode().substring(10).toLowerCase(Locale.ROOT);
        TestAccounts.create(accounts, user, "STAFF", null, PASSWORD);
        return user;
    }

    /**
     * A new specialist with two enterprises of their own, and three problems they reported at one of them: one
     * replied (waiting for feedback), one waiting to be assigned, one closed.
     */
    private Work work(String prefix) {
        String specialist = newSpecialist(prefix);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            codes.add(api.enterpriseLookedAfterBy(specialist, "台州交接泵业", "交接镇"));
        }
        Api.Response visit = as(specialist, "/api/visits", Map.of("enterpriseCreditCode", codes.get(0), "problems",
                List.of(Api.problem("CONTAINER", "舱位紧张"), Api.problem("OTHER", "其他诉求"),
                        Api.problem("CONTAINER", "空箱难提"))));
        assertThat(visit.status()).as(visit.text()).isEqualTo(201);
        List<String> ids = ids(visit.json().get("tickets"));
        String replied = ids.get(0);
        String closed = ids.get(2);
        api.act(replied, "sign", "transport", null);
        api.act(replied, "reply", "transport", Map.of("resolution", "已协调船公司", "outcome", "RESOLVED"));
        api.act(closed, "sign", "transport", null);
        api.act(closed, "reply", "transport", Map.of("resolution", "已协调堆场", "outcome", "RESOLVED"));
        api.act(closed, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        return new Work(specialist, codes, replied, ids.get(1), closed);
    }

    /** A CONTAINER problem this specialist reported at a visit to this enterprise, signed and replied. */
    private String repliedAt(String creditCode, String specialist) {
        Api.Response visit = as(specialist, "/api/visits", Map.of("enterpriseCreditCode", creditCode, "problems",
                List.of(Api.problem("CONTAINER", "舱位紧张"))));
        assertThat(visit.status()).as(visit.text()).isEqualTo(201);
        String id = ids(visit.json().get("tickets")).get(0);
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", "已协调船公司", "outcome", "RESOLVED"));
        return id;
    }

    private Api.Response as(String user, String path, Object body) {
        return api.perform(MockMvcRequestBuilders.post(path).accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_JSON).characterEncoding(StandardCharsets.UTF_8)
                .content(api.write(body)).with(httpBasic(user, PASSWORD)), null);
    }

    /** POST as admin, asking for Chinese as a Chinese client does. */
    private Api.Response inChinese(String path, Object body) {
        return api.perform(MockMvcRequestBuilders.post(path).accept(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "zh-CN").contentType(MediaType.APPLICATION_JSON)
                .characterEncoding(StandardCharsets.UTF_8).content(api.write(body)), "admin");
    }

    private List<String> inbox(String user) {
        Api.Response r = api.perform(MockMvcRequestBuilders.get("/api/inbox?size=100").accept(MediaType.APPLICATION_JSON)
                .with(httpBasic(user, PASSWORD)), null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return ids(r.json().get("items"));
    }

    private List<String> enterprisesOf(String specialist) {
        Api.Response r = api.get("/api/enterprises?size=100&specialist=" + specialist, "admin");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("items").findValuesAsText("creditCode");
    }

    private List<String> listedFor(String reporter) {
        Api.Response r = api.get("/api/tickets?size=100&reporter=" + reporter, "dispatch");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return ids(r.json().get("items"));
    }

    private static List<String> ids(JsonNode tickets) {
        List<String> ids = new ArrayList<>();
        tickets.forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    private String reporter(String ticketId) {
        Api.Response r = api.get("/api/tickets/" + ticketId, "dispatch");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("reporter").asText();
    }

    private JsonNode history(String ticketId) {
        Api.Response r = api.get("/api/tickets/" + ticketId + "/history", "dispatch");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode last(JsonNode events) {
        return events.get(events.size() - 1);
    }
}
