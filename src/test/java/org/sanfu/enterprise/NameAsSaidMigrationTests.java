package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.PinyinOrder;
import org.sanfu.Sql;
import org.sanfu.TestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration V48 ({@link NameAsSaidMigration}) on a database of its own (H2, or in the PostgreSQL pass PostgreSQL),
 * holding enterprises filed before it: each gets its name as said, which later writers must give too.
 */
class NameAsSaidMigrationTests {

    private final String vendor = TestDatabase.onPostgres() ? "postgresql" : "h2";
    private final DriverManagerDataSource dataSource = TestDatabase.newDataSource("name-as-said");

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .javaMigrations(new NameOrderMigration(), new NameAsSaidMigration()).target(target).load();
    }

    @Test
    void theEnterprisesOnFileGetTheirNamesAsSaidAndLaterOnesMustHaveOne() {
        flyway("46").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Map<String, String> said = new LinkedHashMap<>();
        said.put("温岭市海通泵业有限公司", "温岭海通泵业有限公司");
        said.put("浙江省温岭市海通阀门有限公司", "浙江温岭海通阀门有限公司");
        said.put("大润发超市有限公司", "大润发超市有限公司");
        Map<String, String> codes = new LinkedHashMap<>();
        for (String name : said.keySet()) {
            String code = Api.creditCode();
            codes.put(name, code);
            jdbc.update("insert into enterprise (credit_code, name, name_order, town, industry, exporter, "
                    + "key_enterprise, created_at, updated_at) values (?, ?, ?, '大桥镇', '泵业', true, false, ?, ?)",
                    code, name, PinyinOrder.key(name), Sql.ts(Instant.now()), Sql.ts(Instant.now()));
        }

        flyway("48").migrate();

        assertThat(flyway("48").info().current().getVersion().getVersion()).isEqualTo("48");
        said.forEach((name, asSaid) -> assertThat(jdbc.queryForObject(
                "select name_as_said from enterprise where credit_code = ?", String.class, codes.get(name)))
                .as(name).isEqualTo(asSaid));
        assertThatThrownBy(() -> jdbc.update("insert into enterprise (credit_code, name, name_order, exporter, "
                + "key_enterprise, created_at, updated_at) values (?, '温岭市无读法', ?, true, false, ?, ?)",
                Api.creditCode(), PinyinOrder.key("温岭市无读法"), Sql.ts(Instant.now()), Sql.ts(Instant.now())))
                .as("a writer that forgets it fails").isInstanceOf(DataIntegrityViolationException.class);
    }

    /**
     * Both migrations that make a column of every name (V45's keys, V48's names as said) read the enterprises a chunk
     * at a time ({@link NameColumns}): those past the first chunk get theirs too.
     */
    @Test
    void enterprisesBeyondTheFirstChunkGetTheirKeysAndNamesAsSaidToo() {
        flyway("44").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int filed = NameColumns.CHUNK * 2 + NameColumns.CHUNK / 2;
        Random random = new Random(48);
        Set<String> codes = new HashSet<>();
        while (codes.size() < filed) {
            codes.add(Api.creditCode(random));
        }
        List<Object[]> rows = new ArrayList<>();
        for (String code : codes) {
            rows.add(new Object[] {code, "温岭市海通" + rows.size() + "号泵业有限公司", Sql.ts(Instant.now()),
                    Sql.ts(Instant.now())});
        }
        jdbc.batchUpdate("insert into enterprise (credit_code, name, exporter, key_enterprise, created_at, updated_at) "
                + "values (?, ?, true, false, ?, ?)", rows);

        flyway("48").migrate();

        List<Map<String, Object>> migrated = jdbc.queryForList("select name, name_order, name_as_said from enterprise");
        assertThat(migrated).hasSize(filed).allSatisfy(enterprise -> {
            String name = (String) enterprise.get("name");
            assertThat((byte[]) enterprise.get("name_order")).as(name).isEqualTo(PinyinOrder.key(name));
            assertThat(enterprise.get("name_as_said")).as(name).isEqualTo("温岭" + name.substring("温岭市".length()));
        });
    }
}
