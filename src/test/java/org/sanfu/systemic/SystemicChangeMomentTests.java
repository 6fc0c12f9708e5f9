package org.sanfu.systemic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.TickingTime;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One change, one moment (ticket.ChangeMomentTests' rule), for a systemic problem's confirm too: the problem's
 * confirmed time (decided_at), its case ticket's reportedAt and updatedAt and each member's link event say the instant
 * the confirm took at its start, on a clock that moves a second on every read, where the confirmed time read the clock
 * itself and said a later one.
 */
@SanfuTest
class SystemicChangeMomentTests {

    private static final Caller DISPATCH = new Caller("dispatch", Role.DISPATCH, null);

    @Autowired
    Api api;
    @Autowired
    SystemicCases cases;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void stopTheClock() {
        ClockUtil.reset();
    }

    @Test
    void aConfirmedProblemCarriesTheMomentOfItsCase() {
        // reported in a fortnight of its own, so the scan proposes no other test's tickets with them
        Instant reported = OffsetDateTime.parse("2018-05-07T09:00:00+08:00").toInstant();
        ClockUtil.setCurrentTime(Date.from(reported));
        String text = "出口退税申报系统频繁卡顿，多家企业无法按期申报退税";
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(api.visit(api.enterprise(), List.of(Map.of("category", "POLICY", "title", text.substring(0, 10),
                    "description", text))).get(0).get("id").asText());
        }
        String problem = null;
        for (JsonNode p : api.post("/api/systemic-problems/scan", "dispatch", Map.of()).json()) {
            if (p.get("ticketIds").toString().contains("\"" + members.get(0) + "\"")) {
                problem = p.get("id").asText();
            }
        }
        assertThat(problem).as("proposed").isNotNull();
        TickingTime.start(reported.plus(Duration.ofHours(1)), Duration.ofSeconds(1));

        String caseId = cases.confirm(problem, DISPATCH, new SystemicRequests.Confirm(null, "TRANSPORT", null))
                .caseTicketId();
        Instant confirmed = instant("select decided_at from systemic_problem where id = ?", Long.parseLong(problem));
        assertThat(instant("select reported_at from ticket where id = ?", Long.parseLong(caseId))).isEqualTo(confirmed);
        assertThat(instant("select updated_at from ticket where id = ?", Long.parseLong(caseId))).isEqualTo(confirmed);
        for (String member : members) {
            assertThat(instant("select max(at) from ticket_event where ticket_id = ? and action = 'link'",
                    Long.parseLong(member))).as(member).isEqualTo(confirmed);
        }
    }

    private Instant instant(String sql, long id) {
        return jdbc.queryForObject(sql, Timestamp.class, id).toInstant();
    }
}
