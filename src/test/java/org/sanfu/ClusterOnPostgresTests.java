package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanfu.ServiceProcess.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL database, each a JVM of its own with its job executor running, as
 * README "Running a cluster" describes: every timer fires once, one ticket's conflicting actions
 * sent to both nodes succeed once, a signed-in session works on either node, and when one node is
 * killed under load the other answers for everything acknowledged and takes over the jobs the dead
 * one had locked once their lock expires. Runs in the PostgreSQL pass only (pom.xml).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOnPostgresTests {

    /**
     * How long a node's lock on a job lasts (Camunda's default is 5 minutes; short here to wait less,
     * but longer than a deadline sweep takes on a busy machine).
     */
    private static final Duration JOB_LOCK = Duration.ofSeconds(20);

    @TempDir
    static Path directory;
    private static String database;
    private static ServiceProcess a;
    private static ServiceProcess b;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        List<String> settings = new ArrayList<>(TestDatabase.newDatabaseSettings());
        database = settings.get(0).substring("--spring.datasource.url=".length());
        settings.addAll(List.of("--camunda.bpm.job-execution.lock-time-in-millis=" + JOB_LOCK.toMillis(),
                "--camunda.bpm.webapp.enabled=false"));
        // One after the other: the first creates the schema and the demo accounts, the second finds them.
        // An idle executor backs off up to max-wait between looks for due jobs: b looks every half
        // second, a at most every ten, so that b usually runs the sweep (the node killed below while it
        // does) and a takes the dead node's job over soon after its lock runs out.
        a = ServiceProcess.start(Files.createDirectories(directory.resolve("a")), null,
                with(settings, "--camunda.bpm.job-execution.max-wait=10000"));
        b = ServiceProcess.start(Files.createDirectories(directory.resolve("b")), null,
                with(settings, "--camunda.bpm.job-execution.max-wait=500"));
    }

    private static String[] with(List<String> settings, String more) {
        List<String> all = new ArrayList<>(settings);
        all.add(more);
        return all.toArray(String[]::new);
    }

    @AfterAll
    static void stopBoth() {
        for (ServiceProcess node : new ServiceProcess[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void everyTimerFiresExactlyOnceWithBothJobExecutorsRunning() throws Exception {
        for (ServiceProcess node : List.of(a, b)) {
            JsonNode health = ok(node.call("GET", "/actuator/health", "admin", null), 200);
            assertThat(health.at("/components/jobExecutor/status").asText()).isEqualTo("UP");
        }
        String code = enterprise(a);
        List<String> overdue = new ArrayList<>(lateVisit(a, code, 4, true));
        overdue.addAll(lateVisit(b, code, 4, true));
        List<String> reminded = new ArrayList<>(lateVisit(a, code, 6, false));
        reminded.addAll(lateVisit(b, code, 6, false));

        // the deadline sweep, a timer job every minute, reminds; both nodes' executors compete for it. Its
        // next run is made due now rather than waited for (up to a minute): which node runs it, and how
        // often, is still the executors' affair.
        assertThat(sweepDueNow()).as("the sweep's timer job, once no node holds it").isEqualTo(1);
        awaitEvent("overdue", overdue, a, Duration.ofSeconds(150));
        awaitEvent("remind", reminded, a, Duration.ofSeconds(150));
        Thread.sleep(4000); // every executor has had its turn at every due job: a second firing would show now
        for (String id : overdue) {
            assertOnce(a, id, "overdue");
        }
        for (String id : reminded) {
            assertOnce(a, id, "remind");
        }
    }

    @Test
    @Order(2)
    void conflictingActionsOnOneTicketSentToBothNodesSucceedOnce() throws Exception {
        String code = enterprise(b);
        String id = ok(a.call("POST", "/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "problems", List.of(Api.problem("CONTAINER", "订舱难")))), 201).at("/tickets/0/id").asText();
        ExecutorService senders = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ServiceProcess node = i % 2 == 0 ? a : b;
                answers.add(senders.submit(() -> node.call("POST", "/api/tickets/" + id + "/sign", "transport",
                        Map.of()).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).as("one sign wins, on whichever node").containsOnlyOnce(200);
            assertThat(statuses).filteredOn(s -> s != 200).hasSize(9).containsOnly(409);
        } finally {
            senders.shutdownNow();
        }
        for (ServiceProcess node : List.of(a, b)) {
            JsonNode history = ok(node.call("GET", "/api/tickets/" + id + "/history", "leader", null), 200);
            assertThat(history.findValuesAsText("action")).containsExactly("report", "route", "sign");
        }
    }

    @Test
    @Order(3)
    void aWorkbenchSessionWorksOnEitherNode() throws Exception {
        Session session = Session.signIn(a, "staff2");
        HttpResponse<String> work = session.get(b, "/work");
        assertThat(work.statusCode()).as("the session signed in on a, on b").isEqualTo(200);
        assertThat(work.body()).contains("staff2");

        session.post(b, "/logout", session.csrf(work.body()));
        HttpResponse<String> after = session.get(a, "/work");
        assertThat(after.statusCode()).as("signed out on b, signed out on a").isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    @Order(4)
    void whenANodeIsKilledUnderLoadTheOtherAnswersForEverythingAcknowledged() throws Exception {
        String code = enterprise(a);
        List<String> tickets = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // ticket id -> status answered
        Map<String, AtomicInteger> comments = new ConcurrentHashMap<>(); // ticket id -> comments acknowledged
        // ticket id -> comments whose answer never came (b died after its commit, or before): either may be
        Map<String, AtomicInteger> unanswered = new ConcurrentHashMap<>();
        List<String> failuresOnA = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sentToDeadNode = new AtomicInteger();
        AtomicBoolean loadGoesOn = new AtomicBoolean(true);
        long remindersByB = reminders(b);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            running.add(clients.submit(() -> {
                long lastVisit = 0;
                for (int i = 0; loadGoesOn.get(); i++) {
                    ServiceProcess node = (client + i) % 2 == 0 ? a : b;
                    String commented = null;
                    try {
                        // Writes all along: comments, and every two seconds a late visit whose ticket a sweep
                        // must remind (each client; fewer than a sweep attends in a minute, SWEEP_BATCH)
                        if (tickets.isEmpty() || System.nanoTime() - lastVisit > Duration.ofSeconds(2).toNanos()) {
                            lastVisit = System.nanoTime();
                            HttpResponse<String> visit = node.call("POST", "/api/visits", "staff1",
                                    lateVisitBody(code, 1, false));
                            if (visit.statusCode() == 201) {
                                JsonNode ticket = ok(visit, 201).at("/tickets/0");
                                acknowledged.put(ticket.get("id").asText(), ticket.get("status").asText());
                                tickets.add(ticket.get("id").asText());
                            } else if (node == a) {
                                failuresOnA.add(visit.statusCode() + " " + visit.body());
                            }
                        } else {
                            String id = tickets.get((client * 31 + i) % tickets.size());
                            commented = id;
                            HttpResponse<String> comment = node.call("POST", "/api/tickets/" + id + "/comment", "staff1",
                                    Map.of("text", "第" + client + "路第" + i + "次跟进"));
                            if (comment.statusCode() == 200) {
                                comments.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                            } else if (node == a) {
                                failuresOnA.add(comment.statusCode() + " " + comment.body());
                            }
                        }
                    } catch (IOException refused) {
                        if (node == a) {
                            failuresOnA.add(refused.toString());
                        } else {
                            sentToDeadNode.incrementAndGet();
                            if (commented != null) {
                                unanswered.computeIfAbsent(commented, k -> new AtomicInteger()).incrementAndGet();
                            }
                        }
                    }
                }
                return null;
            }));
        }
        // b is killed in the middle of a deadline sweep: while it holds the sweep's job, reminding tickets
        long patience = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (reminders(b) == remindersByB && System.nanoTime() < patience) {
            Thread.sleep(100);
        }
        assertThat(reminders(b)).as("b ran a sweep within 3 minutes").isGreaterThan(remindersByB);
        b.killHard();
        int lockedByTheDead = jobsStillLocked();
        Thread.sleep(3000); // a carries the load alone for a while
        loadGoesOn.set(false);
        for (Future<?> client : running) {
            client.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();

        assertThat(failuresOnA).as("a kept answering").isEmpty();
        assertThat(sentToDeadNode.get()).as("the load really met the dead node").isPositive();
        assertThat(lockedByTheDead).as("the sweep's job, locked by the dead node").isPositive();
        for (Map.Entry<String, String> ticket : acknowledged.entrySet()) {
            JsonNode now = ok(a.call("GET", "/api/tickets/" + ticket.getKey(), "leader", null), 200);
            assertThat(now.get("status").asText()).as(ticket.getKey()).isEqualTo(ticket.getValue());
            List<String> actions = ok(a.call("GET", "/api/tickets/" + ticket.getKey() + "/history", "leader", null),
                    200).findValuesAsText("action");
            int acked = comments.getOrDefault(ticket.getKey(), new AtomicInteger()).get();
            int unknown = unanswered.getOrDefault(ticket.getKey(), new AtomicInteger()).get();
            assertThat(actions.stream().filter("comment"::equals).count())
                    .as("comments on " + ticket.getKey() + ": every acknowledged one, and unanswered ones at most")
                    .isBetween((long) acked, (long) acked + unknown);
        }
        // the dead node's lock runs out and a runs the sweep: every ticket gets its reminder, once
        awaitEvent("remind", List.copyOf(acknowledged.keySet()), a, JOB_LOCK.plus(Duration.ofSeconds(150)));
        for (String id : acknowledged.keySet()) {
            assertOnce(a, id, "remind");
        }
        System.out.printf("cluster: %d tickets and %d comments acknowledged, %d requests met the dead node, "
                + "%d jobs it had locked%n", acknowledged.size(), comments.values().stream().mapToInt(AtomicInteger::get)
                .sum(), sentToDeadNode.get(), lockedByTheDead);
    }

    /** How many reminders the node has sent: its deadline sweeps' log lines. */
    private static long reminders(ServiceProcess node) throws IOException {
        try (var lines = Files.lines(node.log(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("REMINDER ticket")).count();
        }
    }

    /** Jobs whose lock has not yet expired, right after the kill: those only the dead node can have held long. */
    private static int jobsStillLocked() throws Exception {
        try (Connection sql = DriverManager.getConnection(database);
                Statement query = sql.createStatement();
                ResultSet count = query.executeQuery(
                        "select count(*) from act_ru_job where lock_owner_ is not null and lock_exp_time_ > now()")) {
            count.next();
            return count.getInt(1);
        }
    }

    /**
     * Brings the deadline sweep's next run forward to now (its job row, while no node holds it: a node running the
     * sweep at that moment is waited for, its next run is the one brought forward). How many rows: 1.
     */
    private static int sweepDueNow() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection sql = DriverManager.getConnection(database);
                Statement update = sql.createStatement()) {
            int changed;
            while ((changed = update.executeUpdate("update act_ru_job set duedate_ = now() - interval '1 second'"
                    + " where process_def_key_ = 'deadline-sweep' and lock_owner_ is null")) == 0
                    && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            return changed;
        }
    }

    private static String enterprise(ServiceProcess node) throws Exception {
        String code = Api.creditCode();
        ok(node.call("POST", "/api/enterprises", "staff1", Map.of("creditCode", code, "name", "集群测试企业", "town",
                "路桥区")), 201);
        return code;
    }

    /**
     * A visit logged late: a month late (every reply deadline has passed, the tickets are overdue at
     * once), or late enough that both reminders of the 5-day logistics limit are due but not the deadline.
     */
    private static Map<String, Object> lateVisitBody(String code, int problems, boolean monthLate) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < problems; i++) {
            list.add(Api.problem("LOGISTICS", "补录的问题 " + i));
        }
        return Map.of("enterpriseCreditCode", code, "problems", list, "visitedAt", monthLate
                ? OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(30).toString()
                : RestartIntegrationTests.reminderDueButNotOverdue(5).atOffset(ZoneOffset.ofHours(8)).toString());
    }

    private static List<String> lateVisit(ServiceProcess node, String code, int problems, boolean monthLate)
            throws Exception {
        return ok(node.call("POST", "/api/visits", "staff1", lateVisitBody(code, problems, monthLate)), 201)
                .get("tickets").findValuesAsText("id");
    }

    private static void awaitEvent(String action, List<String> tickets, ServiceProcess node, Duration patience)
            throws Exception {
        long until = System.nanoTime() + patience.toNanos();
        List<String> waiting = new ArrayList<>(tickets);
        while (!waiting.isEmpty() && System.nanoTime() < until) {
            waiting.removeIf(id -> {
                try {
                    return ok(node.call("GET", "/api/tickets/" + id + "/history", "leader", null), 200)
                            .findValuesAsText("action").contains(action);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
        }
        assertThat(waiting).as("tickets without " + action + " after " + patience).isEmpty();
    }

    /** The action happened once, and no step of the history twice: a timer fired by two nodes would say so twice. */
    private static void assertOnce(ServiceProcess node, String id, String action) throws Exception {
        List<String> steps = new ArrayList<>();
        for (JsonNode event : ok(node.call("GET", "/api/tickets/" + id + "/history", "leader", null), 200)) {
            steps.add(event.get("action").asText() + " | " + event.get("detail").asText());
        }
        assertThat(steps).as("ticket " + id).filteredOn(step -> step.startsWith(action + " | ")).hasSize(1);
        assertThat(steps).as("ticket " + id).doesNotHaveDuplicates();
    }

    /** A browser's session cookie, signed in through the form on one node. */
    private record Session(String cookie) {

        private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

        static Session signIn(ServiceProcess node, String user) throws Exception {
            HttpResponse<String> form = ServiceProcess.send(HttpRequest.newBuilder(node.uri("/login")).build());
            Session anonymous = new Session(cookieOf(form, null));
            HttpResponse<String> signedIn = anonymous.post(node, "/login", Map.of("username", user, "password", "demo",
                    "_csrf", anonymous.csrf(form.body())));
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
            return new Session(cookieOf(signedIn, anonymous.cookie));
        }

        private static String cookieOf(HttpResponse<String> response, String otherwise) {
            return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SANFU_SESSION="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(otherwise);
        }

        String csrf(String html) {
            Matcher token = TOKEN.matcher(html);
            assertThat(token.find()).as("a form with its CSRF token").isTrue();
            return token.group(1);
        }

        HttpResponse<String> get(ServiceProcess node, String path) throws Exception {
            return ServiceProcess.send(HttpRequest.newBuilder(node.uri(path)).header("Cookie", cookie).build());
        }

        HttpResponse<String> post(ServiceProcess node, String path, String csrf) throws Exception {
            return post(node, path, Map.of("_csrf", csrf));
        }

        HttpResponse<String> post(ServiceProcess node, String path, Map<String, String> form) throws Exception {
            StringBuilder body = new StringBuilder();
            form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            return ServiceProcess.send(request.build());
        }
    }
}
