package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.PinyinOrder;
import org.sanfu.Sql;
import org.sanfu.TestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration V45 ({@link NameOrderMigration}) on a database of its own (H2, or in the PostgreSQL pass PostgreSQL),
 * migrated to V44 and holding enterprises filed before it: it gives each the key of its name's pinyin order, which
 * the list's order by (name_order, credit_code) then follows, requires a key of every enterprise filed later, adds
 * the index the list pages by and records the collation's version.
 */
class NameOrderMigrationTests {

    private static final List<String> IN_ORDER = List.of("阿里", "安吉纺织", "北仑港务", "杭州泵业", "宁波舟山港",
            "衢州化工", "鄞州区五金", "张家港物流");

    private final String vendor = TestDatabase.onPostgres() ? "postgresql" : "h2";
    private final DriverManagerDataSource dataSource = TestDatabase.newDataSource("name-order");


    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .javaMigrations(new NameOrderMigration()).target(target).load();
    }

    @Test
    void theEnterprisesOnFileGetTheirKeysAndTheListsOrderAndLaterOnesMustHaveOne() throws SQLException {
        flyway("44").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> names = new ArrayList<>(IN_ORDER);
        Collections.shuffle(names, new Random(45));
        Map<String, String> codes = new java.util.HashMap<>();
        for (String name : names) {
            String code = Api.creditCode();
            codes.put(name, code);
            jdbc.update("insert into enterprise (credit_code, name, town, industry, exporter, key_enterprise, "
                    + "created_at, updated_at) values (?, ?, '迁移镇', '泵业', true, false, ?, ?)", code, name,
                    Sql.ts(Instant.now()), Sql.ts(Instant.now()));
        }

        flyway("45").migrate();

        MigrationInfo v45 = flyway("45").info().current();
        assertThat(v45.getVersion().getVersion()).isEqualTo("45");
        assertThat(v45.getState().isApplied()).isTrue();
        for (String name : IN_ORDER) {
            assertThat(jdbc.queryForObject("select name_order from enterprise where credit_code = ?", byte[].class,
                    codes.get(name))).as(name).isEqualTo(PinyinOrder.key(name));
        }
        assertThat(jdbc.queryForList("select name from enterprise order by name_order, credit_code", String.class))
                .containsExactlyElementsOf(IN_ORDER);
        assertThat(jdbc.queryForObject("select version from collation_in_effect", String.class))
                .isEqualTo(PinyinOrder.version());
        assertThat(indexColumns("enterprise_name_order")).containsExactly("name_order", "credit_code");
        assertThatThrownBy(() -> jdbc.update("insert into enterprise (credit_code, name, exporter, key_enterprise, "
                + "created_at, updated_at) values (?, '无键企业', true, false, ?, ?)", Api.creditCode(),
                Sql.ts(Instant.now()), Sql.ts(Instant.now())))
                .as("a writer that forgets the key fails").isInstanceOf(DataIntegrityViolationException.class);
    }

    /** The columns of an index on enterprise, in order, in lower case (H2 names them in capitals). */
    private List<String> indexColumns(String index) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.getMetaData().getIndexInfo(null, null,
                        TestDatabase.onPostgres() ? "enterprise" : "ENTERPRISE", false, false)) {
            while (rs.next()) {
                if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                    columns.add(rs.getShort("ORDINAL_POSITION") - 1, rs.getString("COLUMN_NAME").toLowerCase());
                }
            }
        }
        return columns;
    }
}
