package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.MigrationScript;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code V57__closed_on_time_by_ruling.sql} has the figures rebuilt at the next start where a ticket was closed with no
 * reply (a leader's ruling), whose close the figures now count on time or not by its moment ({@link
 * FigureRollup#closedOnTime}); with none, the figures built stay. Its statement runs again on a database of its own (H2,
 * or in the PostgreSQL pass PostgreSQL).
 */
@SanfuTest
@TestPropertySource(properties = "sanfu.test.context=migration-replays") // resets the figures
class ClosedOnTimeMigrationTests {

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theFiguresAreRebuiltOnlyWhereATicketWasClosedByARuling() {
        List<String> statements = MigrationScript.statements("V57__closed_on_time_by_ruling.sql");
        assertThat(statements).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from ticket where status = 'CLOSED' and replied_at is null",
                Long.class)).as("this context's other tests close no ticket by a ruling").isZero();
        String built = zone();
        assertThat(built).as("built at this context's start").isNotNull();
        statements.forEach(jdbc::update);
        assertThat(zone()).as("no ticket closed by a ruling: the figures stay").isEqualTo(built);

        String code = api.enterprise("宁波裁定回填贸易有限公司", "裁定回填镇");
        String ticket = api.visit(code, List.of(Api.problem("CONTAINER", "订舱难"))).get(0).get("id").asText();
        api.act(ticket, "supervise", "leader", Map.of("reason", "企业反映已解决"));
        api.act(ticket, "rule", "leader", Map.of("decision", "CLOSE", "note", "企业已自行解决"));
        statements.forEach(jdbc::update);
        assertThat(zone()).as("rebuilt from the tickets at the next start").isNull();
    }

    private String zone() {
        return jdbc.queryForObject("select zone from figure_state where id = 1", String.class);
    }
}
