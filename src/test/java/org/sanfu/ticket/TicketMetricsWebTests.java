package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.catalog.Catalog;
import org.springframework.beans.factory.annotation.Autowired;

/** The loop's figures in /actuator/prometheus: tickets created and closed, open and overdue, action timers. */
@SanfuTest
class TicketMetricsWebTests {

    @Autowired
    Api api;
    @Autowired
    Catalog catalog;
    @Autowired
    Tickets tickets;

    @Test
    void openedAndClosedTicketsAreCountedByCategory() {
        double createdBefore = value(scrape(), "sanfu_tickets_opened_total", "category=\"CONTAINER\"");
        double closedBefore = value(scrape(), "sanfu_tickets_closed_total", "category=\"FINANCING\"");

        api.ticket("CONTAINER");
        String id = api.ticket("FINANCING").get("id").asText();
        api.act(id, "sign", "finance", Map.of());
        api.act(id, "reply", "finance", Map.of("resolution", "已发放低息贷款", "outcome", "RESOLVED"));
        assertThat(api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED")).get("status").asText())
                .isEqualTo("CLOSED");

        String text = scrape();
        assertThat(value(text, "sanfu_tickets_opened_total", "category=\"CONTAINER\"")).isEqualTo(createdBefore + 1);
        assertThat(value(text, "sanfu_tickets_closed_total", "category=\"FINANCING\"")).isEqualTo(closedBefore + 1);
    }

    /**
     * (Addition) A ticket re-classified as it is assigned is counted from and to, once committed: opened counts it
     * under the category it was filed under and closed under the new one. Its own category again, or one refused,
     * moves nothing.
     */
    @Test
    void reclassifiedTicketsAreCountedFromAndTo() {
        String moved = "from=\"OTHER\",to=\"LOGISTICS\"";
        double before = sample(scrape(), "sanfu_tickets_reclassified_total", moved).orElse(0);

        String kept = api.ticket("OTHER").get("id").asText();
        assertThat(api.post("/api/tickets/" + kept + "/assign", "dispatch",
                Map.of("leadDepartment", "TRANSPORT", "category", "NOPE")).status()).isEqualTo(400);
        api.act(kept, "assign", "dispatch", Map.of("leadDepartment", "TRANSPORT", "category", "OTHER"));
        assertThat(sample(scrape(), "sanfu_tickets_reclassified_total", moved).orElse(0)).isEqualTo(before);

        String id = api.ticket("OTHER").get("id").asText();
        api.act(id, "assign", "dispatch", Map.of("leadDepartment", "TRANSPORT", "category", "LOGISTICS"));

        String text = scrape();
        assertThat(text).contains("# TYPE sanfu_tickets_reclassified_total counter");
        assertThat(value(text, "sanfu_tickets_reclassified_total", moved)).isEqualTo(before + 1);
    }

    @Test
    void everyConfiguredCategoryIsCountedFromZero() {
        String text = scrape();
        // a series for each category before its first ticket, so that its rate is defined from the start
        for (String category : catalog.categoryCodes()) {
            assertThat(sample(text, "sanfu_tickets_opened_total", "category=\"" + category + "\"")).isPresent();
            assertThat(sample(text, "sanfu_tickets_closed_total", "category=\"" + category + "\"")).isPresent();
        }
    }

    @Test
    void openAndOverdueTicketsAreGauges() {
        Tickets.OpenCounts before = tickets.openCounts();

        api.ticket("LOGISTICS");

        assertThat(scrape()).contains("# TYPE sanfu_tickets_open gauge", "# TYPE sanfu_tickets_overdue gauge",
                "# TYPE sanfu_tickets_opened_total counter", "# TYPE sanfu_tickets_closed_total counter");
        // the gauges answer from a count remembered for GAUGE_TIME_TO_LIVE: the new ticket shows once it expires
        await().atMost(TicketMetrics.GAUGE_TIME_TO_LIVE.plusSeconds(5)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    String text = scrape();
                    assertThat(value(text, "sanfu_tickets_open", null)).isEqualTo(before.open() + 1);
                    // a ticket just opened has missed no deadline
                    assertThat(value(text, "sanfu_tickets_overdue", null)).isEqualTo(before.overdue());
                });
    }

    @Test
    void eachActionIsTimedWithItsOutcome() {
        String id = api.ticket("FINANCING").get("id").asText();
        // a timer's series appears with its first action and outcome: none yet counts as 0
        String text = scrape();
        double signed = sample(text, "sanfu_ticket_actions_seconds_count", "action=\"sign\",outcome=\"success\"")
                .orElse(0);
        double signedSeconds = sample(text, "sanfu_ticket_actions_seconds_sum", "action=\"sign\",outcome=\"success\"")
                .orElse(0);
        double forbidden = sample(text, "sanfu_ticket_actions_seconds_count",
                "action=\"feedback\",outcome=\"forbidden\"").orElse(0);
        double conflict = sample(text, "sanfu_ticket_actions_seconds_count", "action=\"sign\",outcome=\"conflict\"")
                .orElse(0);

        api.act(id, "sign", "finance", Map.of());
        assertThat(api.post("/api/tickets/" + id + "/feedback", "finance", Map.of("satisfaction", "SATISFIED"))
                .status()).isEqualTo(403);
        assertThat(api.post("/api/tickets/" + id + "/sign", "finance", Map.of()).status()).isEqualTo(409);

        text = scrape();
        assertThat(value(text, "sanfu_ticket_actions_seconds_count", "action=\"sign\",outcome=\"success\""))
                .isEqualTo(signed + 1);
        assertThat(value(text, "sanfu_ticket_actions_seconds_count", "action=\"feedback\",outcome=\"forbidden\""))
                .isEqualTo(forbidden + 1);
        assertThat(value(text, "sanfu_ticket_actions_seconds_count", "action=\"sign\",outcome=\"conflict\""))
                .isEqualTo(conflict + 1);
        assertThat(value(text, "sanfu_ticket_actions_seconds_sum", "action=\"sign\",outcome=\"success\""))
                .isGreaterThan(signedSeconds);
    }

    private String scrape() {
        Api.Response r = api.perform(get("/actuator/prometheus"), "admin");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        return r.text();
    }

    /** The sample's value; the series must exist. */
    private static double value(String text, String metric, String labels) {
        return sample(text, metric, labels).orElseThrow(() -> new AssertionError(
                "no sample of " + metric + (labels == null ? "" : "{" + labels + "}") + " in\n" + text));
    }

    /** The sample's value, empty when the series does not exist. Labels must appear in this order. */
    private static OptionalDouble sample(String text, String metric, String labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(metric)
                + (labels == null ? "" : "\\{[^}]*" + Pattern.quote(labels) + "[^}]*\\}") + " (\\S+)$",
                Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
}
