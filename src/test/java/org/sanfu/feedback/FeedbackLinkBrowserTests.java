package org.sanfu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.sanfu.Api;
import org.sanfu.Browser;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The feedback link on a phone (390×844, docs/UI.md "Phones"): staff make it on the ticket page, and the
 * enterprise, signed in nowhere, opens it, sees the reply, taps a grade and submits; no page scrolls
 * sideways, every tap target (the grades too) is at least 44 px tall, no text is smaller than 16 px, and
 * nothing breaks the pages' CSP.
 */
@SanfuTest
class FeedbackLinkBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.phone();

    @Autowired
    Api api;

    @Test
    void staffMakeALinkAndTheEnterpriseRatesTheReplyOnItsPhone() {
        String code = api.enterprise("台州回访手机测试有限公司", "回访手机测试镇");
        String id = api.visit(code, List.of(Api.problem("CONTAINER", "出口集装箱订舱困难，运价上涨明显"))).get(0)
                .get("id").asText();
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", "已协调船公司每周增开两班，运价按协议价执行",
                "outcome", "RESOLVED"));

        browser.signInAs("staff1").open("/tickets/" + id);
        browser.find("#feedback-link summary").click();
        browser.noSidewaysScroll().tapTargetsAtLeast44px();
        browser.follow("#feedbackLinkForm button[type=submit]");
        String link = browser.find("#link").getDomAttribute("href");
        assertThat(link).contains("/f/");
        browser.noSidewaysScroll().tapTargetsAtLeast44px().noPolicyViolations();

        // the ticket's timeline says the link was given out, by whom and how, within the phone's width
        browser.open("/tickets/" + id);
        browser.script("document.querySelector('#history li[data-action=feedback-link]').scrollIntoView()");
        assertThat(browser.find("#history li[data-action=feedback-link] .event").getText()).isEqualTo("生成回访链接");
        assertThat(browser.find("#history li[data-action=feedback-link] .text").getText())
                .startsWith("链接由生成人转给企业，有效至 ");
        assertThat(((Number) browser.script("const r = document.querySelector('#history li[data-action=feedback-link]')"
                + ".getBoundingClientRect(); return r.right;")).doubleValue()).isLessThanOrEqualTo(390);
        browser.noSidewaysScroll();
        browser.screenshot("feedback-link-timeline-phone");

        browser.signOut().open(link.substring(link.indexOf("/f/")));
        assertThat(browser.text("title")).isEqualTo("出口集装箱订舱困难，运价上涨明显");
        assertThat(browser.text("resolution")).contains("每周增开两班");
        browser.noSidewaysScroll().tapTargetsAtLeast44px("label.grade").noPolicyViolations();
        browser.screenshot("feedback-link-phone");

        assertThat(smallestText()).as("the smallest text on the page").isGreaterThanOrEqualTo(16);

        // sent without a grade (a browser that ignores required): the page again, its messages as large
        browser.script("document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))");
        browser.follow("#feedbackForm button[type=submit]");
        assertThat(browser.find("[data-field=satisfaction] .field-error").getText()).isNotBlank();
        assertThat(smallestText()).as("the smallest text on the refused page").isGreaterThanOrEqualTo(16);

        browser.find("label[for=grade-SATISFIED]").click();
        browser.type("#comment", "订舱问题已解决，谢谢");
        browser.follow("#feedbackForm button[type=submit]");
        assertThat(browser.text("doneTitle")).contains("感谢");
        browser.noSidewaysScroll().tapTargetsAtLeast44px();
        assertThat(smallestText()).as("the smallest text on the thanks").isGreaterThanOrEqualTo(16);
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("status").asText()).isEqualTo("CLOSED");
    }

    /** A reply written in lines (一、… 二、…) reaches the enterprise in lines, not run together. */
    @Test
    void theReplyKeepsItsLines() {
        String id = repliedByTransport("分行", "出口订舱难", "一、已协调船公司增开航班。\n二、运价按协议价执行。");
        String link = api.post("/api/tickets/" + id + "/feedback-link", "staff1", null).json().get("url").asText();

        browser.signOut().open(link);
        assertThat(browser.find("#resolution").getText()).isEqualTo("一、已协调船公司增开航班。\n二、运价按协议价执行。");
    }

    /**
     * On a slow phone nothing seems to happen after 提交评价, and people tap again: the second tap sends nothing,
     * so the page that stays is the thanks saying what happens next, not 您已评价过 from a second post.
     */
    @Test
    void aSecondTapWhileTheAnswerIsOnItsWayIsNotSent() {
        String id = repliedByTransport("双击", "集装箱堆场收费偏高", "已约谈堆场，收费按备案标准执行");
        String link = api.post("/api/tickets/" + id + "/feedback-link", "staff1", null).json().get("url").asText();

        browser.signOut().open(link);
        browser.find("label[for=grade-DISSATISFIED]").click();
        browser.find("#comment").sendKeys("收费仍未下调");
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setLatency(Duration.ofSeconds(2));
        browser.driver().setNetworkConditions(slow);
        try {
            // by script: the driver would wait for the first tap's page before the second
            browser.script("const b = document.querySelector('#feedbackForm button[type=submit]');"
                    + " b.click(); setTimeout(() => b.click(), 500);");
            browser.await(d -> !d.findElements(By.cssSelector("#doneTitle, #spentTitle")).isEmpty());
        } finally {
            browser.driver().deleteNetworkConditions();
        }
        assertThat(browser.findAll("#spentTitle")).isEmpty();
        assertThat(browser.text("reopened")).contains("重新办理");
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("reopenCount").asInt()).isEqualTo(1);
    }

    /**
     * Staff in the enterprise's office send the new link by text message or chat: on a phone a long link is hard to
     * select, and a tap on it leaves the only page that shows it. 复制链接 puts it on the clipboard and says so.
     */
    @Test
    void staffCopyTheNewLinkWithOneTapOnTheirPhone() {
        String id = repliedByTransport("复制", "拼箱费用偏高", "已协调拼箱公司按标准收费");

        browser.signInAs("staff1").open("/tickets/" + id);
        browser.driver().executeCdpCommand("Browser.grantPermissions", Map.of("origin", browser.baseUrl(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        browser.find("#feedback-link summary").click();
        browser.follow("#feedbackLinkForm button[type=submit]");
        String link = browser.find("#link").getDomAttribute("href");
        assertThat(browser.find("#copyHint").isDisplayed()).as("with JavaScript the button, not the hint").isFalse();
        assertThat(browser.find("#copied").isDisplayed()).isFalse();
        assertThat(browser.find("#copyLink").getText()).isEqualTo("复制链接");
        browser.noSidewaysScroll().tapTargetsAtLeast44px();

        browser.find("#copyLink").click();
        browser.await(d -> browser.find("#copied").isDisplayed());
        assertThat(browser.find("#copyFailed").isDisplayed()).isFalse();
        assertThat(browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('' + e));"))
                .isEqualTo(link);
        browser.noPolicyViolations();
        browser.screenshot("feedback-link-copied-phone");
    }

    /**
     * A photograph chosen on the phone goes with the rating through the servlet container's own multipart reading
     * (which MockMvc does not do): kept as the enterprise's, its name and the Chinese comment as typed, the thanks
     * saying it came. (An ASCII file name: chromedriver finds no file by a Chinese path here.)
     */
    @Test
    void theEnterpriseSendsAPhotographWithItsRating() throws IOException {
        String id = repliedByTransport("照片", "集装箱滞留码头", "已协调海关放行");
        String link = api.post("/api/tickets/" + id + "/feedback-link", "staff1", null).json().get("url").asText();
        Path photo = Files.createTempDirectory("sanfu-feedback").resolve("container-site.png");
        Files.write(photo, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H',
                'D', 'R'});

        browser.signOut().open(link);
        browser.find("label[for=grade-DISSATISFIED]").click();
        browser.type("#comment", "集装箱仍未放行，见照片");
        browser.find("#files").sendKeys(photo.toString());
        browser.noSidewaysScroll().noPolicyViolations();
        assertThat(smallestText()).as("the smallest text on the page").isGreaterThanOrEqualTo(16);
        browser.follow("#feedbackForm button[type=submit]");
        assertThat(browser.text("filesReceived")).contains("您上传的 1 个文件已收到");

        JsonNode files = api.get("/api/tickets/" + id + "/attachments", "leader").json();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).get("fileName").asText()).isEqualTo("container-site.png");
        assertThat(files.get(0).get("fromEnterprise").asBoolean()).isTrue();
        JsonNode history = api.get("/api/tickets/" + id + "/history", "leader").json();
        boolean commented = false;
        for (JsonNode event : history) {
            commented |= event.get("action").asText().equals("feedback")
                    && event.get("detail").asText().contains("集装箱仍未放行，见照片");
        }
        assertThat(commented).as(history.toString()).isTrue();
    }

    /** The department's 答复函 is what the enterprise taps before rating: on its phone, a thumb's target (it was 24 px). */
    @Test
    void theRepliesFilesAreAThumbsTarget() {
        String id = repliedByTransport("答复函", "出口退税进度慢", "已协调税务局加快办理，详见答复函");
        Api.Response letter = api.perform(MockMvcRequestBuilders.post("/api/tickets/" + id + "/attachments")
                .accept(MediaType.APPLICATION_JSON).header(HttpHeaders.CONTENT_TYPE, "application/pdf")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"reply-letter.pdf\"")
                .content("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1)), "transport");
        assertThat(letter.status()).as(letter.text()).isEqualTo(201);
        String link = api.post("/api/tickets/" + id + "/feedback-link", "staff1", null).json().get("url").asText();

        browser.signOut().open(link);
        assertThat(browser.find("#files a").getText()).isEqualTo("reply-letter.pdf");
        browser.noSidewaysScroll().tapTargetsAtLeast44px("#files a").noPolicyViolations();
    }

    /** A container problem of a new enterprise (named after the test), signed and replied by the transport bureau. */
    private String repliedByTransport(String test, String title, String resolution) {
        String code = api.enterprise("台州回访" + test + "测试有限公司", "回访" + test + "测试镇");
        String id = api.visit(code, List.of(Api.problem("CONTAINER", title))).get(0).get("id").asText();
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", resolution, "outcome", "RESOLVED"));
        return id;
    }

    /** The smallest font size (px) of any shown text in the page's main part: its readers are often older. */
    private double smallestText() {
        Object px = browser.script("""
                let least = Infinity;
                const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  const e = n.parentElement;
                  if (n.textContent.trim() && e.getClientRects().length) {
                    least = Math.min(least, parseFloat(getComputedStyle(e).fontSize));
                  }
                }
                return least;""");
        return ((Number) px).doubleValue();
    }
}
