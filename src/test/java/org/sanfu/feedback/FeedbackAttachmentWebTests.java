package org.sanfu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
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
import org.sanfu.ticket.ActionRequests;
import org.sanfu.ticket.AttachmentProperties;
import org.sanfu.ticket.Photographs;
import org.sanfu.ticket.Satisfaction;
import org.sanfu.ticket.TicketAttachments;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockPart;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The files on the enterprise's feedback page (UI.md /f/{token}): what the departments added to the ticket (a 答复函)
 * is listed and downloaded through the live link, and nothing else is; a dead link is the page's own 410; reading a
 * file spends nothing and counts against the page's rate limit. (Addition) The enterprise's own files, sent with its
 * rating in its transaction, kept as the enterprise's (no account's name: API.md 附件, {@code fromEnterprise}), told in
 * the history and on the ticket's page, listed on a later link's page; a refused file records nothing, nor does a
 * dead link; ADMIN alone removes such a file. Touches V44: in the PostgreSQL pass too.
 */
@SanfuTest
class FeedbackAttachmentWebTests {

    private static final String REPLY_LETTER = "答复函（2026）第3号.pdf";
    private static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D',
            'R'};
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    /** A Word document's first bytes: a zip, taken as .docx by its name. */
    private static final byte[] DOCX = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};

    @LocalServerPort
    int port;

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Pages pages;
    @Autowired
    FeedbackLinkProperties settings;
    @Autowired
    AttachmentProperties limits;
    @Autowired
    FilterRegistrationBean<FeedbackUploadGate> gate;
    @Autowired
    MeterRegistry meters;
    @Autowired
    FeedbackLinkService links;
    @Autowired
    PlatformTransactionManager transactions;

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

    @Test
    void filesSentWithTheRatingAreKeptAsTheEnterprisesWithTheirEvents() {
        String id = repliedTicket();
        String letter = upload(id, "transport", "application/pdf", REPLY_LETTER, PDF);
        String path = issue(id);
        String credit = api.get("/api/tickets/" + id, "leader").json().get("enterpriseCreditCode").asText();

        Answer done = rate(path, "DISSATISFIED", "集装箱仍未放行，见照片", file("集装箱现场.png", PNG),
                file("银行回复函.pdf", PDF));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.html().getElementById("filesReceived").text()).contains("您上传的 2 个文件已收到");

        // the API: both, marked as the enterprise's; uploadedBy is the history's actor for it, never a user name
        JsonNode listed = api.get("/api/tickets/" + id + "/attachments", "leader").json();
        assertThat(listed).hasSize(3);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(letter);
        assertThat(listed.get(0).get("fromEnterprise").asBoolean()).isFalse();
        assertThat(listed.get(0).get("uploadedBy").asText()).isEqualTo("transport");
        for (int i = 1; i < 3; i++) {
            assertThat(listed.get(i).get("fromEnterprise").isBoolean()).isTrue();
            assertThat(listed.get(i).get("fromEnterprise").asBoolean()).isTrue();
            assertThat(listed.get(i).get("uploadedBy").asText()).isEqualTo("enterprise:" + credit);
        }
        assertThat(listed.get(1).get("fileName").asText()).isEqualTo("集装箱现场.png");
        assertThat(listed.get(1).get("contentType").asText()).isEqualTo("image/png");
        assertThat(listed.get(2).get("fileName").asText()).isEqualTo("银行回复函.pdf");
        String photo = listed.get(1).get("id").asText();
        Api.Response download = api.perform(MockMvcRequestBuilders.get("/api/tickets/" + id + "/attachments/" + photo)
                .accept(MediaType.ALL), "transport");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.raw().getContentAsByteArray()).isEqualTo(PNG);

        // the history: an attach event each, by the enterprise, before the rating they came with
        JsonNode history = api.get("/api/tickets/" + id + "/history", "leader").json();
        List<JsonNode> events = toList(history);
        List<JsonNode> attached = events.stream().filter(e -> e.get("action").asText().equals("attach")
                && e.get("actor").asText().startsWith("enterprise:")).toList();
        assertThat(attached).extracting(e -> e.get("detail").asText()).containsExactly("集装箱现场.png", "银行回复函.pdf");
        assertThat(attached).allSatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo("enterprise:" + credit);
            assertThat(e.get("toStatus").asText()).isEqualTo("REPLIED");
        });
        assertThat(events.indexOf(attached.get(1))).isLessThan(indexOf(events, "feedback"));

        // the ticket's page: each by the enterprise's name, marked 企业评价时上传, downloaded as the others are
        Pages.Answer page = pages.get("/tickets/" + id, "leader");
        String enterprise = api.get("/api/tickets/" + id, "leader").json().get("enterpriseName").asText();
        Element row = page.html().selectFirst("#attachments li[data-id=" + photo + "]");
        assertThat(row.selectFirst(".from-enterprise").text()).isEqualTo("企业评价时上传");
        assertThat(row.selectFirst(".muted").text()).contains(enterprise);
        assertThat(page.html().selectFirst("#attachments li[data-id=" + letter + "] .from-enterprise")).isNull();
        assertThat(page.html().select("#history li[data-action=attach] .actor").eachText()).contains("企业（回访链接）");
        assertThat(pages.get("/tickets/" + id + "/attachments/" + photo, "transport").status()).isEqualTo(200);

        // handled again, replied again: the new link's page lists them as the enterprise's own, apart from the letter
        api.act(id, "reply", "transport", Map.of("resolution", "已再次协调放行", "outcome", "RESOLVED"));
        String again = issue(id);
        Document next = get(again).html();
        assertThat(next.select("#files li")).extracting(li -> li.attr("data-id")).containsExactly(letter);
        assertThat(next.select("#ownFiles li")).extracting(li -> li.attr("data-id"))
                .containsExactly(photo, listed.get(2).get("id").asText());
        Answer own = get(again + "/attachments/" + photo);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.response().getContentAsByteArray()).isEqualTo(PNG);
    }

    /**
     * (Addition) The enterprise's photograph, taken on its owner's phone at home, is kept without where it was taken
     * (API.md 附件): what staff download and what a later link's page gives back has no GPS and none of the
     * coordinates' bytes, still turns upright (Orientation 6) and decodes to its size.
     */
    @Test
    void theEnterprisesPhotographIsKeptWithoutWhereItWasTaken() {
        String id = repliedTicket();
        byte[] sent = Photographs.geotaggedJpeg(60, 40);
        Answer done = rate(issue(id), "DISSATISFIED", "集装箱仍未放行，见照片", file("集装箱现场.jpg", sent));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        JsonNode listed = api.get("/api/tickets/" + id + "/attachments", "leader").json().get(0);
        String photo = listed.get("id").asText();
        byte[] kept = api.perform(MockMvcRequestBuilders.get("/api/tickets/" + id + "/attachments/" + photo)
                .accept(MediaType.ALL), "transport").raw().getContentAsByteArray();
        Photographs.assertLocationGoneOrientationKept(kept, sent);
        assertThat(listed.get("size").asLong()).isEqualTo(kept.length);

        api.act(id, "reply", "transport", Map.of("resolution", "已再次协调放行", "outcome", "RESOLVED"));
        Answer own = get(issue(id) + "/attachments/" + photo);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.response().getContentAsByteArray()).isEqualTo(kept);
    }

    /**
     * (Addition) The enterprise's picture kept as sent because it could not be read is counted by its kind once its
     * rating committed (the WARN line with it: PicturesKeptWithMetadata); a form refused for another of its files, or
     * a rating whose transaction rolled back after its files were kept, counts nothing.
     */
    @Test
    void theEnterprisesPictureKeptWithItsMetadataIsCountedOnceItsRatingCommitted() {
        double pngs = keptWithMetadata("png");
        double jpegs = keptWithMetadata("jpeg");
        String refusedId = repliedTicket();
        Answer refused = rate(issue(refusedId), "DISSATISFIED", "仍未放行", file("现场.png", PNG),
                file("说明.docx", DOCX));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(rows(refusedId)).isZero();
        String id = repliedTicket();
        String token = issue(id).substring("/f/".length());
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            links.rate(token, new ActionRequests.Feedback(Satisfaction.DISSATISFIED, "仍未放行"),
                    List.of(new TicketAttachments.Upload("现场.png", null, PNG)));
            tx.setRollbackOnly();
        });
        assertThat(rows(id)).isZero();
        assertThat(keptWithMetadata("png")).isEqualTo(pngs);

        Answer done = rate(issue(id), "DISSATISFIED", "仍未放行", file("现场.png", PNG),
                file("整改后.jpg", Photographs.geotaggedJpeg(40, 30)));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(rows(id)).isEqualTo(2);
        assertThat(keptWithMetadata("png")).isEqualTo(pngs + 1);
        // the photograph read and stripped is not
        assertThat(keptWithMetadata("jpeg")).isEqualTo(jpegs);
    }

    @Test
    void theFormWorksWithoutAFileAndAnEmptyFileInputIsNoFile() {
        String id = repliedTicket();
        Document form = get(issue(id)).html();
        Element feedback = form.getElementById("feedbackForm");
        assertThat(feedback.attr("enctype")).isEqualTo("multipart/form-data");
        Element input = feedback.selectFirst("input[type=file]");
        assertThat(input.attr("name")).isEqualTo("files");
        assertThat(input.hasAttr("multiple")).isTrue();
        // photographs and PDF scans: nothing a document's macros or embedded objects could run from on a staff desktop
        assertThat(input.attr("accept")).isEqualTo(".pdf,.jpg,.jpeg,.png");

        // what a browser sends for a file input left empty: a part with no name and no bytes
        Answer done = rate(issue(id), "SATISFIED", "", file("", new byte[0]));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.html().getElementById("filesReceived")).isNull();
        assertThat(rows(id)).isZero();
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    void aFileRefusedIsTheFormAgainNamingFilesAndNothingIsRecorded() {
        String id = repliedTicket();
        String path = issue(id);
        String before = snapshot(id);
        byte[] tooLarge = Arrays.copyOf(PDF, (int) limits.maxFileBytes() + 1);
        Map<String, MockPart[]> refused = Map.of(
                "不是所接受的类型", new MockPart[] {file("说明.pdf", "plain text".getBytes(StandardCharsets.UTF_8))},
                "超过 10 MB", new MockPart[] {file("扫描件.pdf", tooLarge)},
                "至多上传 3 个文件", new MockPart[] {file("1.png", PNG), file("2.png", PNG), file("3.png", PNG),
                    file("4.png", PNG)},
                "为空", new MockPart[] {file("空.pdf", new byte[0])},
                // a Word file staff may add, never the enterprise through its link
                "这里只能上传照片（JPG、PNG）或 PDF 文件", new MockPart[] {file("说明.docx", DOCX)});
        refused.forEach((why, files) -> {
            Answer answer = rate(path, "DISSATISFIED", "仍未放行", files);
            assertThat(answer.status()).as(why).isEqualTo(400);
            Document html = answer.html();
            assertThat(html.select("[data-field=files].has-error .field-error").text()).as(why)
                    .contains(why.equals("不是所接受的类型") ? "只能上传 PDF" : why);
            // the grade and the comment kept
            assertThat(html.select("input[name=satisfaction][value=DISSATISFIED][checked]")).as(why).hasSize(1);
            assertThat(html.getElementById("comment").text()).as(why).isEqualTo("仍未放行");
        });
        assertThat(snapshot(id)).isEqualTo(before);
        assertThat(rows(id)).isZero();
        // the link still works
        assertThat(rate(path, "SATISFIED", "", file("现场.png", PNG)).status()).isEqualTo(200);
        assertThat(rows(id)).isOne();
    }

    /**
     * Over real HTTP, as a client without a live link sends it: a multipart body declared as three files' worth is
     * answered at once, never read (the 410 comes while the body is still unsent), and nothing is kept.
     */
    @Test
    void aFormWithFilesToALinkThatCannotTakeItIsAnsweredWithoutReadingItsBody() throws Exception {
        String id = repliedTicket();
        String spent = issue(id);
        assertThat(rate(spent, "SATISFIED", "", file("第一次.png", PNG)).status()).isEqualTo(200);
        for (String path : List.of("/f/" + "B".repeat(43), spent)) {
            try (Socket socket = bodyBegun(path)) {
                String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(status).as(path).isEqualTo("HTTP/1.1 410");
            }
        }
        assertThat(rows(id)).isOne();
    }

    /** A file too large and a grade missing: both said at once, the file refused by its size without being read. */
    @Test
    void aFileTooLargeIsNamedBesideTheFormsOtherFaults() {
        String id = repliedTicket();
        String path = issue(id);
        String before = snapshot(id);
        Answer answer = rate(path, "", "", file("扫描件.pdf", Arrays.copyOf(PDF, (int) limits.maxFileBytes() + 1)));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.html().select("[data-field=files].has-error .field-error").text()).contains("超过 10 MB");
        assertThat(answer.html().select("[data-field=satisfaction].has-error")).hasSize(1);
        assertThat(snapshot(id)).isEqualTo(before);
        assertThat(rows(id)).isZero();
    }

    /**
     * The enterprise's files have their own allowance: a ticket whose department's files and the enterprise's together
     * pass {@code max-per-ticket} still takes the department's 答复函, up to {@code max-per-ticket} of the service's own,
     * and the enterprise's next rating still takes its files.
     */
    @Test
    void theEnterprisesFilesTakeNoRoomFromTheDepartmentsAndTheirsNoneFromTheEnterprise() {
        String id = repliedTicket();
        for (int i = 1; i <= limits.maxPerTicket() - 3; i++) {
            upload(id, "transport", "application/pdf", "材料" + i + ".pdf", PDF);
        }
        assertThat(rate(issue(id), "DISSATISFIED", "仍未放行", file("a.png", PNG), file("b.png", PNG),
                file("c.png", PNG)).status()).isEqualTo(200);
        assertThat(rows(id)).isEqualTo(3);

        // handled again: the department's files reach max-per-ticket beside the enterprise's three, and no further
        for (int i = 1; i <= 3; i++) {
            upload(id, "transport", "application/pdf", "答复函（再次）" + i + ".pdf", PDF);
        }
        Api.Response full = attach(id, "transport", "application/pdf", "答复函（多余）.pdf", PDF);
        assertThat(full.status()).as(full.text()).isEqualTo(409);

        // and the enterprise, on the next reply, still sends its files with its rating
        api.act(id, "reply", "transport", Map.of("resolution", "已再次协调放行", "outcome", "RESOLVED"));
        assertThat(rate(issue(id), "SATISFIED", "", file("d.png", PNG)).status()).isEqualTo(200);
        assertThat(rows(id)).isEqualTo(4);
    }

    /**
     * The enterprise's allowance for the ticket ({@code max-from-enterprise-per-ticket}): its form says how many it may
     * still send, and files beyond are its form again naming {@code files}, nothing recorded; at the limit, none more.
     */
    @Test
    void theEnterprisesFilesBeyondItsAllowanceAreRefusedAndNothingIsRecorded() {
        int allowance = limits.maxFromEnterprisePerTicket();
        assertThat(allowance).as("the shipped allowance leaves room for the steps below").isGreaterThan(4);
        String id = repliedTicket();
        assertThat(rate(issue(id), "DISSATISFIED", "仍未放行", file("a.png", PNG), file("b.png", PNG),
                file("c.png", PNG)).status()).isEqualTo(200);
        String credit = api.get("/api/tickets/" + id, "leader").json().get("enterpriseCreditCode").asText();
        // the files of the ratings between (each a reply and a link of its own): all but one of the allowance kept
        for (int i = 4; i < allowance; i++) {
            jdbc.sql("insert into ticket_attachment (ticket_id, file_name, content_type, size, sha256, uploaded_by, "
                    + "uploaded_at, content, from_enterprise) values (?, ?, 'image/png', ?, 'x', ?, ?, ?, true)")
                    .params(Long.valueOf(id), i + ".png", PNG.length, "enterprise:" + credit,
                            Timestamp.from(Instant.now()), PNG).update();
        }
        api.act(id, "reply", "transport", Map.of("resolution", "已再次协调放行", "outcome", "RESOLVED"));
        String path = issue(id);
        assertThat(get(path).html().getElementById("fileHint").text()).contains("至多 1 个");
        assertThat(get(path).html().select("input[name=files]")).as("room for one: the picker").hasSize(1);
        String before = snapshot(id);

        Answer beyond = rate(path, "DISSATISFIED", "仍未放行", file("d.png", PNG), file("e.png", PNG));
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.html().select("[data-field=files].has-error .field-error").text())
                .contains("至多可上传 " + allowance + " 个文件", "这次至多还能上传 1 个文件");
        assertThat(beyond.html().select("input[name=satisfaction][value=DISSATISFIED][checked]")).hasSize(1);
        assertThat(beyond.html().getElementById("comment").text()).isEqualTo("仍未放行");
        assertThat(snapshot(id)).isEqualTo(before);
        assertThat(rate(path, "DISSATISFIED", "仍未放行", file("d.png", PNG)).status()).isEqualTo(200);
        assertThat(rows(id)).isEqualTo(allowance);

        // used up: the form says so, and a file is refused; the rating alone is taken
        api.act(id, "reply", "transport", Map.of("resolution", "已第三次协调放行", "outcome", "RESOLVED"));
        String last = issue(id);
        assertThat(get(last).html().getElementById("fileHint").text()).contains("已达上限（" + allowance + " 个）");
        assertThat(get(last).html().select("input[name=files]")).as("no picker for a file it would refuse").isEmpty();
        String atLimit = snapshot(id);
        Answer none = rate(last, "SATISFIED", "", file("f.png", PNG));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.html().select("[data-field=files].has-error .field-error").text())
                .contains("已达上限（" + allowance + " 个）", "不能再上传文件");
        assertThat(snapshot(id)).isEqualTo(atLimit);
        assertThat(rate(last, "SATISFIED", "").status()).isEqualTo(200);
        assertThat(rows(id)).isEqualTo(allowance);
    }

    /**
     * Over real HTTP: while as many forms with files are read as the node reads at once (the gate's permits held here),
     * one more to a live link is answered 503 with Retry-After at once, its body unread (the answer comes while the body
     * is still unsent), the enterprise's page saying 系统繁忙，请稍后再提交, and nothing is kept; a permit is given back
     * when a form is answered, so forms taken one after the other never wait for one another.
     */
    @Test
    void aFormWithFilesBeyondThoseReadAtOnceIsA503WithItsBodyUnread() throws Exception {
        String id = repliedTicket();
        String path = issue(id);
        String before = snapshot(id);
        Semaphore reading = gate.getFilter().reading;
        int max = settings.maxConcurrentUploads();
        assertThat(reading.tryAcquire(max)).isTrue();
        try {
            try (Socket socket = bodyBegun(path)) {
                String answer = readUntil(socket, "</html>");
                assertThat(answer).startsWith("HTTP/1.1 503");
                String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
                assertThat(head).contains("\r\nretry-after: 30\r\n", "\r\nconnection: close");
                assertThat(answer).contains("系统繁忙，请稍后再提交");
            }
            Answer busy = rate(path, "SATISFIED", "", file("现场.png", PNG));
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.html().getElementById("uploadsBusy").text()).startsWith("系统繁忙，请稍后再提交");
            assertThat(snapshot(id)).isEqualTo(before);
            assertThat(rows(id)).isZero();
        } finally {
            reading.release(max);
        }

        // one permit left: a form taken gives it back, so the next one is taken too
        String other = repliedTicket();
        assertThat(reading.tryAcquire(max - 1)).isTrue();
        try {
            assertThat(rate(path, "SATISFIED", "", file("现场.png", PNG)).status()).isEqualTo(200);
            assertThat(rate(issue(other), "SATISFIED", "", file("现场.png", PNG)).status()).isEqualTo(200);
        } finally {
            reading.release(max - 1);
        }
        assertThat(rows(id)).isOne();
        assertThat(rows(other)).isOne();
        assertThat(reading.availablePermits()).isEqualTo(max);
    }

    /**
     * Over real HTTP: a link's form is read once at a time, so whoever holds one link cannot take every permit with slow
     * bodies of their own (its second is the 503 at once, while permits are free); and a rating without files, its
     * body declared small, takes no permit, so forms with files read at once never turn it away.
     */
    @Test
    void aLinksSecondFormAtOnceIsA503AndARatingWithoutFilesNeedsNoPermit() throws Exception {
        String id = repliedTicket();
        String path = issue(id);
        Semaphore reading = gate.getFilter().reading;
        int max = settings.maxConcurrentUploads();
        try (Socket first = bodyBegun(path)) {
            // the first's head read and its permit taken before the second is sent
            for (int i = 0; i < 200 && reading.availablePermits() == max; i++) {
                Thread.sleep(50);
            }
            assertThat(reading.availablePermits()).isEqualTo(max - 1);
            try (Socket second = bodyBegun(path)) {
                assertThat(readUntil(second, "</html>")).startsWith("HTTP/1.1 503");
            }
            assertThat(reading.availablePermits()).as("the first holds one, the second took none").isEqualTo(max - 1);
        }
        // the first, cut off, gives its permit back once the server meets the end of its connection
        for (int i = 0; i < 200 && reading.availablePermits() < max; i++) {
            Thread.sleep(50);
        }
        assertThat(reading.availablePermits()).isEqualTo(max);

        String other = repliedTicket();
        assertThat(reading.tryAcquire(max)).isTrue();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            byte[] body = ("--x\r\nContent-Disposition: form-data; name=\"satisfaction\"\r\n\r\nSATISFIED\r\n--x--\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + issue(other) + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                    + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            assertThat(readUntil(socket, "</html>")).as("recorded: 303 to its thanks").startsWith("HTTP/1.1 303");
        } finally {
            reading.release(max);
        }
        assertThat(api.get("/api/tickets/" + other, "leader").json().get("satisfaction").asText())
                .isEqualTo("SATISFIED");
    }

    @Test
    void aLinkNoLongerWorkingStoresNoFile() {
        String id = repliedTicket();
        String replaced = issue(id);
        String spent = issue(id);
        // spent with a file, which is kept: the dead links' files below would be kept beside it
        assertThat(rate(spent, "DISSATISFIED", "仍未放行", file("第一次.png", PNG)).status()).isEqualTo(200);
        assertThat(rows(id)).isOne();
        String before = snapshot(id);
        for (String path : List.of(spent, replaced, "/f/" + "A".repeat(43))) {
            Answer gone = rate(path, "SATISFIED", "", file("现场.png", PNG));
            assertThat(gone.status()).as(path).isEqualTo(410);
            // a bad file on a dead link: the link's 410 too, not the form
            assertThat(rate(path, "SATISFIED", "", file("x.pdf", new byte[] {1})).status()).as(path).isEqualTo(410);
        }
        assertThat(rows(id)).isOne();
        assertThat(snapshot(id)).isEqualTo(before);
    }

    @Test
    void theFeedbackPagesLimitHoldsForAFormWithFiles() {
        String id = repliedTicket();
        String other = repliedTicket();
        String path = issue(id);
        String otherPath = issue(other);
        ClockUtil.setCurrentTime(new Date());
        for (int i = 2; i < settings.requestsPerMinute(); i++) {
            assertThat(get(otherPath).status()).as("request %d", i).isEqualTo(200);
        }
        // the address's last two requests of the minute: the rating, taken, its file kept, and its thanks (303)
        assertThat(rate(path, "SATISFIED", "", file("现场.png", PNG)).status()).isEqualTo(200);
        assertThat(rows(id)).isOne();
        // one more: 429, and its file is not kept
        assertThat(rate(otherPath, "SATISFIED", "", file("现场.png", PNG)).status()).isEqualTo(429);
        assertThat(rows(other)).isZero();
        assertThat(api.get("/api/tickets/" + other, "leader").json().get("status").asText()).isEqualTo("REPLIED");
    }

    /** A form with a file larger than a page's general body limit (1 MB) but within a file's is taken, not 413. */
    @Test
    void aFormWithFilesHasTheFilesLimitNotTheFormsOne() {
        String id = repliedTicket();
        byte[] photo = Arrays.copyOf(PNG, 1_500_000);
        Answer done = rate(issue(id), "SATISFIED", "", file("现场.png", photo));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(rows(id)).isOne();
    }

    @Test
    void onlyAnAdministratorRemovesTheEnterprisesFile() {
        String id = repliedTicket();
        assertThat(rate(issue(id), "DISSATISFIED", "仍未放行", file("身份证.png", PNG)).status()).isEqualTo(200);
        String file = api.get("/api/tickets/" + id + "/attachments", "leader").json().get(0).get("id").asText();

        for (String user : List.of("staff1", "dispatch", "transport", "leader")) {
            Api.Response refused = api.call(HttpMethod.DELETE, "/api/tickets/" + id + "/attachments/" + file, user,
                    null);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(pages.get("/tickets/" + id, user).html().getElementById("detach-" + file)).as(user).isNull();
        }
        assertThat(rows(id)).isOne();
        assertThat(pages.get("/tickets/" + id, "admin").html().getElementById("detach-" + file)).isNotNull();
        assertThat(api.call(HttpMethod.DELETE, "/api/tickets/" + id + "/attachments/" + file, "admin", null).status())
                .isEqualTo(204);
        assertThat(rows(id)).isZero();
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
        Api.Response r = attach(id, user, type, fileName, content);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** Sends a file over the API as the user. */
    private Api.Response attach(String id, String user, String type, String fileName, byte[] content) {
        return api.perform(MockMvcRequestBuilders.post("/api/tickets/" + id + "/attachments")
                .accept(MediaType.APPLICATION_JSON).header(HttpHeaders.CONTENT_TYPE, type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"))
                .content(content), user);
    }

    /**
     * Over real HTTP, the rating form with files as a client sends it: its head, declaring three files' worth, and the
     * first of its body; the rest never comes, so an answer read on the socket was given without reading the body.
     */
    private Socket bodyBegun(String path) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 30000000\r\n\r\n"
                + "--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.png\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket;
    }

    /** What the server sends on this connection, up to and with {@code end}, or until it closes it. */
    private static String readUntil(Socket socket, String end) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            read.write(buffer, 0, n);
            if (read.toString(StandardCharsets.UTF_8).contains(end)) {
                break;
            }
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private String issue(String id) {
        Api.Response r = api.post("/api/tickets/" + id + "/feedback-link", "staff1", null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("url").asText();
    }

    /** The ticket, its history and its files as the leader reads them, its links' rows and its files' rows. */
    private String snapshot(String id) {
        return api.get("/api/tickets/" + id, "leader").text() + api.get("/api/tickets/" + id + "/history", "leader")
                .text() + api.get("/api/tickets/" + id + "/attachments", "leader").text()
                + jdbc.sql("select * from feedback_link where ticket_id = ? order by id").param(Long.valueOf(id))
                .query().listOfRows()
                + jdbc.sql("select count(*) from ticket_attachment where ticket_id = ?").param(Long.valueOf(id))
                .query(Long.class).single();
    }

    private static void assertNotFound(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.response().getContentType()).startsWith("text/html");
        assertThat(answer.html().getElementById("errorTitle").text()).isEqualTo("未找到（404）");
        assertThat(answer.response().getHeader(HttpHeaders.CONTENT_DISPOSITION)).isNull();
    }

    /** {@code sanfu_pictures_kept_with_metadata_total} of this kind ("jpeg", "png"), as an operator reads it. */
    private double keptWithMetadata(String kind) {
        return meters.get("sanfu.pictures.kept.with.metadata").tag("kind", kind).counter().count();
    }

    /** The enterprise's files kept on the ticket (not removed). */
    private long rows(String id) {
        return jdbc.sql("select count(*) from ticket_attachment where ticket_id = ? and from_enterprise "
                + "and removed_at is null").param(Long.valueOf(id)).query(Long.class).single();
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static int indexOf(List<JsonNode> events, String action) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).get("action").asText().equals(action)) {
                return i;
            }
        }
        return -1;
    }

    /** A file the form carries in its {@code files} input, as a browser sends it (a part with a file name). */
    private static MockPart file(String name, byte[] content) {
        MockPart part = new MockPart("files", name, content);
        part.getHeaders().setContentType(MediaType.APPLICATION_OCTET_STREAM);
        return part;
    }

    /** The rating form sent as the page sends it: multipart, no session, no CSRF token, from the test's address. */
    private Answer rate(String path, String satisfaction, String comment, MockPart... files) {
        MockMultipartHttpServletRequestBuilder request = MockMvcRequestBuilders.multipart(path)
                .part(new MockPart("satisfaction", satisfaction.getBytes(StandardCharsets.UTF_8)),
                        new MockPart("comment", comment.getBytes(StandardCharsets.UTF_8)));
        if (files.length > 0) {
            request.part(files);
        }
        return perform(request);
    }

    /** As a phone's browser asks: no session, no account, from the test's address. */
    private Answer get(String path) {
        return perform(MockMvcRequestBuilders.get(path));
    }

    private Answer post(String path, String name, String value) {
        return perform(MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param(name, value));
    }

    /** As a browser answers it: a rating recorded (303) is followed to its thanks with the receipt it set. */
    private Answer perform(MockHttpServletRequestBuilder request) {
        Api.Response r = api.perform(request.accept(MediaType.TEXT_HTML, MediaType.ALL).with(from -> {
            from.setRemoteAddr(address);
            return from;
        }), null);
        if (r.status() == 303 && r.raw().getRedirectedUrl().endsWith("/rated")) {
            return perform(MockMvcRequestBuilders.get(r.raw().getRedirectedUrl()).cookie(r.raw().getCookies()));
        }
        return new Answer(r.status(), Jsoup.parse(r.text()), r.text(), r.contentType(), r.raw());
    }
}
