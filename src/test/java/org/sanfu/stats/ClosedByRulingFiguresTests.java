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

/**
 * A ticket a leader strikes off (督办裁定销号) before its department answered is closed within its deadline or not by
 * when the ruling came, as GLOSSARY's 按时办结率 says (closed within deadline / closed): a ruling before the reply
 * deadline is not the department's late close. In July 2015 (no holidays on file), in a town of its own:
 *
 * <pre>
 * Wed 1 July 09:00  three FINANCING problems (finance: reply deadline seven working days later, Fri 10 July 17:30)
 * Wed 1 July 10:00  T1 taken under supervision and struck off: closed, no reply, before its deadline
 * Thu 2 July 10:00  T3 signed and replied (on time), satisfied
 * Mon 20 July 10:00 T2 taken under supervision and struck off: closed, no reply, past its deadline
 *
 * finance: closed 3, of which on time 2 (T1, T3)
 * </pre>
 */
@SanfuTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClosedByRulingFiguresTests {

    @Autowired
    Api api;
    @Autowired
    TicketFigures figures;

    String town;

    @BeforeAll
    void july2015() {
        town = "裁定镇" + Api.creditCode().substring(12);
        try {
            at("2015-07-01T09:00:00");
            String code = api.enterprise("浙江裁定测试有限公司", town);
            List<JsonNode> tickets = api.visit(code, List.of(Api.problem("FINANCING", "贷款展期"),
                    Api.problem("FINANCING", "担保不足"), Api.problem("FINANCING", "授信额度")));
            String t1 = tickets.get(0).get("id").asText();
            String t2 = tickets.get(1).get("id").asText();
            String t3 = tickets.get(2).get("id").asText();

            at("2015-07-01T10:00:00");
            strikeOff(t1);

            at("2015-07-02T10:00:00");
            api.act(t3, "sign", "finance", null);
            api.act(t3, "reply", "finance", Map.of("resolution", "已续贷", "outcome", "RESOLVED"));
            api.act(t3, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));

            at("2015-07-20T10:00:00");
            strikeOff(t2);
        } finally {
            ClockUtil.reset();
        }
    }

    private void strikeOff(String ticket) {
        api.act(ticket, "supervise", "leader", Map.of("reason", "企业反映已自行解决"));
        JsonNode closed = api.act(ticket, "rule", "leader", Map.of("decision", "CLOSE", "note", "企业已自行解决"));
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("repliedAt").isNull()).as("closed with no reply").isTrue();
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aRulingBeforeTheReplyDeadlineIsAnOnTimeCloseAndOnePastItIsNot() {
        JsonNode finance = item(api.summaryOfTown(town, "").get("byDepartment"), "FINANCE");
        assertThat(finance.get("closed").asLong()).isEqualTo(3);
        assertThat(finance.get("onTimeCloseRate").asDouble()).isCloseTo(2.0 / 3, within(1e-4));
    }

    /** The summary above reads the pre-computed figures; counting the tickets themselves says the same. */
    @Test
    void countingTheTicketsThemselvesAgrees() {
        Figures.Counts finance = figures.recomputed(new TicketFilter(null, null, null, null, town),
                TicketFigures.Grouping.DEPARTMENT).get("FINANCE");
        assertThat(finance.closed()).isEqualTo(3);
        assertThat(finance.closedOnTime()).isEqualTo(2);
    }
}
