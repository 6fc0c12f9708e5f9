package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A ticket given to a department afresh waits for that department's sign: the sign of the department that
 * signed late and then returned it is neither the new lead's sign nor its lateness. June 2005, used by no
 * other test, in a town of its own:
 * <pre>
 * Mon 6 June 09:00     a container problem, routed to transport
 * after its deadline   transport signs, late, and returns it; dispatch gives it to commerce
 *                      → not signed; commerce has signed nothing, late or not
 * the next hour        commerce signs, in time → its on-time sign rate is 1
 * </pre>
 */
@SanfuTest
class SignOfTheNewLeadWebTests {

    @Autowired
    Api api;

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    private static void at(OffsetDateTime moment) {
        ClockUtil.setCurrentTime(Date.from(moment.toInstant()));
    }

    @Test
    void aReassignedTicketWaitsForTheNewLeadsSignAndIsNotChargedWithTheLateOne() {
        String town = "签收镇" + Api.creditCode().substring(12);
        at(OffsetDateTime.parse("2005-06-06T09:00:00+08:00"));
        String code = api.enterprise("宁波签收测试外贸有限公司", town);
        JsonNode ticket = api.visit(code, List.of(Api.problem("CONTAINER", "订不到舱"))).get(0);
        String id = ticket.get("id").asText();
        assertThat(ticket.get("leadDepartment").asText()).isEqualTo("TRANSPORT");

        OffsetDateTime late = OffsetDateTime.parse(ticket.get("signDeadline").asText()).plusHours(1);
        at(late);
        assertThat(api.act(id, "sign", "transport", null).get("signedAt").isNull()).isFalse();
        assertThat(summary(town, "TRANSPORT").get("onTimeSignRate").asDouble()).as("transport signed late").isZero();
        at(late.plusMinutes(30));
        api.act(id, "return", "transport", Map.of("reason", "属商务事项"));
        JsonNode reassigned = api.act(id, "assign", "dispatch", Map.of("leadDepartment", "COMMERCE", "note", "改派商务局"));

        assertThat(reassigned.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(reassigned.get("signedAt").isNull()).as("commerce has not signed").isTrue();
        JsonNode commerce = summary(town, "COMMERCE");
        assertThat(commerce.get("total").asLong()).isEqualTo(1);
        assertThat(commerce.get("onTimeSignRate").isNull()).as("nothing signed by commerce yet").isTrue();
        assertThat(summary(town, "TRANSPORT").get("total").asLong()).as("transport leads it no more").isZero();

        at(OffsetDateTime.parse(reassigned.get("signDeadline").asText()).minusHours(1));
        JsonNode signed = api.act(id, "sign", "commerce", null);
        assertThat(signed.get("signedAt").isNull()).isFalse();
        assertThat(summary(town, "COMMERCE").get("onTimeSignRate").asDouble()).as("commerce signed in time")
                .isEqualTo(1.0);
        assertThat(signed.get("overdue").asBoolean()).as("the ticket did miss a deadline once").isTrue();
    }

    /** The department's figures in the town as leaders read them today (the story's clock is set again after). */
    private JsonNode summary(String town, String department) {
        ClockUtil.reset();
        Api.Response r = api.get("/api/stats/summary?town=" + town + "&department=" + department, "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }
}
