package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sanfu.Api;
import org.sanfu.Browser;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ticket pages on a phone (docs/UI.md "Phones"), in Debian's headless Chromium at 390 px through
 * the system chromedriver: with every form and the filters opened, nothing scrolls sideways, however
 * long a text, and every button, input, select and summary is at least 44 px tall. A form is then
 * submitted by the browser, signed in through the sign-in form, with its CSRF token.
 */
@SanfuTest
class TicketPagesBrowserTests {

    /** The system Chromium with a 390 px phone viewport, started and closed by the shared helper. */
    @RegisterExtension
    static final Browser phone = Browser.phone();

    @Autowired
    Api api;
    @LocalServerPort
    int port;

    ChromeDriver browser;

    static boolean chromiumInstalled() {
        return Browser.installed();
    }

    @BeforeEach
    void thePhone() {
        browser = phone.driver();
    }

    @Test
    void theTicketPagesFitAPhoneAndTheirFormsWorkInABrowser() {
        assumeTrue(chromiumInstalled(), "skipped: needs Debian's chromium and chromium-driver");
        String longWord = "A".repeat(300);
        String code = api.enterprise("台州超长名称测试有限公司".repeat(4), "手机镇");
        List<String> ids = api.visit(code, List.of(
                Map.of("category", "CREDIT_INSURANCE", "title", "很长的标题" + longWord,
                        "description", "很长的描述" + "信保".repeat(300) + longWord),
                Api.problem("OTHER", "无规则的问题"))).stream().map(t -> t.get("id").asText()).toList();
        String coHandled = ids.get(0);
        String unrouted = ids.get(1);
        api.act(coHandled, "sign", "commerce", null);
        api.act(coHandled, "comment", "commerce", Map.of("text", "备注" + longWord));

        signIn("commerce");
        assertFitsAPhone("/tickets/" + coHandled);
        assertFitsAPhone("/tickets?q=" + longWord.substring(0, 50) + "&status=BOGUS");
        assertFitsAPhone("/tickets");
        assertFitsAPhone("/work");

        signIn("dispatch");
        assertFitsAPhone("/tickets/" + unrouted);
        // the browser submits the assign form, with its CSRF token, and lands on the ticket again (303)
        browser.get(url("/tickets/" + unrouted));
        // assigning is dispatch's one step on an unrouted ticket: its form is open already
        assertThat(browser.findElement(By.cssSelector("details#action-assign")).getDomAttribute("open")).isNotNull();
        var justiceCo = browser.findElement(By.cssSelector("form[data-action=assign] input[name=coDepartments][value=JUSTICE]"));
        justiceCo.click();
        assertThat(justiceCo.isSelected()).isTrue();
        browser.findElement(By.cssSelector("form[data-action=assign] select[name=leadDepartment] option[value=JUSTICE]"))
                .click();
        // the lead cannot co-handle too: its box is unticked and greyed out, and says why
        assertThat(justiceCo.isSelected()).isFalse();
        assertThat(justiceCo.isEnabled()).isFalse();
        assertThat(justiceCo.findElement(By.xpath("..")).getAttribute("class")).contains("is-lead");
        assertThat(justiceCo.findElement(By.xpath("..")).getAttribute("title")).isEqualTo("已选为主办部门");
        browser.findElement(By.cssSelector("form[data-action=assign] input[name=coDepartments][value=HRSS]")).click();
        browser.findElement(By.cssSelector("form[data-action=assign] textarea[name=note]")).sendKeys("请司法局牵头");
        browser.findElement(By.cssSelector("form[data-action=assign] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("status"), "待签收"));
        assertThat(browser.getCurrentUrl()).endsWith("/tickets/" + unrouted);
        assertThat(browser.findElement(By.id("lead")).getText()).isEqualTo("司法局");
        var ticket = api.get("/api/tickets/" + unrouted, "leader").json();
        assertThat(ticket.get("leadDepartment").asText()).isEqualTo("JUSTICE");
        assertThat(ticket.get("coDepartments").get(0).asText()).isEqualTo("HRSS");
        assertThat(ticket.get("coDepartments")).hasSize(1);
    }

    /**
     * A department's step on a phone: 签收 was below the fold, under the whole 事项信息 card. The row at the top puts it
     * in the first screen as a button; each link there is a thumb's target, and one to a folded form opens it.
     */
    @Test
    void theDepartmentsStepIsInTheFirstScreenAndItsLinkOpensTheForm() {
        assumeTrue(chromiumInstalled(), "skipped: needs Debian's chromium and chromium-driver");
        String code = api.enterprise("台州手机签收测试有限公司", "手机签收镇");
        String id = api.visit(code, List.of(Map.of("category", "CONTAINER", "title", "出口订舱困难",
                "description", "集装箱订舱困难，".repeat(40)))).get(0).get("id").asText();

        phone.signInAs("transport").open("/tickets/" + id);
        WebElement sign = browser.findElement(By.cssSelector("#mainActions a"));
        assertThat(sign.getText()).isEqualTo("签收");
        assertThat(sign.getRect().getY() + sign.getRect().getHeight()).as("签收's bottom").isLessThanOrEqualTo(844);
        phone.tapTargetsAtLeast44px("#mainActions a");
        assertThat(browser.findElement(By.id("action-return")).getDomAttribute("open")).isNull();
        browser.findElement(By.cssSelector("#mainActions a[href='#action-return']")).click();
        assertThat(browser.findElement(By.id("action-return")).getDomProperty("open")).isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector("form[data-action=return] textarea[name=reason]")).isDisplayed())
                .isTrue();
        phone.noPolicyViolations();
    }

    /**
     * Dispatch ticks co-departments, then tries one of them as the lead: its box is unticked and greyed out while it
     * leads, and ticked again when the lead moves on, as the person had left it. A box never ticked stays unticked, and
     * one the person unticked themselves is not ticked back.
     */
    @Test
    void aCoDepartmentUntickedForTheLeadIsTickedAgainWhenTheLeadMovesOn() {
        assumeTrue(chromiumInstalled(), "skipped: needs Debian's chromium and chromium-driver");
        String id = api.ticket("OTHER").get("id").asText();
        String assign = "form[data-action=assign] ";
        phone.signInAs("dispatch").open("/tickets/" + id);
        WebElement justice = phone.find(assign + "input[name=coDepartments][value=JUSTICE]");
        WebElement customs = phone.find(assign + "input[name=coDepartments][value=CUSTOMS]");
        WebElement finance = phone.find(assign + "input[name=coDepartments][value=FINANCE]");
        justice.click();
        customs.click();

        lead(assign, "JUSTICE");
        assertThat(justice.isSelected()).isFalse();
        assertThat(justice.isEnabled()).isFalse();
        lead(assign, "HRSS");
        assertThat(justice.isEnabled()).isTrue();
        assertThat(justice.isSelected()).as("ticked again once no longer the lead").isTrue();
        assertThat(customs.isSelected()).isTrue();

        // never ticked: chosen to lead and left, it stays unticked
        lead(assign, "FINANCE");
        lead(assign, "HRSS");
        assertThat(finance.isSelected()).isFalse();

        // unticked by the person after it came back: not ticked again by the next lead's change
        lead(assign, "CUSTOMS");
        justice.click();
        lead(assign, "HRSS");
        assertThat(customs.isSelected()).isTrue();
        assertThat(justice.isSelected()).isFalse();

        phone.follow(assign + "button[type=submit]");
        var ticket = api.get("/api/tickets/" + id, "leader").json();
        assertThat(ticket.get("leadDepartment").asText()).isEqualTo("HRSS");
        assertThat(ticket.get("coDepartments").toString()).isEqualTo("[\"CUSTOMS\"]");
        phone.noPolicyViolations();
    }

    private static void lead(String form, String department) {
        phone.find(form + "select[name=leadDepartment] option[value=" + department + "]").click();
    }

    private void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        try {
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.not(
                    ExpectedConditions.urlContains("/login")));
        } catch (RuntimeException e) {
            throw new AssertionError(user + " not signed in at " + browser.getCurrentUrl() + ": "
                    + browser.getPageSource(), e);
        }
    }

    /** Opens the page with every details element open; nothing wider than the screen, every tap target 44 px. */
    private void assertFitsAPhone(String path) {
        browser.get(url(path));
        JavascriptExecutor js = browser;
        js.executeScript("document.querySelectorAll('details').forEach(d => d.open = true)");
        Number innerWidth = (Number) js.executeScript("return window.innerWidth");
        assertThat(innerWidth.intValue()).isLessThanOrEqualTo(390);
        Number scrollWidth = (Number) js.executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).as(path + " scrolls sideways").isLessThanOrEqualTo(innerWidth.intValue());
        @SuppressWarnings("unchecked")
        List<String> small = (List<String>) js.executeScript("""
                return [...document.querySelectorAll('button, input, select, textarea, summary, .button, label.inline')]
                  .filter(e => e.type !== 'hidden' && e.type !== 'checkbox' && e.type !== 'radio')
                  .filter(e => e.getBoundingClientRect().height > 0 && e.getBoundingClientRect().height < 44)
                  .map(e => e.tagName + (e.name ? '[' + e.name + ']' : '') + ' ' + e.getBoundingClientRect().height);
                """);
        assertThat(small).as(path + ": tap targets under 44 px").isEmpty();
        assertThat((String) js.executeScript("return document.documentElement.lang")).isEqualTo("zh-CN");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
