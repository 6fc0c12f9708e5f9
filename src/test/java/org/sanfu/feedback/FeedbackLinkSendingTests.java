package org.sanfu.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * {@code "send": true} hands the link to the senders (FeedbackLinkSender, the SMS/chat port) after the
 * link was committed, as an absolute URL from {@code sanfu.feedback-links.public-base-url}; a refused
 * request sends nothing, and a sender that throws fails nothing. A context of its own, for its senders.
 */
@SanfuTest
@TestPropertySource(properties = "sanfu.feedback-links.public-base-url=https://sanfu.example.gov.cn/")
@Import(FeedbackLinkSendingTests.Senders.class)
class FeedbackLinkSendingTests {

    /** A sender that records what it was given, and one that always throws. */
    @TestConfiguration
    static class Senders {
        final List<FeedbackLinkMessage> sent = new CopyOnWriteArrayList<>();
        final List<Boolean> committedWhenSent = new CopyOnWriteArrayList<>();

        @org.springframework.context.annotation.Bean
        FeedbackLinkSender recording(DataSource database) {
            return message -> {
                sent.add(message);
                committedWhenSent.add(committed(database, message.ticketId()));
            };
        }

        /** Whether another connection (not the issuing transaction's) sees the ticket's link: committed. */
        private static boolean committed(DataSource database, String ticketId) {
            try (Connection other = database.getConnection();
                    PreparedStatement query = other.prepareStatement(
                            "select count(*) from feedback_link where ticket_id = ? and voided_at is null")) {
                query.setLong(1, Long.parseLong(ticketId));
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() && rows.getLong(1) == 1;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @org.springframework.context.annotation.Bean
        FeedbackLinkSender throwing() {
            return message -> {
                throw new IllegalStateException("SMS gateway down");
            };
        }
    }

    @Autowired
    Api api;
    @Autowired
    Senders senders;
    @Autowired
    MockMvc mvc;

    @BeforeEach
    void nothingSentYet() {
        senders.sent.clear();
        senders.committedWhenSent.clear();
    }

    @Test
    void sendingHandsTheAbsoluteLinkToTheSendersAfterCommitAndAThrowingSenderFailsNothing() throws Exception {
        String creditCode = api.enterprise();
        String id = replied(creditCode);

        Api.Response r = api.post("/api/tickets/" + id + "/feedback-link", "dispatch", Map.of("send", true));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        String path = r.json().get("url").asText();
        assertThat(path).startsWith("/f/");

        assertThat(senders.sent).hasSize(1);
        FeedbackLinkMessage message = senders.sent.get(0);
        assertThat(message.url()).isEqualTo("https://sanfu.example.gov.cn" + path);
        assertThat(message.text()).contains("https://sanfu.example.gov.cn" + path, "测试问题 CONTAINER")
                .as("who answered").contains("」已由交通运输局（港航）答复，请于 ");
        assertThat(message.enterpriseCreditCode()).isEqualTo(creditCode);
        assertThat(message.ticketId()).isEqualTo(id);
        assertThat(message.expiresAt().toString()).isNotBlank();
        assertThat(senders.committedWhenSent).containsExactly(true);
        // the history says it went out by the channel (whether it arrived the senders alone know), not the link
        JsonNode history = api.get("/api/tickets/" + id + "/history", "leader").json();
        JsonNode issued = history.get(history.size() - 1);
        assertThat(issued.get("action").asText()).isEqualTo("feedback-link");
        assertThat(issued.get("actor").asText()).isEqualTo("dispatch");
        assertThat(issued.get("detail").asText()).startsWith("链接已交发送渠道（工作群或短信）发给企业，有效至 ");
        assertThat(history.toString()).doesNotContain(path.substring("/f/".length()));

        // the link works, though the other sender threw
        int status = mvc.perform(MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("satisfaction", "SATISFIED").accept(MediaType.TEXT_HTML)).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(303);
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    void nothingIsSentWithoutTheFlagOrWhenTheLinkIsRefused() {
        String id = replied(api.enterprise());

        assertThat(api.post("/api/tickets/" + id + "/feedback-link", "staff1", null).status()).isEqualTo(201);
        assertThat(api.post("/api/tickets/" + id + "/feedback-link", "staff1", Map.of("send", false)).status())
                .isEqualTo(201);
        assertThat(api.post("/api/tickets/" + id + "/feedback-link", "leader", Map.of("send", true)).status())
                .isEqualTo(403);
        JsonNode open = api.ticket("CONTAINER");
        assertThat(api.post("/api/tickets/" + open.get("id").asText() + "/feedback-link", "staff1",
                Map.of("send", true)).status()).isEqualTo(409);
        assertThat(senders.sent).isEmpty();
    }

    private String replied(String creditCode) {
        String id = api.visit(creditCode, List.of(Api.problem("CONTAINER", "测试问题 CONTAINER"))).get(0)
                .get("id").asText();
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", "已协调", "outcome", "RESOLVED"));
        return id;
    }
}
