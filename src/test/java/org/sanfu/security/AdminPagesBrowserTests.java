package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sanfu.Browser;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /admin} on a phone (docs/UI.md "Phones"): in Debian's Chromium at 390 px wide, signed in
 * through the form and with scripts off, nothing scrolls sideways and every control is at least 44 px
 * tall, with every account's forms open, a form's faults shown, an import's line errors listed and a channel's
 * new key shown; the channel list, wider than the phone, scrolls inside its panel with nothing broken a
 * character a line.
 */
@SanfuTest
class AdminPagesBrowserTests {

    /** The system Chromium with a 390 px phone viewport, started and closed by the shared helper. */
    @RegisterExtension
    static final Browser phone = Browser.phone();

    @LocalServerPort
    int port;

    ChromeDriver browser;

    @BeforeEach
    void thePhone() {
        browser = phone.driver();
    }

    private void open(String path, String waitFor) {
        browser.get("http://127.0.0.1:" + port + path);
        waitFor(waitFor);
    }

    private void waitFor(String selector) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(selector)));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Nothing wider than the screen, and every visible control at least 44 px tall (checkboxes aside). */
    private void fitsAPhone(String what) {
        js("document.querySelectorAll('details').forEach(d => d.open = true)"); // to measure what a tap opens
        assertThat((Long) js("return window.innerWidth")).as(what).isEqualTo(390L);
        assertThat((Long) js("return document.documentElement.scrollWidth")).as(what + ": sideways").isLessThanOrEqualTo(390L);
        @SuppressWarnings("unchecked")
        List<String> small = (List<String>) js("""
                return [...document.querySelectorAll('button, select, summary, .button, .bar nav a, .admin-toc a, \
                input:not([type=hidden]):not([type=checkbox]):not([type=radio])')]
                  .filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().height < 44)
                  .map(e => e.outerHTML.slice(0, 80) + ' ' + e.getBoundingClientRect().height);""");
        assertThat(small).as(what + ": controls under 44 px").isEmpty();
    }

    @Test
    void theAdministratorsPageFitsAPhoneWithItsFormsFaultsAndImportErrors() throws IOException {
        assumeTrue(browser != null, "skipped: needs Debian's chromium and chromium-driver");
        open("/login", "#username");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.not(
                ExpectedConditions.urlContains("/login")));
        open("/admin", "#newAccount");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        fitsAPhone("the page");

        browser.findElement(By.id("new-username")).sendKeys("phone-check-" + Api.creditCode().substring(12));
        browser.findElement(By.cssSelector("#new-role option[value=DEPT]")).click();
        browser.findElement(By.id("new-password")).sendKeys("short");
        browser.findElement(By.cssSelector("#newAccount button[type=submit]")).click();
        waitFor("#newAccount .field-error");
        assertThat(browser.findElement(By.cssSelector("#newAccount .field-error[data-field=department]")).getText())
                .isEqualTo("部门账号必须选择所属的办理部门");
        fitsAPhone("a form with faults");
        shot("admin-faults", "#newAccount");

        Path csv = Files.createTempFile("enterprises-", ".csv");
        try {
            Files.writeString(csv, "creditCode,name,town,industry,exporter,key,specialist\n"
                    + Api.creditCode() + ",手机上传有限公司,手机镇,泵业,是,否,staff1\n"
                    + "91331000MA2XXXXXX1,一个名称很长很长很长很长很长很长很长很长很长很长的企业,手机镇,泵业,也许,否,nobody\n",
                    StandardCharsets.UTF_8);
            browser.findElement(By.id("file")).sendKeys(csv.toString());
            browser.findElement(By.cssSelector("#importForm button[type=submit]")).click();
            waitFor("#importResult");
        } finally {
            Files.deleteIfExists(csv);
        }
        assertThat(browser.findElement(By.id("importCreated")).getText()).isEqualTo("1");
        // one line rejected, with each of its three faults (credit code, 也许, nobody) a row of its own
        assertThat(browser.findElements(By.cssSelector("#importErrors tbody.rejected-line"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#importErrors tbody tr"))).hasSize(3);
        fitsAPhone("an import with a line error");
        shot("admin-import", "#import");
        shot("admin-calendar", "#calendar");

        // issue 14: a channel created on the page, its key and secret shown once, a long callback URL listed
        String code = "PHONE_" + Api.creditCode().substring(10);
        browser.findElement(By.id("channel-code")).sendKeys(code);
        browser.findElement(By.id("channel-name")).sendKeys("浙里办（手机检查）");
        browser.findElement(By.id("channel-callback")).sendKeys("https://zlb.example.gov.cn/sanfu/callback/"
                + "a-rather-long-path-without-any-break-opportunity-at-all-0123456789");
        browser.findElement(By.cssSelector("#newChannel button[type=submit]")).click();
        waitFor("#createdChannel");
        assertThat(browser.findElement(By.id("channelKey")).getText()).hasSize(43);
        assertThat(browser.findElements(By.cssSelector("#channelList tr[data-channel=" + code + "]"))).hasSize(1);
        fitsAPhone("a channel just created, its key shown");
        String row = "#channelList tr[data-channel=" + code + "]";
        assertThat(browser.findElement(By.cssSelector(row + " td.status")).getText()).isEqualTo("已启用");
        // readable: squeezed into the phone's width, headings, codes and buttons broke a character a line
        List<String> broken = phone.brokenAcrossLines("#channelList th, #channelList td.code, "
                + "#channelList td.status .badge, #channelList td.num, #channelList button");
        assertThat(broken).as("headings, codes, states, counts and buttons on one line each").isEmpty();
        // as the dashboard's tables: wider than the phone, the list scrolls inside its panel, never the page
        assertThat(js("var wrap = document.getElementById('channelList').parentElement; "
                + "return getComputedStyle(wrap).overflowX + ' ' + (wrap.scrollWidth > wrap.clientWidth)"))
                .as("the channel list scrolls inside its panel").isEqualTo("auto true");
        assertThat((Long) js("return Math.round(document.querySelector('" + row + " td.name').getBoundingClientRect().width)"))
                .as("a name a few characters a line at least").isGreaterThanOrEqualTo(100L);
        shot("admin-channels", "#channels");

        // the row's callback URL form (PATCH /api/channels/{code} of the page): a bad URL said by the field, then changed
        WebElement callback = browser.findElement(By.cssSelector(row + " form[data-form=channel-callback] input[name=callbackUrl]"));
        callback.clear();
        callback.sendKeys("ftp://zlb.example.gov.cn/cb");
        browser.findElement(By.cssSelector(row + " form[data-form=channel-callback] button")).click();
        waitFor(row + " form[data-form=channel-callback] .field-error");
        fitsAPhone("a channel's callback URL refused");
        callback = browser.findElement(By.cssSelector(row + " form[data-form=channel-callback] input[name=callbackUrl]"));
        callback.clear();
        callback.sendKeys("https://zlb.example.gov.cn/cb2");
        browser.findElement(By.cssSelector(row + " form[data-form=channel-callback] button")).click();
        waitFor("#flash");
        assertThat(browser.findElement(By.cssSelector(row + " td.url")).getText()).isEqualTo("https://zlb.example.gov.cn/cb2");
    }

    /** With -Dsanfu.screenshots=DIR, what the phone shows from this element down, for a person to look at. */
    private void shot(String name, String selector) throws IOException {
        String dir = System.getProperty("sanfu.screenshots");
        if (dir != null) {
            js("document.querySelector('" + selector + "').scrollIntoView()");
            Files.write(Path.of(dir, name + "-390.png"),
                    ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        }
    }
}
