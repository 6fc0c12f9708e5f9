package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The same tickets, loaded into H2 and into PostgreSQL by the same requests at the same (engine) times,
 * give the same answers: every figure, ranking, digest, briefing, ordering and search result. The
 * statistics and reports are SQL of our own (percentiles, date arithmetic, text search, orderings),
 * where two databases most easily part ways. Runs in the PostgreSQL pass only (pom.xml).
 */
class SameAnswersOnPostgresTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Monday in a month with a holiday on file (the Dragon Boat Festival, 2026-06-19). */
    private static final Instant START = Instant.parse("2026-06-22T01:30:00Z");
    private static final List<String> CATEGORIES = List.of("CONTAINER", "FINANCING", "LOGISTICS", "LABOR",
            "CREDIT_INSURANCE", "TRADE_FAIR", "POLICY", "CUSTOMS", "LEGAL", "OTHER");
    private static final List<String> TOWNS = List.of("路桥区", "椒江区", "黄岩区");

    private static ConfigurableApplicationContext h2;
    private static ConfigurableApplicationContext postgres;

    @BeforeAll
    static void loadTheSameTicketsIntoBoth() throws Exception {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            codes.add(Api.creditCode());
        }
        h2 = start("--spring.datasource.url=jdbc:h2:mem:same-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--" + TestDatabase.STAY_ON_H2 + "=true");
        postgres = start(TestDatabase.newDatabaseSettings().toArray(String[]::new));
        load(new Node(h2), codes);
        load(new Node(postgres), codes);
        // both are asked at one engine time: what depends on "now" (overdue, generatedAt) must agree too
        ClockUtil.setCurrentTime(Date.from(START.plus(Duration.ofHours(6))));
    }

    @AfterAll
    static void stop() {
        ClockUtil.reset();
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {h2, postgres}) {
            if (context != null) {
                context.close();
            }
        }
    }

    private static ConfigurableApplicationContext start(String... database) {
        List<String> arguments = new ArrayList<>(List.of(database));
        arguments.addAll(List.of("--" + SanfuTest.UNIQUE_ENGINE, "--" + SanfuTest.NO_JOB_EXECUTOR, "--server.port=0",
                "--spring.main.banner-mode=off", "--camunda.bpm.webapp.enabled=false"));
        return new SpringApplicationBuilder(SanfuApplication.class).profiles("demo").run(arguments.toArray(String[]::new));
    }

    /**
     * Six enterprises visited on days of June 2026 with problems of every category, then a morning
     * of work at fixed engine times: signed, replied, closed, reopened, returned, escalated, left alone;
     * then the deadline sweep. The same sequence on both databases gives the same ids.
     */
    private static void load(Node node, List<String> codes) throws Exception {
        ClockUtil.setCurrentTime(Date.from(START));
        for (int i = 0; i < codes.size(); i++) {
            node.ok("POST", "/api/enterprises", "staff1", Map.of("creditCode", codes.get(i), "name",
                    "台州同答" + i + "号机电有限公司", "town", TOWNS.get(i % TOWNS.size()), "exporter", i % 2 == 0,
                    "key", i % 3 == 0));
        }
        List<JsonNode> tickets = new ArrayList<>();
        int problem = 0;
        for (int day = 0; day < 12; day++) {
            String code = codes.get(day % codes.size());
            List<Map<String, Object>> problems = new ArrayList<>();
            for (int p = 0; p < 1 + day % 3; p++, problem++) {
                String category = CATEGORIES.get(problem % CATEGORIES.size());
                problems.add(problem % 7 == 6
                        ? Map.of("category", category, "title", "当场解决的问题" + problem, "description", "现场答复",
                                "resolvedOnSite", true, "onSiteResolution", "已当场解答")
                        : Map.of("category", category, "title", "集装箱与资金问题" + problem, "description",
                                "企业反映：" + category + " 第" + problem + "项", "urgency", problem % 4 == 0 ? "URGENT" : "NORMAL"));
            }
            String visitedAt = "2026-06-" + String.format("%02d", 1 + day) + "T0" + (1 + day % 8) + ":15:00+08:00";
            JsonNode visit = node.ok("POST", "/api/visits", day % 2 == 0 ? "staff1" : "staff2", Map.of(
                    "enterpriseCreditCode", code, "visitedAt", visitedAt, "problems", problems,
                    "operatingStatus", day % 5 == 4 ? "ABNORMAL" : "NORMAL"));
            visit.get("tickets").forEach(tickets::add);
        }
        for (int i = 0; i < tickets.size(); i++) {
            ClockUtil.setCurrentTime(Date.from(START.plus(Duration.ofMinutes(7L * i))));
            work(node, tickets.get(i).get("id").asText(), i);
        }
        ClockUtil.setCurrentTime(Date.from(START.plus(Duration.ofHours(6))));
        ManagementService management = node.context.getBean(ManagementService.class);
        management.createJobQuery().processDefinitionKey("deadline-sweep").timers().list()
                .forEach(job -> management.executeJob(job.getId()));
    }

    private static void work(Node node, String id, int i) throws Exception {
        JsonNode ticket = node.ok("GET", "/api/tickets/" + id, "leader", null);
        if (ticket.get("status").asText().equals("DISPATCHING")) {
            ticket = node.ok("POST", "/api/tickets/" + id + "/assign", "dispatch",
                    Map.of("leadDepartment", "FINANCE", "coDepartments", List.of(), "note", "专班指派"));
        }
        if (!ticket.get("status").asText().equals("ASSIGNED") || i % 6 == 0) {
            return; // resolved on site, or left unsigned
        }
        String lead = ticket.get("leadDepartment").asText().toLowerCase();
        if (i % 6 == 5) {
            node.ok("POST", "/api/tickets/" + id + "/return", lead, Map.of("reason", "不属本部门职责"));
            return;
        }
        node.ok("POST", "/api/tickets/" + id + "/sign", lead, Map.of());
        if (i % 6 == 1) {
            return;
        }
        if (i % 6 == 4 && i % 4 == 0) {
            node.ok("POST", "/api/tickets/" + id + "/escalate", lead, Map.of("level", "CITY", "reason", "需市级协调"));
            return;
        }
        for (JsonNode co : ticket.get("coDepartments")) {
            node.ok("POST", "/api/tickets/" + id + "/contribute", co.asText().toLowerCase(), Map.of("opinion", "已会商"));
        }
        node.ok("POST", "/api/tickets/" + id + "/reply", lead, Map.of("resolution", "已协调解决",
                "outcome", i % 5 == 0 ? "PARTIAL" : "RESOLVED"));
        if (i % 6 == 3) {
            node.ok("POST", "/api/tickets/" + id + "/feedback", "staff1", Map.of("satisfaction",
                    i % 4 == 3 ? "BASICALLY_SATISFIED" : "SATISFIED", "comment", "满意"));
        } else if (i % 6 == 4) {
            node.ok("POST", "/api/tickets/" + id + "/feedback", "staff2", Map.of("satisfaction", "DISSATISFIED",
                    "comment", "仍未解决"));
        }
    }

    @Test
    void theLoadDidWhatItMeansTo() throws Exception {
        JsonNode summary = new Node(postgres).ok("GET", "/api/stats/summary", "leader", null);
        assertThat(summary.get("total").asInt()).isEqualTo(24);
        assertThat(summary.get("closed").asInt()).as("closed by feedback or on site").isPositive();
        assertThat(summary.get("overdueOpen").asInt()).as("June's visits are overdue by the 22nd").isPositive();
    }

    @Test
    void everyFigureRankingDigestAndBriefingIsTheSame() throws Exception {
        sameAnswers("leader", List.of(
                "/api/stats/summary",
                "/api/stats/summary?from=2026-06-03&to=2026-06-09",
                "/api/stats/summary?department=TRANSPORT",
                "/api/stats/summary?town=" + enc("路桥区"),
                "/api/stats/summary?category=FINANCING",
                "/api/stats/ranking?month=2026-06",
                "/api/reports/daily?date=2026-06-22",
                "/api/reports/daily?date=2026-06-05",
                "/api/reports/weekly?week=2026-W23",
                "/api/reports/weekly?week=2026-W26"));
        for (String week : List.of("2026-W23", "2026-W26")) {
            assertThat(new Node(postgres).text("/api/reports/weekly?week=" + week, "leader", "text/markdown"))
                    .isEqualTo(new Node(h2).text("/api/reports/weekly?week=" + week, "leader", "text/markdown"));
        }
    }

    @Test
    void everyListOrderingAndSearchIsTheSame() throws Exception {
        sameAnswers("leader", List.of(
                "/api/tickets?size=200",
                "/api/tickets?size=5&page=2",
                "/api/tickets?status=IN_PROGRESS",
                "/api/tickets?overdue=true&size=200",
                "/api/tickets?q=" + enc("集装箱") + "&size=200",
                "/api/tickets?q=" + enc("第1") + "&size=200",
                "/api/tickets?department=FINANCE&from=2026-06-02&to=2026-06-10",
                "/api/tickets?town=" + enc("椒江区"),
                "/api/visits?size=200",
                "/api/enterprises?q=" + enc("同答"),
                "/api/enterprises?town=" + enc("黄岩区")));
        sameAnswers("transport", List.of("/api/inbox", "/api/tickets?size=200"));
        sameAnswers("finance", List.of("/api/inbox"));
        sameAnswers("dispatch", List.of("/api/inbox"));
        sameAnswers("staff1", List.of("/api/inbox"));
        JsonNode tickets = new Node(h2).ok("GET", "/api/tickets?size=200", "leader", null);
        List<String> each = new ArrayList<>();
        for (JsonNode t : tickets.get("items")) {
            each.add("/api/tickets/" + t.get("id").asText());
            each.add("/api/tickets/" + t.get("id").asText() + "/history");
        }
        sameAnswers("leader", each);
    }

    private static void sameAnswers(String user, List<String> paths) throws Exception {
        for (String path : paths) {
            JsonNode onH2 = new Node(h2).ok("GET", path, user, null);
            JsonNode onPostgres = new Node(postgres).ok("GET", path, user, null);
            assertThat(onPostgres).as(user + " GET " + path).isEqualTo(onH2);
        }
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** One of the two services over HTTP, signed in as a demo account. */
    private record Node(ConfigurableApplicationContext context) {

        private static final HttpClient HTTP = HttpClient.newHttpClient();

        HttpResponse<String> call(String method, String path, String user, Object body, String accept) throws Exception {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                    .header("Accept", accept)
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        JsonNode ok(String method, String path, String user, Object body) throws Exception {
            HttpResponse<String> response = call(method, path, user, body, "application/json");
            assertThat(response.statusCode()).as(method + " " + path + " as " + user + ": " + response.body())
                    .isBetween(200, 201);
            return JSON.readTree(response.body());
        }

        String text(String path, String user, String accept) throws Exception {
            HttpResponse<String> response = call("GET", path, user, null, accept);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            return response.body();
        }
    }
}
