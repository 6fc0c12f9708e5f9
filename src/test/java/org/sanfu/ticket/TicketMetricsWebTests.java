package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The loop's figures in /actuator/prometheus: tickets created and closed, open and overdue, action timers. */
@SanfuTest
class TicketMetricsWebTests {

    @Autowired
    Api api;

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
        // every configured category is there from zero
        assertThat(value(text, "sanfu_tickets_opened_total", "category=\"LEGAL\"")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void openAndOverdueTicketsAreGauges() {
        api.ticket("LOGISTICS");
        String text = scrape();
        assertThat(text).contains("# TYPE sanfu_tickets_open gauge", "# TYPE sanfu_tickets_overdue gauge",
                "# TYPE sanfu_tickets_opened_total counter", "# TYPE sanfu_tickets_closed_total counter");
        assertThat(value(text, "sanfu_tickets_open", null)).isGreaterThanOrEqualTo(0);
        assertThat(value(text, "sanfu_tickets_overdue", null)).isGreaterThanOrEqualTo(0);
        assertThat(value(text, "sanfu_tickets_open", null)).isGreaterThanOrEqualTo(value(text,
                "sanfu_tickets_overdue", null));
    }

    @Test
    void eachActionIsTimedWithItsOutcome() {
        String id = api.ticket("FINANCING").get("id").asText();
        double signed = value(scrape(), "sanfu_ticket_actions_seconds_count", "action=\"sign\",outcome=\"success\"");
        double forbidden = value(scrape(), "sanfu_ticket_actions_seconds_count",
                "action=\"feedback\",outcome=\"forbidden\"");
        double conflict = value(scrape(), "sanfu_ticket_actions_seconds_count", "action=\"sign\",outcome=\"conflict\"");

        api.act(id, "sign", "finance", Map.of());
        assertThat(api.post("/api/tickets/" + id + "/feedback", "finance", Map.of("satisfaction", "SATISFIED"))
                .status()).isEqualTo(403);
        assertThat(api.post("/api/tickets/" + id + "/sign", "finance", Map.of()).status()).isEqualTo(409);

        String text = scrape();
        assertThat(value(text, "sanfu_ticket_actions_seconds_count", "action=\"sign\",outcome=\"success\""))
                .isEqualTo(signed + 1);
        assertThat(value(text, "sanfu_ticket_actions_seconds_count", "action=\"feedback\",outcome=\"forbidden\""))
                .isEqualTo(forbidden + 1);
        assertThat(value(text, "sanfu_ticket_actions_seconds_count", "action=\"sign\",outcome=\"conflict\""))
                .isEqualTo(conflict + 1);
        assertThat(value(text, "sanfu_ticket_actions_seconds_sum", "action=\"sign\",outcome=\"success\""))
                .isGreaterThan(0);
    }

    private String scrape() {
        Api.Response r = api.perform(get("/actuator/prometheus"), "admin");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        return r.text();
    }

    /** The sample's value; 0 when the series does not exist yet. Labels must appear in this order. */
    private static double value(String text, String metric, String labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(metric)
                + (labels == null ? "" : "\\{[^}]*" + Pattern.quote(labels) + "[^}]*\\}") + " (\\S+)$",
                Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
