package org.sanfu.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;
import org.sanfu.Api;
import org.sanfu.Browser;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A service specialist's day on a phone, through the pages: the work page, finding an enterprise by a few
 * characters of its name, filing it when it is not there, logging a visit with two problems (one resolved on
 * the spot), the ticket it made, the enterprise's feedback once the department replied (a link given out, then
 * the feedback recorded), and the enterprise's profile; meanwhile /work's 我跟进的在办事项 shows where the problems
 * stand, and its link the list of them. The department's steps go through the API.
 */
@SanfuTest
class StaffDayOnAPhoneBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.phone();

    @Autowired
    Api api;

    @Test
    void aStaffMembersDayOnAPhone() {
        for (Browser.Size size : List.of(Browser.Size.PHONE, new Browser.Size(360, 640, true))) {
            browser.resize(size);
            walk(size.width() + "");
        }
    }

    private void walk(String w) {
        String tail = Api.creditCode().substring(12);
        String name = "台州走访日" + tail + "电机有限公司";
        String code = Api.creditCode();

        browser.signInAs("staff1");
        assertThat(browser.path()).isEqualTo("/work");
        shot(w, "01-work");

        // find the enterprise by a few characters: not there
        browser.open("/enterprises");
        browser.type("#q", "走访日" + tail);
        browser.follow("#enterpriseSearch button[type=submit]");
        shot(w, "02-enterprises-none");

        browser.follow("#newEnterprise");
        browser.type("#creditCode", code);
        browser.type("#name", name);
        browser.type("#town", "走访镇");
        shot(w, "03-enterprise-form");
        browser.follow("#saveEnterprise");
        assertThat(browser.path()).isEqualTo("/enterprises/" + code);
        assertThat(browser.text("operatingStatus")).isEqualTo("尚无走访记录");
        shot(w, "04-profile-new");

        browser.follow("#logVisit");
        shot(w, "05-visit-form");
        new Select(browser.find("#problems0-category")).selectByValue("FINANCING");
        browser.type("#problems0-title", "技改贷款利率偏高");
        browser.follow("#addProblem");
        new Select(browser.find("#problems1-category")).selectByValue("POLICY");
        browser.type("#problems1-title", "稳岗补贴申报流程不清楚");
        browser.find("#problems1-resolvedOnSite").click();
        browser.type("#problems1-onSiteResolution", "现场讲解申报流程，企业已会操作");
        shot(w, "06-visit-form-filled");
        browser.follow("#saveVisit");
        shot(w, "07-visit");
        String visitId = browser.path().substring("/visits/".length());
        List<String> tickets = browser.findAll("#visitTickets a.ticket").stream()
                .map(a -> a.getDomAttribute("data-id")).toList();
        assertThat(tickets).hasSize(2);

        browser.follow("#visitTickets a.ticket[data-id='" + tickets.get(0) + "']");
        assertThat(browser.text("staffWaits")).startsWith("此事项待金融办签收。");
        shot(w, "08-ticket-assigned");

        api.act(tickets.get(0), "sign", "finance", null);
        api.act(tickets.get(0), "reply", "finance", Map.of("resolution", "已协调农商行下调利率 0.5 个百分点",
                "outcome", "RESOLVED"));

        browser.open("/work");
        assertThat(browser.find("#recentVisits a.card[href='/visits/" + visitId + "'] .visit-tickets").getText()
                .replaceAll("\\s+", " ")).as("the visit's card follows its problems").isEqualTo("事项 2 件 待回访 2");
        // the problems reported, where each stands (#myReported): this visit's are the latest
        String reported = "#myReported a.ticket[data-id='" + tickets.get(0) + "']";
        assertThat(browser.find(reported + " .status").getText()).isEqualTo("已答复待回访");
        assertThat(browser.find(reported).getText()).contains(name, "主办：金融办");
        // both problems replied (one on site): the specialist's turn, said on the card and with the way to the queue
        assertThat(browser.find(reported + " .your-turn").getText()).isEqualTo("轮到您回访");
        browser.noSidewaysScroll().tapTargetsAtLeast44px("#allMyReported, #myReportedYourTurn a");
        shot(w, "09-work-feedback");
        browser.follow("#allMyReported");
        assertThat(browser.path()).isEqualTo("/tickets?reporter=staff1&open=true");
        assertThat(browser.find("#mine").isSelected()).as("只看我跟进的").isTrue();
        assertThat(browser.findAll("a.ticket[data-id='" + tickets.get(0) + "']")).hasSize(1);
        browser.noSidewaysScroll().tapTargetsAtLeast44px("label[for=mine]");
        shot(w, "09b-tickets-mine");
        browser.open("/work");
        browser.follow("#queue-feedback a.ticket[data-id='" + tickets.get(0) + "']");
        shot(w, "10-ticket-replied");
        browser.script("document.querySelector('details#feedback-link').open = true");
        browser.script("document.querySelector('details#feedback-link').scrollIntoView()");
        shot(w, "11-ticket-link-form");
        browser.follow("#feedbackLinkForm button[type=submit]");
        browser.noSidewaysScroll().tapTargetsAtLeast44px();
        browser.find("#copyLink").click();
        browser.await(d -> browser.find("#copied").isDisplayed() || browser.find("#copyFailed").isDisplayed());
        shot(w, "12-link-issued");
        browser.follow("#backToTicket");
        browser.script("document.querySelector('details#action-feedback').open = true");
        browser.script("document.querySelector('details#action-feedback').scrollIntoView()");
        shot(w, "13-ticket-feedback-form");
        new Select(browser.find("#feedback-satisfaction")).selectByValue("SATISFIED");
        browser.follow("form[data-action='feedback'] button[type=submit]");
        shot(w, "14-ticket-closed");

        browser.open("/enterprises?q=" + tail);
        shot(w, "15-enterprises-found");
        browser.follow("#enterpriseList a.enterprise[data-code='" + code + "']");
        assertThat(browser.text("operatingStatus")).as("a visit is on file").isEqualTo("走访时未填写");
        assertThat(browser.find("#enterpriseVisits a.card[href='/visits/" + visitId + "'] .visit-tickets").getText()
                .replaceAll("\\s+", " ")).as("as /work says it").isEqualTo("事项 2 件 待回访 1 已销号 1");
        browser.noSidewaysScroll().tapTargetsAtLeast44px();
        shot(w, "16-profile");
        browser.open("/work");
        assertThat(browser.findAll("#myReported a.ticket[data-id='" + tickets.get(0) + "']"))
                .as("closed: no longer in progress").isEmpty();
        browser.noSidewaysScroll();
        shot(w, "17-work-after");
    }

    private static void shot(String width, String name) {
        browser.fullPageScreenshot("staffday-" + width + "-" + name);
    }
}
