package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanfu.ticket.TicketAttachmentWebTests.PDF;
import static org.sanfu.ticket.TicketAttachmentWebTests.PNG;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Removing a ticket's file (API.md "Tickets", 附件, addition): who added it while the ticket is open, ADMIN at any
 * time; the row stays marked removed with its content erased, a {@code detach} event names it; the file is neither
 * listed, downloaded nor counted against the limit any more; API.md's order of checks; the page's 删除.
 */
@SanfuTest
class TicketAttachmentRemovalWebTests extends TicketWebTestSupport {

    static final String ID_CARD = "身份证正面.png";

    @Autowired
    Pages pages;

    @Autowired
    JdbcClient jdbc;

    /** Sends a file as the user: a PNG when the name ends so, else a PDF. */
    Api.Response send(String id, String user, String fileName) {
        boolean png = fileName.endsWith(".png");
        return api.perform(MockMvcRequestBuilders.post("/api/tickets/" + id + "/attachments")
                .contentType(png ? "image/png" : "application/pdf").content(png ? PNG : PDF)
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(fileName, StandardCharsets.UTF_8)), user);
    }

    /** Adds a file as the user; returns its id. */
    String add(String id, String user, String fileName) {
        Api.Response added = send(id, user, fileName);
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        return added.json().get("id").asText();
    }

    Api.Response remove(String id, String attachmentId, String user) {
        return api.call(HttpMethod.DELETE, "/api/tickets/" + id + "/attachments/" + attachmentId, user, null);
    }

    Api.Response list(String id) {
        return api.get("/api/tickets/" + id + "/attachments", "leader");
    }

    Map<String, Object> row(String attachmentId) {
        return jdbc.sql("select * from ticket_attachment where id = ?").param(Long.parseLong(attachmentId)).query()
                .singleRow();
    }

    /** A ticket replied to, waiting for feedback: open, one step from CLOSED. */
    String repliedTicket() {
        String id = id(api.ticket("FINANCING"));
        api.act(id, "sign", "finance", Map.of());
        api.act(id, "reply", "finance", Map.of("resolution", "已协调银行放款", "outcome", "RESOLVED"));
        return id;
    }

    void close(String id) {
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
    }

    @Test
    void whoAddedAFileRemovesItAndOnlyItsRecordStays() {
        String id;
        String attachmentId;
        try {
            Api.at("2026-12-01T09:00:00");
            id = id(api.ticket("FINANCING"));
            attachmentId = add(id, "finance", ID_CARD);
            Api.at("2026-12-01T10:30:00");

            Api.Response removed = remove(id, attachmentId, "finance");
            assertThat(removed.status()).as(removed.text()).isEqualTo(204);
            assertThat(removed.text()).isEmpty();
        } finally {
            ClockUtil.reset();
        }

        assertThat(list(id).json()).isEmpty();
        assertRefused(api.perform(MockMvcRequestBuilders.get("/api/tickets/" + id + "/attachments/" + attachmentId),
                "finance"), 404);
        assertThat(pages.get("/tickets/" + id + "/attachments/" + attachmentId, "finance").status()).isEqualTo(404);

        JsonNode event = lastEvent(id);
        assertThat(event.get("action").asText()).isEqualTo("detach");
        assertThat(event.get("actor").asText()).isEqualTo("finance");
        assertThat(event.get("detail").asText()).isEqualTo(ID_CARD);
        assertThat(event.get("fromStatus").asText()).isEqualTo(event.get("toStatus").asText());
        OffsetDateTime at = OffsetDateTime.parse("2026-12-01T10:30:00+08:00");
        assertThat(OffsetDateTime.parse(event.get("at").asText()).toInstant()).isEqualTo(at.toInstant());

        // the record stays, its content erased; the ticket was touched in the same transaction
        Map<String, Object> row = row(attachmentId);
        assertThat(row.get("content")).isNull();
        assertThat(row.get("file_name")).isEqualTo(ID_CARD);
        assertThat(((Number) row.get("size")).longValue()).isEqualTo(PNG.length);
        assertThat(row.get("uploaded_by")).isEqualTo("finance");
        assertThat(row.get("removed_by")).isEqualTo("finance");
        assertThat(removedAt(attachmentId)).isEqualTo(at.toInstant());
        assertThat(jdbc.sql("select updated_at from ticket where id = ?").param(Long.parseLong(id))
                .query(OffsetDateTime.class).single().toInstant()).isEqualTo(at.toInstant());

        // removed already: none such any more, and nothing changes
        Snapshot before = snapshot(id);
        assertRefused(remove(id, attachmentId, "finance"), 404);
        assertRefused(remove(id, attachmentId, "admin"), 404);
        assertUnchanged(id, before);
        assertThat(row(attachmentId).get("removed_by")).isEqualTo("finance");
    }

    Instant removedAt(String attachmentId) {
        return jdbc.sql("select removed_at from ticket_attachment where id = ?").param(Long.parseLong(attachmentId))
                .query(OffsetDateTime.class).single().toInstant();
    }

    @Test
    void noOneButWhoAddedItOrAnAdministratorMayRemoveAFile() {
        String id = id(api.ticket("FINANCING"));
        String attachmentId = add(id, "staff1", ID_CARD);
        Snapshot before = snapshot(id);

        // others who may read the ticket: another specialist, the office, the ticket's own department, a leader
        for (String user : new String[] {"staff2", "dispatch", "finance", "leader"}) {
            Api.Response refused = remove(id, attachmentId, user);
            assertRefused(refused, 403);
            assertThat(refused.json().get("detail").asText()).as(user).contains(ID_CARD);
        }
        // a department that may not read the ticket: 403 as for reading it, before the file is looked up
        assertRefused(remove(id, attachmentId, "transport"), 403);
        assertRefused(remove(id, "999999999", "transport"), 403);
        assertRefused(remove(id, attachmentId, null), 401);
        // 403 before the body's 400
        assertRefused(api.call(HttpMethod.DELETE, "/api/tickets/" + id + "/attachments/" + attachmentId, "leader",
                "[1]"), 403);
        assertUnchanged(id, before);
        assertThat(list(id).json().findValuesAsText("id")).containsExactly(attachmentId);
        assertThat(row(attachmentId).get("content")).isNotNull();
    }

    @Test
    void anUnknownOrMalformedFileOrOneOfAnotherTicketIs404BeforeTheBody() {
        String id = id(api.ticket("FINANCING"));
        String other = id(api.ticket("FINANCING"));
        String theirs = add(other, "staff1", "a.pdf");
        Snapshot before = snapshot(id);

        assertRefused(remove("999999999", theirs, "staff1"), 404);
        assertRefused(remove(id, "999999999", "staff1"), 404);
        assertRefused(remove(id, "x", "staff1"), 404);
        assertRefused(remove(id, theirs, "staff1"), 404);
        // 404 before 403: a leader asking for none such
        assertRefused(remove(id, "999999999", "leader"), 404);
        assertRefused(api.call(HttpMethod.DELETE, "/api/tickets/" + id + "/attachments/999999999", "staff1", "[1]"),
                404);
        assertUnchanged(id, before);

        // the uploader's body: none, {} (below) or any object; anything else 400 naming body
        assertInvalid(api.call(HttpMethod.DELETE, "/api/tickets/" + other + "/attachments/" + theirs, "staff1",
                "[1]"), "body");
        assertThat(list(other).json()).hasSize(1);
        assertThat(api.call(HttpMethod.DELETE, "/api/tickets/" + other + "/attachments/" + theirs, "staff1", "{}")
                .status()).isEqualTo(204);
        assertThat(list(other).json()).isEmpty();
    }

    @Test
    void aClosedTicketsFilesAreRemovedByAnAdministratorAlone() {
        String id = repliedTicket();
        String mine = add(id, "finance", ID_CARD);
        close(id);
        Snapshot before = snapshot(id);

        Api.Response closed = remove(id, mine, "finance");
        assertRefused(closed, 409);
        assertThat(closed.json().get("detail").asText()).contains("closed", "administrator");
        // 400 before 409
        assertInvalid(api.call(HttpMethod.DELETE, "/api/tickets/" + id + "/attachments/" + mine, "finance", "[1]"),
                "body");
        assertUnchanged(id, before);
        assertThat(row(mine).get("content")).isNotNull();

        Api.Response removed = remove(id, mine, "admin");
        assertThat(removed.status()).as(removed.text()).isEqualTo(204);
        assertThat(list(id).json()).isEmpty();
        assertThat(row(mine).get("content")).isNull();
        assertThat(row(mine).get("removed_by")).isEqualTo("admin");
        JsonNode event = lastEvent(id);
        assertThat(event.get("action").asText()).isEqualTo("detach");
        assertThat(event.get("actor").asText()).isEqualTo("admin");
        assertThat(event.get("detail").asText()).isEqualTo(ID_CARD);
        assertThat(event.get("toStatus").asText()).isEqualTo("CLOSED");
        assertThat(snapshot(id).ticket().get("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    void anAdministratorRemovesAnOpenTicketsFileToo() {
        String id = id(api.ticket("FINANCING"));
        String attachmentId = add(id, "dispatch", "a.pdf");

        assertThat(remove(id, attachmentId, "admin").status()).isEqualTo(204);
        assertThat(list(id).json()).isEmpty();
    }

    @Test
    void theMostFilesATicketHoldsCountOnlyThoseKept() {
        String id = id(api.ticket("FINANCING"));
        String first = add(id, "staff1", "1.pdf");
        for (int i = 2; i <= 20; i++) {
            add(id, "staff1", i + ".pdf");
        }
        assertRefused(send(id, "staff1", "21.pdf"), 409);

        assertThat(remove(id, first, "staff1").status()).isEqualTo(204);
        add(id, "staff1", "21.pdf");
        assertThat(list(id).json()).hasSize(20);
        assertRefused(send(id, "staff1", "22.pdf"), 409);
    }

    /** A removed file is none the ticket keeps: sent again it is added anew, and that one is the file kept. */
    @Test
    void aFileRemovedAndSentAgainIsAddedAnew() {
        String id = id(api.ticket("FINANCING"));
        String removed = add(id, "finance", ID_CARD);
        assertThat(remove(id, removed, "finance").status()).isEqualTo(204);

        String added = add(id, "finance", ID_CARD);
        assertThat(added).isNotEqualTo(removed);
        assertThat(list(id).json().findValuesAsText("id")).containsExactly(added);
        Api.Response again = send(id, "finance", ID_CARD);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(added);
        assertThat(list(id).json().findValuesAsText("id")).containsExactly(added);
    }

    @Test
    void theTicketPageOffersRemovalToThoseWhoMay() {
        String id = repliedTicket();
        String financeFile = add(id, "finance", ID_CARD);
        String staffFile = add(id, "staff1", "现场照片.png");
        String form = "form[action=\"/tickets/" + id + "/attachments/%s/delete\"]";

        Document finance = pages.get("/tickets/" + id, "finance").html();
        assertThat(finance.select("#detach-" + financeFile + " " + form.formatted(financeFile) + " button")).hasSize(1);
        assertThat(finance.select("#detach-" + financeFile).text()).contains("删除", ID_CARD);
        assertThat(finance.select("#detach-" + staffFile)).isEmpty();
        assertThat(finance.select(form.formatted(financeFile) + " input[name=_csrf]")).hasSize(1);
        Document staff = pages.get("/tickets/" + id, "staff1").html();
        assertThat(staff.select("#detach-" + staffFile)).hasSize(1);
        assertThat(staff.select("#detach-" + financeFile)).isEmpty();
        assertThat(pages.get("/tickets/" + id, "leader").html().select("#attachments details.detach")).isEmpty();
        assertThat(pages.get("/tickets/" + id, "dispatch").html().select("#attachments details.detach")).isEmpty();
        assertThat(pages.get("/tickets/" + id, "admin").html().select("#attachments details.detach")).hasSize(2);

        close(id);
        assertThat(pages.get("/tickets/" + id, "finance").html().select("#attachments details.detach")).isEmpty();
        assertThat(pages.get("/tickets/" + id, "staff1").html().select("#attachments details.detach")).isEmpty();
        assertThat(pages.get("/tickets/" + id, "admin").html().select("#attachments details.detach")).hasSize(2);
    }

    @Test
    void theTicketPagesFormRemovesAFileAndShowsThePageAgainWhenRefused() {
        String id = repliedTicket();
        String attachmentId = add(id, "finance", ID_CARD);
        String kept = add(id, "finance", "答复函.pdf");
        String path = "/tickets/" + id + "/attachments/" + attachmentId + "/delete";

        assertThat(pages.post(path, "leader", Pages.form()).status()).isEqualTo(403);
        assertThat(pages.postWithoutToken(path, "finance", Pages.form()).status()).isEqualTo(403);
        assertThat(list(id).json()).hasSize(2);

        Pages.Answer removed = pages.post(path, "finance", Pages.form());
        assertThat(removed.status()).isEqualTo(303);
        // at the 附件 section, where #detached says it: not screens above it on a phone
        assertThat(removed.redirect()).isEqualTo("/tickets/" + id + "#attachments");
        Document after = pages.get(removed.redirect(), "finance").html();
        assertThat(after.select("#detached").text()).isEqualTo("已删除附件：" + ID_CARD);
        assertThat(after.select("#attachments li a").text()).isEqualTo("答复函.pdf");
        assertThat(after.select("#history li[data-action=detach]").text()).contains("删除附件", ID_CARD);
        assertThat(row(attachmentId).get("content")).isNull();

        // sent again (a second click): answered as the first was, nothing more recorded
        Pages.Answer again = pages.post(path, "finance", Pages.form());
        assertThat(again.status()).isEqualTo(303);
        assertThat(again.redirect()).isEqualTo("/tickets/" + id + "#attachments");
        assertThat(pages.get(again.redirect(), "finance").html().select("#history li[data-action=detach]")).hasSize(1);

        // a file someone else removed meanwhile: the page again, saying the file is gone
        String photo = add(id, "finance", "现场照片.pdf");
        assertThat(remove(id, photo, "admin").status()).isEqualTo(204);
        Pages.Answer gone = pages.post("/tickets/" + id + "/attachments/" + photo + "/delete", "finance", Pages.form());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.html().select("#refusal").text()).contains("删除附件", "已被删除");
        assertThat(gone.html().select("#attachments li a").text()).isEqualTo("答复函.pdf");

        // the ticket closed: the page again with the reason, the file kept
        close(id);
        Pages.Answer closed = pages.post("/tickets/" + id + "/attachments/" + kept + "/delete", "finance",
                Pages.form());
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.html().select("#refusal .reason").text()).contains("已办结销号", "管理员");
        assertThat(list(id).json().findValuesAsText("id")).containsExactly(kept);
    }
}
