package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
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
 * {@code V29__sign_of_the_present_lead.sql} clears the sign a ticket kept from a department that signed it
 * and then returned it, as the service did before a new assignment cleared it (Tickets.route), and leaves
 * every other sign alone. Its statements run again on a database of its own (H2, or in the PostgreSQL pass
 * PostgreSQL), on a ticket put back as the service used to leave it.
 */
@SanfuTest
@TestPropertySource(properties = "sanfu.test.context=migration-replays") // rewrites a sign, resets the figures
class StaleSignMigrationTests {

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSignFromBeforeThePresentSignClockIsClearedAndTheFiguresAreRebuilt() {
        String code = api.enterprise("宁波签收回填贸易有限公司", "签收回填镇");
        List<String> t = api.visit(code, List.of(Api.problem("CONTAINER", "订舱难"), Api.problem("CONTAINER", "缺箱")))
                .stream().map(n -> n.get("id").asText()).toList();
        api.act(t.get(0), "sign", "transport", null);
        api.act(t.get(0), "return", "transport", Map.of("reason", "属商务事项"));
        api.act(t.get(0), "assign", "dispatch", Map.of("leadDepartment", "COMMERCE"));
        assertThat(signedAt(t.get(0))).as("the service clears it now").isNull();
        api.act(t.get(1), "sign", "transport", null);
        Timestamp kept = signedAt(t.get(1));

        // as the service left it before V29: transport's sign, from before commerce's clock started
        Timestamp clock = jdbc.queryForObject("select sign_clock_start from ticket where id = ?", Timestamp.class,
                Long.parseLong(t.get(0)));
        jdbc.update("update ticket set signed_at = ?, signed_on_time = true where id = ?",
                new Timestamp(clock.getTime() - 60_000), Long.parseLong(t.get(0)));
        List<String> statements = MigrationScript.statements("V29__sign_of_the_present_lead.sql");
        assertThat(statements).hasSize(2);
        statements.forEach(jdbc::update);

        assertThat(signedAt(t.get(0))).isNull();
        assertThat(jdbc.queryForObject("select signed_on_time from ticket where id = ?", Boolean.class,
                Long.parseLong(t.get(0)))).isNull();
        assertThat(signedAt(t.get(1))).as("a sign of the present lead stays").isEqualTo(kept);
        assertThat(jdbc.queryForObject("select zone from figure_state where id = 1", String.class))
                .as("the figures are rebuilt at the next start").isNull();
    }

    private Timestamp signedAt(String id) {
        return jdbc.queryForObject("select signed_at from ticket where id = ?", Timestamp.class, Long.parseLong(id));
    }
}
