package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;
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

/**
 * A department's 退单率 is of the tickets assigned to it, charged to it when it returns one, whoever leads
 * the ticket afterwards. March 2007, used by no other test, in a town of its own:
 * <pre>
 * Mon 5 March 09:00  four container problems, routed to transport (T1-T4)
 * Mon 10:00          transport returns T1; dispatch gives it to commerce (upheld), which signs
 *                    transport returns T2; dispatch gives it to finance, which returns it too; dispatch
 *                    gives it to commerce
 *
 * transport: assigned T1-T4, returned T1, T2: 2/4, and it leads T3, T4 (total 2)
 * finance:   assigned T2, returned it: 1/1, and leads nothing (total 0)
 * commerce:  assigned T1, T2, returned none: 0/2 (total 2)
 * all:       returned at least once T1, T2 of the assigned T1-T4: 2/4
 * </pre>
 * Counted as the department's present tickets, transport would show 0/2 and commerce 2/2: returning a
 * ticket improved the returner's rate and charged the department it went to.
 */
@SanfuTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReturnRateByDepartmentWebTests {

    @Autowired
    Api api;

    String town;

    @BeforeAll
    void march2007() {
        town = "退单镇" + Api.creditCode().substring(12);
        try {
            at("2007-03-05T09:00:00");
            String code = api.enterprise("宁波退单测试外贸有限公司", town);
            List<String> t = api.visit(code, List.of(Api.problem("CONTAINER", "订不到舱"),
                    Api.problem("CONTAINER", "空箱紧张"), Api.problem("CONTAINER", "运价上涨"),
                    Api.problem("CONTAINER", "船期延误"))).stream().map(n -> n.get("id").asText()).toList();
            at("2007-03-05T10:00:00");
            api.act(t.get(0), "return", "transport", Map.of("reason", "属商务事项"));
            api.act(t.get(0), "assign", "dispatch", Map.of("leadDepartment", "COMMERCE", "note", "改派商务局"));
            api.act(t.get(0), "sign", "commerce", null);
            api.act(t.get(1), "return", "transport", Map.of("reason", "属融资事项"));
            api.act(t.get(1), "assign", "dispatch", Map.of("leadDepartment", "FINANCE", "note", "改派金融办"));
            api.act(t.get(1), "return", "finance", Map.of("reason", "不属金融事项"));
            api.act(t.get(1), "assign", "dispatch", Map.of("leadDepartment", "COMMERCE", "note", "改派商务局"));
        } finally {
            ClockUtil.reset();
        }
    }

    @AfterAll
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void eachDepartmentIsChargedWithTheReturnsItMadeOfTheTicketsAssignedToIt() {
        // whole days (the pre-computed figures), and a period that is not (counted from the tickets)
        for (String period : List.of("", "&from=2007-03-05&to=2007-03-05",
                "&from=2007-03-05T00:30:00Z&to=2007-03-05T01:30:00Z")) {
            JsonNode s = api.summaryOfTown(town, period);
            JsonNode byDepartment = s.get("byDepartment");
            assertThat(item(byDepartment, "TRANSPORT").get("returnRate").asDouble()).as(period).isEqualTo(0.5);
            assertThat(item(byDepartment, "TRANSPORT").get("total").asLong()).as(period).isEqualTo(2);
            assertThat(item(byDepartment, "FINANCE").get("returnRate").asDouble()).as(period).isEqualTo(1.0);
            assertThat(item(byDepartment, "FINANCE").get("total").asLong()).as("it leads none now").isZero();
            assertThat(item(byDepartment, "COMMERCE").get("returnRate").asDouble()).as(period).isEqualTo(0.0);
            assertThat(item(byDepartment, "COMMERCE").get("total").asLong()).as(period).isEqualTo(2);
            assertThat(s.get("returnRate").asDouble()).as("tickets returned at least once, of all assigned")
                    .isEqualTo(0.5);
            assertThat(item(s.get("byCategory"), "CONTAINER").get("returnRate").asDouble()).isEqualTo(0.5);
        }
    }

    @Test
    void theFiguresOfOneDepartmentCountItsReturnsToo() {
        JsonNode finance = api.summaryOfTown(town, "&department=FINANCE");
        assertThat(finance.get("total").asLong()).isZero();
        assertThat(finance.get("returnRate").asDouble()).isEqualTo(1.0);
        assertThat(item(finance.get("byDepartment"), "FINANCE").get("returnRate").asDouble()).isEqualTo(1.0);
        assertThat(item(finance.get("byCategory"), "CONTAINER").get("returnRate").asDouble()).isEqualTo(1.0);
        JsonNode transport = api.summaryOfTown(town, "&department=TRANSPORT&from=2007-03-05T00:30:00Z");
        assertThat(transport.get("total").asLong()).isEqualTo(2);
        assertThat(transport.get("returnRate").asDouble()).isEqualTo(0.5);
    }

    @Test
    void theMonthsRankingChargesTheReturnerAndRanksADepartmentThatReturnedEnough() {
        Api.Response r = api.get("/api/stats/ranking?month=2007-03", "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode departments = r.json().get("departments");
        assertThat(item(departments, "TRANSPORT").get("returnRate").asDouble()).isEqualTo(0.5);
        assertThat(item(departments, "COMMERCE").get("returnRate").asDouble()).isEqualTo(0.0);
        assertThat(item(departments, "FINANCE").get("returnRate").asDouble()).isEqualTo(1.0);
        assertThat(item(departments, "TRANSPORT").get("rank").asInt())
                .as("four assigned, two returned: something decided, enough to rank").isEqualTo(1);
        assertThat(item(departments, "FINANCE").get("rank").isNull()).as("one ticket, fewer than 3").isTrue();
    }
}
