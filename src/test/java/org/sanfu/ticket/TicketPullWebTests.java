package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.MigrationScript;
import org.sanfu.SanfuTest;
import org.sanfu.TickingTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An integrator's nightly pull (API.md "Tickets": {@code updatedAt}, {@code updatedSince}): a ticket's updatedAt moves
 * on every change the API shows and on no read, and the list by updatedSince answers exactly the tickets changed since
 * then, the oldest change first, each once, as far as the caller may see them. Every test looks only at the tickets
 * of its own enterprise.
 */
@SanfuTest
class TicketPullWebTests extends TicketWebTestSupport {

    private static final Comparator<String> BY_NUMBER = Comparator.comparingLong(Long::parseLong);
    private static final Map<String, Object> RESOLVED = Map.of("resolution", "已协调船公司增加舱位", "outcome", "RESOLVED");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Tickets tickets;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void updatedAtMovesOnASignAReplyAndACloseAndNotOnARead() throws InterruptedException {
        String id = id(api.ticket("CONTAINER"));
        Instant reported = updatedAt(api.get("/api/tickets/" + id, "leader").json());
        assertThat(reported).isNotNull();

        Thread.sleep(5);
        api.get("/api/tickets/" + id, "transport");
        api.get("/api/tickets/" + id + "/history", "leader");
        api.get("/api/tickets?enterprise=" + enterpriseOf(id), "leader");
        assertThat(updatedAt(api.get("/api/tickets/" + id, "leader").json())).as("reads change nothing")
                .isEqualTo(reported);

        Thread.sleep(5);
        JsonNode signed = api.act(id, "sign", "transport", null);
        Instant signedAt = updatedAt(signed);
        assertThat(signedAt).isAfter(reported);
        assertThat(updatedAt(api.get("/api/tickets/" + id, "leader").json())).as("the action's answer says it")
                .isEqualTo(signedAt);
        // as the list says it too
        assertThat(updatedAt(api.get("/api/tickets?enterprise=" + enterpriseOf(id), "leader").json().get("items")
                .get(0))).isEqualTo(signedAt);

        Thread.sleep(5);
        Instant replied = updatedAt(api.act(id, "reply", "transport", RESOLVED));
        assertThat(replied).isAfter(signedAt);

        Thread.sleep(5);
        JsonNode closed = api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(updatedAt(closed)).isAfter(replied);
    }

    @Test
    void aChangeNoActionStampsMovesUpdatedAtToTheClocksNowAndBookkeepingAloneDoesNot() {
        JsonNode ticket = api.ticket("CONTAINER");
        long id = ticket.get("id").asLong();
        Instant intake = storedUpdatedAt(id);
        Instant now = intake.plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        ClockUtil.setCurrentTime(Date.from(now));
        try {
            inTransaction(() -> tickets.clockNext(id, DeadlineClock.SIGN, now.plusSeconds(600)));
            inTransaction(() -> assertThat(tickets.reminded(id, DeadlineClock.SIGN, 0)).as("reminded so far").isFalse());
            assertThat(storedUpdatedAt(id)).as("a clock's next moment, a reminder not made: shown nowhere")
                    .isEqualTo(intake);

            // the sweep's mark of a missed deadline, which no action's moment stamps
            inTransaction(() -> assertThat(tickets.markOverdue(id, DeadlineClock.SIGN)).isTrue());
            assertThat(storedUpdatedAt(id)).isEqualTo(now);

            Instant later = now.plusSeconds(60);
            ClockUtil.setCurrentTime(Date.from(later));
            inTransaction(() -> assertThat(tickets.markOverdue(id, DeadlineClock.SIGN)).as("marked already").isFalse());
            assertThat(storedUpdatedAt(id)).isEqualTo(now);
            // its enterprise's new name, written to its tickets in one statement
            inTransaction(() -> tickets.renameEnterprise(ticket.get("enterpriseCreditCode").asText(), "改名后的企业",
                    ticket.get("town").asText()));
            assertThat(storedUpdatedAt(id)).isEqualTo(later);
            assertThat(updatedAt(api.get("/api/tickets/" + id, "leader").json())).isEqualTo(later);
        } finally {
            ClockUtil.reset();
        }
    }

    /**
     * One change, one moment: its history event's {@code at}, the ticket's updatedAt and the action's own column say the
     * same instant, on a clock that moves a second on every read, where each place reading it put them seconds apart.
     */
    @Test
    void aChangeHasOneMomentItsEventTheTicketsUpdatedAtAndItsOwnColumnSay() {
        TickingTime.start(Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofSeconds(1));
        try {
            String id = id(api.ticket("CONTAINER"));
            assertOneMoment(id, api.get("/api/tickets/" + id, "leader").json(), "route", "assignedAt");
            assertOneMoment(id, api.act(id, "sign", "transport", null), "sign", "signedAt");
            assertOneMoment(id, api.act(id, "reply", "transport", RESOLVED), "reply", "repliedAt");
            JsonNode closed = api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
            assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
            assertOneMoment(id, closed, "feedback", "closedAt");
        } finally {
            ClockUtil.reset();
        }
    }

    /** The ticket's {@code column}, its updatedAt and the at of its latest {@code action} event are one instant. */
    private void assertOneMoment(String id, JsonNode ticket, String action, String column) {
        Instant at = null;
        for (JsonNode event : api.get("/api/tickets/" + id + "/history", "leader").json()) {
            if (event.get("action").asText().equals(action)) {
                at = Instant.parse(event.get("at").asText());
            }
        }
        assertThat(at).as(action + " event").isNotNull();
        assertThat(updatedAt(ticket)).as("updatedAt after " + action).isEqualTo(at);
        assertThat(Instant.parse(ticket.get(column).asText())).as(column).isEqualTo(at);
        assertThat(storedUpdatedAt(Long.parseLong(id))).as("updated_at on file").isEqualTo(at);
    }

    @Test
    void updatedSinceAnswersTheTicketsChangedSinceThenTheOldestChangeFirst() throws InterruptedException {
        String code = api.enterprise();
        List<String> t = api.visit(code, List.of(Api.problem("CONTAINER", "订舱难"), Api.problem("CONTAINER", "缺箱"),
                Api.problem("CONTAINER", "运价高"))).stream().map(TicketWebTestSupport::id).toList();
        String query = "/api/tickets?enterprise=" + code + "&updatedSince=";

        Thread.sleep(5);
        Instant since = updatedAt(api.act(t.get(2), "sign", "transport", null));
        Thread.sleep(5);
        api.act(t.get(0), "sign", "transport", null);
        Thread.sleep(5);
        // changed twice since: comes once, at its latest, after the first one
        api.act(t.get(2), "reply", "transport", RESOLVED);

        JsonNode pull = api.get(query + encoded(since), "leader").json();
        assertThat(ids(pull)).containsExactly(t.get(0), t.get(2));
        assertThat(pull.get("total").asLong()).isEqualTo(2);
        assertThat(updatedAt(pull.get("items").get(0))).isBefore(updatedAt(pull.get("items").get(1)));
        // at or after: the moment itself is in; the next pull, from the greatest seen, finds that one again alone
        Instant greatest = updatedAt(pull.get("items").get(1));
        assertThat(ids(api.get(query + encoded(greatest), "leader").json())).containsExactly(t.get(2));
        assertThat(ids(api.get(query + encoded(greatest.plusMillis(1)), "leader").json())).isEmpty();
        // any offset, and paged in the same order
        String inShanghai = since.atOffset(ZoneOffset.ofHours(8)).toString();
        assertThat(inShanghai).endsWith("+08:00");
        assertThat(ids(asSent(query + inShanghai.replace("+", "%2B")))).containsExactly(t.get(0), t.get(2));
        // a + sent unencoded, which a query reads as a space
        assertThat(ids(asSent(query + inShanghai.replace("+", "%20")))).containsExactly(t.get(0), t.get(2));
        assertThat(ids(api.get(query + encoded(since) + "&page=1&size=1", "leader").json())).containsExactly(t.get(2));
        // the tickets not changed since the beginning are there too, by their intake, in the same order
        Instant intake = Instant.parse(pull.get("items").get(0).get("reportedAt").asText()).minusSeconds(3600);
        List<String> all = ids(api.get(query + encoded(intake), "leader").json());
        assertThat(all).containsExactly(t.get(1), t.get(0), t.get(2));
    }

    @Test
    void aPullByTheLastIdItReceivedSkipsNoTicketOfAMomentWhereThePageNumberDid() throws InterruptedException {
        String code = api.enterprise();
        List<String> t = api.visit(code, List.of(Api.problem("CONTAINER", "订舱难"), Api.problem("CONTAINER", "缺箱"),
                Api.problem("CONTAINER", "运价高"), Api.problem("CONTAINER", "堆场远"),
                Api.problem("CONTAINER", "报关慢"))).stream().map(TicketWebTestSupport::id).sorted(BY_NUMBER).toList();
        String base = "/api/tickets?enterprise=" + code + "&size=2&updatedSince=";

        // the page-number recipe: one statement stamps the five with one moment (the enterprise renamed), the first
        // of them changes between the first page and the next, and the third slides back onto the page already read
        Instant moment = stampedTogether(code, t);
        List<String> byPage = new ArrayList<>(ids(api.get(base + encoded(moment) + "&page=0", "leader").json()));
        assertThat(byPage).containsExactly(t.get(0), t.get(1));
        Thread.sleep(5);
        Instant changed = updatedAt(api.act(t.get(0), "sign", "transport", null));
        byPage.addAll(ids(api.get(base + encoded(moment) + "&page=1", "leader").json()));
        byPage.addAll(ids(api.get(base + encoded(moment) + "&page=2", "leader").json()));
        byPage.addAll(ids(api.get(base + encoded(changed), "leader").json()));
        assertThat(byPage).as("what the page-number recipe never sees").doesNotContain(t.get(2))
                .containsAll(List.of(t.get(0), t.get(1), t.get(3), t.get(4)));

        // the keyset recipe, the same five stamped again and the second of them changed after the first page
        moment = stampedTogether(code, t);
        List<String> byKeyset = new ArrayList<>();
        Instant since = moment;
        String afterId = null;
        for (int read = 0; read < 10; read++) {
            JsonNode page = api.get(base + encoded(since) + (afterId == null ? "" : "&afterId=" + afterId), "leader")
                    .json();
            if (page.get("items").isEmpty()) {
                break;
            }
            page.get("items").forEach(ticket -> byKeyset.add(id(ticket)));
            JsonNode last = page.get("items").get(page.get("items").size() - 1);
            since = updatedAt(last);
            afterId = id(last);
            if (read == 0) {
                Thread.sleep(5);
                api.act(t.get(1), "sign", "transport", null);
            }
        }
        // none skipped, none repeated but the one changed again, which comes again at its new moment
        assertThat(byKeyset).containsExactly(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), t.get(1));
    }

    /**
     * Every moment is written with milliseconds, three fraction digits whatever they are (a whole second is .000), where
     * the digits came and went with the value; a moment stored finer (microseconds, as one sent in may be) keeps its
     * digits: given back as written, with afterId, it selects exactly what it did, where rounded to milliseconds it
     * would answer that ticket again.
     */
    @Test
    void momentsAreWrittenWithMillisecondsAndACursorGivenBackAsWrittenSelectsExactlyWhatItDid() {
        String code = api.enterprise();
        List<String> t = api.visit(code, List.of(Api.problem("CONTAINER", "订舱难"), Api.problem("CONTAINER", "缺箱")))
                .stream().map(TicketWebTestSupport::id).sorted(BY_NUMBER).toList();
        Instant whole = Instant.parse("2026-01-05T02:00:00Z");
        Instant finer = whole.plusNanos(123_456_000);
        jdbc.update("update ticket set updated_at = ? where id = ?", Timestamp.from(whole), Long.parseLong(t.get(0)));
        jdbc.update("update ticket set updated_at = ? where id = ?", Timestamp.from(finer), Long.parseLong(t.get(1)));

        JsonNode first = api.get("/api/tickets/" + t.get(0), "leader").json();
        assertThat(first.get("updatedAt").asText()).isEqualTo("2026-01-05T10:00:00.000+08:00");
        // every moment of the answers, nested ones too (a list's items, the history's events), not only the top level
        Map<String, String> moments = new LinkedHashMap<>();
        moments(first, "ticket", moments);
        moments(api.get("/api/tickets/" + t.get(0) + "/history", "leader").json(), "history", moments);
        JsonNode list = api.get("/api/tickets?enterprise=" + code, "leader").json();
        moments(list, "list", moments);
        assertThat(moments.keySet()).as("nested moments are walked").contains("ticket/updatedAt")
                .anyMatch(path -> path.startsWith("history/0/")).anyMatch(path -> path.startsWith("list/items/1/"));
        // but the list's other ticket's updatedAt, stored finer: below; that one item alone
        String finerInTheList = "list/items/" + ids(list).indexOf(t.get(1)) + "/updatedAt";
        assertThat(moments).containsEntry(finerInTheList, "2026-01-05T10:00:00.123456+08:00");
        moments.forEach((path, moment) -> assertThat(moment).as(path).matches(path.equals(finerInTheList)
                ? "2026-01-05T10:00:00\\.123456\\+08:00" : ".*T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+08:00"));
        String second = api.get("/api/tickets/" + t.get(1), "leader").json().get("updatedAt").asText();
        assertThat(second).isEqualTo("2026-01-05T10:00:00.123456+08:00");

        String base = "/api/tickets?enterprise=" + code + "&updatedSince=";
        assertThat(ids(asSent(base + query(first.get("updatedAt").asText()) + "&afterId=" + t.get(0))))
                .containsExactly(t.get(1));
        assertThat(ids(asSent(base + query(second)))).containsExactly(t.get(1));
        assertThat(ids(asSent(base + query(second) + "&afterId=" + t.get(1)))).as("nothing after the last").isEmpty();
    }

    /** Each text of the tree that reads as a moment (a date, then T), by its JSON Pointer. */
    private static void moments(JsonNode node, String path, Map<String, String> into) {
        if (node.isTextual() && node.asText().matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
            into.put(path, node.asText());
        } else if (node.isObject()) {
            node.properties().forEach(field -> moments(field.getValue(), path + "/" + field.getKey(), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                moments(node.get(i), path + "/" + i, into);
            }
        }
    }

    @Test
    void anAfterIdThatIsNoTicketsIdOrComesWithoutUpdatedSinceIs400NamingIt() {
        String pull = "/api/tickets?size=1&updatedSince=" + encoded(Instant.now().minusSeconds(3600)) + "&afterId=";
        for (String bad : List.of("abc", "0", "-1", "01", "1.5", "+1", "１", "9".repeat(25))) {
            assertInvalid(api.get(pull + bad, "leader"), "afterId");
        }
        assertInvalid(api.get("/api/tickets?afterId=1", "leader"), "afterId");
        assertThat(api.get(pull, "leader").status()).as("blank is none").isEqualTo(200);
        assertThat(api.get(pull + "1", "leader").status()).isEqualTo(200);
    }

    @Test
    void aDepartmentPullsOnlyTheTicketsItLeadsOrCoHandles() {
        String code = api.enterprise();
        List<String> t = api.visit(code, List.of(Api.problem("CONTAINER", "订舱难"), Api.problem("FINANCING", "融资难")))
                .stream().map(TicketWebTestSupport::id).toList();
        String pull = "/api/tickets?enterprise=" + code + "&updatedSince=" + encoded(Instant.now().minusSeconds(3600));
        assertThat(ids(api.get(pull, "transport").json())).containsExactly(t.get(0));
        assertThat(ids(api.get(pull, "leader").json())).containsExactlyInAnyOrderElementsOf(t);
        // the keyset's next page too: the department's own, after its last id
        Instant first = updatedAt(api.get("/api/tickets/" + t.get(0), "leader").json());
        String fromTheFirst = "/api/tickets?enterprise=" + code + "&updatedSince=" + encoded(first) + "&afterId="
                + t.get(0);
        assertThat(ids(api.get(fromTheFirst, "transport").json())).isEmpty();
        assertThat(ids(api.get(pull + "&afterId=1", "transport").json())).containsExactly(t.get(0));
        assertThat(ids(api.get(fromTheFirst, "leader").json())).containsExactly(t.get(1));
    }

    @Test
    void anUpdatedSinceThatIsNoMomentIs400NamingIt() {
        for (String bad : List.of("yesterday", "2026-13-01T00:00:00Z", "2026-12-01T08:00:00+25:00")) {
            assertInvalid(api.get("/api/tickets?updatedSince=" + bad, "leader"), "updatedSince");
        }
        assertThat(api.get("/api/tickets?updatedSince=&size=1", "leader").status()).as("blank is none").isEqualTo(200);
    }

    @Test
    void theMigrationBackfillsUpdatedAtFromTheLatestEventOnFile() {
        String behind = id(api.ticket("CONTAINER"));
        api.act(behind, "sign", "transport", null);
        String current = id(api.ticket("CONTAINER"));
        Timestamp latest = jdbc.queryForObject("select max(at) from ticket_event where ticket_id = ?", Timestamp.class,
                Long.parseLong(behind));
        // as a reminder or a missed deadline left a ticket before V52: its latest event after its updated_at
        jdbc.update("update ticket set updated_at = ? where id = ?", new Timestamp(latest.getTime() - 86_400_000L),
                Long.parseLong(behind));
        Timestamp untouched = jdbc.queryForObject("select updated_at from ticket where id = ?", Timestamp.class,
                Long.parseLong(current));
        jdbc.update("update ticket set updated_at = ? where id = ?", new Timestamp(untouched.getTime() + 60_000),
                Long.parseLong(current));

        List<String> statements = MigrationScript.statements("V52__ticket_updated.sql");
        assertThat(statements).hasSize(2);
        jdbc.update(statements.get(0));

        assertThat(jdbc.queryForObject("select updated_at from ticket where id = ?", Timestamp.class,
                Long.parseLong(behind))).isEqualTo(latest);
        assertThat(jdbc.queryForObject("select updated_at from ticket where id = ?", Timestamp.class,
                Long.parseLong(current))).as("later than its events: left as it is")
                .isEqualTo(new Timestamp(untouched.getTime() + 60_000));
    }

    /** Stamps these tickets of the enterprise with one moment in one statement, as its new name does; that moment. */
    private Instant stampedTogether(String code, List<String> ids) throws InterruptedException {
        Thread.sleep(5);
        String town = api.get("/api/tickets/" + ids.get(0), "leader").json().get("town").asText();
        inTransaction(() -> tickets.renameEnterprise(code, "改名后的企业" + System.nanoTime(), town));
        Instant moment = storedUpdatedAt(Long.parseLong(ids.get(0)));
        ids.forEach(id -> assertThat(storedUpdatedAt(Long.parseLong(id))).as(id).isEqualTo(moment));
        return moment;
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> work.run());
    }

    private Instant storedUpdatedAt(long id) {
        return jdbc.queryForObject("select updated_at from ticket where id = ?", Timestamp.class, id).toInstant();
    }

    /** The list as the leader reads it, the address sent as written (Api.get would encode its % again). */
    private JsonNode asSent(String address) {
        return api.perform(MockMvcRequestBuilders.get(URI.create(address)).accept(MediaType.APPLICATION_JSON), "leader")
                .json();
    }

    private String enterpriseOf(String id) {
        return api.get("/api/tickets/" + id, "leader").json().get("enterpriseCreditCode").asText();
    }

    private static Instant updatedAt(JsonNode ticket) {
        JsonNode at = ticket.get("updatedAt");
        return at == null || at.isNull() ? null : Instant.parse(at.asText());
    }

    /** The moment as a query's value: the test's requests encode the path themselves (Api.call). */
    private static String encoded(Instant at) {
        return at.toString();
    }

    /** A moment as written, as a query's value already encoded ({@code +} as %2B). */
    private static String query(String written) {
        return java.net.URLEncoder.encode(written, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> ids(JsonNode page) {
        assertThat(page.get("items")).as(page.toString()).isNotNull();
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
