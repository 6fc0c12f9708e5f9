package org.sanfu.enterprise;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Migration V48: enterprise.name_as_said, each enterprise's name as people say it ({@link NameAsSaid}), which the
 * enterprise and ticket lists' words match beside the name as filed (温岭海通 finds 温岭市海通泵业有限公司). Made here
 * for the enterprises on file, since no SQL of both databases reads a name so, then required: every write of a name
 * writes it (Enterprises, the data generator). A word is looked for anywhere in it, which no index serves, as for the
 * name itself; the lists page as before.
 *
 * <p>A Spring bean that Spring Boot hands to Flyway, as {@link NameOrderMigration} is. Its reading is {@link NameAsSaid}'s
 * of today: a later change to that reading needs a migration of its own to read the names on file again.
 */
@Component
class NameAsSaidMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("48");
    }

    @Override
    public String getDescription() {
        return "enterprise name as said";
    }

    /** Fixed, as a script's is by its text. */
    @Override
    public Integer getChecksum() {
        return 48_001;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        jdbc.execute("alter table enterprise add column name_as_said varchar(200)");
        NameColumns.fill(jdbc, "name_as_said", NameAsSaid::of);
        jdbc.execute("alter table enterprise alter column name_as_said set not null");
    }
}
