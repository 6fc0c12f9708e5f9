package org.sanfu.visit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.sanfu.Sql;
import org.sanfu.enterprise.OperatingStatus;
import org.sanfu.ticket.Source;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.sanfu.web.Where;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class Visits {

    private final JdbcClient jdbc;

    Visits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String creditCode, Instant visitedAt, String staff, Source source, OperatingStatus status,
            Integer orderBacklogMonths, String notes, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into visit (enterprise_credit_code, visited_at, staff, source, operating_status, "
                        + "order_backlog_months, notes, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(creditCode, Sql.ts(visitedAt), staff, source.name(), status == null ? null : status.name(),
                        orderBacklogMonths, notes, Sql.ts(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<Visit> find(long id) {
        return jdbc.sql("select * from visit where id = ?").param(id).query(Visits::map).optional();
    }

    PageResult<Visit> list(String enterprise, String staff, Instant from, Instant toExclusive, PageParams page) {
        Where where = new Where().eq("enterprise_credit_code", enterprise).eq("staff", staff)
                .notBefore("visited_at", from).before("visited_at", toExclusive);
        return where.page(jdbc, "*", "visit", "visited_at desc, id desc", page, Visits::map);
    }

    private static Visit map(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("operating_status");
        Integer backlog = rs.getObject("order_backlog_months", Integer.class);
        return new Visit(rs.getLong("id"), rs.getString("enterprise_credit_code"), Sql.instant(rs, "visited_at"),
                rs.getString("staff"), Source.valueOf(rs.getString("source")),
                status == null ? null : OperatingStatus.valueOf(status), backlog,
                rs.getString("notes"), Sql.instant(rs, "created_at"));
    }
}
