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

    private static void at(String shanghai) {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(shanghai + "+08:00").toInstant()));
    }

    private List<String> logistics(String enterprise, int problems) {
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

    /** A day's digest, as the leader reads it. */
    private JsonNode repeatedOn(String date) {
        Api.Response r = api.get("/api/reports/daily?date=" + date, "leader");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("repeated");
    }

    @Test
    void theDigestCountsEveryEarlierTicketAndNamesTheTwentyMostRecent() {
        at("2009-05-04T10:00:00");
        String e = api.enterprise("反复反映运费的企业", "大溪镇");
        List<String> older = logistics(e, 15);
        at("2009-05-05T10:00:00");
        List<String> newer = logistics(e, 10);
        at("2009-05-11T10:00:00");
        String today = logistics(e, 1).get(0);

        JsonNode repeated = repeatedOn("2009-05-11");
        assertThat(repeated).hasSize(1);
        assertThat(repeated.get(0).get("ticket").get("id").asText()).isEqualTo(today);
        assertThat(repeated.get(0).get("earlierCount").asInt()).isEqualTo(25);
        List<String> named = earlierNamed(repeated.get(0));
        // the ten of 5 May, then the latest ten of 4 May (same moment: by id), in id order
        List<String> expected = new ArrayList<>(newer);
        expected.addAll(older.subList(5, 15));
        expected.sort(Comparator.comparingLong(Long::parseLong));
        assertThat(named).containsExactlyElementsOf(expected);
    }

    @Test
    void aFewEarlierTicketsAreAllNamed() {
        at("2009-06-01T10:00:00");
        String e = api.enterprise("偶尔反映运费的企业", "院桥镇");
        List<String> earlier = logistics(e, 3);
        at("2009-06-08T10:00:00");
        String today = logistics(e, 1).get(0);

        JsonNode repeated = repeatedOn("2009-06-08");
        assertThat(repeated).hasSize(1);
        assertThat(repeated.get(0).get("ticket").get("id").asText()).isEqualTo(today);
        assertThat(repeated.get(0).get("earlierCount").asInt()).isEqualTo(3);
        assertThat(earlierNamed(repeated.get(0))).containsExactlyElementsOf(earlier);
    }
}
