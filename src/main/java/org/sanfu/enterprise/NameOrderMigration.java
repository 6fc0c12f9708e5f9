package org.sanfu.enterprise;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.sanfu.PinyinOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Migration V45: the enterprise list in pinyin order. Adds enterprise.name_order, each enterprise's key of pinyin
 * order ({@link PinyinOrder#key}), made here for the enterprises on file since no SQL can make it, then required (every
 * write of a name writes its key: Enterprises, the data generator); the index the list pages by, (name_order,
 * credit_code), beside the one on name that exact-name look-ups use; and collation_in_effect, the collation version
 * the keys were made by ({@link NameOrderKeys} makes them again when it changes).
 *
 * <p>A Spring bean, which Spring Boot hands to Flyway with the scripts of db/migration: Java code in the enterprise
 * module, where the keys are made, rather than a class Flyway finds by scanning a package of the jar. Its column's
 * type is each database's binary string compared unsigned, byte by byte, as ICU's keys are meant to be.
 */
@Component
class NameOrderMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("45");
    }

    @Override
    public String getDescription() {
        return "enterprise name order";
    }

    /**
     * Fixed, as a script's is by its text: what this migration does is written out here rather than shared with code
     * that may change after it ran (the start-up check keys anew when ICU changes, {@link NameOrderKeys}).
     */
    @Override
    public Integer getChecksum() {
        return 45_001;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        jdbc.execute("alter table enterprise add column name_order " + (postgres ? "bytea" : "varbinary(1000)"));
        NameColumns.fill(jdbc, "name_order", PinyinOrder::key);
        jdbc.execute("alter table enterprise alter column name_order set not null");
        jdbc.execute("create index enterprise_name_order on enterprise (name_order, credit_code)");
        jdbc.execute("create table collation_in_effect (id integer primary key, version varchar(100) not null, "
                + "constraint collation_in_effect_one_row check (id = 1))");
        jdbc.update("insert into collation_in_effect (id, version) values (1, ?)", PinyinOrder.version());
    }
}
