package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
}
