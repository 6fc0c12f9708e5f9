package org.sanfu.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.TickingTime;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.ticket.TicketActions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Callbacks (API.md "other channels"): every status change of a channel's ticket is posted to its URL after
 * commit, signed (X-Sanfu-Signature: sha256= and the hex HMAC-SHA256 of the exact body with the channel's
 * secret), in order per ticket, retried with backoff when the receiver fails (the Clock is moved), given up
 * after the last step and shown to ADMIN; and a receiver that fails or hangs never fails a ticket's action.
 * The receiver is a local com.sun.net.httpserver.HttpServer.
 */
@SanfuTest
class ChannelCallbackTests {

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CallbackSender sender;
    @Autowired
    ObjectMapper json;
    @Autowired
    TicketActions actions;
    @Autowired
    TransactionTemplate transactions;

    record Received(String body, String signature, String delivery, String previousSignature,
            Map<String, List<String>> headers) {

        /** A header as received, null when it was not sent. */
        String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(h -> String.join(",", h.getValue())).orElse(null);
        }
    }

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger answer = new AtomicInteger(200);
    volatile long delayMillis;

    @BeforeEach
    void receiver() throws IOException {
        server = receiver(received, answer::get, () -> delayMillis);
    }

    /** A local receiver at /cb that records each callback with its signatures, then answers as told after a delay. */
    static HttpServer receiver(List<Received> into, IntSupplier answer, LongSupplier delayMillis) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cb", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            into.add(new Received(new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("X-Sanfu-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Sanfu-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-Sanfu-Signature-Previous"),
                    Map.copyOf(exchange.getRequestHeaders())));
            try {
                Thread.sleep(delayMillis.getAsLong());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(answer.getAsInt(), -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ClockUtil.reset();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cb";
    }

    ChannelTestSupport channels() {
        return new ChannelTestSupport(api);
    }

    @Test
    void everyStatusChangeIsPostedSignedInOrder() throws Exception {
        ChannelTestSupport.Created c = channels().channel(url());
        Map<String, Object> problem = ChannelTestSupport.problem(api.enterprise(), "CONTAINER");
        String id = channels().filed(c.key(), problem).get("id").asText();
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", "已协调舱位", "outcome", "RESOLVED"));
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        await(() -> mine(id).size() >= 4);
        List<Received> mine = mine(id);
        assertThat(mine.stream().map(r -> field(r, "status"))).containsExactly("ASSIGNED", "IN_PROGRESS", "REPLIED",
                "CLOSED");
        for (Received r : mine) {
            assertThat(r.signature()).isEqualTo("sha256=" + hmac(r.body(), c.secret()));
            JsonNode body = json.readTree(r.body());
            assertThat(body.get("externalId").asText()).isEqualTo(problem.get("externalId"));
            assertThat(body.get("channel").asText()).isEqualTo(c.code());
            assertThat(body.has("changedAt")).isTrue();
        }
        // who has it and by when, as the read-back says it
        JsonNode readBack = channels().call(org.springframework.http.HttpMethod.GET,
                "/api/intake/" + problem.get("externalId"), c.key(), null).json();
        JsonNode assigned = json.readTree(mine.get(0).body());
        assertThat(assigned.get("leadDepartment").asText()).isEqualTo("TRANSPORT");
        assertThat(assigned.get("leadDepartmentLabel").asText()).isEqualTo(readBack.get("leadDepartmentLabel").asText())
                .isNotBlank();
        assertThat(Instant.parse(assigned.get("replyDeadline").asText()))
                .isEqualTo(Instant.parse(readBack.get("replyDeadline").asText()));
        assertThat(assigned.get("feedbackDue").isNull()).isTrue();
        assertThat(json.readTree(mine.get(2).body()).get("feedbackDue").isNull()).as("replied: the window runs").isFalse();
        JsonNode last = json.readTree(mine.get(3).body());
        assertThat(last.get("resolution").asText()).isEqualTo("已协调舱位");
        assertThat(last.get("satisfaction").asText()).isEqualTo("SATISFIED");
        // the receiver has answered; the sender marks it delivered right after
        await(() -> state(id).equals(List.of("DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED")));
    }

    /**
     * A callback's changedAt is its change's moment: the history event's at and the ticket's updatedAt, on a clock that
     * moves a second on every read, where the outbox reading it itself said a later one.
     */
    @Test
    void aCallbackSaysTheMomentOfItsChange() throws Exception {
        ChannelTestSupport.Created c = channels().channel(url());
        String id = channels().filed(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        TickingTime.start(Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofSeconds(1));
        JsonNode signed;
        try {
            signed = api.act(id, "sign", "transport", null);
        } finally {
            ClockUtil.reset();
        }
        Instant changedAt = null;
        for (String body : jdbc.sql("select body from channel_callback where ticket_id = ? order by id")
                .param(Long.valueOf(id)).query(String.class).list()) {
            JsonNode callback = json.readTree(body);
            if (callback.get("status").asText().equals("IN_PROGRESS")) {
                changedAt = Instant.parse(callback.get("changedAt").asText());
            }
        }
        Instant signedAt = Instant.parse(signed.get("signedAt").asText());
        assertThat(changedAt).as("the sign's callback").isEqualTo(signedAt)
                .isEqualTo(Instant.parse(signed.get("updatedAt").asText()));
        JsonNode history = api.get("/api/tickets/" + id + "/history", "leader").json();
        assertThat(Instant.parse(history.get(history.size() - 1).get("at").asText())).isEqualTo(changedAt);
    }

    @Test
    void aFailedCallbackIsRetriedAfterTheBackoffAndLaterOnesOfTheTicketWait() throws Exception {
        answer.set(500);
        ChannelTestSupport.Created c = channels().channel(url());
        String id = channels().filed(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        await(() -> attempts(id) == 1);
        api.act(id, "sign", "transport", null);
        sender.sendDue();
        Thread.sleep(300);
        assertThat(mine(id)).as("IN_PROGRESS waits behind the failed ASSIGNED; nothing is due yet").hasSize(1);
        Map<String, Object> first = jdbc.sql("select attempts, last_error, next_attempt_at from channel_callback "
                + "where ticket_id = ? order by id").param(Long.valueOf(id)).query().listOfRows().get(0);
        assertThat(first.get("attempts")).isEqualTo(1);
        assertThat(first.get("last_error").toString()).contains("500");

        answer.set(200);
        move(Duration.ofSeconds(61)); // the first step of the backoff: 1 minute
        sender.sendDue();
        await(() -> mine(id).size() == 3);
        List<Received> mine = mine(id);
        assertThat(mine.stream().map(r -> field(r, "status"))).containsExactly("ASSIGNED", "ASSIGNED", "IN_PROGRESS");
        assertThat(mine.get(1).body()).as("the same body again").isEqualTo(mine.get(0).body());
        assertThat(mine.get(1).delivery()).isEqualTo(mine.get(0).delivery());
        assertThat(mine.get(1).signature()).isEqualTo("sha256=" + hmac(mine.get(1).body(), c.secret()));
        await(() -> state(id).equals(List.of("DELIVERED", "DELIVERED")));
    }

    @Test
    void aCallbackFailingEveryAttemptIsGivenUpAndShownToAdmin() {
        answer.set(503);
        ChannelTestSupport.Created c = channels().channel(url());
        String id = channels().filed(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        await(() -> attempts(id) == 1);
        for (Duration step : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(12))) {
            int before = mine(id).size();
            move(step.minusSeconds(5));
            sender.sendDue();
            assertThat(mine(id)).as("not before " + step).hasSize(before);
            move(Duration.ofSeconds(10));
            sender.sendDue();
            await(() -> mine(id).size() == before + 1 && attempts(id) == before + 1);
        }
        await(() -> state(id).equals(List.of("FAILED")));
        move(Duration.ofDays(2));
        sender.sendDue();
        assertThat(mine(id)).as("given up: six attempts in all").hasSize(6);
        JsonNode listed = ChannelWebTests.find(api.get("/api/channels?size=200", "admin").json().get("items"), c.code());
        assertThat(listed.get("failedCallbacks").asLong()).isEqualTo(1);
        assertThat(listed.get("pendingCallbacks").asLong()).isZero();
    }

    @Test
    void aReceiverThatHangsOrIsGoneNeverFailsOrSlowsATicketsAction() throws Exception {
        delayMillis = 3000;
        ChannelTestSupport.Created slow = channels().channel(url());
        long started = System.nanoTime();
        String id = channels().filed(slow.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        JsonNode signed = api.act(id, "sign", "transport", null);
        assertThat(signed.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ChannelTestSupport.Created gone = channels().channel("http://127.0.0.1:" + closedPort + "/cb");
        String other = channels().filed(gone.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        assertThat(api.act(other, "sign", "transport", null).get("status").asText()).isEqualTo("IN_PROGRESS");
        sender.sendDue();
        await(() -> jdbc.sql("select count(*) from channel_callback where ticket_id = ? and attempts > 0")
                .param(Long.valueOf(other)).query(Long.class).single() == 1);
        assertThat(api.get("/api/tickets/" + other, "leader").json().get("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aChannelWithoutCallbackUrlOrRevokedGetsNoCallbacks() {
        ChannelTestSupport.Created quiet = channels().channel(null);
        String id = channels().filed(quiet.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        api.act(id, "sign", "transport", null);
        assertThat(state(id)).isEmpty();

        ChannelTestSupport.Created revoked = channels().channel(url());
        String theirs = channels().filed(revoked.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        await(() -> mine(theirs).size() == 1);
        api.call(org.springframework.http.HttpMethod.DELETE, "/api/channels/" + revoked.code(), "admin", null);
        await(() -> state(theirs).equals(List.of("DELIVERED")));
        api.act(theirs, "sign", "transport", null);
        assertThat(state(theirs)).as("no callback stored for a revoked channel").containsExactly("DELIVERED");
    }

    /**
     * Renewing a key keeps the old secret for sanfu.channels.previous-key-grace (24 h): a callback sent meanwhile, one
     * queued before the renewal too, carries X-Sanfu-Signature with the new secret and X-Sanfu-Signature-Previous with
     * the old, so that a receiver not yet given the new secret verifies it; after the grace only the new signature.
     */
    @Test
    void duringTheGraceAfterARenewalCallbacksAreSignedWithTheNewSecretAndTheOld() throws Exception {
        answer.set(500);
        ChannelTestSupport.Created c = channels().channel(url());
        String id = channels().filed(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        await(() -> attempts(id) == 1);
        Received before = mine(id).get(0);
        assertThat(before.signature()).isEqualTo("sha256=" + hmac(before.body(), c.secret()));
        assertThat(before.previousSignature()).as("no renewal yet").isNull();

        Api.Response renewed = api.post("/api/channels/" + c.code() + "/key", "admin", null);
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(201);
        String secret = renewed.json().get("secret").asText();
        answer.set(200);
        move(Duration.ofSeconds(61)); // the first step of the backoff
        sender.sendDue();
        await(() -> mine(id).size() == 2);
        Received queued = mine(id).get(1);
        assertThat(queued.signature()).as("the new secret").isEqualTo("sha256=" + hmac(queued.body(), secret));
        assertThat(queued.previousSignature()).as("the old secret, queued before the renewal")
                .isEqualTo("sha256=" + hmac(queued.body(), c.secret()));
        assertThat(queued.header("X-Sanfu-Signature-Timestamped")).isEqualTo("sha256=" + hmac(timestamped(queued), secret));
        assertThat(queued.header("X-Sanfu-Signature-Timestamped-Previous")).as("the old secret over the timestamp too")
                .isEqualTo("sha256=" + hmac(timestamped(queued), c.secret()));

        move(Duration.ofHours(24)); // past the grace
        api.act(id, "sign", "transport", null);
        await(() -> mine(id).size() == 3);
        Received after = mine(id).get(2);
        assertThat(after.signature()).isEqualTo("sha256=" + hmac(after.body(), secret));
        assertThat(after.previousSignature()).as("the grace is over").isNull();
        assertThat(after.header("X-Sanfu-Signature-Timestamped-Previous")).as("the grace is over").isNull();
        assertThat(after.header("X-Sanfu-Signature-Timestamped")).isEqualTo("sha256=" + hmac(timestamped(after), secret));
    }

    /** PATCH /api/channels/{code}: a callback that failed goes to the new URL at its next attempt. */
    @Test
    void aChangedCallbackUrlTakesThePendingCallbacksFromTheirNextAttempt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ChannelTestSupport.Created c = channels().channel("http://127.0.0.1:" + closedPort + "/cb");
        String id = channels().filed(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        await(() -> attempts(id) == 1);
        Api.Response changed = api.call(org.springframework.http.HttpMethod.PATCH, "/api/channels/" + c.code(), "admin",
                Map.of("callbackUrl", url()));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        move(Duration.ofSeconds(61));
        sender.sendDue();
        await(() -> state(id).equals(List.of("DELIVERED")));
        assertThat(mine(id)).hasSize(1);
        assertThat(field(mine(id).get(0), "status")).isEqualTo("ASSIGNED");
    }

    /**
     * How it ended, in the callback itself (a hotline tells its citizen without reading the ticket back): outcome,
     * closedAt and reopenCount, each as GET /api/intake/{externalId} gives it, null while not set.
     */
    @Test
    void theCallbackSaysHowItEndedAfterAReopenAndAfterTheClose() throws Exception {
        ChannelTestSupport.Created c = channels().channel(url());
        Map<String, Object> problem = ChannelTestSupport.problem(api.enterprise(), "CONTAINER");
        String id = channels().filed(c.key(), problem).get("id").asText();
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", "已部分协调", "outcome", "PARTIAL"));
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));
        api.act(id, "reply", "transport", Map.of("resolution", "已协调舱位", "outcome", "RESOLVED"));
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        await(() -> mine(id).size() >= 6);
        List<JsonNode> bodies = mine(id).stream().map(r -> body(r)).toList();
        assertThat(bodies.stream().map(b -> b.get("status").asText())).containsExactly("ASSIGNED", "IN_PROGRESS",
                "REPLIED", "IN_PROGRESS", "REPLIED", "CLOSED");
        JsonNode assigned = bodies.get(0);
        assertThat(assigned.get("outcome").isNull()).as("not replied yet: null, and there").isTrue();
        assertThat(assigned.get("closedAt").isNull()).isTrue();
        assertThat(assigned.get("reopenCount").asInt()).isZero();
        assertThat(bodies.get(2).get("outcome").asText()).isEqualTo("PARTIAL");
        JsonNode reopened = bodies.get(3);
        assertThat(reopened.get("reopenCount").asInt()).as("the enterprise was dissatisfied").isEqualTo(1);
        assertThat(reopened.get("closedAt").isNull()).isTrue();
        JsonNode closed = bodies.get(5);
        JsonNode readBack = channels().call(org.springframework.http.HttpMethod.GET,
                "/api/intake/" + problem.get("externalId"), c.key(), null).json();
        assertThat(closed.get("outcome").asText()).isEqualTo("RESOLVED").isEqualTo(readBack.get("outcome").asText());
        assertThat(closed.get("reopenCount").asInt()).isEqualTo(1).isEqualTo(readBack.get("reopenCount").asInt());
        assertThat(closed.get("closedAt").isTextual()).as("a time as the read-back writes one").isTrue();
        assertThat(Instant.parse(closed.get("closedAt").asText()))
                .isEqualTo(Instant.parse(readBack.get("closedAt").asText()));
    }

    /**
     * Against a replayed callback: X-Sanfu-Timestamp (the attempt's epoch seconds, the service's Clock) and
     * X-Sanfu-Signature-Timestamped over "<timestamp>.<body>", beside today's X-Sanfu-Signature; a retry is signed
     * anew with its own time. A receiver as API.md says checks both and the five minutes.
     */
    @Test
    void aReceiverChecksTheTimestampedSignatureAndTheTimeOfEachAttempt() throws Exception {
        move(Duration.ofDays(3)); // the service's Clock, not the machine's
        answer.set(500);
        ChannelTestSupport.Created c = channels().channel(url());
        String id = channels().filed(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        await(() -> attempts(id) == 1);
        Received first = mine(id).get(0);
        assertThat(Long.parseLong(first.header("X-Sanfu-Timestamp")))
                .isCloseTo(ClockUtil.getCurrentTime().toInstant().getEpochSecond(), org.assertj.core.data.Offset.offset(2L));
        assertThat(receiverAccepts(first, c.secret(), ClockUtil.getCurrentTime().toInstant())).isTrue();

        answer.set(200);
        move(Duration.ofSeconds(61));
        sender.sendDue();
        await(() -> mine(id).size() == 2);
        Received retry = mine(id).get(1);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.signature()).as("the body's signature stays").isEqualTo(first.signature());
        assertThat(Long.parseLong(retry.header("X-Sanfu-Timestamp")) - Long.parseLong(first.header("X-Sanfu-Timestamp")))
                .as("signed anew at the retry's time").isBetween(61L, 63L);
        assertThat(receiverAccepts(retry, c.secret(), ClockUtil.getCurrentTime().toInstant())).isTrue();
        // the first attempt captured and posted again now: its signatures hold, its time gives it away
        assertThat(receiverAccepts(first, c.secret(), ClockUtil.getCurrentTime().toInstant().plusSeconds(300))).isFalse();
        assertThat(receiverAccepts(retry, "another secret", ClockUtil.getCurrentTime().toInstant())).isFalse();
    }

    /**
     * A channel's own stream numbered 1, 2, 3... (channelSequence), where X-Sanfu-Delivery counts every channel's:
     * given when the callback is stored, in its transaction, so that changes of one channel's tickets stored at once
     * (two nodes, several requests) each get their own number and none is skipped.
     */
    @Test
    void eachChannelNumbersItsOwnCallbacksWithoutGapsAlsoWhenTheyAreStoredAtOnce() throws Exception {
        ChannelTestSupport.Created one = channels().channel(url());
        ChannelTestSupport.Created other = channels().channel(url());
        String a = channels().filed(one.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        String b = channels().filed(other.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        api.act(a, "sign", "transport", null);
        api.act(b, "sign", "transport", null);
        await(() -> mine(a).size() == 2 && mine(b).size() == 2);
        assertThat(mine(a).stream().map(r -> body(r).get("channelSequence").asLong())).containsExactly(1L, 2L);
        assertThat(mine(b).stream().map(r -> body(r).get("channelSequence").asLong())).containsExactly(1L, 2L);

        int parallel = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
        try {
            List<java.util.concurrent.Future<Integer>> filed = new java.util.ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                filed.add(pool.submit(() -> channels().file(one.key(),
                        ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).status()));
            }
            for (java.util.concurrent.Future<Integer> f : filed) {
                assertThat(f.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
        List<Long> numbers = jdbc.sql("select channel_sequence from channel_callback where channel_code = ? order by id")
                .param(one.code()).query(Long.class).list();
        assertThat(numbers).as("each stored once, numbered 1.." + (2 + parallel) + " in the order stored")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 2 + parallel).boxed().toList());
        await(() -> received.stream().filter(r -> body(r).get("channel").asText().equals(one.code())).count()
                == 2 + parallel);
    }

    /**
     * Two transactions storing callbacks of the same two channels at once, their changes in opposite orders (as a
     * systemic problem's reply and a sweep may, each over tickets several channels filed): both commit, every
     * callback is stored, and each channel's are numbered 1, 2, 3... without a gap. Each transaction waits for the
     * other just before commit, where the callbacks are stored, so that both store them at the same moment; when each
     * locked the channels' rows in the order of its changes, one held HOTLINE's and waited for ONLINE's while the other
     * held ONLINE's and waited for HOTLINE's, and the database ended one's wait (a deadlock, or the lock timeout):
     * its callbacks were lost.
     */
    @Test
    void transactionsStoringCallbacksOfTwoChannelsInOppositeOrdersBothCommitEveryCallbackNumbered() throws Exception {
        ChannelTestSupport.Created hotline = channels().channel(url());
        ChannelTestSupport.Created online = channels().channel(url());
        Caller department = new Caller("transport", Role.DEPT, "TRANSPORT");
        int rounds = 5;
        List<String> tickets = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                // each ticket of an enterprise (and so a town) of its own: the figures' rows the two share none
                String a1 = filedBy(hotline), a2 = filedBy(online), b1 = filedBy(hotline), b2 = filedBy(online);
                tickets.addAll(List.of(a1, a2, b1, b2));
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                var first = pool.submit(() -> signAtOnce(together, department, a1, a2));
                var second = pool.submit(() -> signAtOnce(together, department, b2, b1));
                first.get();
                second.get();
            }
        } finally {
            pool.shutdown();
        }
        for (String ticket : tickets) {
            assertThat(jdbc.sql("select count(*) from channel_callback where ticket_id = ?").param(Long.valueOf(ticket))
                    .query(Long.class).single()).as("ticket %s: filed and signed", ticket).isEqualTo(2);
        }
        for (ChannelTestSupport.Created channel : List.of(hotline, online)) {
            List<Long> numbers = jdbc.sql("select channel_sequence from channel_callback where channel_code = ? "
                    + "order by channel_sequence").param(channel.code()).query(Long.class).list();
            assertThat(numbers).as(channel.code()).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 4L * rounds).boxed().toList());
        }
    }

    String filedBy(ChannelTestSupport.Created channel) {
        return channels().filed(channel.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
    }

    /** Signs the tickets in this order in one transaction, which waits for the other just before it commits. */
    void signAtOnce(java.util.concurrent.CyclicBarrier together, Caller department, String... ids) {
        transactions.executeWithoutResult(status -> {
            // registered before the ticket module's own (at the first change), so it runs before the callbacks are stored
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    try {
                        together.await(20, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            for (String id : ids) {
                actions.sign(id, department);
            }
        });
    }

    /**
     * HTTP/1.1, said: the JDK client's default HTTP/2 asks a plain http:// receiver to upgrade (Upgrade: h2c,
     * Connection: Upgrade, HTTP2-Settings), which some receivers (nginx before an old PHP) mishandle.
     */
    @Test
    void aCallbackAsksNoReceiverToUpgradeToHttp2() {
        ChannelTestSupport.Created c = channels().channel(url());
        String id = channels().filed(c.key(), ChannelTestSupport.problem(api.enterprise(), "CONTAINER")).get("id").asText();
        await(() -> mine(id).size() == 1);
        Received r = mine(id).get(0);
        assertThat(r.header("Upgrade")).isNull();
        assertThat(r.header("HTTP2-Settings")).isNull();
        assertThat(r.header("Connection")).satisfiesAnyOf(v -> assertThat(v).isNull(),
                v -> assertThat(v).doesNotContainIgnoringCase("upgrade"));
    }

    // --- helpers

    /**
     * What API.md tells a receiver to check: both signatures with its secret, and the timestamp within five minutes
     * of its own clock.
     */
    static boolean receiverAccepts(Received r, String secret, Instant receivedAt) throws Exception {
        long timestamp = Long.parseLong(r.header("X-Sanfu-Timestamp"));
        return r.signature().equals("sha256=" + hmac(r.body(), secret))
                && r.header("X-Sanfu-Signature-Timestamped").equals("sha256=" + hmac(timestamped(r), secret))
                && Math.abs(receivedAt.getEpochSecond() - timestamp) <= 300;
    }

    /** "<timestamp>.<body>", what X-Sanfu-Signature-Timestamped signs. */
    static String timestamped(Received r) {
        return r.header("X-Sanfu-Timestamp") + "." + r.body();
    }

    JsonNode body(Received r) {
        try {
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Received> mine(String ticketId) {
        return received.stream().filter(r -> field(r, "ticketId").equals(ticketId)).toList();
    }

    /** The attempts made of the ticket's first callback, as the sender recorded them. */
    int attempts(String ticketId) {
        return jdbc.sql("select attempts from channel_callback where ticket_id = ? order by id")
                .param(Long.valueOf(ticketId)).query(Integer.class).list().stream().findFirst().orElse(0);
    }

    List<String> state(String ticketId) {
        return jdbc.sql("select state from channel_callback where ticket_id = ? order by id").param(Long.valueOf(ticketId))
                .query(String.class).list();
    }

    String field(Received r, String name) {
        try {
            return json.readTree(r.body()).path(name).asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void move(Duration by) {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(by)));
    }

    static String hmac(String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    static void await(BooleanSupplier condition) {
        Instant until = Instant.now().plusSeconds(15);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not within 15 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
