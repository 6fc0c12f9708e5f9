package org.sanfu.systemic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Systemic problems (共性问题) over the REST API: the whole story (five enterprises say the same thing
 * → scan → PROPOSED → confirm → one case ticket → the case replied → every open member replied by the
 * system → a member's own enterprise closes it), dismissal and re-scans, and each endpoint's 401, 404,
 * 403, 400 and 409 in that order. The scan sees every open ticket of the shared test database, so each
 * test's enterprises say a thing of their own, clearly unlike the others', and it looks only at its own tickets.
 */
@SanfuTest
class SystemicProblemWebTests {

    private static final String CONTAINERS = "出口集装箱紧张，订不到舱位，海运费比去年上涨三倍，四月订单交付受影响";
    private static final String LOGISTICS = "快递物流园区封闭，原材料进不来，成品发不出去，生产线半停工";
    private static final String PORT = "宁波港码头拥堵严重，集卡排队两天才能进港提箱，滞港费很高";
    private static final String ORIGIN = "美国客户要求提供原产地证明，商会签证窗口排队时间太长";
    private static final String FAIR = "欧洲展会展位费补贴申请材料复杂，审批周期超过三个月";
    private static final String RACE = "跨境电商平台突然冻结店铺资金，申诉渠道不畅，回款周期拉长";
    private static final String LABOR = "春节后一线工人返岗率不到六成，招工难，订单赶不出来";
    private static final String CREDIT = "银行对小微外贸企业收紧授信额度，续贷需要追加抵押物";
    private static final Map<String, Object> RESOLVED = Map.of("resolution", "已协调船公司加开两条航线，舱位优先保障本地企业",
            "outcome", "RESOLVED");

    @Autowired
    Api api;
    @Autowired
    SystemicProblems problems;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ManagementService management;

    /**
     * The class's tickets are reported in a fortnight of their own: the scan looks at every open ticket
     * of the window, and the suite's other tests leave plenty about containers and freight in theirs.
     */
    @BeforeEach
    void inAWindowOfItsOwn() {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2019-06-03T09:00:00+08:00").toInstant()));
    }

    @AfterEach
    void timeGoesOn() {
        ClockUtil.reset();
    }

    @Test
    void theDailyTimerScansAsTheOnDemandScanDoes() {
        List<String> ids = alike("LABOR", 5, LABOR);
        Job timer = management.createJobQuery().processDefinitionKey("systemic-scan").timers().singleResult();
        assertThat(timer).as("bpmn/systemic-scan.bpmn's timer").isNotNull();
        assertThat(timer.getDuedate().toInstant().atZone(ZoneId.of("Asia/Shanghai")).toLocalTime())
                .isEqualTo(LocalTime.of(6, 0));
        management.executeJob(timer.getId());

        List<JsonNode> proposed = listed("PROPOSED", "dispatch").stream()
                .filter(p -> texts(p.get("ticketIds")).stream().anyMatch(ids::contains)).toList();
        assertThat(proposed).hasSize(1);
        assertThat(texts(proposed.get(0).get("ticketIds"))).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(proposed.get(0).get("category").asText()).isEqualTo("LABOR");
        // the next day's timer waits
        assertThat(management.createJobQuery().processDefinitionKey("systemic-scan").timers().count()).isEqualTo(1);
        // and the on-demand scan finds the same proposal, not a second one
        assertThat(scanFinding(ids).get("id")).isEqualTo(proposed.get(0).get("id"));
    }

    @Test
    void fiveEnterprisesSayingTheSameThingBecomeOneCaseWhoseReplyRepliesEveryOpenMember() {
        List<String> ids = alike("CONTAINER", 5, CONTAINERS);
        String assigned = ids.get(0);
        String inProgress = ids.get(1);
        String escalated = ids.get(2);
        String dispatching = ids.get(3);
        String repliedAlready = ids.get(4);
        api.act(inProgress, "sign", "transport", Map.of());
        api.act(inProgress, "extend", "transport", Map.of("workingDays", 3, "reason", "等船公司排期"));
        api.act(escalated, "sign", "transport", Map.of());
        api.act(escalated, "escalate", "transport", Map.of("level", "CITY", "reason", "需市里协调船公司"));
        api.act(dispatching, "return", "transport", Map.of("reason", "请专班协调"));
        api.act(repliedAlready, "sign", "transport", Map.of());
        api.act(repliedAlready, "reply", "transport", Map.of("resolution", "本企业已另行订舱", "outcome", "RESOLVED"));

        JsonNode proposed = scanFinding(ids);
        assertThat(proposed.get("status").asText()).isEqualTo("PROPOSED");
        assertThat(proposed.get("category").asText()).isEqualTo("CONTAINER");
        assertThat(proposed.get("enterpriseCount").asInt()).isEqualTo(5);
        assertThat(texts(proposed.get("ticketIds"))).containsExactlyElementsOf(ids);
        assertThat(proposed.get("towns")).hasSize(5);
        assertThat(proposed.get("caseTicketId").isNull()).isTrue();
        assertThat(Instant.parse(proposed.get("firstReportedAt").asText().replace("+08:00", "Z")))
                .isNotNull();
        assertThat(proposed.get("firstReportedAt").asText())
                .isEqualTo(api.get("/api/tickets/" + assigned, "leader").json().get("reportedAt").asText());
        assertThat(proposed.get("lastReportedAt").asText())
                .isEqualTo(api.get("/api/tickets/" + repliedAlready, "leader").json().get("reportedAt").asText());
        String id = proposed.get("id").asText();

        // a re-scan updates the proposal, it does not propose the cluster twice
        JsonNode again = scanFinding(ids);
        assertThat(again.get("id").asText()).isEqualTo(id);
        assertThat(listed("PROPOSED", "leader").stream().filter(p -> texts(p.get("ticketIds")).contains(assigned)))
                .hasSize(1);
        assertThat(api.get("/api/systemic-problems/" + id, "leader").json().get("status").asText()).isEqualTo("PROPOSED");

        Api.Response confirmed = api.post("/api/systemic-problems/" + id + "/confirm", "dispatch",
                Map.of("title", "出口集装箱舱位紧张（共性问题）", "leadDepartment", "CUSTOMS", "note", "请海关牵头协调船公司"));
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.json().get("title").asText()).isEqualTo("出口集装箱舱位紧张（共性问题）");
        String caseId = confirmed.json().get("caseTicketId").asText();
        assertThat(listed("CONFIRMED", "dispatch").stream().map(p -> p.get("id").asText())).contains(id);

        JsonNode theCase = api.get("/api/tickets/" + caseId, "customs").json();
        JsonNode first = api.get("/api/tickets/" + assigned, "leader").json();
        assertThat(theCase.get("source").asText()).isEqualTo("SYSTEMIC");
        assertThat(theCase.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(theCase.get("leadDepartment").asText()).isEqualTo("CUSTOMS");
        assertThat(theCase.get("coDepartments")).isEmpty();
        assertThat(theCase.get("title").asText()).isEqualTo("出口集装箱舱位紧张（共性问题）");
        assertThat(theCase.get("description").asText()).contains("请海关牵头协调船公司", assigned, repliedAlready);
        // the earliest member's enterprise: the one that first raised it
        assertThat(theCase.get("enterpriseCreditCode").asText()).isEqualTo(first.get("enterpriseCreditCode").asText());
        assertThat(texts(theCase.get("allowedActions"))).contains("sign");
        for (String member : ids) {
            JsonNode link = lastEvent(member);
            assertThat(link.get("action").asText()).isEqualTo("link");
            assertThat(link.get("actor").asText()).isEqualTo("dispatch");
            assertThat(link.get("detail").asText()).contains(caseId);
            assertThat(link.get("fromStatus")).isEqualTo(link.get("toStatus"));
        }
        // decided: neither confirmed again nor dismissed
        assertThat(api.post("/api/systemic-problems/" + id + "/confirm", "dispatch",
                Map.of("leadDepartment", "CUSTOMS")).status()).isEqualTo(409);
        assertThat(api.post("/api/systemic-problems/" + id + "/dismiss", "dispatch",
                Map.of("reason", "重复")).status()).isEqualTo(409);

        // the case is handled like any other
        api.act(caseId, "sign", "customs", Map.of());
        JsonNode caseReplied = api.act(caseId, "reply", "customs", RESOLVED);
        assertThat(caseReplied.get("status").asText()).isEqualTo("REPLIED");

        for (String member : List.of(assigned, inProgress, escalated, dispatching)) {
            JsonNode ticket = api.get("/api/tickets/" + member, "leader").json();
            assertThat(ticket.get("status").asText()).as(member).isEqualTo("REPLIED");
            assertThat(ticket.get("resolution").asText()).isEqualTo(RESOLVED.get("resolution"));
            assertThat(ticket.get("outcome").asText()).isEqualTo("RESOLVED");
            assertThat(ticket.get("repliedAt").isNull()).isFalse();
            assertThat(ticket.get("feedbackDue").isNull()).as("the feedback window runs").isFalse();
            JsonNode reply = lastEvent(member);
            assertThat(reply.get("actor").asText()).isEqualTo("system");
            assertThat(reply.get("action").asText()).isEqualTo("reply");
            assertThat(reply.get("toStatus").asText()).isEqualTo("REPLIED");
            assertThat(reply.get("detail").asText()).contains(caseId, (String) RESOLVED.get("resolution"));
        }
        JsonNode inProgressNow = api.get("/api/tickets/" + inProgress, "leader").json();
        assertThat(inProgressNow.get("extensionRequest").isNull()).as("the pending extension is withdrawn").isTrue();
        // a member replied before is left alone
        JsonNode leftAlone = api.get("/api/tickets/" + repliedAlready, "leader").json();
        assertThat(leftAlone.get("resolution").asText()).isEqualTo("本企业已另行订舱");
        assertThat(lastEvent(repliedAlready).get("action").asText()).isEqualTo("link");

        // each member waits for its own enterprise's feedback
        JsonNode closed = api.act(assigned, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(api.get("/api/tickets/" + inProgress, "leader").json().get("status").asText()).isEqualTo("REPLIED");
        assertThat(api.get("/api/tickets/" + caseId, "leader").json().get("status").asText()).isEqualTo("REPLIED");

        // tickets in a confirmed case are no candidates any more
        assertThat(scan().stream().filter(p -> texts(p.get("ticketIds")).stream().anyMatch(ids::contains))).isEmpty();
    }

    @Test
    void aDismissedClusterIsNotProposedAgainUnlessANewTicketJoinsIt() {
        List<String> ids = alike("LOGISTICS", 5, LOGISTICS);
        String id = scanFinding(ids).get("id").asText();

        Api.Response dismissed = api.post("/api/systemic-problems/" + id + "/dismiss", "dispatch",
                Map.of("reason", "各企业物流线路不同，分别办理"));
        assertThat(dismissed.status()).as(dismissed.text()).isEqualTo(200);
        assertThat(dismissed.json().get("status").asText()).isEqualTo("DISMISSED");
        assertThat(dismissed.json().get("dismissReason").asText()).isEqualTo("各企业物流线路不同，分别办理");
        assertThat(dismissed.json().get("caseTicketId").isNull()).isTrue();
        assertThat(listed("DISMISSED", "leader").stream().map(p -> p.get("id").asText())).contains(id);
        for (String member : ids) {
            assertThat(api.get("/api/tickets/" + member, "leader").json().get("status").asText()).isEqualTo("ASSIGNED");
        }

        assertThat(scan().stream().filter(p -> texts(p.get("ticketIds")).stream().anyMatch(ids::contains))).isEmpty();
        assertThat(api.post("/api/systemic-problems/" + id + "/confirm", "dispatch",
                Map.of("leadDepartment", "TRANSPORT")).status()).isEqualTo(409);

        List<String> more = new ArrayList<>(ids);
        more.addAll(alike("LOGISTICS", 1, LOGISTICS));
        JsonNode again = scanFinding(more);
        assertThat(again.get("id").asText()).isNotEqualTo(id);
        assertThat(again.get("enterpriseCount").asInt()).isEqualTo(6);
    }

    @Test
    void fourEnterprisesAreNoSystemicProblemNorAreTicketsThatSayDifferentThings() {
        List<String> four = alike("FINANCING", 4, CREDIT);
        List<String> different = new ArrayList<>();
        String[] texts = {"银行抽贷断贷，流动资金周转困难", "厂房租金上涨，想申请租金补贴", "外籍员工签证办理慢",
                "专利被境外企业侵权需要法律援助", "出口退税到账慢，资金压力大"};
        for (String text : texts) {
            different.add(api.visit(api.enterprise(), List.of(Map.of("category", "OTHER", "title", text,
                    "description", text))).get(0).get("id").asText());
        }
        List<JsonNode> proposed = scan();
        assertThat(proposed.stream().filter(p -> texts(p.get("ticketIds")).stream()
                .anyMatch(t -> four.contains(t) || different.contains(t)))).isEmpty();
    }

    @Test
    void aTicketInTwoProposalsIsConfirmedInOneCaseAtMost() {
        List<String> ids = alike("CONTAINER", 5, PORT);
        JsonNode proposed = scanFinding(ids);
        // a second proposal sharing a member (as an older scan could have left): written directly
        long other = transactions.execute(s -> {
            List<Candidate> members = new ArrayList<>();
            for (String t : List.of(ids.get(0), ids.get(1))) {
                JsonNode ticket = api.get("/api/tickets/" + t, "leader").json();
                members.add(new Candidate(t, ticket.get("enterpriseCreditCode").asText(), ticket.get("town").asText(),
                        "CONTAINER", ticket.get("title").asText(), "", Instant.now()));
            }
            return problems.insert(new ProposedCluster("CONTAINER", members), "另一个提议", Instant.now());
        });

        Api.Response first = api.post("/api/systemic-problems/" + proposed.get("id").asText() + "/confirm",
                "dispatch", Map.of("leadDepartment", "TRANSPORT"));
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().get("title").asText()).as("the proposal's title by default")
                .isEqualTo(proposed.get("title").asText());

        Api.Response second = api.post("/api/systemic-problems/" + other + "/confirm", "dispatch",
                Map.of("leadDepartment", "TRANSPORT"));
        assertThat(second.status()).as(second.text()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.json().get("detail").asText()).contains(ids.get(0), ids.get(1));
        assertThat(api.get("/api/systemic-problems/" + other, "dispatch").json().get("status").asText())
                .isEqualTo("PROPOSED");
        assertThat(api.get("/api/tickets/" + ids.get(0) + "/history", "leader").json().findValuesAsText("action")
                .stream().filter("link"::equals)).hasSize(1);
    }

    @Test
    void twoProposalsSharingATicketConfirmedAtOnceMakeOneCase() throws Exception {
        List<String> ids = alike("CONTAINER", 5, RACE);
        String first = scanFinding(ids).get("id").asText();
        long second = transactions.execute(s -> {
            List<Candidate> members = new ArrayList<>();
            for (String t : ids) {
                JsonNode ticket = api.get("/api/tickets/" + t, "leader").json();
                members.add(new Candidate(t, ticket.get("enterpriseCreditCode").asText(), ticket.get("town").asText(),
                        "CONTAINER", ticket.get("title").asText(), "", Instant.now()));
            }
            return problems.insert(new ProposedCluster("CONTAINER", members), "并发提议", Instant.now());
        });
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (String id : List.of(first, String.valueOf(second))) {
                answers.add(two.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return api.post("/api/systemic-problems/" + id + "/confirm", "dispatch",
                            Map.of("leadDepartment", "TRANSPORT"));
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                Api.Response r = answer.get(60, TimeUnit.SECONDS);
                statuses.add(r.status());
                assertThat(r.contentType()).as(r.text()).startsWith(r.status() == 200 ? "application/json"
                        : "application/problem+json");
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            two.shutdownNow();
        }
        assertThat(listed("CONFIRMED", "leader").stream().filter(p -> texts(p.get("ticketIds")).contains(ids.get(0))))
                .hasSize(1);
        long cases = api.get("/api/tickets?size=200&enterprise=" + api.get("/api/tickets/" + ids.get(0), "leader").json()
                .get("enterpriseCreditCode").asText(), "leader").json().get("items").findValuesAsText("source").stream()
                .filter("SYSTEMIC"::equals).count();
        assertThat(cases).as("one case ticket, the other rolled back").isEqualTo(1);
        assertThat(api.get("/api/tickets/" + ids.get(0) + "/history", "leader").json().findValuesAsText("action")
                .stream().filter("link"::equals)).hasSize(1);
    }

    @Test
    void everyEndpointAnswers401WithoutSignIn() {
        assertThat(api.get("/api/systemic-problems", null).status()).isEqualTo(401);
        assertThat(api.get("/api/systemic-problems/1", null).status()).isEqualTo(401);
        assertThat(api.post("/api/systemic-problems/scan", null, Map.of()).status()).isEqualTo(401);
        assertThat(api.post("/api/systemic-problems/1/confirm", null, Map.of("leadDepartment", "TRANSPORT")).status())
                .isEqualTo(401);
        assertThat(api.post("/api/systemic-problems/1/dismiss", null, Map.of("reason", "x")).status()).isEqualTo(401);
    }

    @Test
    void onlyDispatchAndLeadersReadAndOnlyDispatchDecides() {
        String id = scanFinding(alike("CONTAINER", 5, ORIGIN)).get("id").asText();
        for (String user : List.of("staff1", "transport", "admin")) {
            assertProblem(api.get("/api/systemic-problems", user), 403);
            assertProblem(api.get("/api/systemic-problems/" + id, user), 403);
            assertProblem(api.post("/api/systemic-problems/scan", user, Map.of()), 403);
        }
        for (String user : List.of("leader", "staff1", "transport", "admin")) {
            assertProblem(api.post("/api/systemic-problems/" + id + "/confirm", user,
                    Map.of("leadDepartment", "TRANSPORT")), 403);
            assertProblem(api.post("/api/systemic-problems/" + id + "/dismiss", user, Map.of("reason", "不是")), 403);
            // 403 comes before 400
            assertProblem(api.post("/api/systemic-problems/" + id + "/confirm", user, Map.of()), 403);
        }
        assertThat(api.get("/api/systemic-problems/" + id, "dispatch").json().get("status").asText()).isEqualTo("PROPOSED");
    }

    @Test
    void anUnknownProblemIs404BeforeAnythingElse() {
        for (String unknown : List.of("999999999", "abc")) {
            assertProblem(api.get("/api/systemic-problems/" + unknown, "leader"), 404);
            assertProblem(api.post("/api/systemic-problems/" + unknown + "/confirm", "dispatch",
                    Map.of("leadDepartment", "TRANSPORT")), 404);
            assertProblem(api.post("/api/systemic-problems/" + unknown + "/dismiss", "dispatch", Map.of("reason", "x")), 404);
            // before 403 and 400
            assertProblem(api.post("/api/systemic-problems/" + unknown + "/confirm", "staff1", Map.of()), 404);
        }
    }

    /** A title of no-break spaces alone (pasted from Word) is none: the case is titled as the proposal is. */
    @Test
    void aTitleOfNoBreakSpacesAloneIsNoneAndTheProposalsOwnIsKept() {
        JsonNode proposed = scanFinding(alike("LEGAL", 5, "海外客户拖欠货款，跨境追讨诉讼费用高、周期长，企业无力维权"));
        Api.Response confirmed = api.post("/api/systemic-problems/" + proposed.get("id").asText() + "/confirm",
                "dispatch", Map.of("title", "\u00A0\u202F", "leadDepartment", "justice"));
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        // (addition) the lead in any ASCII case is the catalog's code, as the lists read one
        assertThat(confirmed.json().get("leadDepartment").asText()).isEqualTo("JUSTICE");
        assertThat(confirmed.json().get("title").asText()).isNotBlank().isEqualTo(proposed.get("title").asText());
        String caseId = confirmed.json().get("caseTicketId").asText();
        assertThat(api.get("/api/tickets/" + caseId, "leader").json().get("title").asText())
                .isEqualTo(proposed.get("title").asText());
    }

    @Test
    void badInputIs400NamingTheFieldAndChangesNothing() {
        String id = scanFinding(alike("TRADE_FAIR", 5, FAIR)).get("id").asText();
        assertThat(api.post("/api/systemic-problems/" + id + "/confirm", "dispatch", Map.of()).firstFault()
                .get("field").asText()).isEqualTo("leadDepartment");
        assertThat(api.post("/api/systemic-problems/" + id + "/confirm", "dispatch",
                Map.of("leadDepartment", "DISPATCH")).firstFault().get("field").asText()).isEqualTo("leadDepartment");
        assertThat(api.post("/api/systemic-problems/" + id + "/confirm", "dispatch",
                Map.of("leadDepartment", "nowhere")).firstFault().get("field").asText()).isEqualTo("leadDepartment");
        assertThat(api.post("/api/systemic-problems/" + id + "/confirm", "dispatch",
                Map.of("leadDepartment", "TRANSPORT", "title", "两行\n标题")).firstFault().get("field").asText())
                .isEqualTo("title");
        assertThat(api.post("/api/systemic-problems/" + id + "/dismiss", "dispatch", Map.of("reason", "  "))
                .firstFault().get("field").asText()).isEqualTo("reason");
        assertThat(api.post("/api/systemic-problems/" + id + "/dismiss", "dispatch", "{\"reason\": 1}")
                .firstFault().get("field").asText()).isEqualTo("reason");
        assertThat(api.post("/api/systemic-problems/" + id + "/dismiss", "dispatch", "{\"reason\": \"x\"} {}")
                .firstFault().get("field").asText()).isEqualTo("body");
        assertThat(api.get("/api/systemic-problems?status=OPEN", "leader").firstFault().get("field").asText())
                .isEqualTo("status");
        assertThat(api.get("/api/systemic-problems?size=0", "leader").firstFault().get("field").asText())
                .isEqualTo("size");
        assertThat(api.get("/api/systemic-problems/" + id, "dispatch").json().get("status").asText()).isEqualTo("PROPOSED");
    }

    // ------------------------------------------------------------------------------------------

    /** One ticket each on fresh enterprises saying the same thing; their ids. */
    private List<String> alike(String category, int enterprises, String text) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < enterprises; i++) {
            ids.add(api.visit(api.enterprise(), List.of(Map.of("category", category, "title", text.substring(0, 12),
                    "description", text))).get(0).get("id").asText());
        }
        return ids;
    }

    private List<JsonNode> scan() {
        Api.Response r = api.post("/api/systemic-problems/scan", "dispatch", Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<JsonNode> proposed = new ArrayList<>();
        r.json().forEach(proposed::add);
        proposed.forEach(p -> assertThat(p.get("status").asText()).isEqualTo("PROPOSED"));
        return proposed;
    }

    /** Scans and returns the one proposal holding exactly these tickets. */
    private JsonNode scanFinding(List<String> ids) {
        List<JsonNode> holding = scan().stream().filter(p -> texts(p.get("ticketIds")).stream().anyMatch(ids::contains))
                .toList();
        assertThat(holding).hasSize(1);
        assertThat(texts(holding.get(0).get("ticketIds"))).containsExactlyInAnyOrderElementsOf(ids);
        return holding.get(0);
    }

    private List<JsonNode> listed(String status, String user) {
        Api.Response r = api.get("/api/systemic-problems?size=200&status=" + status, user);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        r.json().get("items").forEach(items::add);
        items.forEach(p -> assertThat(p.get("status").asText()).isEqualTo(status));
        return items;
    }

    private JsonNode lastEvent(String ticketId) {
        JsonNode history = api.get("/api/tickets/" + ticketId + "/history", "leader").json();
        return history.get(history.size() - 1);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }
}
