package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.util.FileSystemUtils;

/**
 * The workbench in a real browser: Debian's headless Chromium driven by Selenium through the system
 * chromedriver (nothing is ever downloaded), in Chinese, phone-sized (390×844) unless asked for the
 * desktop (1440×900). Register it in a {@link SanfuTest} class and use it from the tests:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final Browser browser = Browser.phone();
 *
 * &#64;Test
 * void theWorkPageFitsAPhone() {
 *     browser.signInAs("staff1").open("/work").noSidewaysScroll().tapTargetsAtLeast44px().screenshot("work");
 * }
 * </pre>
 *
 * As an extension it skips the class, saying why, when Chromium or chromedriver is missing (.ci/run
 * installs them), learns the server's port from the Spring context, starts Chromium on first use,
 * saves a screenshot named after a test that fails (target/browser-screenshots/failed/), and quits
 * after the class. Signing in as another user starts from fresh cookies, through the /login form.
 * Every page it loads ({@link #open}, {@link #follow}, {@link #signInAs}) must load with nothing refused
 * by the pages' Content-Security-Policy: Chromium's console is read for it each time.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, TestWatcher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Browser.class);

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where every screenshot goes (under the working directory, the module's root in Maven). */
    public static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    /** Where the README's screenshots live; written only with {@code -Dsanfu.screenshots=docs}. */
    public static final Path DOCS_SCREENSHOTS = Path.of("docs", "screenshots");
    static final String DOCS_PROPERTY = "sanfu.screenshots";
    static final String PASSWORD = "demo";
    /** The pages' session cookie (server.servlet.session.cookie.name in config/application.yml). */
    static final String SESSION_COOKIE = "SANFU_SESSION";
    static final Duration WAIT = Duration.ofSeconds(10);

    /** A window size: a phone's viewport (mobile layout, meta viewport honoured) or a desktop's. */
    public record Size(int width, int height, boolean mobile) {
        public static final Size PHONE = new Size(390, 844, true);
        public static final Size DESKTOP = new Size(1440, 900, false);
    }

    private Size size;
    private String baseUrl;
    private ChromeDriver driver;
    private Path profile;
    private String signedIn;

    private Browser(Size size, String baseUrl) {
        this.size = size;
        this.baseUrl = baseUrl;
    }

    /** A phone-sized browser (390×844); as an extension it finds the server itself. */
    public static Browser phone() {
        return new Browser(Size.PHONE, null);
    }

    /** A desktop-sized browser (1440×900). */
    public static Browser desktop() {
        return new Browser(Size.DESKTOP, null);
    }

    /** A browser for a server elsewhere, used without the extension; close it when done. */
    public static Browser at(String baseUrl, Size size) {
        assumeInstalled();
        return new Browser(size, baseUrl.replaceAll("/+$", ""));
    }

    /** Whether Debian's chromium and chromium-driver are installed. */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Skips the test (or the class), saying why, on a developer's machine without Chromium; in CI
     * (the CI variable set) fails instead, for there a skipped browser test would pass unseen.
     */
    public static void assumeInstalled() {
        String why = "browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, "
                + "/usr/bin/chromedriver); apt-get install chromium chromium-driver fonts-noto-cjk, as .ci/run does";
        if (System.getenv("CI") != null) {
            assertThat(installed()).as(why).isTrue();
        }
        assumeTrue(installed(), "skipped: " + why);
    }

    // --- as a JUnit 5 extension

    @Override
    public void beforeAll(ExtensionContext context) {
        assumeInstalled();
        if (baseUrl == null) {
            String port = SpringExtension.getApplicationContext(context).getEnvironment()
                    .getRequiredProperty("local.server.port");
            baseUrl = "http://127.0.0.1:" + port;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** A test failed: the browser as it was then, named after the test. */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "."
                + context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName());
        try {
            Path saved = save(SCREENSHOTS.resolve("failed"), name.replaceAll("[^\\w.-]", "_"), capture(false));
            log.warn("{} failed at {}; the browser then: {}", name, driver.getCurrentUrl(), saved.toAbsolutePath());
        } catch (RuntimeException e) {
            log.warn("no screenshot of the failed test {}", name, e);
        }
    }

    // --- driving the browser

    /** The Selenium driver, for what the helpers here do not cover; Chromium starts on first use. */
    public ChromeDriver driver() {
        if (driver == null) {
            if (baseUrl == null) {
                throw new IllegalStateException("register the Browser with @RegisterExtension in a @SanfuTest class, "
                        + "or create it with Browser.at(baseUrl, size)");
            }
            driver = start();
            resize(size);
        }
        return driver;
    }

    /** The server's root, as http://127.0.0.1:port. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The user signed in now, or null. */
    public String signedIn() {
        return signedIn;
    }

    /**
     * Signs in through the /login form as this demo user (password "demo"), from fresh cookies, unless
     * this user is signed in already (and still holds the session cookie). Lands on the user's home.
     */
    public Browser signInAs(String user) {
        if (user.equals(signedIn) && driver().manage().getCookieNamed(SESSION_COOKIE) != null) {
            return this;
        }
        signOut();
        ChromeDriver d = driver();
        d.get(baseUrl + "/login");
        d.findElement(By.name("username")).sendKeys(user);
        d.findElement(By.name("password")).sendKeys(PASSWORD);
        d.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        String landed = await(w -> {
            String url = w.getCurrentUrl();
            return url.contains("/login") && !url.contains("error") ? null : url;
        });
        if (landed.contains("/login")) {
            throw new AssertionError(user + " could not sign in with password \"" + PASSWORD + "\": " + landed);
        }
        waitUntilLoaded();
        signedIn = user;
        return this;
    }

    /** Forgets the session: every cookie is deleted (no request is made). */
    public Browser signOut() {
        if (driver != null) {
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        }
        signedIn = null;
        return this;
    }

    /** Opens a path of the server ("/", "/work?page=1") and waits until the page has loaded. */
    public Browser open(String path) {
        driver().get(baseUrl + path);
        waitUntilLoaded();
        return this;
    }

    /** Makes the viewport this size, e.g. {@code Size.DESKTOP}; the page sees a resize. */
    public Browser resize(Size newSize) {
        size = newSize;
        if (driver != null) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", newSize.width(),
                    "height", newSize.height(), "deviceScaleFactor", 1, "mobile", newSize.mobile()));
            driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", newSize.mobile()));
        }
        return this;
    }

    public Browser phoneSize() {
        return resize(Size.PHONE);
    }

    public Browser desktopSize() {
        return resize(Size.DESKTOP);
    }

    public Size size() {
        return size;
    }

    /** The current page's path and query, e.g. "/work". */
    public String path() {
        String url = driver().getCurrentUrl();
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    public WebElement find(String css) {
        return driver().findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver().findElements(By.cssSelector(css));
    }

    /**
     * Clicks a link or a form's button that leads to another page, and waits until that page has
     * replaced this one and finished loading: the next step never reads the page it left.
     */
    public Browser follow(String css) {
        WebElement page = find("html");
        WebElement target = find(css);
        script("arguments[0].scrollIntoView({block: 'center'})", target);
        target.click();
        await(driver -> gone(page));
        waitUntilLoaded();
        return this;
    }

    /**
     * Whether the element's page was replaced. Asked during the navigation, ChromeDriver sometimes
     * answers "node does not belong to the document" instead of a stale reference: the same news.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException stale) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Presses Enter in an input and waits for the page it leads to. */
    public Browser pressEnter(String css) {
        WebElement page = find("html");
        find(css).sendKeys(Keys.ENTER);
        await(driver -> gone(page));
        waitUntilLoaded();
        return this;
    }

    /** Types into an input, replacing what it held. */
    public Browser type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** The visible text of the element with this id. */
    public String text(String id) {
        return driver().findElement(By.id(id)).getText();
    }

    /** Waits (10 s at most) until the condition holds, e.g. {@code ExpectedConditions.presenceOfElementLocated(...)}. */
    public <T> T await(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver(), WAIT).until(condition);
    }

    /** Waits until the condition holds, at most {@code atMost}: for a page that has a large document to fetch and draw. */
    public <T> T await(Function<? super WebDriver, T> condition, Duration atMost) {
        return new WebDriverWait(driver(), atMost).until(condition);
    }

    /** Runs a script in the page and returns what it returns. */
    public Object script(String script, Object... args) {
        return driver().executeScript(script, args);
    }

    private void waitUntilLoaded() {
        await(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
        noPolicyViolations();
    }

    // --- what the pages' Content-Security-Policy refused

    /**
     * What Chromium reported on its console since the last look as refused by a Content-Security-Policy
     * (an inline script, a style attribute, a resource from elsewhere), for every page loaded meanwhile.
     * Reading the console empties it.
     */
    public List<String> policyViolations() {
        return driver().manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")).toList();
    }

    /**
     * Asserts that Chromium refused nothing under the pages' Content-Security-Policy since the last look;
     * done after every page {@link #open}, {@link #follow} and {@link #signInAs} loads.
     */
    public Browser noPolicyViolations() {
        assertThat(policyViolations()).as("what the Content-Security-Policy refused on the way to %s", path()).isEmpty();
        return this;
    }

    // --- what every page must do on a phone (docs/UI.md, "Phones")

    /**
     * Asserts that the page does not scroll sideways: {@code document.documentElement.scrollWidth <= innerWidth},
     * and no wider than the window asked for (a phone's browser zooms out to show a page that is too wide,
     * which widens innerWidth with it). Names the elements that stick out when it does.
     */
    @SuppressWarnings("unchecked")
    public Browser noSidewaysScroll() {
        Map<String, Object> found = (Map<String, Object>) script("""
                var root = document.documentElement, inner = window.innerWidth, limit = Math.min(inner, arguments[0]), wide = [];
                if (root.scrollWidth > limit) {
                  document.querySelectorAll('body *').forEach(function (el) {
                    var r = el.getBoundingClientRect();
                    if (r.right > limit + 0.5 && r.width > 0) {
                      wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                        + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                        + ' right=' + Math.round(r.right));
                    }
                  });
                }
                return {scrollWidth: root.scrollWidth, innerWidth: inner, wide: wide.slice(0, 12)};
                """, size.width());
        long scrollWidth = ((Number) found.get("scrollWidth")).longValue();
        long innerWidth = ((Number) found.get("innerWidth")).longValue();
        assertThat(scrollWidth).as("%s in a window %d px wide scrolls sideways: scrollWidth %d, innerWidth %d; too wide: %s",
                path(), size.width(), scrollWidth, innerWidth, found.get("wide"))
                .isLessThanOrEqualTo(innerWidth).isLessThanOrEqualTo(size.width());
        return this;
    }

    /**
     * The texts of the elements matching {@code css} whose text runs over more than one line: in a table
     * squeezed into a phone's width, a heading, a code or a figure broken a character or two a line.
     */
    @SuppressWarnings("unchecked")
    public List<String> brokenAcrossLines(String css) {
        return (List<String>) script("""
                function lines(e) {
                  var tops = [], walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT), n, count = 0, last = -1e9;
                  while ((n = walk.nextNode())) {
                    if (n.textContent.trim()) {
                      var r = document.createRange(); r.selectNodeContents(n);
                      [...r.getClientRects()].forEach(c => tops.push(c.top));
                    }
                  }
                  tops.sort((a, b) => a - b).forEach(t => { if (t - last > 4) { count++; last = t; } });
                  return count;
                }
                return [...document.querySelectorAll(arguments[0])].filter(e => lines(e) > 1).map(e => e.textContent.trim());""",
                css);
    }

    /**
     * Asserts that every visible button, input (but checkboxes and radios), select, textarea and link styled
     * as a button ({@code a.button}) is at least 44 px tall, naming those that are not.
     */
    public Browser tapTargetsAtLeast44px() {
        return tapTargetsAtLeast44px("");
    }

    /** As {@link #tapTargetsAtLeast44px()}, with more elements to check, e.g. {@code ".filters a"}. */
    @SuppressWarnings("unchecked")
    public Browser tapTargetsAtLeast44px(String moreCss) {
        String targets = "button, input:not([type=checkbox]):not([type=radio]):not([type=hidden]), select, textarea, a.button"
                + (moreCss.isBlank() ? "" : ", " + moreCss);
        List<String> small = (List<String>) script("""
                var small = [];
                document.querySelectorAll(arguments[0]).forEach(function (el) {
                  var style = getComputedStyle(el), r = el.getBoundingClientRect();
                  if (el.getClientRects().length === 0 || style.visibility === 'hidden' || r.width === 0) {
                    return;
                  }
                  if (r.height < 43.99) {
                    small.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.name ? '[name=' + el.name + ']' : '')
                      + ' "' + (el.tagName === 'SELECT' ? (el.selectedIndex < 0 ? '' : el.options[el.selectedIndex].text)
                        : (el.innerText || el.value || '')).trim().slice(0, 20) + '" ' + r.height.toFixed(1) + 'px');
                  }
                });
                return small;
                """, targets);
        assertThat(small).as("tap targets under 44 px on %s at %d px wide", path(), size.width()).isEmpty();
        return this;
    }

    // --- screenshots

    /** Saves the viewport as target/browser-screenshots/{name}.png. */
    public Path screenshot(String name) {
        return save(SCREENSHOTS, name, capture(false));
    }

    /** Saves the whole page, top to bottom, as target/browser-screenshots/{name}.png. */
    public Path fullPageScreenshot(String name) {
        return save(SCREENSHOTS, name, capture(true));
    }

    /**
     * A screenshot for the README: saved as {@link #screenshot} (or the whole page), and also as
     * docs/screenshots/{name}.png when the run asks for it with {@code -Dsanfu.screenshots=docs}, so that
     * an ordinary test run leaves the committed pictures alone.
     */
    public Path screenshotForDocs(String name, boolean fullPage) {
        byte[] png = capture(fullPage);
        Path saved = save(SCREENSHOTS, name, png);
        if ("docs".equals(System.getProperty(DOCS_PROPERTY))) {
            return save(DOCS_SCREENSHOTS, name, png);
        }
        return saved;
    }

    private byte[] capture(boolean fullPage) {
        ChromeDriver d = driver();
        Map<String, Object> params = fullPage
                ? Map.of("format", "png", "captureBeyondViewport", true, "clip", pageClip())
                : Map.of("format", "png");
        Map<String, Object> shot = d.executeCdpCommand("Page.captureScreenshot", params);
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> pageClip() {
        Map<String, Object> box = (Map<String, Object>) script("""
                var root = document.documentElement;
                return {width: Math.max(root.scrollWidth, window.innerWidth),
                        height: Math.max(root.scrollHeight, document.body.scrollHeight)};
                """);
        return Map.of("x", 0, "y", 0, "width", box.get("width"), "height", box.get("height"), "scale", 1);
    }

    private static Path save(Path folder, String name, byte[] png) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(name + ".png");
            Path partial = Files.write(folder.resolve(name + ".png.part"), png);
            return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- starting and stopping Chromium

    /** The system's Chromium through the system's chromedriver, with a fresh profile; nothing is downloaded. */
    private ChromeDriver start() {
        assumeInstalled();
        try {
            profile = Files.createTempDirectory("sanfu-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--window-size=" + Size.DESKTOP.width() + "," + Size.DESKTOP.height(),
                "--lang=zh-CN", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        // the console, where Chromium reports what a Content-Security-Policy refused (policyViolations)
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        // On Linux Chromium takes its interface language (date and month pickers, for one) from the environment;
        // its Chinese needs Debian's chromium-l10n, without which it falls back to English
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withEnvironment(Map.of("LANGUAGE", "zh_CN", "LANG", "zh_CN.UTF-8")).build();
        return new ChromeDriver(service, options);
    }

    /** Quits Chromium and removes its profile; the next use starts a new one. */
    @Override
    public void close() {
        try {
            Optional.ofNullable(driver).ifPresent(ChromeDriver::quit);
        } finally {
            driver = null;
            signedIn = null;
            if (profile != null) {
                FileSystemUtils.deleteRecursively(profile.toFile());
                profile = null;
            }
        }
    }
}
