package org.sanfu.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sanfu.Browser;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A page left open says, before the idle session ends, that it will, and 继续使用 keeps it (GET /session
 * is a request, and so is a page opened in another tab); past the end it says what sending a form does.
 * The page gets the idle time from the top bar (server.servlet.session.timeout); the browser test
 * shortens it on the page it drives.
 */
@SanfuTest
class SessionWarningBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.phone();

    @Autowired
    Pages pages;

    @Test
    void theTopBarGivesThePageTheIdleTimeAndSessionAnswersTheSignedInOnly() throws Exception {
        var bar = pages.get("/work", "staff1").html();
        assertThat(bar.selectFirst("[data-session-seconds]").attr("data-session-seconds")).isEqualTo("1800");
        assertThat(bar.selectFirst("#sessionWarning").hasAttr("hidden")).isTrue();
        assertThat(bar.select("script[src='/js/session.js']")).hasSize(1);
        assertThat(pages.get("/login", (String) null).html().select("#sessionWarning, script[src='/js/session.js']"))
                .as("signed out, no session to end").isEmpty();

        assertThat(pages.get("/session", "finance").status()).isEqualTo(204);
        var signedOut = pages.mvc().perform(MockMvcRequestBuilders.get("/session").accept(MediaType.ALL))
                .andReturn().getResponse();
        assertThat(signedOut.getStatus()).as("no session: not 204, nothing to keep").isNotEqualTo(204);
        assertThat(pages.get("/session", (String) null).redirect()).endsWith("/login");
    }

    /**
     * This page's idle time shortened to a few seconds from now (a request just noted): warned a quarter of them
     * before the end (at least one second), ended after them. The page looks again as when the back button
     * brings it back.
     */
    private static void shortened(int seconds) {
        browser.script("localStorage.setItem('sanfu.session.lastRequest', String(Date.now()));"
                + " document.querySelector('[data-session-seconds]').setAttribute('data-session-seconds', '"
                + seconds + "');"
                + " window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));");
    }

    @Test
    void thePageWarnsBeforeTheEndKeepsTheSessionOnRequestAndSaysWhenItHasEnded() {
        browser.signInAs("staff1").open("/visits/new");
        assertThat(browser.find("#sessionWarning").isDisplayed()).isFalse();
        assertThat(browser.script("return Number(localStorage.getItem('sanfu.session.lastRequest')) > Date.now() - 60000"))
                .as("the page noted its request").isEqualTo(true);
        // twenty seconds: warned after fifteen (a quarter before the end), so that the checks below and the click
        // have five on a busy machine; with four, one, and the session sometimes ended before the click (CI)
        shortened(20);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> browser.find("#sessionWarning").isDisplayed());
        assertThat(browser.find("#sessionWarning .soon").isDisplayed()).isTrue();
        assertThat(browser.find("#sessionWarning .soon").getText()).contains("登录将在 1 分钟后超时").contains("继续使用");
        assertThat(browser.find("#sessionWarning .ended").isDisplayed()).isFalse();
        browser.noSidewaysScroll().tapTargetsAtLeast44px();

        // read when the page counts again, after the click: ended four seconds after staying signed in
        browser.script("document.querySelector('[data-session-seconds]').setAttribute('data-session-seconds', '4')");
        browser.find("#stayedSignedIn").click();
        browser.await(d -> !browser.find("#sessionWarning").isDisplayed());
        browser.await(d -> browser.find("#sessionWarning .ended").isDisplayed());
        assertThat(browser.find("#sessionWarning .ended").getText()).startsWith("登录已超时");
        assertThat(browser.find("#sessionWarning .soon").isDisplayed()).isFalse();

        // a page opened in another tab is a request of the same session: this one counts from it
        shortened(4);
        browser.await(d -> browser.find("#sessionWarning").isDisplayed());
        // (a longer idle time from here on, only read when the page counts again: room for the tab to open)
        browser.script("document.querySelector('[data-session-seconds]').setAttribute('data-session-seconds', '60')");
        String here = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(WindowType.TAB);
        browser.open("/work");
        browser.driver().close();
        browser.driver().switchTo().window(here);
        browser.await(d -> !browser.find("#sessionWarning").isDisplayed());
        browser.noPolicyViolations();
    }
}
