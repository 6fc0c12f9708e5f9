package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.sanfu.Api.at;
import static org.sanfu.Api.item;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A department's 按时签收率 counts every sign owed by it, on the tickets it leads and on those it held and
 * gave up: signing late, or letting the sign deadline pass, and then returning the ticket does not erase the
 * lateness. November 2010, used by no other test, in a town of its own:
 * <pre>
 * Mon 1 Nov 09:00   four container problems, routed to transport (sign deadline Tue 09:00)
 * Mon 10:00         transport signs T3 and T4, in time
 * Wed 3 Nov 10:00   the sweep marks T1 and T2 unsigned past their deadline
 *                   transport signs T1, late, and returns it; dispatch gives it to commerce, which signs in time
 *                   transport returns T2 unsigned; dispatch gives it to finance, which signs in time
 *                   transport returns T3; dispatch gives it to commerce, which has not signed yet
 *
 * transport: leads T4 (signed in time); its ended turns: T1 late, T2 unsigned past the deadline, T3 in time
 *            on-time sign rate 2 of 3 signs; for the ranking 2 of 3 signs and 1 unsigned past the deadline
 * commerce:  leads T1 (signed in time) and T3 (not yet due): 1 of 1;  finance: leads T2: 1 of 1
 * all:       each ticket's present lead's sign: T1, T2, T4 in time, 3 of 3
 * </pre>
 * Before, transport's figures held T4 alone: 1 of 1, and its ranking score counted no lateness at all.
 */
@SanfuTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignTurnsWebTests {

    @Autowired
    Api api;
    @Autowired
    JdbcClient jdbc;

    String town;
    List<String> t;

    @BeforeAll
    void november2010() {
        town = "签收轮次镇" + Api.creditCode().substring(12);
        try {
            at("2010-11-01T09:00:00");
            String code = api.enterprise("宁波签收轮次测试外贸有限公司", town);
            t = api.visit(code, List.of(Api.problem("CONTAINER", "订不到舱"), Api.problem("CONTAINER", "空箱紧张"),
                    Api.problem("CONTAINER", "运价上涨"), Api.problem("CONTAINER", "船期延误"))).stream()
                    .map(n -> n.get("id").asText()).toList();
            at("2010-11-01T10:00:00");
            api.act(t.get(2), "sign", "transport", null);
            api.act(t.get(3), "sign", "transport", null);
            at("2010-11-03T10:00:00");
            api.sweepDeadlines();
            api.act(t.get(0), "sign", "transport", null);
            api.act(t.get(0), "return", "transport", Map.of("reason", "属商务事项"));
            api.act(t.get(0), "assign", "dispatch", Map.of("leadDepartment", "COMMERCE", "note", "改派商务局"));
            api.act(t.get(0), "sign", "commerce", null);
            api.act(t.get(1), "return", "transport", Map.of("reason", "属融资事项"));
            api.act(t.get(1), "assign", "dispatch", Map.of("leadDepartment", "FINANCE", "note", "改派金融办"));
            api.act(t.get(1), "sign", "finance", null);
            api.act(t.get(2), "return", "transport", Map.of("reason", "属商务事项"));
            api.act(t.get(2), "assign", "dispatch", Map.of("leadDepartment", "COMMERCE", "note", "改派商务局"));
        } finally {
            ClockUtil.reset();
        }
    }

    @AfterAll
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void eachEndedTurnKeepsItsSignOnTheTicket() {
        List<String> turns = t.stream().map(id -> jdbc.sql("select sign_turns from ticket where id = ?")
                .param(Long.parseLong(id)).query(String.class).optional().orElse(null)).toList();
        assertThat(turns).containsExactly("TRANSPORT:LATE", "TRANSPORT:UNSIGNED_OVERDUE", "TRANSPORT:ON_TIME", null);
    }

    @Test
    void aDepartmentsOnTimeSignRateCountsTheSignsOfTheTurnsItGaveUp() {
        // all time and whole days (the pre-computed figures), and a period that is not (counted from the tickets)
        for (String period : List.of("", "&from=2010-11-01&to=2010-11-01",
                "&from=2010-11-01T00:30:00Z&to=2010-11-01T01:30:00Z")) {
            JsonNode s = api.summaryOfTown(town, period);
            JsonNode byDepartment = s.get("byDepartment");
            assertThat(item(byDepartment, "TRANSPORT").get("onTimeSignRate").asDouble()).as(period)
                    .isCloseTo(2.0 / 3, within(1e-4));
            assertThat(item(byDepartment, "TRANSPORT").get("total").asLong()).as(period).isEqualTo(1);
            assertThat(item(byDepartment, "COMMERCE").get("onTimeSignRate").asDouble()).as(period).isEqualTo(1.0);
            assertThat(item(byDepartment, "FINANCE").get("onTimeSignRate").asDouble()).as(period).isEqualTo(1.0);
            assertThat(s.get("onTimeSignRate").asDouble()).as("each ticket's present lead's sign").isEqualTo(1.0);
            assertThat(item(s.get("byCategory"), "CONTAINER").get("onTimeSignRate").asDouble()).isEqualTo(1.0);
        }
        // one department's figures, pre-computed and counted from the tickets
        for (String period : List.of("", "&from=2010-11-01T00:30:00Z")) {
            JsonNode transport = api.summaryOfTown(town, "&department=TRANSPORT" + period);
            assertThat(transport.get("onTimeSignRate").asDouble()).as(period).isCloseTo(2.0 / 3, within(1e-4));
            assertThat(item(transport.get("byCategory"), "CONTAINER").get("onTimeSignRate").asDouble()).as(period)
                    .isCloseTo(2.0 / 3, within(1e-4));
        }
    }

    @Test
    void theMonthsRankingChargesTheLateSignAndTheMissedDeadlineToTheDepartmentThatReturned() {
        Api.Response r = api.get("/api/stats/ranking?month=2010-11", "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode transport = item(r.json().get("departments"), "TRANSPORT");
        assertThat(transport.get("onTimeSignRate").asDouble()).isCloseTo(2.0 / 3, within(1e-4));
        // sign 2 in time of 3 signed + 1 unsigned past the deadline (weight 0.2), returns 3 of 4 (0.1); nothing
        // closed, rated or reopened yet: 100 × (0.2 × 0.5 + 0.1 × 0.25) / 0.3
        assertThat(transport.get("score").asDouble()).isEqualTo(41.7);
    }
}
