package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every date a client may send lies between sanfu.earliest-date (2000-01-01) and sanfu.latest-date
 * (2999-12-31): outside, it is 400 naming the parameter or field, so no arithmetic on year 999999999
 * (a deadline, a month's end, a week's Sunday) is reachable from a request.
 */
@SanfuTest
class DateBoundsWebTests {

    @Autowired
    Api api;
    @Autowired
    Pages pages;

    /** MockMvc sends a query's {@code +} as it is (a browser would send %2B). */
    private void refused(String path, String field, String why) {
        Api.Response r = api.get(path, "leader");
        JsonNode fault = r.firstFault();
        assertThat(fault.get("field").asText()).as(path).isEqualTo(field);
        assertThat(fault.get("message").asText()).as(path).contains(why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ' ', value = {
        "/api/reports/daily?date=1999-12-31 date 2000-01-01",
        "/api/reports/daily?date=3000-01-01 date 2999-12-31",
        "/api/reports/daily?date=+999999999-12-31 date 2999-12-31",
        "/api/reports/daily?date=-999999999-01-01 date 2000-01-01",
        "/api/reports/weekly?week=1999-W52 week 2000-01-01",
        "/api/reports/weekly?week=0000-W01 week 2000-01-01",
        "/api/reports/weekly?week=9999-W52 week 2999-12-31",
        "/api/reports/weekly?week=3000-W01 week 2999-12-31", // Monday 2999-12-30, Sunday 3000-01-05
        "/api/reports/weekly?week=2026-W99 week 2020-W24",
        // within the bounds but not begun: no briefing of it yet (the week under way reads as it stands)
        "/api/reports/weekly?week=2999-W52 week 2999",
        "/api/stats/ranking?month=+999999999-12 month 2999-12-31",
        "/api/stats/ranking?month=-999999999-01 month 2000-01-01",
        "/api/stats/ranking?month=1999-12 month 2000-01-01",
        "/api/stats/ranking?month=3000-01 month 2999-12-31"})
    void aReportsDayWeekOrMonthOutsideTheBoundsIsRefused(String path, String field, String why) {
        refused(path, field, why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/reports/daily?date=2000-01-01", "/api/reports/daily?date=2999-12-31",
        "/api/reports/weekly?week=2000-W01",
        "/api/stats/ranking?month=2000-01", "/api/stats/ranking?month=2999-12"})
    void theBoundsThemselvesAreFine(String path) {
        assertThat(api.get(path, "leader").status()).isEqualTo(200);
    }

    @Test
    void everyListsPeriodIsBoundedAtBothEnds() {
        for (String list : List.of("/api/stats/summary", "/api/tickets", "/api/visits")) {
            refused(list + "?from=1999-12-31", "from", "2000-01-01");
            refused(list + "?to=3000-01-01", "to", "2999-12-31");
            refused(list + "?from=3000-01-01T00:00:00+08:00", "from", "2999-12-31");
            refused(list + "?to=+999999999-12-31T23:59:59Z", "to", "ISO-8601"); // beyond what java.time parses
            refused(list + "?from=-999999999-01-01T00:00:00Z", "from", "2000-01-01");
            assertThat(api.get(list + "?from=2000-01-01&to=2999-12-31", "leader").status()).as(list).isEqualTo(200);
        }
        assertThat(pages.get("/?month=+999999999-12", "leader").status()).as("the dashboard").isEqualTo(400);
        assertThat(pages.get("/?to=+999999999-12-31", "leader").status()).as("the dashboard").isEqualTo(400);
    }

    @Test
    void aVisitsTimeIsBoundedAndARefusedVisitLeavesNothing() {
        String code = api.enterprise();
        for (String at : List.of("-999999999-01-01T00:00:00Z", "1999-12-31T23:59:59+08:00",
                "+999999999-12-31T23:59:59Z", "3000-01-01T00:00:00Z")) {
            Api.Response r = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code, "visitedAt", at,
                    "problems", List.of(Api.problem("LOGISTICS", "运费上涨"))));
            assertThat(r.status()).as(at + ": " + r.text()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).as(at).isEqualTo("visitedAt");
        }
        assertThat(api.get("/api/visits?enterprise=" + code, "leader").json().get("total").asLong()).isZero();
    }
}
