package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.HeldRow;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a request answers when rows the engine must change stay locked by another transaction past the lock timeout
 * (sanfu.database.lock-timeout; H2's LOCK_TIMEOUT): the engine's failure is a lost race (the process gateway makes it
 * Spring's lock failure), which the enterprise's feedback page answers as it does any race, 409 "try again later",
 * recording nothing and leaving the link working. On both databases (PostgreSQL waits only as long as LockWaits says).
 */
@SanfuTest
@TestPropertySource(properties = {SanfuTest.SHORT_LOCK_WAIT_DATABASE, SanfuTest.SHORT_LOCK_WAIT})
class LockTimeoutWebTests {

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private MockHttpServletResponse rate(String link) throws Exception {
        return pages.mvc().perform(MockMvcRequestBuilders.post(link).accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("satisfaction", "SATISFIED")).andReturn()
                .getResponse();
    }

    private String repliedTicket() {
        String id = api.ticket("FINANCING").get("id").asText();
        api.act(id, "sign", "finance", null);
        api.act(id, "reply", "finance", Map.of("resolution", "已放贷", "outcome", "RESOLVED"));
        return id;
    }

    private String linkFor(String id) {
        return api.post("/api/tickets/" + id + "/feedback-link", "staff1", null).json().get("url").asText();
    }

    @Test
    void aRatingWhoseProcessRowsStayLockedIsRefusedForNowAndChangesNothing() throws Exception {
        String id = repliedTicket();
        String link = linkFor(id);
        String process = jdbc.sql("select process_instance_id from ticket where id = ?").param(Long.parseLong(id))
                .query(String.class).single();

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        MockHttpServletResponse refused;
        try {
            Future<?> holder = other.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                jdbc.sql("select ID_ from ACT_RU_TASK where PROC_INST_ID_ = ? for update").param(process)
                        .query(String.class).list();
                locked.countDown();
                try {
                    done.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            refused = rate(link);
            done.countDown();
            holder.get(30, TimeUnit.SECONDS);
        } finally {
            done.countDown();
            other.shutdownNow();
        }
        assertThat(refused.getStatus()).as(refused.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(409);
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("请稍后再试").contains("您的评价尚未提交");

        JsonNode after = api.get("/api/tickets/" + id, "staff1").json();
        assertThat(after.get("status").asText()).isEqualTo("REPLIED");
        assertThat(after.get("satisfaction").isNull()).as("nothing of the rating was kept").isTrue();
        assertThat(rate(link).getStatus()).as("the link still works: recorded, 303 to its thanks").isEqualTo(303);
        assertThat(api.get("/api/tickets/" + id, "staff1").json().get("status").asText()).isEqualTo("CLOSED");
    }

    /**
     * The service's own SQL gives way too (the ticket's row held by another transaction past the timeout): the ticket
     * page's form comes back with what was typed, 409, as for any race, not the generic conflict page.
     */
    @Test
    void aReplyWhoseTicketRowStaysLockedIsTheFormAgainWithWhatWasTypedAndChangesNothing() throws Exception {
        String id = api.ticket("FINANCING").get("id").asText();
        api.act(id, "sign", "finance", null);
        replyRefusedWhileHeld(id, "select id from ticket where id = ? for update", Long.parseLong(id));
    }

    /**
     * The figures' own SQL too (stats.FigureRollup keeps its JdbcTemplate, which Spring Boot's translator did not
     * reach): a reply whose ticket's row of the all-time figures is held by another transaction past the timeout is
     * the form again with what was typed, 409, as for any race, not the generic answer; nothing is saved.
     */
    @Test
    void aReplyWhoseFiguresRowStaysLockedIsTheFormAgainWithWhatWasTypedAndChangesNothing() throws Exception {
        String id = api.ticket("FINANCING").get("id").asText();
        api.act(id, "sign", "finance", null);
        String town = jdbc.sql("select town from ticket_facts where id = ?").param(Long.parseLong(id))
                .query(String.class).single();
        replyRefusedWhileHeld(id, "select town from figure_all_time where town = ? for update", town);
    }

    /**
     * The API's answer to the same lost race: 409 of its own type, which a client tells from a 409 of the ticket's
     * state (not to be sent again), with Retry-After; nothing saved, and the same reply sent again once the row is let
     * go is taken.
     */
    @Test
    void anApiReplyWhoseTicketRowStaysLockedIsALostRaceToSendAgain() throws Exception {
        String id = api.ticket("FINANCING").get("id").asText();
        api.act(id, "sign", "finance", null);
        Map<String, String> reply = Map.of("resolution", "已协调银行放贷", "outcome", "RESOLVED");
        Api.Response refused;
        try (HeldRow held = new HeldRow(transactions, jdbc, "select id from ticket where id = ? for update",
                Long.parseLong(id))) {
            refused = api.post("/api/tickets/" + id + "/reply", "finance", reply);
        }
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:sanfu:problem:lost-race");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.json().get("detail").asText()).contains("changed nothing");
        assertThat(api.get("/api/tickets/" + id, "staff1").json().get("status").asText()).isEqualTo("IN_PROGRESS");
        Api.Response again = api.post("/api/tickets/" + id + "/reply", "finance", reply);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
    }

    /** The ticket's reply form sent while {@code lock} holds a row: the form again, 409, nothing saved. */
    private void replyRefusedWhileHeld(String id, String lock, Object key) throws Exception {
        Pages.Answer refused;
        try (HeldRow held = new HeldRow(transactions, jdbc, lock, key)) {
            refused = pages.post("/tickets/" + id + "/reply", "finance",
                    Pages.form("resolution", "已协调银行放贷", "outcome", "RESOLVED"));
        }
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.html().getElementById("refusal")).as(refused.body()).isNotNull();
        assertThat(refused.html().getElementById("refusal").text()).contains("本次请求未做任何更改");
        assertThat(refused.html().getElementById("reply-resolution").text()).as("what was typed, kept")
                .isEqualTo("已协调银行放贷");
        assertThat(api.get("/api/tickets/" + id, "staff1").json().get("status").asText()).isEqualTo("IN_PROGRESS");
    }

    /** The rating's own SQL meeting the ticket's row held past the timeout: the same 409 as the engine's, link kept. */
    @Test
    void aRatingWhoseTicketRowStaysLockedIsRefusedForNowAndTheLinkStillWorks() throws Exception {
        String id = repliedTicket();
        String link = linkFor(id);
        MockHttpServletResponse refused;
        try (HeldRow held = new HeldRow(transactions, jdbc, "select id from ticket where id = ? for update",
                Long.parseLong(id))) {
            refused = rate(link);
        }
        assertThat(refused.getStatus()).as(refused.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(409);
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("您的评价尚未提交");
        assertThat(api.get("/api/tickets/" + id, "staff1").json().get("status").asText()).isEqualTo("REPLIED");
        assertThat(rate(link).getStatus()).as("the link still works: recorded, 303 to its thanks").isEqualTo(303);
    }

    /** The file forms too: removing a file while the ticket's row is held is the page again with why, 409. */
    @Test
    void removingAFileWhileTheTicketRowStaysLockedIsThePageAgainAndKeepsTheFile() throws Exception {
        String id = api.ticket("FINANCING").get("id").asText();
        Api.Response added = api.perform(MockMvcRequestBuilders.post("/api/tickets/" + id + "/attachments")
                .contentType(MediaType.APPLICATION_PDF).header("Content-Disposition", "attachment; filename=a.pdf")
                .content("%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1)), "staff1");
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        String file = added.json().get("id").asText();
        Pages.Answer refused;
        try (HeldRow held = new HeldRow(transactions, jdbc, "select id from ticket where id = ? for update",
                Long.parseLong(id))) {
            refused = pages.post("/tickets/" + id + "/attachments/" + file + "/delete", "staff1", Pages.form());
        }
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.html().select("#refusal").text()).contains("本次请求未做任何更改");
        assertThat(api.get("/api/tickets/" + id + "/attachments", "staff1").json()).hasSize(1);
    }
}
