package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanfu.Api;
import org.sanfu.HeldRow;
import org.sanfu.LostRace;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.StoredTicket;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A ticket's files (API.md "Tickets", 附件): sent as the raw body in the file's own type and named by
 * Content-Disposition, listed without their content, downloaded as sent; who may add and read them, in API.md's
 * order of checks; the limits; the history's {@code attach}; and the ticket page's 附件 section and form.
 */
@SanfuTest
class TicketAttachmentWebTests extends TicketWebTestSupport {

    static final String PDF_NAME = "答复函（2026）第3号.pdf";
    static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
    /** What a picture shown in place may load: itself; no script, no plug-in, no framing. */
    static final String IMAGE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; "
            + "frame-ancestors 'none'";

    @Autowired
    Pages pages;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    LostRace race;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TicketAttachments attachments;

    Api.Response upload(String id, String user, String type, String fileName, byte[] content) {
        var request = MockMvcRequestBuilders.post("/api/tickets/" + id + "/attachments")
                .accept(MediaType.APPLICATION_JSON).content(content);
        if (type != null) {
            request.header(HttpHeaders.CONTENT_TYPE, type);
        }
        if (fileName != null) {
            request.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''"
                    + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return api.perform(request, user);
    }

    Api.Response download(String id, String attachmentId, String user) {
        return api.perform(MockMvcRequestBuilders.get("/api/tickets/" + id + "/attachments/" + attachmentId), user);
    }

    /** GET a file's page view as a browser asks for an {@code <img>}'s picture, in this user's session (null: none). */
    MockHttpServletResponse view(String id, String attachmentId, String user) {
        return shown(id, attachmentId, "view", user, null);
    }

    /** GET a picture's route ("view", "thumbnail") as {@link #view}, with If-None-Match when etag is not null. */
    MockHttpServletResponse shown(String id, String attachmentId, String route, String user, String etag) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders
                .get("/tickets/" + id + "/attachments/" + attachmentId + "/" + route)
                .accept("image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8");
        if (etag != null) {
            request.header(HttpHeaders.IF_NONE_MATCH, etag);
        }
        try {
            return pages.mvc().perform(user == null ? request : Pages.in(request, pages.session(user))).andReturn()
                    .getResponse();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    int stored(String id) {
        return jdbc.sql("select count(*) from ticket_attachment where ticket_id = ?").param(Long.parseLong(id))
                .query(Integer.class).single();
    }

    /** {@code sanfu_pictures_kept_with_metadata_total} of this kind ("jpeg", "png"), as an operator reads it. */
    double keptWithMetadata(String kind) {
        return meters.get("sanfu.pictures.kept.with.metadata").tag("kind", kind).counter().count();
    }

    /**
     * (Addition) A picture kept as sent because it could not be read, added by a department or staff over the API or
     * the ticket page's form, is counted by its kind and logged at WARN by its ticket and attachment, once its
     * transaction committed; a picture read and stripped, the same file sent again (nothing added), an upload refused
     * and one whose transaction rolled back count nothing.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aPictureKeptWithItsMetadataIsCountedOnceItsUploadCommitted(CapturedOutput output) {
        String id = id(api.ticket("FINANCING"));
        double jpegs = keptWithMetadata("jpeg");
        double pngs = keptWithMetadata("png");

        Api.Response added = upload(id, "staff1", "image/jpeg", "营业执照.jpg", JPEG);
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(keptWithMetadata("jpeg")).isEqualTo(jpegs + 1);
        assertThat(output.getOut().lines().filter(line -> line.contains("kept as sent")
                && line.contains("ticket " + id + ", attachment " + added.json().get("id").asText())))
                .singleElement().asString().contains("WARN", "image/jpeg").doesNotContain("营业执照");
        // the same file again adds nothing, so counts nothing; a photograph read is stripped, not counted
        assertThat(upload(id, "staff1", "image/jpeg", "营业执照.jpg", JPEG).status()).isEqualTo(200);
        assertThat(upload(id, "staff1", "image/jpeg", "现场.jpg", Photographs.geotaggedJpeg(40, 30)).status())
                .isEqualTo(201);
        assertThat(keptWithMetadata("jpeg")).isEqualTo(jpegs + 1);

        assertThat(pages.upload("/tickets/" + id + "/attachments", "finance", "file", "现场照片.png", PNG).status())
                .isEqualTo(303);
        assertThat(keptWithMetadata("png")).isEqualTo(pngs + 1);

        // refused: one not allowed to add, a closed ticket
        assertRefused(upload(id, "leader", "image/png", "a.png", PNG), 403);
        api.act(id, "sign", "finance", Map.of());
        api.act(id, "reply", "finance", Map.of("resolution", "已协调银行放款", "outcome", "RESOLVED"));
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        assertRefused(upload(id, "finance", "image/png", "b.png", PNG), 409);
        // rolled back after the file was inserted: nothing kept, nothing counted
        String open = id(api.ticket("FINANCING"));
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            attachments.attach(open, new Caller("dispatch", Role.DISPATCH, null),
                    new TicketAttachments.Upload("c.png", "image/png", PNG));
            tx.setRollbackOnly();
        });
        assertThat(stored(open)).isZero();
        assertThat(keptWithMetadata("png")).isEqualTo(pngs + 1);
        assertThat(keptWithMetadata("jpeg")).isEqualTo(jpegs + 1);
    }

    @Test
    void aFileSentWithAChineseNameIsListedAndDownloadedAsSent() {
        String id = id(api.ticket("FINANCING"));

        Api.Response added = upload(id, "finance", "application/pdf", PDF_NAME, PDF);
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        JsonNode file = added.json();
        assertThat(file.get("fileName").asText()).isEqualTo(PDF_NAME);
        assertThat(file.get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(file.get("size").asLong()).isEqualTo(PDF.length);
        assertThat(file.get("uploadedBy").asText()).isEqualTo("finance");
        assertThat(file.get("uploadedAt").asText()).isNotBlank();
        String attachmentId = file.get("id").asText();
        assertThat(added.header(HttpHeaders.LOCATION)).endsWith("/api/tickets/" + id + "/attachments/" + attachmentId);

        Api.Response list = api.get("/api/tickets/" + id + "/attachments", "staff1");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0)).isEqualTo(file);

        Api.Response got = download(id, attachmentId, "leader");
        assertThat(got.status()).isEqualTo(200);
        // its type as kept, without the charset every page and JSON answer is given
        assertThat(got.contentType()).isEqualTo("application/pdf");
        assertThat(got.raw().getContentAsByteArray()).isEqualTo(PDF);
        assertThat(got.header("X-Content-Type-Options")).isEqualTo("nosniff");
        ContentDisposition disposition = ContentDisposition.parse(got.header(HttpHeaders.CONTENT_DISPOSITION));
        assertThat(disposition.isAttachment()).isTrue();
        assertThat(disposition.getFilename()).isEqualTo(PDF_NAME);
        // an Accept that admits another type is 406, as for any answer it does not allow
        assertRefused(api.perform(MockMvcRequestBuilders.get("/api/tickets/" + id + "/attachments/" + attachmentId)
                .accept(MediaType.IMAGE_PNG), "leader"), 406);
    }

    @Test
    void theHistoryNamesTheFileAddedAndWhoAddedIt() {
        String id = id(api.ticket("FINANCING"));

        assertThat(upload(id, "staff1", "image/png", "现场照片.png", PNG).status()).isEqualTo(201);

        JsonNode last = lastEvent(id);
        assertThat(last.get("action").asText()).isEqualTo("attach");
        assertThat(last.get("actor").asText()).isEqualTo("staff1");
        assertThat(last.get("detail").asText()).isEqualTo("现场照片.png");
        assertThat(last.get("fromStatus").asText()).isEqualTo(last.get("toStatus").asText());
    }

    @Test
    void aLeaderMayNotAddAFileAndADepartmentNotInvolvedMayNotReadThem() {
        String id = id(api.ticket("FINANCING"));
        String attachmentId = upload(id, "dispatch", "application/pdf", "a.pdf", PDF).json().get("id").asText();
        Snapshot before = snapshot(id);

        assertRefused(upload(id, "leader", "application/pdf", "b.pdf", PDF), 403);
        assertRefused(upload(id, "admin", "application/pdf", "b.pdf", PDF), 403);
        assertRefused(upload(id, "transport", "application/pdf", "b.pdf", PDF), 403);
        assertRefused(api.get("/api/tickets/" + id + "/attachments", "transport"), 403);
        assertRefused(download(id, attachmentId, "transport"), 403);
        // 403 before the name's 400
        assertRefused(upload(id, "leader", "application/pdf", "\u0007.pdf", PDF), 403);
        assertUnchanged(id, before);
        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void anUnknownTicketOrFileIs404() {
        String id = id(api.ticket("FINANCING"));

        assertRefused(upload("999999999", "staff1", "application/pdf", "a.pdf", PDF), 404);
        assertRefused(api.get("/api/tickets/999999999/attachments", "staff1"), 404);
        assertRefused(download(id, "999999999", "staff1"), 404);
        assertRefused(download(id, "x", "staff1"), 404);
        // a file of another ticket is none of this one's
        String other = id(api.ticket("FINANCING"));
        String theirs = upload(other, "staff1", "application/pdf", "a.pdf", PDF).json().get("id").asText();
        assertRefused(download(id, theirs, "staff1"), 404);
    }

    @Test
    void aFileAtFaultIs400NamingTheFieldAndStoresNothing() {
        String id = id(api.ticket("FINANCING"));
        Snapshot before = snapshot(id);

        assertInvalid(upload(id, "staff1", "application/pdf", "照片.pdf", PNG), "Content-Type");
        assertInvalid(upload(id, "staff1", "application/pdf", "空.pdf", new byte[0]), "body");
        assertInvalid(upload(id, "staff1", null, "a.pdf", PDF), "Content-Type");
        assertInvalid(upload(id, "staff1", "application/json", "a.pdf", PDF), "Content-Type");
        assertInvalid(upload(id, "staff1", "application/pdf", null, PDF), "Content-Disposition");
        assertInvalid(upload(id, "staff1", "application/pdf", "   ", PDF), "fileName");
        assertInvalid(upload(id, "staff1", "application/pdf", "答复\u0000函.pdf", PDF), "fileName");
        assertInvalid(upload(id, "staff1", "application/pdf", "..", PDF), "fileName");
        assertInvalid(upload(id, "staff1", "application/pdf", "长".repeat(201) + ".pdf", PDF), "fileName");
        // a name that says another kind than the bytes (a PDF that would open as a program), or that hides its end
        // behind a right-to-left override (答复函ath.pdf on screen)
        Api.Response program = upload(id, "staff1", "application/pdf", "答复函.hta", PDF);
        assertInvalid(program, "fileName");
        assertThat(program.text()).contains(".pdf");
        assertInvalid(upload(id, "staff1", "image/png", "照片.pdf", PNG), "fileName");
        assertInvalid(upload(id, "staff1", "application/pdf", "答复函\u202Efdp.hta", PDF), "fileName");
        assertUnchanged(id, before);
        assertThat(stored(id)).isZero();

        // a path keeps its base name
        Api.Response based = upload(id, "staff1", "application/pdf", "C:\\fakepath\\答复函.pdf", PDF);
        assertThat(based.status()).as(based.text()).isEqualTo(201);
        assertThat(based.json().get("fileName").asText()).isEqualTo("答复函.pdf");
        assertThat(upload(id, "staff1", "image/png", "IMG_0001.PNG", PNG).status()).as("an ending in capitals")
                .isEqualTo(201);
    }

    @Test
    void aFileOverTheLimitIs413AndTheTicketsMostFilesAre20() {
        String id = id(api.ticket("FINANCING"));
        byte[] large = Arrays.copyOf(PDF, 10 * 1024 * 1024 + 1);

        assertRefused(upload(id, "staff1", "application/pdf", "大.pdf", large), 413);
        assertThat(stored(id)).isZero();
        // the limit is the file's: one of 10 MB exactly, ten times the body limit of JSON, is taken
        assertThat(upload(id, "staff1", "application/pdf", "整.pdf", Arrays.copyOf(PDF, 10 * 1024 * 1024)).status())
                .isEqualTo(201);

        for (int i = 1; i < 20; i++) {
            assertThat(upload(id, "staff1", "application/pdf", i + ".pdf", PDF).status()).isEqualTo(201);
        }
        Api.Response full = upload(id, "staff1", "application/pdf", "21.pdf", PDF);
        assertRefused(full, 409);
        assertThat(full.json().get("detail").asText()).contains("20");
        // (addition) a file the full ticket keeps, sent again, is there already: 200, nothing added
        Api.Response again = upload(id, "staff1", "application/pdf", "19.pdf", PDF);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("fileName").asText()).isEqualTo("19.pdf");
        assertThat(stored(id)).isEqualTo(20);
    }

    long attachEvents(String id) {
        return history(id).findValuesAsText("action").stream().filter("attach"::equals).count();
    }

    /**
     * The same file sent again while the ticket keeps it (a client's retry after a timeout): 200 with the file kept,
     * nothing added, the ticket untouched; the same bytes under another name, or another file of the same size under
     * the same name, is a file of its own.
     */
    @Test
    void theSameFileSentAgainIsTheFileKeptAndAddsNothing() {
        String id = id(api.ticket("FINANCING"));
        Api.Response first;
        Api.Response again;
        Snapshot before;
        // an hour after the ticket was filed (a ticket's updatedAt never goes back: a clock set before its filing
        // would stamp the file 1 ms after the filing), and the same file five minutes later
        Instant attached = StoredTicket.updatedAt(jdbc, id).plus(Duration.ofHours(1));
        try {
            ClockUtil.setCurrentTime(Date.from(attached));
            first = upload(id, "finance", "application/pdf", PDF_NAME, PDF);
            assertThat(first.status()).as(first.text()).isEqualTo(201);
            before = snapshot(id);
            ClockUtil.setCurrentTime(Date.from(attached.plus(Duration.ofMinutes(5))));
            again = upload(id, "finance", "application/pdf", PDF_NAME, PDF);
        } finally {
            ClockUtil.reset();
        }

        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header(HttpHeaders.LOCATION)).isNull();
        assertUnchanged(id, before);
        assertThat(StoredTicket.updatedAt(jdbc, id)).isEqualTo(attached);
        assertThat(stored(id)).isEqualTo(1);
        assertThat(attachEvents(id)).isEqualTo(1);

        Api.Response renamed = upload(id, "finance", "application/pdf", "答复函副本.pdf", PDF);
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(201);
        byte[] corrected = PDF.clone();
        corrected[corrected.length - 3] = 'X';
        Api.Response changed = upload(id, "finance", "application/pdf", PDF_NAME, corrected);
        assertThat(changed.status()).as(changed.text()).isEqualTo(201);
        // another account's identical file is its own (which it, not the first sender, may remove)
        Api.Response office = upload(id, "dispatch", "application/pdf", PDF_NAME, PDF);
        assertThat(office.status()).as(office.text()).isEqualTo(201);
        assertThat(api.get("/api/tickets/" + id + "/attachments", "finance").json().findValuesAsText("id"))
                .containsExactly(first.json().get("id").asText(), renamed.json().get("id").asText(),
                        changed.json().get("id").asText(), office.json().get("id").asText());
        assertThat(attachEvents(id)).isEqualTo(4);
    }

    /**
     * The same file sent twice at once (a double click, a retry racing its first try): both wait on the ticket's row,
     * held here until both are at its lock; the one that gets it adds the file, the other, judged after it under the
     * same lock, finds it kept.
     */
    @Test
    void theSameFileSentTwiceAtOnceIsKeptOnce() throws Exception {
        String id = id(api.ticket("FINANCING"));
        ExecutorService senders = Executors.newFixedThreadPool(2);
        List<Api.Response> answers = new ArrayList<>();
        try {
            List<Future<Api.Response>> sent = new ArrayList<>();
            try (HeldRow held = new HeldRow(transactions, jdbc, "select id from ticket where id = ? for update",
                    Long.parseLong(id))) {
                for (int i = 0; i < 2; i++) {
                    sent.add(senders.submit(() -> upload(id, "finance", "application/pdf", PDF_NAME, PDF)));
                }
                // H2 shows the statement with its parameters after it
                race.awaitAt("%from ticket where id = % for update%", 2, sent.toArray(Future[]::new));
            }
            for (Future<Api.Response> answer : sent) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }

        assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(201, 200);
        assertThat(answers.get(0).json()).isEqualTo(answers.get(1).json());
        assertThat(stored(id)).isEqualTo(1);
        assertThat(attachEvents(id)).isEqualTo(1);
    }

    /** A CLOSED ticket takes nothing, not even a file it keeps: 409 before the file is looked for. */
    @Test
    void aClosedTicketRefusesEvenAFileItKeeps() {
        String id = id(api.ticket("FINANCING"));
        api.act(id, "sign", "finance", Map.of());
        assertThat(upload(id, "finance", "application/pdf", PDF_NAME, PDF).status()).isEqualTo(201);
        api.act(id, "reply", "finance", Map.of("resolution", "已协调银行放款", "outcome", "RESOLVED"));
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        Snapshot before = snapshot(id);

        assertRefused(upload(id, "finance", "application/pdf", PDF_NAME, PDF), 409);
        assertUnchanged(id, before);
        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void aClosedTicketTakesNoFile() {
        String id = id(api.ticket("FINANCING"));
        api.act(id, "sign", "finance", Map.of());
        api.act(id, "reply", "finance", Map.of("resolution", "已协调银行放款", "outcome", "RESOLVED"));
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        Snapshot before = snapshot(id);

        assertRefused(upload(id, "staff1", "application/pdf", "a.pdf", PDF), 409);
        // 400 before 409
        assertInvalid(upload(id, "staff1", "application/pdf", "a.pdf", new byte[0]), "body");
        assertUnchanged(id, before);
        assertThat(stored(id)).isZero();
    }

    @Test
    void aFormsContentTypeIsRefusedAsEverywhereInTheApi() {
        String id = id(api.ticket("FINANCING"));

        for (String form : new String[] {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain"}) {
            assertRefused(upload(id, "staff1", form, "a.pdf", PDF), 415);
        }
        assertThat(stored(id)).isZero();
    }

    @Test
    void theTicketPageListsTheFilesAndOffersTheFormToThoseWhoMayAdd() {
        String id = id(api.ticket("FINANCING"));
        String attachmentId = upload(id, "finance", "application/pdf", PDF_NAME, PDF).json().get("id").asText();

        Document leaders = pages.get("/tickets/" + id, "leader").html();
        assertThat(leaders.select("#attachments li a").text()).isEqualTo(PDF_NAME);
        assertThat(leaders.select("#attachments li a").attr("href"))
                .isEqualTo("/tickets/" + id + "/attachments/" + attachmentId);
        assertThat(leaders.select("#attachments li").text()).contains("finance");
        assertThat(leaders.select("#attachForm")).isEmpty();
        assertThat(pages.get("/tickets/" + id, "finance").html().select("#attachForm input[type=file]")).hasSize(1);
        assertThat(pages.get("/tickets/" + id, "staff1").html().select("#attachForm")).hasSize(1);

        var got = pages.get("/tickets/" + id + "/attachments/" + attachmentId, "leader");
        assertThat(got.status()).isEqualTo(200);
    }

    /**
     * (Addition) A phone's photograph is kept without where it was taken: its EXIF's GPS directory and the coordinates'
     * bytes, and its XMP, are gone from what is downloaded and shown, its Orientation (6) stays, and it decodes to its
     * size; the size, the SHA-256 (the view's ETag) and the same file sent again are of what is kept. A JPEG that cannot
     * be read to its end is kept as it came, as before.
     */
    @Test
    void aPhotographIsKeptWithoutWhereItWasTakenButStillTurnsUpright() {
        String id = id(api.ticket("FINANCING"));
        byte[] sent = Photographs.geotaggedJpeg(60, 40);
        Api.Response added = upload(id, "staff1", "image/jpeg", "现场照片.jpg", sent);
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        String photo = added.json().get("id").asText();

        byte[] kept = download(id, photo, "leader").raw().getContentAsByteArray();
        Photographs.assertLocationGoneOrientationKept(kept, sent);
        assertThat(added.json().get("size").asLong()).isEqualTo(kept.length);
        MockHttpServletResponse shown = view(id, photo, "staff1");
        assertThat(shown.getContentAsByteArray()).isEqualTo(kept);
        assertThat(shown.getHeader(HttpHeaders.ETAG)).isEqualTo("\"" + sha256(kept) + "\"");
        assertThat(shown(id, photo, "thumbnail", "staff1", null).getStatus()).isEqualTo(200);
        // sent again (a retry): the same file, found by what was kept of it
        Api.Response again = upload(id, "staff1", "image/jpeg", "现场照片.jpg", sent);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(photo);

        // its EXIF segment's length past the file's end: not a well-formed JPEG, kept byte for byte as before
        byte[] malformed = sent.clone();
        malformed[4] = (byte) 0xFF;
        malformed[5] = (byte) 0xFF;
        String broken = upload(id, "staff1", "image/jpeg", "截断.jpg", malformed).json().get("id").asText();
        assertThat(download(id, broken, "leader").raw().getContentAsByteArray()).isEqualTo(malformed);
    }

    /**
     * A photograph (JPEG, PNG) is shown in place by its own page route: its bytes in the type kept, inline with its
     * name, never sniffed as another type, under a policy that runs and loads nothing else, kept by the reader's
     * browser alone; for whoever may read the ticket.
     */
    @Test
    void aPictureIsShownInPlaceInItsTypeUnderAPolicyThatRunsNothingAndIsCachedPrivately() {
        String id = id(api.ticket("FINANCING"));
        Map<String, byte[]> pictures = Map.of("现场照片.png", PNG, "营业执照 正本.JPG", JPEG);
        Map<String, String> types = Map.of("现场照片.png", "image/png", "营业执照 正本.JPG", "image/jpeg");

        pictures.forEach((name, bytes) -> {
            String attachmentId = upload(id, "staff1", types.get(name), name, bytes).json().get("id").asText();
            for (String reader : new String[] {"leader", "finance", "staff1"}) {
                MockHttpServletResponse shown = view(id, attachmentId, reader);
                assertThat(shown.getStatus()).as(name + " for " + reader).isEqualTo(200);
                // the type kept, without the charset every other answer is given
                assertThat(shown.getContentType()).as(name).isEqualTo(types.get(name));
                assertThat(shown.getContentAsByteArray()).as(name).isEqualTo(bytes);
                ContentDisposition disposition = ContentDisposition.parse(
                        shown.getHeader(HttpHeaders.CONTENT_DISPOSITION));
                assertThat(disposition.isInline()).as(name).isTrue();
                assertThat(disposition.getFilename()).as(name).isEqualTo(name);
                assertThat(shown.getHeader(HttpHeaders.CONTENT_DISPOSITION)).as(name).contains("filename*=UTF-8''");
                assertThat(shown.getHeaders("X-Content-Type-Options")).as(name).containsExactly("nosniff");
                assertThat(shown.getHeaders("Content-Security-Policy")).as(name).containsExactly(IMAGE_POLICY);
                assertThat(shown.getHeader("X-Frame-Options")).as(name).isEqualTo("DENY");
                // the reader's browser keeps it, a shared cache never, and the browser asks again each time: the
                // file may be removed; the same content answers the same strong ETag, its sha256
                assertThat(shown.getHeaders(HttpHeaders.CACHE_CONTROL)).as(name).hasSize(1);
                assertThat(shown.getHeader(HttpHeaders.CACHE_CONTROL)).as(name).contains("private", "no-cache")
                        .doesNotContain("public", "no-store", "immutable", "max-age");
                assertThat(shown.getHeaders(HttpHeaders.ETAG)).as(name).containsExactly("\"" + sha256(bytes) + "\"");
                assertThat(shown.getHeader(HttpHeaders.PRAGMA)).as(name).isNull();
                assertThat(shown.getHeader(HttpHeaders.EXPIRES)).as(name).isNull();
            }
        });
    }

    /** A file of any other kind is only downloaded: 404 on the view route, even to whoever may download it. */
    @Test
    void aFileOfAnotherKindIsNeverShownInPlace() {
        String id = id(api.ticket("FINANCING"));
        String pdf = upload(id, "finance", "application/pdf", PDF_NAME, PDF).json().get("id").asText();
        byte[] zip = {'P', 'K', 3, 4, 0};
        String docx = upload(id, "finance", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "情况说明.docx", zip).json().get("id").asText();
        String picture = upload(id, "finance", "image/png", "现场照片.png", PNG).json().get("id").asText();
        assertThat(view(id, picture, "finance").getStatus()).as("the ticket's picture").isEqualTo(200);

        for (Map.Entry<String, byte[]> other : Map.of(pdf, PDF, docx, zip).entrySet()) {
            MockHttpServletResponse refused = view(id, other.getKey(), "finance");
            assertThat(refused.getStatus()).isEqualTo(404);
            assertThat(refused.getHeader(HttpHeaders.CONTENT_DISPOSITION)).isNull();
            assertThat(refused.getContentAsByteArray()).as("the file itself").isNotEqualTo(other.getValue());
            assertThat(pages.get("/tickets/" + id + "/attachments/" + other.getKey(), "finance").status())
                    .isEqualTo(200);
        }
    }

    /** As the download: 404 an unknown ticket or a file it does not have, 403 who may not read it, sign-in first. */
    @Test
    void whoMayNotReadTheTicketSeesNoneOfItsPictures() {
        String id = id(api.ticket("FINANCING"));
        String picture = upload(id, "staff1", "image/png", "现场照片.png", PNG).json().get("id").asText();
        String other = id(api.ticket("FINANCING"));
        String theirs = upload(other, "staff1", "image/png", "现场照片.png", PNG).json().get("id").asText();

        MockHttpServletResponse transport = view(id, picture, "transport");
        assertThat(transport.getStatus()).isEqualTo(403);
        assertThat(transport.getContentAsByteArray()).isNotEqualTo(PNG);
        assertThat(view("999999999", picture, "staff1").getStatus()).isEqualTo(404);
        assertThat(view(id, "999999999", "staff1").getStatus()).isEqualTo(404);
        assertThat(view(id, "x", "staff1").getStatus()).isEqualTo(404);
        assertThat(view(id, theirs, "staff1").getStatus()).as("a file of another ticket").isEqualTo(404);
        MockHttpServletResponse anonymous = view(id, picture, null);
        assertThat(anonymous.getStatus()).isEqualTo(302);
        assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
    }

    /** The 附件 section shows a photograph's thumbnail, linking to the picture in full; a PDF has none. */
    @Test
    void theTicketPageShowsAPicturesThumbnailAndNoneForAPdf() {
        String id = id(api.ticket("FINANCING"));
        String pdf = upload(id, "finance", "application/pdf", PDF_NAME, PDF).json().get("id").asText();
        String png = upload(id, "finance", "image/png", "现场照片.png", PNG).json().get("id").asText();
        String jpeg = upload(id, "staff1", "image/jpeg", "营业执照.jpg", JPEG).json().get("id").asText();

        Document page = pages.get("/tickets/" + id, "leader").html();
        assertThat(page.select("#attachments li[data-id=" + pdf + "] img")).isEmpty();
        assertThat(page.select("#attachments li[data-id=" + pdf + "] .thumb")).isEmpty();
        for (String[] picture : new String[][] {{png, "现场照片.png"}, {jpeg, "营业执照.jpg"}}) {
            String view = "/tickets/" + id + "/attachments/" + picture[0] + "/view";
            String thumbnail = "/tickets/" + id + "/attachments/" + picture[0] + "/thumbnail";
            Element item = page.selectFirst("#attachments li[data-id=" + picture[0] + "]");
            // the name still downloads the file, first in its line
            assertThat(item.selectFirst("a").text()).isEqualTo(picture[1]);
            assertThat(item.selectFirst("a").attr("href")).isEqualTo("/tickets/" + id + "/attachments/" + picture[0]);
            assertThat(item.select("a.thumb").attr("href")).isEqualTo(view);
            // the picture made small on the server, which opens the picture in full
            Element img = item.selectFirst("a.thumb > img");
            assertThat(img.attr("src")).isEqualTo(thumbnail);
            assertThat(img.attr("alt")).isEqualTo(picture[1]);
            assertThat(img.attr("loading")).isEqualTo("lazy");
            assertThat(img.attr("width")).isEqualTo("96");
            assertThat(img.attr("height")).isEqualTo("96");
            assertThat(img.hasAttr("style")).as("the pages' policy allows no style attribute").isFalse();
            assertThat(view(id, picture[0], "leader").getStatus()).isEqualTo(200);
        }
    }

    /**
     * The browser asks again each time it shows a picture: 304 while it is kept and the caller may read it, its bytes
     * not sent again; a picture removed is 404 and one the caller may not read 403, whatever the browser holds.
     */
    @Test
    void aPictureKeptIsNotSentAgainAndOneRemovedOrNotTheCallersIsRefusedWhateverTheBrowserHolds() {
        String id = id(api.ticket("FINANCING"));
        byte[] bytes = picture(1000, 500, "jpeg");
        String picture = upload(id, "finance", "image/jpeg", "身份证正面.jpg", bytes).json().get("id").asText();
        for (String route : new String[] {"view", "thumbnail"}) {
            MockHttpServletResponse first = shown(id, picture, route, "leader", null);
            assertThat(first.getStatus()).as(route).isEqualTo(200);
            String etag = first.getHeader(HttpHeaders.ETAG);
            assertThat(etag).as(route).isEqualTo(route.equals("view") ? "\"" + sha256(bytes) + "\""
                    : "\"" + sha256(bytes) + "-t192-u\"");

            MockHttpServletResponse again = shown(id, picture, route, "leader", etag);
            assertThat(again.getStatus()).as(route).isEqualTo(304);
            assertThat(again.getContentAsByteArray()).as(route).isEmpty();
            assertThat(again.getHeaders(HttpHeaders.ETAG)).as(route).containsExactly(etag);
            assertThat(again.getHeader(HttpHeaders.CACHE_CONTROL)).as(route).contains("private", "no-cache")
                    .doesNotContain("max-age");
            assertThat(shown(id, picture, route, "leader", "\"" + sha256(PNG) + "\"").getStatus()).as(route)
                    .isEqualTo(200);
            assertThat(shown(id, picture, route, "transport", etag).getStatus()).as(route).isEqualTo(403);
        }
        assertThat(shown(id, picture, "thumbnail", "leader", "\"" + sha256(bytes) + "\"").getStatus())
                .as("the thumbnail's ETag is not the picture's").isEqualTo(200);

        Api.Response removed = api.call(HttpMethod.DELETE, "/api/tickets/" + id + "/attachments/" + picture, "finance",
                null);
        assertThat(removed.status()).as(removed.text()).isEqualTo(204);
        assertThat(shown(id, picture, "view", "leader", "\"" + sha256(bytes) + "\"").getStatus()).isEqualTo(404);
        assertThat(shown(id, picture, "thumbnail", "leader", "\"" + sha256(bytes) + "-t192-u\"").getStatus())
                .isEqualTo(404);
    }

    /**
     * The page's thumbnail is made on the server: at most 192 px on the longer side, the aspect kept, in the picture's
     * type (a PNG's transparency kept), with the view's headers.
     */
    @Test
    void aPicturesThumbnailIsSmallAndKeepsItsAspectAndType() throws Exception {
        String id = id(api.ticket("FINANCING"));
        String[][] pictures = {{"png", "image/png", "现场照片.png", "1000", "500"},
                {"jpeg", "image/jpeg", "营业执照.jpg", "500", "1000"}, {"png", "image/png", "印章.png", "120", "60"}};
        int[][] sizes = {{192, 96}, {96, 192}, {120, 60}};
        for (int i = 0; i < pictures.length; i++) {
            String[] p = pictures[i];
            byte[] original = picture(Integer.parseInt(p[3]), Integer.parseInt(p[4]), p[0]);
            String picture = upload(id, "staff1", p[1], p[2], original).json().get("id").asText();

            MockHttpServletResponse thumbnail = shown(id, picture, "thumbnail", "finance", null);
            assertThat(thumbnail.getStatus()).as(p[2]).isEqualTo(200);
            assertThat(thumbnail.getContentType()).as(p[2]).isEqualTo(p[1]);
            BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.getContentAsByteArray()));
            assertThat(new int[] {small.getWidth(), small.getHeight()}).as(p[2]).containsExactly(sizes[i]);
            assertThat(small.getColorModel().hasAlpha()).as(p[2]).isEqualTo(p[0].equals("png"));
            if (i < 2) {
                assertThat(thumbnail.getContentAsByteArray().length).as(p[2]).isLessThan(original.length / 4);
            }
            assertThat(ContentDisposition.parse(thumbnail.getHeader(HttpHeaders.CONTENT_DISPOSITION)).isInline())
                    .as(p[2]).isTrue();
            assertThat(thumbnail.getHeaders("X-Content-Type-Options")).as(p[2]).containsExactly("nosniff");
            assertThat(thumbnail.getHeaders("Content-Security-Policy")).as(p[2]).containsExactly(IMAGE_POLICY);
            assertThat(thumbnail.getHeader(HttpHeaders.CACHE_CONTROL)).as(p[2]).contains("private", "no-cache");
        }
    }

    /**
     * A phone's photograph whose pixels lie on their side (40 × 20, EXIF Orientation 6: a quarter turn clockwise) has
     * an upright thumbnail, as the browser shows the picture in full: 20 wide and 40 tall, the stored top-left corner
     * at its top right. A browser that holds the thumbnail drawn as the pixels lay (its ETag "-t192") is sent the
     * upright one, not a 304.
     */
    @Test
    void aPhonesPhotographsThumbnailIsTurnedUprightAsItsFullViewIs() {
        String id = id(api.ticket("FINANCING"));
        byte[] photo = Photographs.oriented(Photographs.marked(40, 20), "jpeg", 6);
        String picture = upload(id, "staff1", "image/jpeg", "现场照片.jpg", photo).json().get("id").asText();

        MockHttpServletResponse thumbnail = shown(id, picture, "thumbnail", "finance", null);
        assertThat(thumbnail.getStatus()).isEqualTo(200);
        BufferedImage upright = Photographs.decoded(thumbnail.getContentAsByteArray());
        assertThat(new int[] {upright.getWidth(), upright.getHeight()}).containsExactly(20, 40);
        Photographs.assertMarkedAt(upright, true, false, "the thumbnail");

        String etag = thumbnail.getHeader(HttpHeaders.ETAG);
        assertThat(etag).endsWith("-t192-u\"");
        MockHttpServletResponse heldSideways = shown(id, picture, "thumbnail", "finance",
                etag.replace("-t192-u\"", "-t192\""));
        assertThat(heldSideways.getStatus()).isEqualTo(200);
        assertThat(heldSideways.getContentAsByteArray()).isEqualTo(thumbnail.getContentAsByteArray());
    }

    /**
     * A picture no thumbnail is made of is 404, never 500: one whose bytes after its magic number are not a picture,
     * and, refused before they are decoded, one of more than 30 million pixels (6000 × 6000) and one whose longer
     * side is over 16,384 px (20000 × 1).
     */
    @Test
    void aPictureThatCannotOrMayNotBeDecodedHasNoThumbnail() {
        String id = id(api.ticket("FINANCING"));
        byte[] garbage = Arrays.copyOf(PNG, 4096);
        Arrays.fill(garbage, PNG.length, garbage.length, (byte) 0x5A);
        // decodable, and refused by their header alone: more pixels than allowed, and one side too long
        Map<String, byte[]> refused = Map.of("截断.png", PNG, "乱码.png", garbage, "巨幅.png", blank(6000, 6000),
                "长条.png", blank(20000, 1), "截断.jpg", JPEG);
        refused.forEach((name, bytes) -> {
            String type = name.endsWith(".png") ? "image/png" : "image/jpeg";
            String picture = upload(id, "staff1", type, name, bytes).json().get("id").asText();
            MockHttpServletResponse thumbnail = shown(id, picture, "thumbnail", "staff1", null);
            assertThat(thumbnail.getStatus()).as(name).isEqualTo(404);
            assertThat(new String(thumbnail.getContentAsByteArray(), StandardCharsets.UTF_8)).as(name)
                    .doesNotContain("Exception");
            assertThat(shown(id, picture, "view", "staff1", null).getStatus()).as("its full view").isEqualTo(200);
        });
    }

    /** The thumbnail is refused as the view: 404 an unknown ticket, file or one of another kind, 403, sign-in. */
    @Test
    void whoMayNotReadTheTicketSeesNoneOfItsThumbnails() {
        String id = id(api.ticket("FINANCING"));
        String picture = upload(id, "staff1", "image/png", "现场照片.png", picture(300, 200, "png")).json().get("id")
                .asText();
        String pdf = upload(id, "staff1", "application/pdf", PDF_NAME, PDF).json().get("id").asText();
        assertThat(shown(id, picture, "thumbnail", "finance", null).getStatus()).isEqualTo(200);
        assertThat(shown(id, picture, "thumbnail", "transport", null).getStatus()).isEqualTo(403);
        assertThat(shown("999999999", picture, "thumbnail", "staff1", null).getStatus()).isEqualTo(404);
        assertThat(shown(id, "x", "thumbnail", "staff1", null).getStatus()).isEqualTo(404);
        assertThat(shown(id, pdf, "thumbnail", "staff1", null).getStatus()).isEqualTo(404);
        MockHttpServletResponse anonymous = shown(id, picture, "thumbnail", null, null);
        assertThat(anonymous.getStatus()).isEqualTo(302);
        assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
    }

    /** A picture made here: a PNG with a transparent corner, or a JPEG; a pattern, so that its thumbnail is smaller. */
    static byte[] picture(int width, int height, String format) {
        boolean png = format.equals("png");
        BufferedImage image = new BufferedImage(width, height, png ? BufferedImage.TYPE_INT_ARGB
                : BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, x < 10 && y < 10 && png ? 0 : 0xFF000000 | (x * 7 % 256) << 16 | (y * 13 % 256) << 8
                        | (x * y) % 256);
            }
        }
        return Photographs.encoded(image, format);
    }

    /**
     * A grey PNG of one bit a pixel, every row zero: a decodable picture of any size in a few KB (the decoder would
     * make a thumbnail of it, were it not refused by its header).
     */
    static byte[] blank(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Arrays.copyOf(PNG, 8));
        Photographs.chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 1)
                .put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream deflated = new java.util.zip.DeflaterOutputStream(rows)) {
            byte[] row = new byte[1 + (width + 7) / 8];
            for (int y = 0; y < height; y++) {
                deflated.write(row);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Photographs.chunk(out, "IDAT", rows.toByteArray());
        Photographs.chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theTicketPagesFormAddsAFileAndSaysByTheFieldWhyItRefusedOne() {
        String id = id(api.ticket("FINANCING"));

        Pages.Answer added = pages.upload("/tickets/" + id + "/attachments", "staff1", "file", "现场照片.png", PNG);
        assertThat(added.status()).isEqualTo(303);
        assertThat(lastEvent(id).get("detail").asText()).isEqualTo("现场照片.png");
        Document after = pages.get("/tickets/" + id, "staff1").html();
        assertThat(after.select("#attachments li a:not(.thumb)").text()).isEqualTo("现场照片.png");

        Pages.Answer empty = pages.upload("/tickets/" + id + "/attachments", "staff1", "file", "空.png", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.html().select("#attachForm [data-field=file]").text()).isEqualTo("文件为空");
        Pages.Answer text = pages.upload("/tickets/" + id + "/attachments", "staff1", "file", "说明.pdf",
                "not a pdf".getBytes(StandardCharsets.UTF_8));
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.html().select("#attachForm [data-field=file]").text()).contains("PDF");
        assertThat(stored(id)).isEqualTo(1);

        Pages.Answer misnamed = pages.upload("/tickets/" + id + "/attachments", "staff1", "file", "答复函.hta", PDF);
        assertThat(misnamed.status()).isEqualTo(400);
        assertThat(misnamed.html().select("#attachForm [data-field=file]").text()).contains(".pdf");
        assertThat(stored(id)).isEqualTo(1);

        assertThat(pages.upload("/tickets/" + id + "/attachments", "leader", "file", "a.png", PNG).status())
                .isEqualTo(403);
        assertThat(stored(id)).isEqualTo(1);
    }

    /** A double click on the form's button: both answered as added, the file kept once. */
    @Test
    void theTicketPagesFormSentTwiceKeepsTheFileOnce() {
        String id = id(api.ticket("FINANCING"));
        String path = "/tickets/" + id + "/attachments";

        Pages.Answer first = pages.upload(path, "staff1", "file", "现场照片.png", PNG);
        assertThat(first.status()).isEqualTo(303);
        assertThat(first.redirect()).isEqualTo("/tickets/" + id + "#attachments");
        assertThat(pages.get(first.redirect(), "staff1").html().select("#attached").text())
                .isEqualTo("已添加附件：现场照片.png");
        Pages.Answer second = pages.upload(path, "staff1", "file", "现场照片.png", PNG);
        assertThat(second.status()).isEqualTo(303);
        assertThat(second.redirect()).isEqualTo(first.redirect());

        Document after = pages.get(second.redirect(), "staff1").html();
        assertThat(after.select("#attached").text()).isEqualTo("已添加附件：现场照片.png");
        assertThat(after.select("#attachments li a:not(.thumb)").text()).isEqualTo("现场照片.png");
        assertThat(stored(id)).isEqualTo(1);
        assertThat(attachEvents(id)).isEqualTo(1);
    }

    /**
     * The answer to a file added lands at the 附件 section, where #attached confirms it: on a phone the page's top is
     * screens above it. A way back the form carried comes before the section, as a query before a fragment.
     */
    @Test
    void theTicketPagesFormLandsAtTheAttachmentsSection() {
        String id = id(api.ticket("FINANCING"));

        Pages.Answer added = pages.upload("/tickets/" + id + "/attachments", "finance", "file", "答复函.pdf", PDF);
        assertThat(added.status()).isEqualTo(303);
        assertThat(added.redirect()).isEqualTo("/tickets/" + id + "#attachments");
        Document after = pages.get(added.redirect(), "finance").html();
        assertThat(after.select("#attachments #attached").text()).isEqualTo("已添加附件：答复函.pdf");

        Pages.Answer fromTheDashboard = pages.upload("/tickets/" + id + "/attachments", "dispatch", "file", "说明.png",
                PNG, Pages.form("back", "dashboard"));
        assertThat(fromTheDashboard.status()).isEqualTo(303);
        assertThat(fromTheDashboard.redirect()).isEqualTo("/tickets/" + id + "?back=dashboard#attachments");
    }
}
