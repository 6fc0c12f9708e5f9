package org.sanfu.enterprise;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.sanfu.PinyinOrder;
import org.sanfu.RacedInsert;
import org.sanfu.Sql;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.sanfu.web.Where;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;

@Repository
class Enterprises {

    private static final String COLUMNS = "credit_code, name, town, industry, exporter, key_enterprise, specialist, "
            + "latest_operating_status, created_at, updated_at, contact_name, contact_phone";

    private final JdbcClient jdbc;
    private final RacedInsert raced;
    /** The row lock an update of an enterprise takes ({@link Sql#updateLock}). */
    private final String updateLock;

    Enterprises(JdbcClient jdbc, PlatformTransactionManager transactions, DataSource dataSource) {
        this.jdbc = jdbc;
        this.raced = new RacedInsert(transactions);
        this.updateLock = Sql.updateLock(dataSource);
    }

    Optional<Enterprise> find(String creditCode) {
        return jdbc.sql("select " + COLUMNS + " from enterprise where credit_code = ?")
                .param(creditCode).query(Enterprises::map).optional();
    }

    /** The enterprises with any of these names (at most a thousand: the caller's chunk), one statement by the index on name. */
    List<Enterprise> named(Collection<String> names) {
        return jdbc.sql("select " + COLUMNS + " from enterprise where name in (:names) order by credit_code")
                .param("names", List.copyOf(names)).query(Enterprises::map).list();
    }

    /** The names of these enterprises by credit code, in one read (an unknown code is left out). */
    Map<String, String> names(Collection<String> creditCodes) {
        if (creditCodes.isEmpty()) {
            return Map.of();
        }
        Map<String, String> names = new HashMap<>();
        jdbc.sql("select credit_code, name from enterprise where credit_code in (:codes)")
                .param("codes", List.copyOf(creditCodes))
                .query((rs, n) -> names.put(rs.getString(1), rs.getString(2))).list();
        return names;
    }

    /** How many enterprises name this user name their 驻企服务专员 (the index on specialist answers it). */
    long countBySpecialist(String specialist) {
        return jdbc.sql("select count(*) from enterprise where specialist = ?").param(specialist)
                .query(Long.class).single();
    }

    /**
     * How many enterprises name each of these user names their 驻企服务专员, those naming none left out (the index on
     * specialist answers).
     */
    Map<String, Long> countBySpecialistAmong(List<String> usernames) {
        Map<String, Long> counts = new HashMap<>();
        Sql.inChunks(usernames, names -> jdbc.sql(
                "select specialist, count(*) as n from enterprise where specialist in (:names) group by specialist")
                .param("names", names).query((row, i) -> Map.entry(row.getString("specialist"), row.getLong("n")))
                .list()).forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** The towns the enterprises on file are in, each once (the index on town holds them). */
    List<String> towns() {
        return jdbc.sql("select distinct town from enterprise where town is not null").query(String.class).list();
    }

    /**
     * Files the enterprise, which was not on file when the caller looked: false when it is now, filed by another
     * request since (the same code filed twice at once); the caller's transaction goes on either way.
     */
    boolean insert(EnterpriseForm f, Instant now) {
        return raced.insert(() -> jdbc.sql("insert into enterprise (" + COLUMNS + ", name_order, "
                        + "name_as_said) values (?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?)")
                .params(f.creditCode(), f.name(), f.town(), f.industry(), Boolean.TRUE.equals(f.exporter()),
                        Boolean.TRUE.equals(f.key()), f.specialist(), Sql.ts(now), Sql.ts(now), f.contactName(),
                        f.contactPhone(), PinyinOrder.key(f.name()), NameAsSaid.of(f.name()))
                .update());
    }

    /** The file as the form has it, its contact too but for the parts {@code kept}. */
    void update(EnterpriseForm f, ContactKept kept, Instant now) {
        List<Object> values = new ArrayList<>(Arrays.asList(f.name(), PinyinOrder.key(f.name()),
                NameAsSaid.of(f.name()), f.town(), f.industry(), Boolean.TRUE.equals(f.exporter()),
                Boolean.TRUE.equals(f.key()), f.specialist(), Sql.ts(now)));
        if (!kept.contactName()) {
            values.add(f.contactName());
        }
        if (!kept.contactPhone()) {
            values.add(f.contactPhone());
        }
        values.add(f.creditCode());
        jdbc.sql("update enterprise set name = ?, name_order = ?, name_as_said = ?, town = ?, industry = ?, "
                        + "exporter = ?, key_enterprise = ?, specialist = ?, updated_at = ?"
                        + (kept.contactName() ? "" : ", contact_name = ?")
                        + (kept.contactPhone() ? "" : ", contact_phone = ?")
                        + " where credit_code = ?")
                .params(values).update();
    }

    /** The credit codes of the enterprises whose 驻企服务专员 this user name is. */
    List<String> lookedAfterBy(String specialist) {
        return jdbc.sql("select credit_code from enterprise where specialist = ?").param(specialist)
                .query(String.class).list();
    }

    /**
     * Takes the rows of these enterprises (those on file) as their updates would, held until the transaction
     * ends, in credit-code order: a thousand codes a statement, the statements in that order too (a code's digits
     * and capital letters sort alike in Java and in any collation).
     */
    void lock(Collection<String> creditCodes) {
        List<String> codes = creditCodes.stream().distinct().sorted().toList();
        for (List<String> chunk : Sql.chunks(codes)) {
            jdbc.sql("select credit_code from enterprise where credit_code in (:codes) order by credit_code "
                    + updateLock).param("codes", chunk).query(String.class).list();
        }
    }

    /** Gives the enterprises of one 驻企服务专员 another; how many. */
    int reassignSpecialist(String from, String to, Instant now) {
        return jdbc.sql("update enterprise set specialist = ?, updated_at = ? where specialist = ?")
                .params(to, Sql.ts(now), from).update();
    }

    /** A visit logged late does not overwrite what a later visit saw. */
    void updateOperatingStatus(String creditCode, OperatingStatus status, Instant seenAt, Instant now) {
        jdbc.sql("update enterprise set latest_operating_status = ?, operating_status_seen_at = ?, updated_at = ? "
                        + "where credit_code = ? and (operating_status_seen_at is null or operating_status_seen_at <= ?)")
                .params(status.name(), Sql.ts(seenAt), Sql.ts(now), creditCode, Sql.ts(seenAt)).update();
    }

    /**
     * A page of the enterprises, in pinyin order of their names (PinyinOrder), those of one name by credit code: the
     * index on both gives a page without sorting the file. Each word of q is in the name as filed or as said
     * ({@link NameAsSaid}: 温岭海通 for 温岭市海通…), the credit code or the town (镇（街道）).
     */
    PageResult<Enterprise> list(String town, Boolean key, String q, String specialist, PageParams page) {
        Where where = new Where().eq("town", town).eq("key_enterprise", key).eq("specialist", specialist)
                .contains(q, "name", "name_as_said", "credit_code", "town");
        return where.page(jdbc, COLUMNS, "enterprise", "name_order, credit_code", page, Enterprises::map);
    }

    private static Enterprise map(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("latest_operating_status");
        return new Enterprise(rs.getString("credit_code"), rs.getString("name"), rs.getString("town"),
                rs.getString("industry"), rs.getBoolean("exporter"), rs.getBoolean("key_enterprise"),
                rs.getString("specialist"), status == null ? null : OperatingStatus.valueOf(status),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), rs.getString("contact_name"),
                rs.getString("contact_phone"));
    }
}
