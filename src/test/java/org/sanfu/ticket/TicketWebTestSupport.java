package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sanfu.Api;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

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

    /** A channel admin registered (a fresh code, this name), and the key it files problems with. */
    record Channel(String code, String name, String key) {}

    static Channel channel(Api api, String name) {
        String code = "T" + Long.toString(System.nanoTime(), 36).toUpperCase();
        Api.Response created = api.post("/api/channels", "admin", Map.of("code", code, "name", name + code));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new Channel(code, name + code, created.json().get("key").asText());
    }

    /** The ticket a channel's problem about the enterprise became: its code is the ticket's source. */
    static JsonNode filed(Api api, Channel channel, String creditCode, String title) {
        Api.Response filed = api.perform(MockMvcRequestBuilders.post("/api/intake")
                .header("X-Channel-Key", channel.key()).contentType(MediaType.APPLICATION_JSON)
                .characterEncoding(StandardCharsets.UTF_8).content(api.write(Map.of("externalId", "EXT-"
                        + channel.code() + "-" + System.nanoTime(), "enterpriseCreditCode", creditCode, "title", title,
                        "category", "CONTAINER"))), null);
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        return filed.json();
    }
}
