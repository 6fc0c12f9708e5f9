package org.sanfu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The files on the enterprise's feedback page (UI.md /f/{token}): what the departments added to the ticket (a 答复函)
 * is listed and downloaded through the live link, and nothing else is; a dead link is the page's own 410; reading a
 * file spends nothing and counts against the page's rate limit.
 */
@SanfuTest
class FeedbackAttachmentWebTests {

    private static final String REPLY_LETTER = "答复函（2026）第3号.pdf";
    private static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D',
            'R'};
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Pages pages;
    @Autowired
    FeedbackLinkProperties settings;

    /** Each test's requests to /f/** come from an address of their own, so that the rate limit stays theirs. */
    private final String address = "10.15." + (ADDRESSES.incrementAndGet() / 250) + "." + (ADDRESSES.get() % 250 + 1);

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void theDepartmentsFilesAreListedOldestFirstAndDownloadedAsSent() {
        String id = repliedTicket();
        String letter = upload(id, "transport", "application/pdf", REPLY_LETTER, PDF);
        String photo = upload(id, "transport", "image/png", "整改后现场.png", PNG);
        String path = issue(id);
        String before = snapshot(id);

        Document page = get(path).html();
        List<Element> files = page.select("#files li");
        assertThat(files).extracting(li -> li.attr("data-id")).containsExactly(letter, photo);
        assertThat(files.get(0).selectFirst("a").text()).isEqualTo(REPLY_LETTER);
        assertThat(files.get(0).selectFirst("a").attr("href")).isEqualTo(path + "/attachments/" + letter);
        assertThat(files.get(0).selectFirst(".muted").text()).isEqualTo(PDF.length + " B");
        assertThat(files.get(1).selectFirst("a").text()).isEqualTo("整改后现场.png");

        Answer got = get(files.get(0).selectFirst("a").attr("href"));
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.response().getContentAsByteArray()).isEqualTo(PDF);
        assertThat(got.contentType()).isEqualTo("application/pdf");
        assertThat(got.response().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        String disposition = got.response().getHeader(HttpHeaders.CONTENT_DISPOSITION);
        assertThat(disposition).contains("filename*=UTF-8''");
        assertThat(ContentDisposition.parse(disposition).isAttachment()).isTrue();
        assertThat(ContentDisposition.parse(disposition).getFilename()).isEqualTo(REPLY_LETTER);
        assertThat(get(path + "/attachments/" + photo).response().getContentAsByteArray()).isEqualTo(PNG);

        // reading spends nothing: the link still works, and nothing changed
        assertThat(snapshot(id)).isEqualTo(before);
        assertThat(get(path).status()).isEqualTo(200);
    }

    @Test
    void aFileStaffOrTheOfficeAddedIsNeitherListedNorDownloadedAndIsAn404LikeNoFileAtAll() {
        String id = repliedTicket();
        String licence = upload(id, "staff1", "image/png", "营业执照.png", PNG);
        String note = upload(id, "dispatch", "application/pdf", "督办通知.pdf", PDF);
        String letter = upload(id, "transport", "application/pdf", REPLY_LETTER, PDF);
        String path = issue(id);

        Document page = get(path).html();
        assertThat(page.select("#files li")).extracting(li -> li.attr("data-id")).containsExactly(letter);
        assertThat(page.text()).doesNotContain("营业执照", "督办通知");

        Answer unknown = get(path + "/attachments/999999999999");
        assertNotFound(unknown);
        for (String other : List.of(licence, note, "abc", "0" + letter, "-1")) {
            Answer refused = get(path + "/attachments/" + other);
            assertNotFound(refused);
            // no hint whether such a file exists
            assertThat(refused.body()).as(other).isEqualTo(unknown.body());
        }
        assertThat(get(path).status()).isEqualTo(200);
    }

    /**
     * A department the ticket was given by mistake, which returned it, no longer handles it nor sees it to remove its
     * files: what it added is not shown to the enterprise; the department that answered is.
     */
    @Test
    void theFilesOfADepartmentTheTicketWasTakenFromAreNotShown() {
        String id = api.ticket("FINANCING").get("id").asText();
        String internal = upload(id, "finance", "application/pdf", "内部转办说明.pdf", PDF);
        api.act(id, "return", "finance", Map.of("reason", "属于港航事项"));
        api.act(id, "assign", "dispatch", Map.of("leadDepartment", "TRANSPORT"));
        api.act(id, "sign", "transport", null);
        String letter = upload(id, "transport", "application/pdf", REPLY_LETTER, PDF);
        api.act(id, "reply", "transport", Map.of("resolution", "已协调船公司增加舱位", "outcome", "RESOLVED"));
        String path = issue(id);

        assertThat(get(path).html().select("#files li")).extracting(li -> li.attr("data-id")).containsExactly(letter);
        assertNotFound(get(path + "/attachments/" + internal));
        assertThat(get(path + "/attachments/" + letter).status()).isEqualTo(200);
    }

    /** A department is told on the ticket's page, before it adds a file, that the enterprise will see it. */
    @Test
    void theTicketPageTellsADepartmentThatTheEnterpriseSeesWhatItAdds() {
        String id = api.ticket("CONTAINER").get("id").asText();
        api.act(id, "sign", "transport", null);
        Pages.Answer department = pages.get("/tickets/" + id, "transport");
        assertThat(department.html().select("#attachForm #attachmentShared").text()).contains("企业的回访页面");
        Pages.Answer staff = pages.get("/tickets/" + id, "staff1");
        assertThat(staff.html().getElementById("attachForm")).isNotNull();
        assertThat(staff.html().getElementById("attachmentShared")).isNull();
    }

    @Test
    void anotherTicketsFileIsAn404() {
        String id = repliedTicket();
        String other = repliedTicket();
        String theirs = upload(other, "transport", "application/pdf", REPLY_LETTER, PDF);
        String ours = upload(id, "transport", "application/pdf", "本事项答复函.pdf", PDF);
        String path = issue(id);
        String theirPath = issue(other);
        assertThat(get(theirPath + "/attachments/" + theirs).status()).isEqualTo(200);

        assertThat(get(path).html().select("#files li")).extracting(li -> li.attr("data-id")).containsExactly(ours);
        assertThat(get(path + "/attachments/" + ours).status()).isEqualTo(200);
        // a live link never reaches a file by its id alone
        assertNotFound(get(path + "/attachments/" + theirs));
    }

    @Test
    void aFileItsDepartmentRemovedIsNeitherListedNorDownloaded() {
        String id = repliedTicket();
        String mistaken = upload(id, "transport", "application/pdf", "错传的文件.pdf", PDF);
        String letter = upload(id, "transport", "application/pdf", REPLY_LETTER, PDF);
        String path = issue(id);
        assertThat(get(path + "/attachments/" + mistaken).status()).isEqualTo(200);

        assertThat(api.call(HttpMethod.DELETE, "/api/tickets/" + id + "/attachments/" + mistaken, "transport", null)
                .status()).isEqualTo(204);
        assertThat(get(path).html().select("#files li")).extracting(li -> li.attr("data-id")).containsExactly(letter);
        assertNotFound(get(path + "/attachments/" + mistaken));
    }

    @Test
    void aLinkThatNoLongerWorksAnswersAsItsPageDoes() {
        String id = repliedTicket();
        String letter = upload(id, "transport", "application/pdf", REPLY_LETTER, PDF);
        String replaced = issue(id);
        String spent = issue(id);
        assertThat(get(spent + "/attachments/" + letter).status()).isEqualTo(200);
        assertThat(post(spent, "satisfaction", "SATISFIED").status()).isEqualTo(200);

        for (String path : List.of(spent, replaced, "/f/" + "A".repeat(43), "/f/nonsense")) {
            Answer page = get(path);
            assertThat(page.status()).as(path).isEqualTo(410);
            Answer file = get(path + "/attachments/" + letter);
            assertThat(file.status()).as(path).isEqualTo(410);
            assertThat(file.response().getContentType()).startsWith("text/html");
            assertThat(file.body()).as(path).isEqualTo(page.body()).doesNotContain(REPLY_LETTER);
        }
        assertThat(get(spent + "/attachments/" + letter).html().getElementById("spentTitle").text())
                .isEqualTo("您已评价过，感谢您的反馈");
    }

    @Test
    void downloadsCountAgainstTheFeedbackPagesLimit() {
        String id = repliedTicket();
        String letter = upload(id, "transport", "application/pdf", REPLY_LETTER, PDF);
        String path = issue(id);
        ClockUtil.setCurrentTime(new Date());
        int limit = settings.requestsPerMinute();
        for (int i = 0; i < limit; i++) {
            String asked = i % 2 == 0 ? path + "/attachments/" + letter : path;
            assertThat(get(asked).status()).as("request %d", i + 1).isEqualTo(200);
        }
        Answer refused = get(path + "/attachments/" + letter);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.html().getElementById("errorTitle").text()).contains("请稍后再试");
        assertThat(get(path).status()).isEqualTo(429);
    }

    // ------------------------------------------------------------------------------------------

    record Answer(int status, Document html, String body, String contentType, MockHttpServletResponse response) {}

    /** A CONTAINER ticket (transport) of a fresh enterprise, signed and replied. */
    private String repliedTicket() {
        String id = api.ticket("CONTAINER").get("id").asText();
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", "已协调船公司增加舱位，详见答复函", "outcome", "RESOLVED"));
        return id;
    }

    /** Adds a file over the API as the user; its id. */
    private String upload(String id, String user, String type, String fileName, byte[] content) {
        Api.Response r = api.perform(MockMvcRequestBuilders.post("/api/tickets/" + id + "/attachments")
                .accept(MediaType.APPLICATION_JSON).header(HttpHeaders.CONTENT_TYPE, type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"))
                .content(content), user);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private String issue(String id) {
        Api.Response r = api.post("/api/tickets/" + id + "/feedback-link", "staff1", null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("url").asText();
    }

    /** The ticket and its history as the leader reads them, and its links' rows. */
    private String snapshot(String id) {
        return api.get("/api/tickets/" + id, "leader").text() + api.get("/api/tickets/" + id + "/history", "leader")
                .text() + jdbc.sql("select * from feedback_link where ticket_id = ? order by id")
                .param(Long.valueOf(id)).query().listOfRows();
    }

    private static void assertNotFound(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.response().getContentType()).startsWith("text/html");
        assertThat(answer.html().getElementById("errorTitle").text()).isEqualTo("未找到（404）");
        assertThat(answer.response().getHeader(HttpHeaders.CONTENT_DISPOSITION)).isNull();
    }

    /** As a phone's browser asks: no session, no account, from the test's address. */
    private Answer get(String path) {
        return perform(MockMvcRequestBuilders.get(path));
    }

    private Answer post(String path, String name, String value) {
        return perform(MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param(name, value));
    }

    private Answer perform(MockHttpServletRequestBuilder request) {
        Api.Response r = api.perform(request.accept(MediaType.TEXT_HTML, MediaType.ALL).with(from -> {
            from.setRemoteAddr(address);
            return from;
        }), null);
        return new Answer(r.status(), Jsoup.parse(r.text()), r.text(), r.contentType(), r.raw());
    }
}
