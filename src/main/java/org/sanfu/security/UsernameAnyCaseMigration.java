package org.sanfu.security;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.sanfu.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Migration V56: one account per user name in any letter case. account.username, the primary key, is exact in case,
 * and a new account's look for the name in any case (Accounts.existsIgnoringCase) leaves a window: two administrators
 * creating Zhang and zhang at once both passed it. A unique index on lower(username) closes it; the race's loser meets
 * the index, whose DuplicateKeyException AccountAdministration answers as the look does (409). User names are ASCII,
 * which lower() folds alike on both databases. PostgreSQL indexes the expression; H2 indexes no expression, so there a
 * generated column holds it (never written: every insert names its columns).
 * <p>
 * Accounts that already differ only in case (made before the look existed) would make the index fail with a bare
 * constraint error. The migration names them instead, and stops before changing anything: which of two accounts is
 * the person's is the operator's choice, not a migration's (their names stay on tickets' events either way).
 * <p>
 * Java, not a script: a script cannot say which accounts stand in the way on H2. A Spring bean handed to Flyway, as
 * the enterprise module's NameOrderMigration is.
 */
@Component
class UsernameAnyCaseMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("56");
    }

    @Override
    public String getDescription() {
        return "account username unique in any case";
    }

    /** Fixed, as a script's is by its text. */
    @Override
    public Integer getChecksum() {
        return 56_001;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        List<String> clashes = clashes(jdbc);
        if (!clashes.isEmpty()) {
            throw new FlywayException("Migration V56 makes user names unique in any letter case, but these accounts "
                    + "differ only in case: " + String.join("; ", clashes) + ". Keep one account of each group: "
                    + "delete the others (delete from account where username = '...') or give them another name "
                    + "(update account set username = '...' where username = '...'), then start again. Nothing "
                    + "was changed.");
        }
        if (Sql.postgres(jdbc.getDataSource())) {
            jdbc.execute("create unique index account_username_any_case on account (lower(username))");
        } else {
            jdbc.execute("alter table account add column username_any_case varchar(64) "
                    + "generated always as (lower(username))");
            jdbc.execute("create unique index account_username_any_case on account (username_any_case)");
        }
    }

    /**
     * Each group of user names differing only in case, as "Zhang, zhang": the groups (by the name in lower case) and
     * their names in Java's order (String::compareTo, by UTF-16 units), so the message is the same on every database:
     * an {@code order by} follows the database's collation, and a PostgreSQL made with en_US.UTF-8 puts zhang before
     * Zhang.
     */
    static List<String> clashes(JdbcTemplate jdbc) {
        Map<String, List<String>> groups = jdbc.queryForList("select username from account where lower(username) in "
                        + "(select lower(username) from account group by lower(username) having count(*) > 1)",
                        String.class).stream()
                .collect(Collectors.groupingBy(name -> name.toLowerCase(Locale.ROOT), TreeMap::new,
                        Collectors.toList()));
        return groups.values().stream().map(names -> String.join(", ", names.stream().sorted().toList())).toList();
    }
}
