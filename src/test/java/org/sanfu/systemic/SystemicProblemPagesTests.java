package org.sanfu.systemic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.Cookie;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.MultiValueMap;

/**
 * The page /systemic-problems (docs/UI.md's style): DISPATCH and LEADER read it, in Chinese; DISPATCH's
 * confirm and dismiss forms post the API's fields with the CSRF token, answer 303 on success and the page
 * again with 400 or 409 and the message beside the field; others get the Chinese 403 page.
 */
@SanfuTest
class SystemicProblemPagesTests {

    @Autowired
    Api api;
    @Autowired
    Pages pages;

    /** Its tickets are reported in a fortnight of their own, so the scan sees no other test's tickets. */
    @BeforeEach
    void inAWindowOfItsOwn() {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2019-08-05T09:00:00+08:00").toInstant()));
    }

    @AfterEach
    void timeGoesOn() {
        ClockUtil.reset();
    }

    private String proposal(String category, String text) {
        return proposal(category, text, 5);
    }

    /** A proposal of this many enterprises' tickets, each of the same problem. */
    private String proposal(String category, String text, int enterprises) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < enterprises; i++) {
            ids.add(api.visit(api.enterprise(), List.of(Map.of("category", category, "title", text.substring(0, 10),
                    "description", text))).get(0).get("id").asText());
        }
        for (JsonNode p : api.post("/api/systemic-problems/scan", "dispatch", Map.of()).json()) {
            if (p.get("ticketIds").toString().contains("\"" + ids.get(0) + "\"")) {
                return p.get("id").asText();
            }
        }
        throw new AssertionError("no proposal for " + ids);
    }

    @Test
    void aStatusTheListDoesNotOfferIsThe400PageAskingForAChoiceNotTheApisCodes() {
        Pages.Answer bogus = pages.get("/systemic-problems?status=bogus", "leader");
        assertThat(bogus.status()).isEqualTo(400);
        assertThat(bogus.html().select(".flash.error").text()).isEqualTo("状态：请选择一项");
    }

    /** (addition) A status in any ASCII case or full-width filters as the list reads it, and its box shows it chosen. */
    @Test
    void aStatusInAnyCaseIsShownChosenAsItFilters() {
        for (String typed : List.of("confirmed", "ｃｏｎｆｉｒｍｅｄ")) {
            Pages.Answer page = pages.get("/systemic-problems?status=" + typed, "leader");
            assertThat(page.status()).as(typed).isEqualTo(200);
            assertThat(page.html().select("select[name=status] option[selected]").eachAttr("value")).as(typed)
                    .containsExactly("CONFIRMED");
        }
    }

    /** A status and a page number both given wrong are both named, each in its line, as the other pages name them. */
    @Test
    void aStatusAndAPageNumberBothGivenWrongAreBothNamed() {
        Pages.Answer both = pages.get("/systemic-problems?status=bogus&page=-1", "leader");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.html().select(".flash.error").eachText())
                .containsExactly("状态：请选择一项", "页码：必须是 0 到 200 之间的整数（列表最多显示前 10000 条；要看其后的，请缩小筛选范围）");
    }

    @Test
    void aProblemOfManyTicketsShowsTheFirstTenAndFoldsTheRest() {
        String id = proposal("POLICY", "研发费用加计扣除政策申报口径不清楚，多家企业不敢申报", 12);
        Element section = pages.get("/systemic-problems?status=PROPOSED", "leader").html().selectFirst("#problem-" + id);
        assertThat(section.select(".members .count").text()).isEqualTo("涉及事项 12 件");
        assertThat(section.select(".members > ul > li")).hasSize(10);
        assertThat(section.select(".members details summary").text()).isEqualTo("其余 2 件");
        assertThat(section.select(".members details li")).hasSize(2);
        assertThat(section.select(".members details").hasAttr("open")).isFalse();

        // 立即研判 on the page says what it found
        Pages.Answer scanned = pages.post("/systemic-problems/scan", "dispatch", Pages.form());
        assertThat(scanned.status()).isEqualTo(303);
        assertThat(scanned.redirect()).isEqualTo("/systemic-problems?status=PROPOSED");
        long proposed = api.get("/api/systemic-problems?status=PROPOSED", "leader").json().get("total").asLong();
        assertThat(pages.get(scanned.redirect(), "dispatch").html().select("#scanned").text())
                .isEqualTo("研判完成：现有 " + proposed + " 个待确认的共性问题，请逐个确认或排除。");
        assertThat(pages.get(scanned.redirect(), "dispatch").html().select("#scanned"))
                .as("said once: a reload of the list does not say it again").isEmpty();
    }

    @Test
    void aTicketsPageNamesItsSystemicProblemAndTheCaseNamesItsOwn() {
        String id = proposal("LOGISTICS", "内陆集卡司机短缺，拖车费一周涨了一倍，出口货物进不了港");
        JsonNode problem = api.get("/api/systemic-problems/" + id, "leader").json();
        String member = problem.get("ticketIds").get(0).asText();

        Element proposed = pages.get("/tickets/" + member, "leader").html().selectFirst(".systemic-link");
        assertThat(proposed).as("the member's page names the proposal").isNotNull();
        assertThat(proposed.text()).contains("#" + id, "待确认");
        assertThat(proposed.selectFirst("a").attr("href")).isEqualTo("/systemic-problems?status=PROPOSED");

        String caseId = api.post("/api/systemic-problems/" + id + "/confirm", "dispatch",
                Map.of("title", "集卡运力不足（共性问题）", "leadDepartment", "TRANSPORT")).json().get("caseTicketId").asText();
        Element confirmed = pages.get("/tickets/" + member, "staff1").html().selectFirst(".systemic-link");
        assertThat(confirmed.text()).contains("#" + id, "已确认", "牵头事项 #" + caseId);
        assertThat(confirmed.select("a[href=/tickets/" + caseId + "]")).hasSize(1);
        assertThat(confirmed.select("a[href^=/systemic-problems]")).as("staff may not open that page").isEmpty();

        Element theCase = pages.get("/tickets/" + caseId, "transport").html().selectFirst("#facts");
        assertThat(theCase.select("dt").eachText()).contains("牵头共性问题");
        assertThat(theCase.selectFirst(".systemic-link").text()).contains("#" + id).doesNotContain("牵头事项");

        String dismissed = proposal("POLICY", "出口退税进度慢，退税款到账要两个多月，资金周转困难");
        String dismissedMember = api.get("/api/systemic-problems/" + dismissed, "leader").json().get("ticketIds").get(0)
                .asText();
        api.post("/api/systemic-problems/" + dismissed + "/dismiss", "dispatch", Map.of("reason", "各企业情况不同"));
        assertThat(pages.get("/tickets/" + dismissedMember, "leader").html().select(".systemic-link"))
                .as("a dismissed problem is not named").isEmpty();
    }

    @Test
    void dispatchConfirmsAndDismissesOnThePageAndLeadersRead() {
        String confirmed = proposal("CUSTOMS", "出口报关单审核时间长，查验比例高，货物经常赶不上船期");
        String dismissed = proposal("POLICY", "稳外贸专项资金申报系统经常登录不上，材料上传失败");

        Pages.Answer page = pages.get("/systemic-problems?status=PROPOSED", "dispatch");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(page.html().select("h1").text()).isEqualTo("共性问题");
        assertThat(page.html().selectFirst("form#scan input[name=_csrf]")).isNotNull();
        Element section = page.html().selectFirst("#problem-" + confirmed);
        assertThat(section).isNotNull();
        assertThat(section.select(".members a")).hasSize(5);
        assertThat(section.select(".members .count").text()).isEqualTo("涉及事项 5 件");
        assertThat(section.select(".members details")).as("five members need no folding").isEmpty();
        JsonNode member = api.get("/api/tickets/" + section.select(".members a").first().text().substring(1), "leader")
                .json();
        assertThat(section.select(".members li").first().select(".enterprise").text())
                .as("a member is named by its enterprise, not a bare number")
                .isEqualTo(member.get("enterpriseName").asText());
        assertThat(section.select(".members li").first().select(".status").text()).isNotBlank();
        Element confirm = section.selectFirst("form[data-action=confirm]");
        assertThat(confirm.attr("action")).isEqualTo("/systemic-problems/" + confirmed + "/confirm");
        assertThat(confirm.select("input[name=_csrf]")).hasSize(1);
        assertThat(confirm.select("[name=title], [name=leadDepartment], [name=note]")).hasSize(3);
        assertThat(confirm.select("select[name=leadDepartment] option[selected]").val())
                .as("the routing table's department for CUSTOMS, to start from").isEqualTo("CUSTOMS");
        assertThat(section.selectFirst("form[data-action=dismiss] textarea[name=reason]")).isNotNull();

        // a leader reads, without forms
        Pages.Answer leaders = pages.get("/systemic-problems", "leader");
        assertThat(leaders.status()).isEqualTo(200);
        assertThat(leaders.html().selectFirst("#problem-" + confirmed)).isNotNull();
        assertThat(leaders.html().select("form[data-action], form#scan")).isEmpty();
        // nor told of a scan it cannot start: who decides instead
        assertThat(leaders.html().select("#intro").text()).doesNotContain("立即研判").contains("由专班办公室确认");
        assertThat(pages.get("/systemic-problems", "dispatch").html().select("#intro").text()).contains("也可立即研判");

        // refused: 400 with the message beside the field, and nothing changes
        Pages.Answer invalid = pages.post("/systemic-problems/" + confirmed + "/confirm", "dispatch",
                Pages.form("title", "牵头事项", "leadDepartment", ""));
        assertThat(invalid.status()).isEqualTo(400);
        Element field = invalid.html().selectFirst("#problem-" + confirmed + " [data-field=leadDepartment]");
        assertThat(field.select(".field-error").text()).isEqualTo("请选择一项");
        assertThat(invalid.html().selectFirst("#problem-" + confirmed + " input[name=title]").val()).isEqualTo("牵头事项");
        assertThat(status(confirmed)).isEqualTo("PROPOSED");

        Pages.Answer ok = pages.post("/systemic-problems/" + confirmed + "/confirm", "dispatch",
                Pages.form("title", "出口通关慢（共性问题）", "leadDepartment", "CUSTOMS", "note", "海关牵头"));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.redirect()).startsWith("/systemic-problems?status=CONFIRMED");
        JsonNode problem = api.get("/api/systemic-problems/" + confirmed, "leader").json();
        // the page it leads to says once what was decided, and where the case goes on
        String back = ok.redirect().replaceFirst("#.*", "");
        assertThat(pages.get(back, "dispatch").html().select("#flash").text()).isEqualTo("已确认共性问题 #" + confirmed
                + "：牵头事项 #" + problem.get("caseTicketId").asText() + " 由海关主办，答复后统一回复各企业的事项。");
        assertThat(pages.get(back, "dispatch").html().select("#flash")).as("once, not on the next load").isEmpty();
        assertThat(problem.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(api.get("/api/tickets/" + problem.get("caseTicketId").asText(), "leader").json()
                .get("leadDepartment").asText()).isEqualTo("CUSTOMS");
        Pages.Answer after = pages.get("/systemic-problems?status=CONFIRMED", "leader");
        assertThat(after.html().selectFirst("#problem-" + confirmed + " a.case").attr("href"))
                .isEqualTo("/tickets/" + problem.get("caseTicketId").asText());

        // decided already: 409 with the reason
        Pages.Answer again = pages.post("/systemic-problems/" + confirmed + "/dismiss", "dispatch",
                Pages.form("reason", "重复"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.html().select("h1").text()).isEqualTo("共性问题");
        assertThat(again.html().select("#refusal").text()).as("why, though its form is not shown").isNotBlank();

        Pages.Answer blank = pages.post("/systemic-problems/" + dismissed + "/dismiss", "dispatch", Pages.form("reason", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.html().select("#problem-" + dismissed + " [data-field=reason] .field-error").text()).isNotBlank();
        String key = pages.get("/systemic-problems?status=PROPOSED", "dispatch").html()
                .select("#problem-" + dismissed + " form[data-action=dismiss] input[name=submission]").val();
        assertThat(key).isNotBlank();
        MultiValueMap<String, String> dismissal = Pages.form("reason", "系统故障已修复，非共性问题", "submission", key);
        Pages.Answer gone = pages.post("/systemic-problems/" + dismissed + "/dismiss", "dispatch", dismissal);
        assertThat(gone.status()).isEqualTo(303);
        assertThat(status(dismissed)).isEqualTo("DISMISSED");
        // the same form sent again under its key (a double click, the answer sent again): not 409 decided
        // already in place of the first's answer, but the problem as it is now, and no second message
        Pages.Answer twice = pages.post("/systemic-problems/" + dismissed + "/dismiss", "dispatch", dismissal);
        assertThat(twice.status()).isEqualTo(303);
        assertThat(twice.redirect()).isEqualTo(gone.redirect());
        String dismissedList = gone.redirect().replaceFirst("#.*", "");
        assertThat(pages.get(dismissedList, "dispatch").html().select("#flash").text())
                .isEqualTo("已排除共性问题 #" + dismissed + "，其中的事项照常各自办理。");
        assertThat(pages.get(dismissedList, "dispatch").html().select("#flash")).isEmpty();
        // that form changed after going back (another reason) says what changed was not done
        Pages.Answer changed = pages.post("/systemic-problems/" + dismissed + "/dismiss", "dispatch",
                Pages.form("reason", "另一个理由", "submission", key));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.html().select("#refusal").text()).contains("这次改动的内容没有办理");
        assertThat(changed.body()).doesNotContain(key);
        assertThat(api.get("/api/systemic-problems/" + dismissed, "leader").json().get("dismissReason").asText())
                .isEqualTo("系统故障已修复，非共性问题");
    }

    @Test
    void othersGetTheChinese403PageAndAFormWithoutItsTokenChangesNothing() {
        String id = proposal("CREDIT_INSURANCE", "出口信用保险理赔周期太长，海外买家拖欠货款无法及时赔付");
        for (String user : List.of("staff1", "transport", "admin")) {
            Pages.Answer refused = pages.get("/systemic-problems", user);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.html().select("#errorTitle").text()).contains("无权访问");
        }
        // the roles by their Chinese names, not their codes
        assertThat(pages.get("/systemic-problems", "staff1").html().text()).contains("角色 服务专员 无权执行此操作",
                "专班办公室、领导").doesNotContain("STAFF", "DISPATCH");
        assertThat(pages.post("/systemic-problems/" + id + "/confirm", "leader", Pages.form("leadDepartment", ""))
                .status()).as("403 before 400").isEqualTo(403);
        assertThat(pages.post("/systemic-problems/scan", "leader", Pages.form()).status()).isEqualTo(403);
        assertThat(pages.post("/systemic-problems/987654321/dismiss", "dispatch", Pages.form("reason", "x")).status())
                .isEqualTo(404);
        Pages.Answer forged = pages.postWithoutToken("/systemic-problems/" + id + "/dismiss", "dispatch",
                Pages.form("reason", "伪造"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(status(id)).isEqualTo("PROPOSED");
    }

    private String status(String id) {
        return api.get("/api/systemic-problems/" + id, "leader").json().get("status").asText();
    }

    @Test
    void aDismissPostedAfterItsSessionTimedOutComesBackOnTheListFilledInAndIsNotTaken() throws Exception {
        String id = proposal("POLICY", "高新技术企业认定材料要求年年变，企业反复准备材料");
        MockHttpServletResponse posted = pages.postAfterTimeOut("/systemic-problems/" + id + "/dismiss",
                "/systemic-problems?status=PROPOSED", Pages.form("reason", "各企业所缺材料不同，\n分别答复即可"));
        assertThat(posted.getHeader("Location")).isEqualTo("/login?expired");
        Cookie kept = posted.getCookie("SANFU_SESSION");
        MockHttpServletResponse signedIn = pages.signInWith(kept, "dispatch");
        assertThat(signedIn.getRedirectedUrl()).isEqualTo("/systemic-problems");

        Pages.Answer list = pages.get("/systemic-problems", Pages.signedIn(Pages.sessionAfter(signedIn, kept)));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.html().select("#formKept").text()).contains("「排除」（共性问题 #" + id + "）已恢复到下方表单")
                .contains("还没有提交");
        assertThat(list.html().select("#toKeptForm").attr("href")).isEqualTo("#problem-" + id);
        Element section = list.html().selectFirst("#problem-" + id);
        assertThat(section).as("the list of proposed problems, with this one").isNotNull();
        assertThat(section.selectFirst("form[data-action=dismiss] textarea[name=reason]").wholeText())
                .isEqualTo("各企业所缺材料不同，\n分别答复即可");
        assertThat(section.selectFirst("form[data-action=confirm] input[name=title]").val()).isEmpty();
        assertThat(api.get("/api/systemic-problems/" + id, "leader").json().get("status").asText())
                .as("nothing was taken").isEqualTo("PROPOSED");

        // staff signing in at that terminal are sent home, not to the list's 403, and the form is not theirs
        MockHttpServletResponse again = pages.postAfterTimeOut("/systemic-problems/" + id + "/dismiss",
                "/systemic-problems?status=PROPOSED", Pages.form("reason", "专班的理由"));
        MockHttpServletResponse staff = pages.signInWith(again.getCookie("SANFU_SESSION"), "staff1");
        assertThat(staff.getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void aKeptConfirmOfAProblemDecidedMeanwhileListsWhatWasTypedToCopy() throws Exception {
        String id = proposal("POLICY", "跨境电商海外仓补助政策申报流程不清楚，企业不会申报");
        MockHttpServletResponse posted = pages.postAfterTimeOut("/systemic-problems/" + id + "/confirm",
                "/systemic-problems?status=PROPOSED",
                Pages.form("title", "海外仓补助申报指引", "leadDepartment", "COMMERCE", "note", "商务局统一出申报指引"));
        // while the user signs in again, a colleague dismisses it
        api.post("/api/systemic-problems/" + id + "/dismiss", "dispatch", Map.of("reason", "已有政策解读会"));
        Cookie kept = posted.getCookie("SANFU_SESSION");
        MockHttpServletResponse signedIn = pages.signInWith(kept, "dispatch");
        Pages.Answer list = pages.get("/systemic-problems", Pages.signedIn(Pages.sessionAfter(signedIn, kept)));
        assertThat(list.html().select("#formKept").text()).contains("「确认为共性问题」（共性问题 #" + id + "）没有提交")
                .contains("现为“已排除”");
        assertThat(list.html().select("#unsaved dd[data-field=title]").text()).isEqualTo("海外仓补助申报指引");
        assertThat(list.html().select("#unsaved dd[data-field=note]").text()).isEqualTo("商务局统一出申报指引");
        assertThat(api.get("/api/systemic-problems/" + id, "leader").json().get("status").asText())
                .isEqualTo("DISMISSED");
    }
}
