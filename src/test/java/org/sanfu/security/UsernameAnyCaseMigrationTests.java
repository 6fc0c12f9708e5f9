package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.sanfu.TestDatabase;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration V56 ({@link UsernameAnyCaseMigration}) on a database of its own (H2, or in the PostgreSQL pass
 * PostgreSQL): accounts made before it that differ only in case stop it, named, with nothing changed; once one of
 * each is kept it runs, and no later account differs from another only in case.
 */
class UsernameAnyCaseMigrationTests {

    private final String vendor = TestDatabase.onPostgres() ? "postgresql" : "h2";
    private final DriverManagerDataSource dataSource = TestDatabase.newDataSource("username-any-case");
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    /** The scripts; V45 and V48, written in Java in the enterprise module, touch no account and are left out. */
    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .javaMigrations(new UsernameAnyCaseMigration()).target(target).load();
    }

    @Test
    void accountsDifferingOnlyInCaseAreNamedAndStopItUntilOneOfEachIsKept() {
        flyway("55").migrate();
        for (String name : List.of("Zhang", "zhang", "LI", "Li", "wang")) {
            jdbc.update("insert into account (username, password_hash, role) values (?, 'x', 'STAFF')", name);
        }
        assertThatThrownBy(() -> flyway("56").migrate()).satisfies(e -> assertThat(messages(e))
                .contains("differ only in case: LI, Li; Zhang, zhang.").contains("Nothing was changed"));
        assertThat(jdbc.queryForObject("select count(*) from account", Integer.class)).isEqualTo(5);

        jdbc.update("delete from account where username in ('zhang', 'Li')");
        if (vendor.equals("h2")) {
            flyway("56").repair(); // H2's DDL is not transactional: Flyway may keep the failed V56 (README)
        }
        flyway("56").migrate();
        assertThatThrownBy(() -> jdbc.update(
                "insert into account (username, password_hash, role) values ('ZHANG', 'x', 'STAFF')"))
                .isInstanceOf(DuplicateKeyException.class);
        jdbc.update("insert into account (username, password_hash, role) values ('zhao', 'x', 'STAFF')");
    }

    /**
     * The groups are named in one order whatever the database sorts: a PostgreSQL made with en_US.UTF-8 collation
     * answers zhang before Zhang and Li before LI, which an {@code order by} passed on into the message.
     */
    @Test
    void theGroupsAreNamedInJavasOrderWhateverOrderTheDatabaseAnswersIn() {
        JdbcTemplate collated = mock(JdbcTemplate.class);
        when(collated.queryForList(anyString(), eq(String.class))).thenReturn(List.of("zhang", "Li", "Zhang", "LI"));
        assertThat(UsernameAnyCaseMigration.clashes(collated)).containsExactly("LI, Li", "Zhang, zhang");
    }

    private static String messages(Throwable e) {
        List<String> all = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.add(String.valueOf(t.getMessage()));
        }
        return String.join(" | ", all);
    }
}
