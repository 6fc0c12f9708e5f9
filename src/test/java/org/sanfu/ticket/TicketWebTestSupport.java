package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sanfu.Api;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the ticket action tests share: taking an action, checking a refusal changed nothing,
 * reading history, allowed actions and inboxes.
 */
abstract class TicketWebTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    Api api;

    /** A ticket as the leader sees it, and the length of its history. */
    record Snapshot(JsonNode ticket, int events) {}

    Snapshot snapshot(String id) {
        Api.Response r = api.get("/api/tickets/" + id, "leader");
        assertThat(r.status()).isEqualTo(200);
        return new Snapshot(r.json(), history(id).size());
    }

    void assertUnchanged(String id, Snapshot before) {
        Snapshot now = snapshot(id);
        assertThat(now.ticket().get("status")).isEqualTo(before.ticket().get("status"));
        assertThat(now.events()).isEqualTo(before.events());
        assertThat(now.ticket()).isEqualTo(before.ticket());
    }

    Api.Response post(String id, String action, String user, Object body) {
        return api.post("/api/tickets/" + id + "/" + action, user, body);
    }

    static void assertRefused(Api.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.text()).doesNotContain("Exception", "at org.");
    }

    static void assertInvalid(Api.Response r, String field) {
        assertRefused(r, 400);
        assertThat(r.json().get("errors").findValuesAsText("field")).contains(field);
    }

    static String id(JsonNode ticket) {
        return ticket.get("id").asText();
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static OffsetDateTime time(JsonNode ticket, String field) {
        return OffsetDateTime.parse(ticket.get(field).asText());
    }

    JsonNode history(String id) {
        Api.Response r = api.get("/api/tickets/" + id + "/history", "leader");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    JsonNode lastEvent(String id) {
        JsonNode history = history(id);
        return history.get(history.size() - 1);
    }

    List<String> allowed(String id, String user) {
        Api.Response r = api.get("/api/tickets/" + id, user);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return texts(r.json().get("allowedActions"));
    }

    List<String> inboxIds(String user) {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            Api.Response r = api.get("/api/inbox?size=200&page=" + page, user);
            assertThat(r.status()).isEqualTo(200);
            List<String> items = r.json().get("items").findValuesAsText("id");
            ids.addAll(items);
            if (items.isEmpty() || ids.size() >= r.json().get("total").asLong()) {
                return ids;
            }
        }
    }

    static String daysAgo(int days) {
        return OffsetDateTime.now(SHANGHAI).minusDays(days).withNano(0).toString();
    }

    List<JsonNode> visitAt(String code, String visitedAt, List<Map<String, Object>> problems) {
        Map<String, Object> body = new HashMap<>();
        body.put("enterpriseCreditCode", code);
        body.put("visitedAt", visitedAt);
        body.put("problems", problems);
        Api.Response r = api.post("/api/visits", "staff1", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        List<JsonNode> tickets = new ArrayList<>();
        r.json().get("tickets").forEach(tickets::add);
        return tickets;
    }
}
