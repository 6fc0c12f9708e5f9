package org.sanfu.report;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sanfu.Api;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Copies of one new ticket written behind the service's back, so that a report finds more tickets than
 * its lists hold, and removed after each test (register it with {@code @RegisterExtension} in a
 * {@code @SanfuTest}). A copy has no history, no process and no share of the pre-computed figures: a test
 * sets its fields and dates in a year no other test reads.
 */
final class TicketCopies implements BeforeEachCallback, AfterEachCallback {

    private final List<Long> ids = new ArrayList<>();
    private Api api;
    private JdbcTemplate jdbc;
    private Long template;
    private String columns;

    @Override
    public void beforeEach(ExtensionContext context) {
        ApplicationContext spring = SpringExtension.getApplicationContext(context);
        api = spring.getBean(Api.class);
        jdbc = spring.getBean(JdbcTemplate.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ids.forEach(id -> jdbc.update("delete from ticket where id = ?", id));
        ids.clear();
    }

    /** A new copy of the template (a ticket of a new enterprise, made on first use); its id. */
    long copy() {
        if (template == null) {
            template = api.ticket("OTHER").get("id").asLong();
            columns = String.join(", ", jdbc.queryForList("select * from ticket where id = ?", template).get(0)
                    .keySet().stream().filter(c -> !c.equalsIgnoreCase("id")).toList());
        }
        jdbc.update("insert into ticket (" + columns + ") select " + columns + " from ticket where id = ?", template);
        long id = jdbc.queryForObject("select max(id) from ticket", Long.class);
        ids.add(id);
        return id;
    }
}
