package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.HeldRow;
import org.sanfu.SanfuTest;
import org.sanfu.Sql;
import org.sanfu.TestAccounts;
import org.sanfu.security.AccountAdministration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Writers of several enterprises take their rows in credit-code order, so that two of them never wait on each other in
 * a circle (a deadlock, which PostgreSQL ends by failing one: a 409 that changed nothing). Each test runs two writers
 * at once over the same rows in opposite orders, and forces the interleaving that deadlocked before: a third
 * transaction holds a row both need in the middle of their order, lets go once the database shows both waiting on a
 * lock, and then both must have done their work. On both databases (H2 detects the circle too).
 */
@SanfuTest
class EnterpriseLockOrderWebTests {

    private static final String HEADER = "creditCode,name,town,industry,exporter,key,specialist";
    private static final String PASSWORD = "Sanfu-LockOrder-Passw0rd!";
    /** A bound against hanging, not a measure: the writers wait for each other or for the held row only. */
    private static final long PATIENCE_SECONDS = 60;

    @Autowired
    Api api;
    @Autowired
    AccountAdministration accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void twoImportsOfTheSameEnterprisesInOppositeOrdersBothGoThrough() throws Exception {
        List<String> codes = threeCodes(); // ascending
        codes.forEach(code -> file(code, "staff1"));
        String first = csv("甲", codes);
        String second = csv("乙", reversed(codes));

        List<Api.Response> answers = whileHeld("select credit_code from enterprise where credit_code = ? for update",
                codes.get(1), () -> upload(first), () -> upload(second));

        answers.forEach(r -> assertDone(r, "updated", 3));
        // the one that committed last wrote every line
        List<String> names = codes.stream().map(code -> profile(code).get("name").asText().substring(0, 1)).toList();
        assertThat(names).as("one file's names throughout").containsOnly(names.get(0));
    }

    @Test
    void aHandoverAndAnImportOfItsEnterprisesBothGoThrough() throws Exception {
        String leaver = newSpecialist("lo");
        String to = newSpecialist("lt");
        List<String> codes = threeCodes(); // ascending
        // filed last to first: the handover's update meets them in that order unless it orders them itself
        reversed(codes).forEach(code -> file(code, leaver));
        String lines = csv("导入", codes, leaver);

        List<Api.Response> answers = whileHeld("select credit_code from enterprise where credit_code = ? for update",
                codes.get(1), () -> api.post("/api/accounts/" + leaver + "/handover", "admin", Map.of("to", to)),
                () -> upload(lines));

        assertDone(answers.get(0), "enterprises", 3);
        assertDone(answers.get(1), "updated", 3);
        codes.forEach(code -> assertThat(profile(code).get("name").asText()).startsWith("导入"));
    }

    /**
     * The handover's tickets may be of enterprises another specialist looks after (a forum's problems): it locks
     * those enterprises too, before any ticket, so that an import, which renames an enterprise's tickets while it
     * holds the enterprise, never holds one of them while the handover holds another it needs.
     */
    @Test
    void aHandoverOfTicketsAtOtherSpecialistsEnterprisesAndAnImportOfThoseBothGoThrough() throws Exception {
        String leaver = newSpecialist("fo");
        String to = newSpecialist("ft");
        List<String> codes = threeCodes(); // ascending: the import files them in this order
        codes.forEach(code -> file(code, "staff1"));
        // reported last enterprise first: the handover takes its tickets by id, the opposite order
        List<String> tickets = new ArrayList<>();
        for (String code : reversed(codes)) {
            tickets.add(report(leaver, code));
        }
        String lines = csv("论坛", codes);

        List<Api.Response> answers = whileHeld("select id from ticket where id = ? for update",
                Long.parseLong(tickets.get(1)),
                () -> api.post("/api/accounts/" + leaver + "/handover", "admin", Map.of("to", to)),
                () -> upload(lines));

        assertDone(answers.get(0), "tickets", 3);
        assertDone(answers.get(1), "updated", 3);
        for (String id : tickets) {
            Api.Response ticket = api.get("/api/tickets/" + id, "dispatch");
            assertThat(ticket.json().get("reporter").asText()).isEqualTo(to);
            assertThat(ticket.json().get("enterpriseName").asText()).startsWith("论坛");
        }
    }

    // --- the interleaving --------------------------------------------------------------------------

    /**
     * What each writer answered, run in threads of their own while another transaction holds the row that
     * {@code lock} (a statement taking one row's lock) selects by {@code key}: it lets go once the database shows as
     * many sessions waiting on a lock as there are writers.
     */
    @SafeVarargs
    private List<Api.Response> whileHeld(String lock, Object key, Callable<Api.Response>... writers) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(writers.length);
        try {
            List<Future<Api.Response>> answers;
            try (HeldRow held = new HeldRow(transactions, jdbc, lock, key)) {
                answers = Stream.of(writers).map(threads::submit).toList();
                awaitWaiting(writers.length, answers);
            }
            List<Api.Response> answered = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                answered.add(answer.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            }
            return answered;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Asks on a connection of its own until {@code count} sessions wait on a lock (or a writer has answered). */
    private void awaitWaiting(int count, List<Future<Api.Response>> writers) throws SQLException, InterruptedException {
        String waiting = Sql.postgres(dataSource)
                ? "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
                : "select count(*) from information_schema.sessions where session_state = 'BLOCKED'";
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement asked = connection.prepareStatement(waiting)) {
            while (writers.stream().noneMatch(Future::isDone)) {
                try (ResultSet rs = asked.executeQuery()) {
                    if (rs.next() && rs.getLong(1) >= count) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("the writers never all waited on a lock").isLessThan(giveUp);
                Thread.sleep(5);
            }
        }
    }

    // --- helpers -----------------------------------------------------------------------------------

    /** A 200 whose {@code count} says how many it changed. */
    private static void assertDone(Api.Response answer, String count, int expected) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get(count).asInt()).as(answer.text()).isEqualTo(expected);
    }

    /** Three new credit codes, ascending. */
    private static List<String> threeCodes() {
        return Stream.generate(Api::creditCode).limit(3).sorted().toList();
    }

    private void file(String code, String specialist) {
        Api.Response filed = api.post("/api/enterprises", "admin", Map.of("creditCode", code, "name",
                "锁序泵业" + code.substring(12), "town", "锁序镇", "industry", "泵业", "exporter", false, "key", false,
                "specialist", specialist));
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    }

    private static List<String> reversed(List<String> codes) {
        List<String> reversed = new ArrayList<>(codes);
        Collections.reverse(reversed);
        return reversed;
    }

    /** The lines renaming these enterprises, in this order, looked after by staff1. */
    private static String csv(String prefix, List<String> codes) {
        return csv(prefix, codes, "staff1");
    }

    private static String csv(String prefix, List<String> codes, String specialist) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        codes.forEach(code -> csv.append(code).append(',').append(prefix).append(code.substring(12))
                .append(",锁序镇,泵业,false,false,").append(specialist).append('\n'));
        return csv.toString();
    }

    private Api.Response upload(String csv) {
        return api.perform(MockMvcRequestBuilders.post("/api/enterprises/import").contentType("text/csv")
                .accept(MediaType.APPLICATION_JSON).content(csv.getBytes(StandardCharsets.UTF_8)), "admin");
    }

    private JsonNode profile(String code) {
        Api.Response r = api.get("/api/enterprises/" + code, "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private String newSpecialist(String prefix) {
        String user = prefix + Api.creditCode().substring(10).toLowerCase(Locale.ROOT);
        TestAccounts.create(accounts, user, "STAFF", null, PASSWORD);
        return user;
    }

    /** A problem {@code reporter} logged at a forum with the enterprise; the ticket's id. */
    private String report(String reporter, String code) {
        Api.Response logged = api.perform(MockMvcRequestBuilders.post("/api/visits").accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_JSON).characterEncoding(StandardCharsets.UTF_8)
                .content(api.write(Map.of("enterpriseCreditCode", code, "source", "FORUM", "problems",
                        List.of(Api.problem("OTHER", "座谈会上反映的问题")))))
                .with(httpBasic(reporter, PASSWORD)), null);
        assertThat(logged.status()).as(logged.text()).isEqualTo(201);
        return logged.json().get("tickets").get(0).get("id").asText();
    }
}
