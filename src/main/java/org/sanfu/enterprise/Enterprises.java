package org.sanfu.enterprise;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sanfu.Sql;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Enterprises {

    private static final String COLUMNS = "credit_code, name, town, industry, exporter, key_enterprise, specialist, "
            + "latest_operating_status, created_at, updated_at";

    private final JdbcClient jdbc;

    Enterprises(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Enterprise> find(String creditCode) {
        return jdbc.sql("select " + COLUMNS + " from enterprise where credit_code = ?")
                .param(creditCode).query(Enterprises::map).optional();
    }

    void insert(EnterpriseForm f, Instant now) {
        jdbc.sql("insert into enterprise (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, null, ?, ?)")
                .params(f.creditCode(), f.name(), f.town(), f.industry(), Boolean.TRUE.equals(f.exporter()),
                        Boolean.TRUE.equals(f.key()), f.specialist(), Sql.ts(now), Sql.ts(now))
                .update();
    }

    void update(EnterpriseForm f, Instant now) {
        jdbc.sql("update enterprise set name = ?, town = ?, industry = ?, exporter = ?, key_enterprise = ?, "
                        + "specialist = ?, updated_at = ? where credit_code = ?")
                .params(f.name(), f.town(), f.industry(), Boolean.TRUE.equals(f.exporter()),
                        Boolean.TRUE.equals(f.key()), f.specialist(), Sql.ts(now), f.creditCode())
                .update();
    }

    /** A visit logged late does not overwrite what a later visit saw. */
    void updateOperatingStatus(String creditCode, OperatingStatus status, Instant seenAt, Instant now) {
        jdbc.sql("update enterprise set latest_operating_status = ?, operating_status_seen_at = ?, updated_at = ? "
                        + "where credit_code = ? and (operating_status_seen_at is null or operating_status_seen_at <= ?)")
                .params(status.name(), Sql.ts(seenAt), Sql.ts(now), creditCode, Sql.ts(seenAt)).update();
    }

    PageResult<Enterprise> list(String town, Boolean key, String q, PageParams page) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (town != null) {
            where.append(" and town = ?");
            args.add(town);
        }
        if (key != null) {
            where.append(" and key_enterprise = ?");
            args.add(key);
        }
        if (q != null) {
            where.append(" and (lower(name) like ? escape '\\' or lower(credit_code) like ? escape '\\')");
            args.add(Sql.contains(q));
            args.add(Sql.contains(q));
        }
        long total = jdbc.sql("select count(*) from enterprise" + where).params(args).query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(page.size());
        pageArgs.add(page.offset());
        List<Enterprise> items = jdbc.sql("select " + COLUMNS + " from enterprise" + where
                        + " order by name, credit_code limit ? offset ?")
                .params(pageArgs).query(Enterprises::map).list();
        return PageResult.of(items, page, total);
    }

    private static Enterprise map(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("latest_operating_status");
        return new Enterprise(rs.getString("credit_code"), rs.getString("name"), rs.getString("town"),
                rs.getString("industry"), rs.getBoolean("exporter"), rs.getBoolean("key_enterprise"),
                rs.getString("specialist"), status == null ? null : OperatingStatus.valueOf(status),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
