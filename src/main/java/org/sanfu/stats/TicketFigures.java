package org.sanfu.stats;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sanfu.ticket.TicketFacts;
import org.sanfu.web.Where;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The figures as one aggregate query over the tickets the ticket module publishes (the view
 * {@link org.sanfu.ticket.TicketFacts}, never its tables nor Camunda's history), by the indexes on
 * reported_at and the grouping columns. Conditional counts and percentile_cont run the same on H2
 * and PostgreSQL.
 */
@Repository
class TicketFigures {

    /** What the figures may be grouped by: a column of the published tickets each. */
    enum Grouping {
        NONE(null), CATEGORY("category"), DEPARTMENT("lead_department"), TOWN("town");

        final String column;

        Grouping(String column) {
            this.column = column;
        }
    }

    private static final String COUNTS = """
            count(*) as total,
            sum(case when t.status = 'CLOSED' then 1 else 0 end) as closed,
            sum(case when %s then 1 else 0 end) as overdue_open,
            sum(case when t.overdue then 1 else 0 end) as overdue,
            sum(case when t.signed_at is not null then 1 else 0 end) as signed,
            sum(case when t.signed_on_time then 1 else 0 end) as signed_on_time,
            sum(case when t.signed_at is null and t.sign_overdue then 1 else 0 end) as unsigned_overdue,
            sum(case when t.status <> 'CLOSED' and t.reply_overdue then 1 else 0 end) as open_reply_overdue,
            sum(case when t.status = 'CLOSED' and t.replied_on_time then 1 else 0 end) as closed_on_time,
            sum(case when t.satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED') then 1 else 0 end)
                as rated,
            sum(case when t.satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED') then 1 else 0 end) as satisfied,
            sum(case when t.replied_at is not null then 1 else 0 end) as replied,
            sum(case when t.reopen_count > 0 then 1 else 0 end) as reopened,
            sum(case when t.assigned_at is not null then 1 else 0 end) as assigned,
            sum(case when t.return_count > 0 then 1 else 0 end) as returned,
            percentile_cont(0.5) within group (order by t.hours_to_close) as median_hours
            """.formatted(TicketFacts.OPEN_OVERDUE);

    private final JdbcClient jdbc;

    TicketFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Figures.Counts total(TicketFilter filter) {
        return grouped(filter, Grouping.NONE).getOrDefault(null, Figures.Counts.none());
    }

    /** Counts per value of the grouping column (null key for NONE), in the column's order. */
    Map<String, Figures.Counts> grouped(TicketFilter filter, Grouping grouping) {
        Where where = new Where()
                .notBefore("t.reported_at", filter.from())
                .before("t.reported_at", filter.toExclusive())
                .eq("t.lead_department", filter.department())
                .eq("t.category", filter.category())
                .eq("t.town", filter.town());
        String key = grouping.column == null ? "" : "t." + grouping.column + " as group_key, ";
        String groupBy = grouping.column == null ? "" : " group by t." + grouping.column + " order by t." + grouping.column;
        Map<String, Figures.Counts> result = new LinkedHashMap<>();
        jdbc.sql("select " + key + COUNTS + " from ticket_facts t" + where.sql() + groupBy).params(where.args()).query(rs -> {
            result.put(grouping.column == null ? null : rs.getString("group_key"), counts(rs));
        });
        return result;
    }

    private static Figures.Counts counts(ResultSet rs) throws SQLException {
        BigDecimal median = rs.getBigDecimal("median_hours");
        return new Figures.Counts(rs.getLong("total"), rs.getLong("closed"), rs.getLong("overdue_open"),
                rs.getLong("overdue"), rs.getLong("signed"), rs.getLong("signed_on_time"), rs.getLong("unsigned_overdue"),
                rs.getLong("open_reply_overdue"),
                rs.getLong("closed_on_time"), rs.getLong("rated"), rs.getLong("satisfied"), rs.getLong("replied"),
                rs.getLong("reopened"), rs.getLong("assigned"), rs.getLong("returned"), median);
    }
}
