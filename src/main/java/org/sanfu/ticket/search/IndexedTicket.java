package org.sanfu.ticket.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sanfu.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the index keeps of a ticket: its id, the searched texts (title, description, the enterprise's name as filed and
 * as said, the town) and every list filter. The name as said is the enterprise's row's (enterprise.name_as_said), the
 * very column the SQL list reads.
 */
record IndexedTicket(long id, String title, String description, String enterpriseName, String enterpriseNameAsSaid,
        String status, String category, String town, String enterpriseCreditCode, boolean overdue,
        Instant reportedAt, String leadDepartment, List<String> coDepartments, String reporter, String source) {

    private static final String COLUMNS = "t.id, t.title, t.description, t.enterprise_name, e.name_as_said, t.status, "
            + "t.category, t.town, t.enterprise_credit_code, t.overdue, t.reported_at, t.lead_department, t.reporter, "
            + "t.source";
    private static final String FROM = " from ticket t join enterprise e on e.credit_code = t.enterprise_credit_code";

    /** These tickets as they are now (an id without a row is left out). */
    static List<IndexedTicket> byIds(JdbcClient jdbc, Collection<Long> ids) {
        return Sql.inChunks(List.copyOf(ids), 500, chunk -> {
            String marks = Sql.placeholders(chunk);
            Map<Long, List<String>> co = new HashMap<>();
            jdbc.sql("select ticket_id, department from ticket_co_department where ticket_id in (" + marks
                    + ") order by department").params(chunk)
                    .query(rs -> {
                        co.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    });
            return jdbc.sql("select " + COLUMNS + FROM + " where t.id in (" + marks + ")").params(chunk)
                    .query((rs, n) -> of(rs, co)).list();
        });
    }

    /**
     * The next tickets by id after {@code afterId}, at most {@code limit}: the rebuild's keyset batches, so
     * that memory holds one batch, never the table.
     */
    static List<IndexedTicket> batchAfter(JdbcClient jdbc, long afterId, int limit) {
        List<Long> ids = jdbc.sql("select id from ticket where id > ? order by id limit ?").params(afterId, limit)
                .query(Long.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        long last = ids.get(ids.size() - 1);
        Map<Long, List<String>> co = new HashMap<>();
        jdbc.sql("select ticket_id, department from ticket_co_department where ticket_id > ? and ticket_id <= ? "
                        + "order by ticket_id, department").params(afterId, last)
                .query(rs -> {
                    co.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return jdbc.sql("select " + COLUMNS + FROM + " where t.id > ? and t.id <= ? order by t.id")
                .params(afterId, last).query((rs, n) -> of(rs, co)).list();
    }

    private static IndexedTicket of(ResultSet rs, Map<Long, List<String>> co) throws SQLException {
        long id = rs.getLong("id");
        return new IndexedTicket(id, rs.getString("title"), rs.getString("description"),
                rs.getString("enterprise_name"), rs.getString("name_as_said"), rs.getString("status"), rs.getString("category"),
                rs.getString("town"), rs.getString("enterprise_credit_code"), rs.getBoolean("overdue"),
                Sql.instant(rs, "reported_at"), rs.getString("lead_department"), co.getOrDefault(id, List.of()),
                rs.getString("reporter"), rs.getString("source"));
    }
}
