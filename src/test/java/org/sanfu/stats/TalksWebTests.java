package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.DomainException;
import org.sanfu.LostRace;
import org.sanfu.SanfuTest;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 约谈 recorded through {@code POST /api/stats/talks} and shown by {@code /medals}. Each test talks about
 * months of 2013 no other test names (one talk per month and subject), whose rankings it stores naming whom it talks
 * with (StoredRolls), as the 1st's job would have; October to December 2004, used by no other test, are months no
 * job stored.
 */
@SanfuTest
class TalksWebTests {

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Talks talks;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    StoredRolls rolls;
    @Autowired
    MonthlyRankings monthlyRankings;
    @Autowired
    LostRace race;
    @Autowired
    RankingRolls rankingRolls;

    private static Map<String, Object> talk(String month, String kind, String subject, String heldOn, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("month", month);
        body.put("subjectKind", kind);
        body.put("subject", subject);
        body.put("heldOn", heldOn);
        body.put("note", note);
        return body;
    }

    private long talks() {
        return jdbc.sql("select count(*) from talk").query(Long.class).single();
    }

    @Test
    void aLeaderRecordsATalkWithADepartmentOnceAndTheQuartersRollShowsItInItsMonth() {
        rolls.store("2013-02", List.of("TRANSPORT"), List.of());
        rolls.store("2013-03", List.of("TRANSPORT"), List.of());
        Api.Response r = api.post("/api/stats/talks", "leader", talk("2013-02", "DEPARTMENT", "TRANSPORT",
                "2013-03-05", "指出签收超期问题，要求一周内整改"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode recorded = r.json();
        assertThat(recorded.get("month").asText()).isEqualTo("2013-02");
        assertThat(recorded.get("subjectKind").asText()).isEqualTo("DEPARTMENT");
        assertThat(recorded.get("subject").asText()).isEqualTo("TRANSPORT");
        assertThat(recorded.get("label").asText()).isEqualTo("交通运输局（港航）");
        assertThat(recorded.get("heldOn").asText()).isEqualTo("2013-03-05");
        assertThat(recorded.get("note").asText()).isEqualTo("指出签收超期问题，要求一周内整改");
        assertThat(recorded.get("recordedBy").asText()).isEqualTo("leader");

        JsonNode months = api.get("/api/stats/medals?quarter=2013-Q1", "dispatch").json().get("months");
        assertThat(months.get(0).get("talks")).isEmpty();
        assertThat(months.get(1).get("talks")).singleElement().satisfies(t -> {
            assertThat(t.get("subject").asText()).isEqualTo("TRANSPORT");
            assertThat(t.get("heldOn").asText()).isEqualTo("2013-03-05");
            assertThat(t.get("note").asText()).isEqualTo("指出签收超期问题，要求一周内整改");
        });

        long before = talks();
        Api.Response again = api.post("/api/stats/talks", "leader", talk("2013-02", "DEPARTMENT", "TRANSPORT",
                "2013-03-06", "再谈一次"));
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("detail").asText())
                .isEqualTo("the talk of 2/2013 with '交通运输局（港航）' was recorded already, held on 2013-03-05");
        Api.Response zh = api.perform(MockMvcRequestBuilders.post("/api/stats/talks").contentType("application/json")
                .header("Accept-Language", "zh-CN").content(api.write(talk("2013-02", "DEPARTMENT", "TRANSPORT",
                        "2013-03-06", "再谈一次"))), "leader");
        assertThat(zh.json().get("detail").asText())
                .isEqualTo("2013年2月对“交通运输局（港航）”的约谈已于 2013-03-05 记录，不能重复记录");
        assertThat(talks()).isEqualTo(before);
        // the same department in another month is another talk; (addition) its code in any ASCII case is the catalog's
        Api.Response lower = api.post("/api/stats/talks", "leader", talk("2013-03", "DEPARTMENT", "transport",
                "2013-04-02", "第二次约谈"));
        assertThat(lower.status()).as(lower.text()).isEqualTo(201);
        assertThat(lower.json().get("subject").asText()).isEqualTo("TRANSPORT");
        assertThat(api.post("/api/stats/talks", "leader", talk("2013-03", "DEPARTMENT", "Transport", "2013-04-03",
                "第三次约谈")).status()).as("the same talk").isEqualTo(409);
    }

    @Test
    void twoLeadersRecordingTheSameTalkAtOnceLeaveOneAndTheLaterIsToldItWasRecordedMeanwhile() throws Exception {
        rolls.store("2013-11", List.of("HRSS"), List.of());
        TalkRequest request = new TalkRequest("2013-11", Talk.Subject.DEPARTMENT, "HRSS", "2013-12-03", "就欠薪问题约谈");
        Caller first = new Caller("leader", Role.LEADER, null);
        Caller second = new Caller("leader2", Role.LEADER, null);
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        AtomicReference<Throwable> refused = new AtomicReference<>();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                talks.record(request, first); // inserted, not yet committed
                other.execute(() -> {
                    inserted.countDown();
                    try {
                        talks.record(request, second); // passes the check, then waits on the first's row
                    } catch (Throwable e) {
                        refused.set(e);
                    }
                    secondDone.countDown();
                });
                try {
                    inserted.await();
                    // the second's insert waits on the row until this transaction ends
                    assertThat(secondDone.await(1, TimeUnit.SECONDS)).isFalse();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(secondDone.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            other.shutdownNow();
        }
        assertThat(refused.get()).isInstanceOf(DomainException.NotNow.class);
        assertThat(((DomainException) refused.get()).detail().code()).isEqualTo("sanfu.talk.recorded-meanwhile");
        assertThat(jdbc.sql("select recorded_by from talk where ranking_month = date '2013-11-01'")
                .query(String.class).list()).containsExactly("leader");
    }

    @Test
    void aTalkWithATownNamesATownAsTheTicketsWriteIt() {
        String town = "约谈镇" + Api.creditCode().substring(12);
        api.visit(api.enterprise("台州约谈制造有限公司", town), List.of(Api.problem("CUSTOMS", "查验慢")));
        rolls.store("2013-04", List.of(), List.of(town));

        Api.Response r = api.post("/api/stats/talks", "leader", talk("2013-04", "TOWN", town, "2013-05-06", "亮红牌约谈"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("label").asText()).isEqualTo(town);

        long before = talks();
        Api.Response unknown = api.post("/api/stats/talks", "leader", talk("2013-04", "TOWN", town + "街道",
                "2013-05-06", "亮红牌约谈"));
        assertThat(unknown.firstFault().get("field").asText()).isEqualTo("subject");
        assertThat(unknown.firstFault().get("message").asText()).isEqualTo("no ticket names this town; write it as the tickets do");
        assertThat(talks()).isEqualTo(before);
    }

    @Test
    void eachFieldAtFaultIsNamedAndNothingIsRecorded() {
        rolls.store("2013-05", List.of("TRANSPORT"), List.of());
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("month", talk(null, "DEPARTMENT", "TRANSPORT", "2013-06-03", "要点"));
        cases.put("month ", talk("2013-13", "DEPARTMENT", "TRANSPORT", "2013-06-03", "要点"));
        cases.put("month  ", talk("1999-12", "DEPARTMENT", "TRANSPORT", "2013-06-03", "要点"));
        cases.put("subjectKind", talk("2013-05", null, "TRANSPORT", "2013-06-03", "要点"));
        cases.put("subjectKind ", talk("2013-05", "CITY", "TRANSPORT", "2013-06-03", "要点"));
        cases.put("subject", talk("2013-05", "DEPARTMENT", "NOPE", "2013-06-03", "要点"));
        cases.put("subject ", talk("2013-05", "DEPARTMENT", null, "2013-06-03", "要点"));
        cases.put("subject   ", talk("2013-05", "DEPARTMENT", "nope", "2013-06-03", "要点"));
        cases.put("subject  ", talk("2013-05", "TOWN", " ", "2013-06-03", "要点"));
        cases.put("heldOn", talk("2013-05", "DEPARTMENT", "TRANSPORT", null, "要点"));
        cases.put("heldOn ", talk("2013-05", "DEPARTMENT", "TRANSPORT", "2013-02-30", "要点"));
        cases.put("heldOn  ", talk("2013-05", "DEPARTMENT", "TRANSPORT", "2013-04-30", "要点"));
        cases.put("heldOn   ", talk("2013-05", "DEPARTMENT", "TRANSPORT", tomorrow, "要点"));
        cases.put("note", talk("2013-05", "DEPARTMENT", "TRANSPORT", "2013-06-03", null));
        cases.put("note ", talk("2013-05", "DEPARTMENT", "TRANSPORT", "2013-06-03", " "));
        cases.put("note  ", talk("2013-05", "DEPARTMENT", "TRANSPORT", "2013-06-03", "要点\u0007"));
        Map<String, String> messages = new HashMap<>();
        long before = talks();
        cases.forEach((field, body) -> {
            Api.Response r = api.post("/api/stats/talks", "leader", body);
            assertThat(r.status()).as(field + r.text()).isEqualTo(400);
            assertThat(r.json().get("errors")).as(field + r.text()).singleElement()
                    .satisfies(e -> assertThat(e.get("field").asText()).isEqualTo(field.strip()));
            messages.put(field, r.json().get("errors").get(0).get("message").asText());
        });
        assertThat(talks()).isEqualTo(before);
        assertThat(messages.get("heldOn  ")).isEqualTo("must not lie before 2013-05-01, the first day of the ranking's month");
        assertThat(messages.get("heldOn   ")).isEqualTo("must not lie after today");
        assertThat(messages.get("note ")).isEqualTo(messages.get("note"));
    }

    /**
     * October 2004, which no job stored (the service started after 1 November 08:00): a town red-carded, no
     * 蜗牛店小二 (too few departments ranked; the roll shows —). A talk about it goes by its ranking all the same: a
     * department is refused (400 naming {@code subject}) and nothing is stored, the ranking not either; the town's
     * talk is recorded and the ranking stored with it, as it stood, so that the roll and the talks agree from then on;
     * the 1st's job, run late, leaves it as stored.
     */
    @Test
    void aTalkAboutAMonthOverThatNoJobStoredGoesByItsRankingWhichIsStoredWithIt() {
        String lagging = api.redCardedTown("约谈补存镇", "2004-10-11", "2004-10-29");
        JsonNode live = api.get("/api/stats/ranking?month=2004-10", "leader").json();
        assertThat(live.get("storedAt").isNull()).as("never stored").isTrue();
        JsonNode october = api.get("/api/stats/medals?quarter=2004-Q4", "leader").json().get("months").get(0);
        assertThat(october.get("complete").asBoolean()).isTrue();
        assertThat(october.get("snail")).as("no 蜗牛店小二 that month").isEmpty();
        assertThat(october.get("redCards").toString()).contains(lagging);
        long before = talks();

        Api.Response justice = api.post("/api/stats/talks", "leader", talk("2004-10", "DEPARTMENT", "JUSTICE",
                "2004-11-02", "约谈"));
        assertThat(justice.status()).as(justice.text()).isEqualTo(400);
        assertThat(justice.json().get("errors")).singleElement().satisfies(e -> {
            assertThat(e.get("field").asText()).isEqualTo("subject");
            assertThat(e.get("message").asText())
                    .isEqualTo("'司法局' is not one of the SNAILs of 10/2004; a talk is recorded with one of them");
        });
        Api.Response zh = api.perform(MockMvcRequestBuilders.post("/api/stats/talks").contentType("application/json")
                .header("Accept-Language", "zh-CN").content(api.write(talk("2004-10", "DEPARTMENT", "FINANCE",
                        "2004-11-02", "约谈"))), "leader");
        assertThat(zh.status()).isEqualTo(400);
        assertThat(zh.json().get("errors").get(0).get("message").asText())
                .isEqualTo("金融办不是2004年10月的蜗牛店小二：只能记录与该月蜗牛店小二的约谈");
        String quiet = "约谈平稳镇" + Api.creditCode().substring(12);
        api.visit(api.enterprise("台州约谈平稳贸易有限公司", quiet), List.of(Api.problem("LEGAL", "合同纠纷")));
        Api.Response notRed = api.post("/api/stats/talks", "leader", talk("2004-10", "TOWN", quiet, "2004-11-02", "约谈"));
        assertThat(notRed.status()).as(notRed.text()).isEqualTo(400);
        assertThat(notRed.json().get("errors").get(0).get("message").asText())
                .isEqualTo("'" + quiet + "' was not shown a red card in 10/2004; a talk is recorded with a town that was");
        assertThat(talks()).isEqualTo(before);
        assertThat(rolls.isStored("2004-10")).as("a refused talk changes nothing").isFalse();

        Api.Response listed = api.post("/api/stats/talks", "leader", talk("2004-10", "TOWN", lagging, "2004-11-02",
                "约谈镇分管领导"));
        assertThat(listed.status()).as(listed.text()).isEqualTo(201);
        JsonNode stored = api.get("/api/stats/ranking?month=2004-10", "leader").json();
        assertThat(stored.get("storedAt").isNull()).as("stored with the talk").isFalse();
        ((ObjectNode) stored).remove("storedAt");
        ((ObjectNode) live).remove("storedAt");
        assertThat(stored).as("as it stood").isEqualTo(live);

        Instant storedAt = rolls.storedAt("2004-10");
        try {
            Api.at("2004-11-01T08:00:00");
            monthlyRankings.storeLastMonth();
        } finally {
            ClockUtil.reset();
        }
        assertThat(rolls.storedAt("2004-10")).as("the 1st's job, late, leaves it").isEqualTo(storedAt);
    }

    /**
     * November 2004: the 1st's job (or another node's) stores the month while a talk about it is being checked. The
     * talk, having found nothing stored, computes the month and goes to store it, waits on the job's row, and then
     * goes by what the job stored (naming 司法局 蜗牛店小二), not by its own computation (which names none).
     */
    @Test
    void aTalkCheckedWhileTheJobStoresItsMonthGoesByWhatTheJobStored() throws Exception {
        Ranking byTheJob = new Ranking("2004-11", List.of(new Ranking.DepartmentRank("JUSTICE", "司法局",
                Figures.Counts.none().figures(), 10.0, 8, Ranking.Medal.SNAIL, 3L)), List.of());
        Talk talk = race.loser("ranking_roll", () -> rankingRolls.store(YearMonth.of(2004, 11), byTheJob,
                        Instant.parse("2004-12-01T00:00:00Z")),
                () -> talks.record(new TalkRequest("2004-11", Talk.Subject.DEPARTMENT, "JUSTICE", "2004-12-03",
                        "约谈"), new Caller("leader", Role.LEADER, null)));
        assertThat(talk.label()).isEqualTo("司法局");
        assertThat(rolls.storedAt("2004-11")).isEqualTo(Instant.parse("2004-12-01T00:00:00Z"));
    }

    /**
     * A month not begun has no talk yet: no day could be its {@code heldOn}, so the month is refused (400 naming it),
     * nothing is stored. The month under way (December 2004, the clock moved there) is recorded unchecked, as before.
     */
    @Test
    void aMonthNotBegunIsRefusedAndTheMonthUnderWayIsRecorded() {
        long before = talks();
        try {
            Api.at("2004-12-15T10:00:00");
            Api.Response early = api.perform(MockMvcRequestBuilders.post("/api/stats/talks")
                    .contentType("application/json").header("Accept-Language", "zh-CN")
                    .content(api.write(talk("2005-01", "DEPARTMENT", "TRANSPORT", "2004-12-15", "约谈"))), "leader");
            assertThat(early.status()).as(early.text()).isEqualTo(400);
            assertThat(early.json().get("errors")).singleElement().satisfies(e -> {
                assertThat(e.get("field").asText()).isEqualTo("month");
                assertThat(e.get("message").asText()).isEqualTo("2005年1月尚未开始，还不能记录该月的约谈");
            });
            assertThat(talks()).isEqualTo(before);
            Api.Response underWay = api.post("/api/stats/talks", "leader", talk("2004-12", "DEPARTMENT", "TRANSPORT",
                    "2004-12-15", "约谈"));
            assertThat(underWay.status()).as(underWay.text()).isEqualTo(201);
        } finally {
            ClockUtil.reset();
        }
        assertThat(rolls.isStored("2004-12")).as("a month under way is not stored").isFalse();
    }

    @Test
    void onlyALeaderMayRecordATalk() {
        long before = talks();
        for (String user : List.of("dispatch", "admin", "staff1", "transport")) {
            Api.Response r = api.post("/api/stats/talks", user, talk("2013-07", "DEPARTMENT", "TRANSPORT",
                    "2013-08-01", "要点"));
            assertThat(r.status()).as(user).isEqualTo(403);
        }
        assertThat(api.post("/api/stats/talks", null, talk("2013-07", "DEPARTMENT", "TRANSPORT", "2013-08-01", "要点"))
                .status()).isEqualTo(401);
        assertThat(talks()).isEqualTo(before);
    }
}
