package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.MigrationScript;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The departments that held a ticket's lead and those that returned it, as the service keeps them, and as
 * {@code V27_1__lead_turns.sql} fills them in for the tickets from before it, from their history: its
 * statements, run again on a database of its own (H2, or in the PostgreSQL pass PostgreSQL) after the columns
 * are emptied, give back what the service wrote for every ticket, as {@code ticket_facts} publishes them. They
 * write only the tickets that were returned: a stored null is the present lead alone.
 */
@SanfuTest
@TestPropertySource(properties = "sanfu.test.context=migration-replays") // empties the columns of every ticket
class LeadTurnsBackfillTests {

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theServiceKeepsWhoLedAndWhoReturnedAndTheMigrationFindsTheSameFromTheHistory() {
        String code = api.enterprise("宁波回填测试贸易有限公司", "回填镇");
        List<String> t = api.visit(code, List.of(Api.problem("CONTAINER", "订舱难"), Api.problem("CONTAINER", "缺箱"),
                Api.problem("CONTAINER", "运价高"), Api.problem("OTHER", "厂区道路")))
                .stream().map(n -> n.get("id").asText()).toList();
        api.act(t.get(0), "return", "transport", Map.of("reason", "属商务事项"));
        api.act(t.get(0), "assign", "dispatch", Map.of("leadDepartment", "COMMERCE", "note", "改派"));
        api.act(t.get(1), "return", "transport", Map.of("reason", "属融资事项"));
        api.act(t.get(1), "assign", "dispatch", Map.of("leadDepartment", "FINANCE"));
        api.act(t.get(1), "sign", "finance", null);
        api.act(t.get(1), "return", "finance", Map.of("reason", "不属金融事项"));
        api.act(t.get(1), "assign", "dispatch", Map.of("leadDepartment", "TRANSPORT", "note", "退回不成立"));

        Map<String, List<String>> kept = columns(t);
        assertThat(kept).containsExactly(
                Map.entry(t.get(0), Arrays.asList("COMMERCE,TRANSPORT", "TRANSPORT")),
                Map.entry(t.get(1), Arrays.asList("FINANCE,TRANSPORT", "FINANCE,TRANSPORT")),
                Map.entry(t.get(2), Arrays.asList("TRANSPORT", null)),
                Map.entry(t.get(3), Arrays.asList(null, null)));
        assertThat(api.get("/api/tickets/" + t.get(3), "dispatch").json().get("status").asText())
                .as("no routing rule: never assigned").isEqualTo("DISPATCHING");

        List<String> all = jdbc.queryForList("select id from ticket order by id", String.class);
        Map<String, List<String>> everyTicket = columns(all);
        jdbc.update("update ticket set lead_departments = null, returned_by = null");
        backfillStatements().forEach(jdbc::update);
        assertThat(columns(all)).isEqualTo(everyTicket);
        assertThat(jdbc.queryForObject("select count(*) from ticket where returned_by is null and lead_departments is not null",
                Long.class)).as("a ticket never returned is not written").isZero();
        assertThat(jdbc.queryForObject("select count(*) from ticket where returned_by is not null", Long.class))
                .as("the returned ones are").isGreaterThanOrEqualTo(2);

        // a ticket from before, never written by the migration, keeps its lead among those that held it
        api.act(t.get(2), "return", "transport", Map.of("reason", "属商务事项"));
        api.act(t.get(2), "assign", "dispatch", Map.of("leadDepartment", "COMMERCE"));
        assertThat(columns(List.of(t.get(2)))).containsExactly(
                Map.entry(t.get(2), Arrays.asList("COMMERCE,TRANSPORT", "TRANSPORT")));
    }

    /** lead_departments and returned_by of each ticket as published, in the order given. */
    private Map<String, List<String>> columns(List<String> ids) {
        return ids.stream().collect(Collectors.toMap(id -> id, id -> jdbc.queryForObject(
                "select lead_departments, returned_by from ticket_facts where id = ?",
                (rs, n) -> Arrays.asList(rs.getString(1), rs.getString(2)), Long.parseLong(id)),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** The migration's statements that fill the two columns in, from its helper table's creation to its drop. */
    private static List<String> backfillStatements() {
        List<String> statements = new ArrayList<>();
        for (String statement : MigrationScript.statements("V27_1__lead_turns.sql")) {
            if (statement.startsWith("create table lead_turn_backfill") || !statements.isEmpty()) {
                statements.add(statement);
            }
            if (statement.startsWith("drop table lead_turn_backfill")) {
                break;
            }
        }
        assertThat(statements).hasSize(6);
        return statements;
    }
}
