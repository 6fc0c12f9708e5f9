package org.sanfu.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * The visit and enterprise pages on a phone (docs/UI.md "Phones"): Debian's headless Chromium at 390 px
 * wide, through the system chromedriver. A staff member picks an enterprise, adds a second problem
 * block without JavaScript, is refused, puts it right and lands on the visit; no page scrolls sideways
 * and every input and button is at least 44 px tall.
 */
@SanfuTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VisitPagesBrowserTests {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** Elements narrower than a thumb, or wider than the screen; checkboxes count by their 44 px label. */
    private static final String MISFITS = """
            const misfits = [];
            if (document.documentElement.scrollWidth > window.innerWidth) {
              misfits.push('page ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
            }
            document.querySelectorAll('input, select, textarea, button, .button, label.inline').forEach(e => {
              if (e.type === 'hidden' || e.type === 'checkbox' || e.offsetParent === null) return;
              const box = e.getBoundingClientRect();
              if (box.height < 44) misfits.push((e.name || e.id || e.textContent.trim()) + ' ' + box.height + 'px tall');
              if (box.right > window.innerWidth + 0.5) misfits.push((e.name || e.id) + ' reaches ' + box.right);
            });
            return misfits;""";

    @Autowired
    Api api;
    @LocalServerPort
    int port;

    private ChromeDriver browser;
    private Path profile;

    @BeforeEach
    void needsChromium() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        if (browser == null) {
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
            profile = Files.createTempDirectory("sanfu-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toString());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--lang=zh-CN", "--user-data-dir=" + profile);
            // Chromium's windows are at least 500 px wide: a phone's screen is emulated instead
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                    java.util.Map.of("width", 390, "height", 844, "pixelRatio", 1.0)));
            browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build(), options);
        }
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    /** No misfits on the page at a phone's width; a screenshot of it under target/screenshots/ for people to look at. */
    @SuppressWarnings("unchecked")
    private void fitsAPhone(String page) {
        JavascriptExecutor script = browser;
        assertThat(((Number) script.executeScript("return window.innerWidth")).intValue()).as("a phone's width")
                .isLessThanOrEqualTo(390);
        assertThat((List<Object>) script.executeScript(MISFITS)).as(page).isEmpty();
        try {
            Path shots = Files.createDirectories(Path.of("target", "screenshots"));
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(),
                    shots.resolve("phone-" + page.replace(' ', '-') + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aStaffMemberLogsAVisitOnAPhoneWithoutTheFormEverOverflowing() {
        String code = api.enterprise("手机走访测试有限公司", "大溪镇");
        open("/visits/new");
        browser.findElement(By.name("username")).sendKeys("staff1");
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("form[action='/login'] button")).click();
        assertThat(browser.getCurrentUrl()).contains("/visits/new"); // Spring Security adds "?continue"
        fitsAPhone("the blank form");

        browser.findElement(By.name("enterprise")).sendKeys("手机走访测试");
        browser.findElement(By.cssSelector("#enterpriseSearch button")).click();
        fitsAPhone("the enterprise matches");
        browser.findElement(By.cssSelector("#enterpriseMatches a[data-code='" + code + "']")).click();
        assertThat(browser.findElement(By.name("enterpriseCreditCode")).getAttribute("value")).isEqualTo(code);

        new Select(browser.findElement(By.name("problems[0].category"))).selectByValue("CONTAINER");
        browser.findElement(By.name("problems[0].title")).sendKeys("缺少集装箱");
        browser.findElement(By.id("addProblem")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("fieldset.problem")).size() == 2);
        assertThat(browser.findElement(By.name("problems[0].title")).getAttribute("value")).isEqualTo("缺少集装箱");
        fitsAPhone("the form with two blocks");

        new Select(browser.findElement(By.name("problems[1].category"))).selectByValue("FINANCING");
        browser.findElement(By.id("saveVisit")).click();
        assertThat(browser.findElement(By.cssSelector("#problem-1 .field-error")).getText()).isEqualTo("不能为空");
        fitsAPhone("the refused form");

        browser.findElement(By.name("problems[1].title")).sendKeys("贷款利率高");
        browser.findElement(By.id("saveVisit")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().matches(".*/visits/\\d+"));
        assertThat(browser.findElements(By.cssSelector("#visitTickets a.ticket"))).hasSize(2);
        fitsAPhone("the visit");

        open("/enterprises?q=手机走访测试");
        fitsAPhone("the enterprise list");
        open("/enterprises/" + code);
        assertThat(browser.findElements(By.cssSelector("#enterpriseTickets a.ticket"))).hasSize(2);
        fitsAPhone("the profile");
        open("/enterprises/new");
        fitsAPhone("the enterprise form");
        browser.findElement(By.name("creditCode")).sendKeys("91331000MA2XXXXXX1");
        browser.findElement(By.id("saveEnterprise")).click();
        assertThat(browser.findElement(By.cssSelector(".has-error .field-error")).getText()).isNotBlank();
        fitsAPhone("the refused enterprise form");
    }
}
