package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
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
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.DomainException;
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
 * months of 2013 no other test names (one talk per month and subject).
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
        // the same department in another month is another talk
        assertThat(api.post("/api/stats/talks", "leader", talk("2013-03", "DEPARTMENT", "TRANSPORT", "2013-04-02",
                "第二次约谈")).status()).isEqualTo(201);
    }

    @Test
    void twoLeadersRecordingTheSameTalkAtOnceLeaveOneAndTheLaterIsToldItWasRecordedMeanwhile() throws Exception {
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
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("month", talk(null, "DEPARTMENT", "TRANSPORT", "2013-06-03", "要点"));
        cases.put("month ", talk("2013-13", "DEPARTMENT", "TRANSPORT", "2013-06-03", "要点"));
        cases.put("month  ", talk("1999-12", "DEPARTMENT", "TRANSPORT", "2013-06-03", "要点"));
        cases.put("subjectKind", talk("2013-05", null, "TRANSPORT", "2013-06-03", "要点"));
        cases.put("subjectKind ", talk("2013-05", "CITY", "TRANSPORT", "2013-06-03", "要点"));
        cases.put("subject", talk("2013-05", "DEPARTMENT", "NOPE", "2013-06-03", "要点"));
        cases.put("subject ", talk("2013-05", "DEPARTMENT", null, "2013-06-03", "要点"));
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
