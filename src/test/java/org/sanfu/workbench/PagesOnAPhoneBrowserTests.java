package org.sanfu.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
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
 * The sign-in form, the work page and the error page on a phone (390×844) in headless Chromium (docs/UI.md, "Phones"):
 * nothing scrolls sideways and every button and input is at least 44 px tall. The leaders' dashboard on a
 * phone is checked by report.DashboardBrowserTests, with its data.
 */
@SanfuTest
class PagesOnAPhoneBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.phone();

    @Autowired
    Api api;

    @Test
    void theSignInFormFitsAPhone() {
        browser.signOut().open("/login");
        assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.find("form[action='/login'] button").getText()).isEqualTo("登录");
        browser.noSidewaysScroll().tapTargetsAtLeast44px();
        browser.screenshotForDocs("login-phone", false);
    }

    @Test
    void staffSignInThroughTheFormAndTheirWorkPageFitsAPhone() {
        String code = api.enterprise("台州手机端测试机械有限公司", "手机测试镇");
        List<String> ids = api.visit(code, List.of(Api.problem("FINANCING", "设备更新贷款贴息申请进度"),
                Api.problem("CONTAINER", "出口集装箱订舱困难，运价上涨明显"))).stream().map(t -> t.get("id").asText()).toList();
        api.act(ids.get(0), "sign", "finance", null);
        api.act(ids.get(0), "reply", "finance", Map.of("resolution", "已对接银行办理贴息", "outcome", "RESOLVED"));

        browser.signInAs("staff1");
        assertThat(browser.path()).as("staff land on their work").isEqualTo("/work");
        assertThat(browser.find("#queue-feedback a.ticket[data-id='" + ids.get(0) + "']").getText())
                .contains("设备更新贷款贴息申请进度");
        browser.noSidewaysScroll().tapTargetsAtLeast44px();
        browser.screenshotForDocs("work-phone", false);
    }

    @Test
    void theLeadsAndDispatchsCardsWithCoHandlingAndExtensionsFitAPhone() {
        String code = api.enterprise("台州手机协办卡片测试有限公司", "手机协办镇");
        List<String> ids = api.visit(code, List.of(Api.problem("OTHER", "手机卡片：多部门协办的出口退税与物流问题"),
                Api.problem("OTHER", "手机卡片：等待外地海关协查"))).stream().map(t -> t.get("id").asText()).toList();
        // the longest names and every co-department there is: the card's lines must wrap, not widen it
        for (String id : ids) {
            api.act(id, "assign", "dispatch", Map.of("leadDepartment", "TRANSPORT",
                    "coDepartments", List.of("COMMERCE", "FINANCE", "CUSTOMS", "HRSS", "JUSTICE")));
            api.act(id, "sign", "transport", null);
        }
        Map<String, Object> extend = Map.of("workingDays", 3, "reason", "需外地海关协查，" + "等待回函".repeat(20));
        api.act(ids.get(0), "extend", "transport", extend);
        api.act(ids.get(0), "reject-extension", "dispatch", Map.of());
        api.act(ids.get(1), "extend", "transport", extend);

        browser.signInAs("transport").open("/work");
        browser.script("document.querySelector(arguments[0]).scrollIntoView()", "a.ticket[data-id='" + ids.get(0) + "']");
        assertThat(browser.find("a.ticket[data-id='" + ids.get(0) + "'] .extension-refused").getText())
                .startsWith("延期申请未获同意");
        assertThat(browser.find("a.ticket[data-id='" + ids.get(0) + "'] .pending-contributions").getText())
                .startsWith("待协办意见：商务局");
        browser.noSidewaysScroll().tapTargetsAtLeast44px();
        browser.screenshot("work-lead-co-handling-phone");

        browser.signInAs("dispatch").open("/work");
        browser.script("document.querySelector(arguments[0]).scrollIntoView()", "a.ticket[data-id='" + ids.get(1) + "']");
        assertThat(browser.find("#queue-approve-extension a.ticket[data-id='" + ids.get(1) + "'] .if-approved").getText())
                .startsWith("同意后答复期限延至");
        browser.noSidewaysScroll().tapTargetsAtLeast44px();
        browser.screenshot("work-dispatch-extension-phone");
        browser.open("/tickets/" + ids.get(1));
        browser.script("document.getElementById('extension').scrollIntoView()");
        assertThat(browser.text("extensionIfApproved")).startsWith("同意后，答复期限由");
        browser.noSidewaysScroll().tapTargetsAtLeast44px();
        browser.screenshot("ticket-extension-phone");
    }

    @Test
    void theChineseErrorPageFitsAPhone() {
        browser.signInAs("staff1").open("/admin");
        assertThat(browser.text("errorTitle")).contains("无权访问");
        browser.noSidewaysScroll().tapTargetsAtLeast44px();
    }

    @Test
    void aDepartmentsFilteredTicketListFitsAPhoneWithItsClearLinkATapTarget() {
        String code = api.enterprise("台州手机筛选测试有限公司", "手机筛选镇");
        api.visit(code, List.of(Api.problem("CONTAINER", "手机筛选：订舱难")));
        browser.signInAs("transport").open("/tickets?status=ASSIGNED&enterprise=台州手机筛选");
        assertThat(browser.find("#activeFilters a").getText()).isEqualTo("清除");
        assertThat(browser.find("#enterpriseByWords").getText()).contains("台州手机筛选");
        browser.noSidewaysScroll().tapTargetsAtLeast44px("#activeFilters a");
    }

    /** A department calls the enterprise from the ticket page, staff from its profile: the number is a thumb's target. */
    @Test
    void theEnterpriseContactsTelephoneIsATapTargetOnAPhone() {
        String code = Api.creditCode();
        Map<String, Object> filed = new LinkedHashMap<>();
        filed.put("creditCode", code);
        filed.put("name", "台州手机联系电话测试有限公司" + code.substring(12));
        filed.put("town", "手机电话镇");
        filed.put("specialist", "staff1");
        filed.put("contactName", "王丽");
        filed.put("contactPhone", "138 0000 1234");
        Api.Response created = api.post("/api/enterprises", "admin", filed);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        // logged by staff2: a ticket of staff1's here, reported after StaffDayOnAPhoneBrowserTests' visit form's minute,
        // would be one more of staff1's open tickets listed above that walk's on /work (#myReported shows ten)
        Api.Response visit = api.post("/api/visits", "staff2", Map.of("enterpriseCreditCode", code, "source", "VISIT",
                "problems", List.of(Api.problem("CONTAINER", "手机电话：订舱难"))));
        assertThat(visit.status()).as(visit.text()).isEqualTo(201);
        String id = visit.json().get("tickets").get(0).get("id").asText();

        browser.signInAs("transport").open("/tickets/" + id);
        assertThat(browser.find("#enterpriseContact a.phone").getDomAttribute("href")).startsWith("tel:");
        browser.noSidewaysScroll().tapTargetsAtLeast44px("a.phone");
        browser.signInAs("staff1").open("/enterprises/" + code);
        assertThat(browser.find("#contactPhone a.phone").getText()).isEqualTo("138 0000 1234");
        browser.noSidewaysScroll().tapTargetsAtLeast44px("a.phone");
    }

    @Test
    void aRefusedFormsLinkToItIsATapTargetOnAPhone() {
        String code = api.enterprise("台州手机退回表单测试有限公司", "手机表单镇");
        String id = api.visit(code, List.of(Api.problem("FINANCING", "手机表单：贷款展期"))).get(0).get("id").asText();
        api.act(id, "sign", "finance", null);
        browser.signInAs("finance").open("/tickets/" + id);
        browser.script("document.querySelector('details#action-reply').open = true");
        // blanks pass the browser's required check and are refused by the service: the refusal links to the form
        browser.type("#reply-resolution", "   ");
        new Select(browser.find("#reply-outcome")).selectByValue("RESOLVED");
        browser.follow("form[data-action=reply] button[type=submit]");
        assertThat(browser.find("#toRefusedForm").getText()).isEqualTo("转到表单");
        browser.noSidewaysScroll().tapTargetsAtLeast44px("#toRefusedForm");
    }

    @Test
    void theNameInTheBarIsATapTargetLeadingToTheAccountPageWhichFitsAPhone() {
        browser.signInAs("staff2").open("/work");
        browser.tapTargetsAtLeast44px("#signedInAs");
        browser.follow("#signedInAs");
        assertThat(browser.path()).isEqualTo("/account");
        assertThat(browser.text("username")).isEqualTo("staff2");
        assertThat(browser.find("#passwordForm button[type=submit]").getText()).isEqualTo("修改密码");
        browser.noSidewaysScroll().tapTargetsAtLeast44px("#signedInAs");
    }

    @Test
    void aSecondUserSignsInWithFreshCookies() {
        browser.signInAs("staff1").open("/work");
        assertThat(browser.text("signedInAs")).isEqualTo("王晓明（staff1）");
        browser.signInAs("finance").open("/work");
        assertThat(browser.text("signedInAs")).isEqualTo("刘洋（finance）");
        browser.signOut().open("/work");
        assertThat(browser.path()).as("no cookie, no session").isEqualTo("/login");
        assertThatThrownBy(() -> browser.signInAs("nobody")).hasMessageContaining("nobody could not sign in");
    }
}
