package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A problem an enterprise raises again and again: the daily digest counts every earlier ticket of its kind
 * but names only the most recent ones, so that one enterprise's hundred repeats do not make its answer
 * quadratic.
 */
@SanfuTest
class RepeatedProblemsWebTests {

    @Autowired
    Api api;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** The enterprise's visit at that Shanghai time, with this many LOGISTICS problems: their tickets' ids. */
    private List<String> logistics(String shanghai, String enterprise, int problems) {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(shanghai + "+08:00").toInstant()));
        Api.Response r = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", enterprise,
                "operatingStatus", "NORMAL", "problems", IntStream.range(0, problems)
                        .mapToObj(i -> Api.problem("LOGISTICS", "运费上涨 " + i)).toList()));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        r.json().get("tickets").forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    private static List<String> earlierNamed(JsonNode repeatedProblem) {
        List<String> ids = new ArrayList<>();
        repeatedProblem.get("earlierTicketIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** The one repeated problem of a day's digest, as the leader reads it: the ticket reported that day. */
    private JsonNode onlyRepeatOn(String date, String ticket) {
        Api.Response r = api.get("/api/reports/daily?date=" + date, "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode repeated = r.json().get("repeated");
        assertThat(repeated).hasSize(1);
        assertThat(repeated.get(0).get("ticket").get("id").asText()).isEqualTo(ticket);
        return repeated.get(0);
    }

    @Test
    void theDigestCountsEveryEarlierTicketAndNamesTheTwentyMostRecent() {
        String e = api.enterprise("反复反映运费的企业", "大溪镇");
        List<String> older = logistics("2009-05-04T10:00:00", e, 15);
        List<String> newer = logistics("2009-05-05T10:00:00", e, 10);
        String today = logistics("2009-05-11T10:00:00", e, 1).get(0);

        JsonNode repeat = onlyRepeatOn("2009-05-11", today);
        assertThat(repeat.get("earlierCount").asInt()).isEqualTo(25);
        List<String> named = earlierNamed(repeat);
        // the ten of 5 May, then the latest ten of 4 May (same moment: by id), in id order
        List<String> expected = new ArrayList<>(newer);
        expected.addAll(older.subList(5, 15));
        expected.sort(Comparator.comparingLong(Long::parseLong));
        assertThat(named).containsExactlyElementsOf(expected);
    }

    @Test
    void aFewEarlierTicketsAreAllNamed() {
        String e = api.enterprise("偶尔反映运费的企业", "院桥镇");
        List<String> earlier = logistics("2009-06-01T10:00:00", e, 3);
        String today = logistics("2009-06-08T10:00:00", e, 1).get(0);

        JsonNode repeat = onlyRepeatOn("2009-06-08", today);
        assertThat(repeat.get("earlierCount").asInt()).isEqualTo(3);
        assertThat(earlierNamed(repeat)).containsExactlyElementsOf(earlier);
    }
}
