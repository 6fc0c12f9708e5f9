package org.sanfu.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Accounts {

    /**
     * An account; a disabled one signs in nowhere. {@code passwordChangeRequired}: its password was set by an
     * administrator, and its person must choose their own before opening any other page (PasswordChangeFirst).
     */
    record Account(String username, String passwordHash, Role role, String department, boolean enabled,
            boolean passwordChangeRequired) {

        /** A new account, enabled, with a password its person chose. */
        Account(String username, String passwordHash, Role role, String department) {
            this(username, passwordHash, role, department, true);
        }

        Account(String username, String passwordHash, Role role, String department, boolean enabled) {
            this(username, passwordHash, role, department, enabled, false);
        }
    }

    private static final String COLUMNS = "username, password_hash, role, department, enabled, password_change_required";
    private static final RowMapper<Account> ACCOUNT = (rs, n) -> new Account(rs.getString(1), rs.getString(2),
            Role.valueOf(rs.getString(3)), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6));

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> find(String username) {
        return jdbc.sql("select " + COLUMNS + " from account where username = ?").param(username)
                .query(ACCOUNT).optional();
    }

    /** As {@link #find}, its row locked until the transaction ends: it is not disabled or given another role meanwhile. */
    Optional<Account> lock(String username) {
        return jdbc.sql("select " + COLUMNS + " from account where username = ? for update").param(username)
                .query(ACCOUNT).optional();
    }

    List<Account> all() {
        return jdbc.sql("select " + COLUMNS + " from account order by username").query(ACCOUNT).list();
    }

    /** The enabled accounts among these user names, by user name. */
    List<Account> enabledAmong(List<String> usernames) {
        return jdbc.sql("select " + COLUMNS + " from account where enabled = :enabled and username in (:usernames) "
                + "order by username").param("enabled", true).param("usernames", usernames).query(ACCOUNT).list();
    }

    boolean anyWithRole(Role role) {
        return jdbc.sql("select count(*) from account where role = ?").param(role.name())
                .query(Long.class).single() > 0;
    }

    /** The roles at least one enabled account has. */
    Set<Role> enabledRoles() {
        return jdbc.sql("select distinct role from account where enabled = ?").param(true)
                .query((rs, n) -> Role.valueOf(rs.getString(1))).set();
    }

    /** The departments at least one enabled account of this role belongs to. */
    Set<String> departmentsOfEnabled(Role role) {
        return jdbc.sql("select distinct department from account where role = ? and enabled = ? and department is not null")
                .params(role.name(), true).query(String.class).set();
    }

    boolean exists(String username) {
        return jdbc.sql("select count(*) from account where username = ?").param(username)
                .query(Long.class).single() > 0;
    }

    /**
     * Whether an account has this user name in any letter case (ZY.LUBEI beside zy.lubei). User names are ASCII
     * (AccountAdministration), which lower() folds alike on H2 and PostgreSQL.
     */
    boolean existsIgnoringCase(String username) {
        return jdbc.sql("select count(*) from account where lower(username) = lower(?)").param(username)
                .query(Long.class).single() > 0;
    }

    void create(Account account) {
        jdbc.sql("insert into account (username, password_hash, role, department, enabled, password_change_required) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(account.username(), account.passwordHash(), account.role().name(), account.department(),
                        account.enabled(), account.passwordChangeRequired())
                .update();
    }

    /** The person an account is: the name (姓名) and the telephone an enterprise may call, each null for none. */
    record Person(String name, String phone) {}

    /** The people of the accounts that have a name or a telephone, by user name. */
    Map<String, Person> people() {
        Map<String, Person> people = new HashMap<>();
        jdbc.sql("select username, display_name, phone from account where display_name is not null or phone is not null")
                .query((RowCallbackHandler) rs -> people.put(rs.getString(1), new Person(rs.getString(2), rs.getString(3))));
        return people;
    }

    /** The account's person's name; null takes it away. Whether it was another (false: nothing changed). */
    boolean rename(String username, String displayName) {
        return jdbc.sql("update account set display_name = ? where username = ? and display_name is distinct from ?")
                .params(displayName, username, displayName).update() > 0;
    }

    /** The account's person's telephone; null takes it away. Whether it was another (false: nothing changed). */
    boolean changePhone(String username, String phone) {
        return jdbc.sql("update account set phone = ? where username = ? and phone is distinct from ?")
                .params(phone, username, phone).update() > 0;
    }

    /**
     * The user names of the enabled administrators, their rows locked until the transaction ends: two
     * administrators disabling each other at once must not leave none (the second waits, then counts again).
     */
    List<String> lockEnabledAdministrators() {
        return jdbc.sql("select username from account where role = ? and enabled = ? order by username for update")
                .params(Role.ADMIN.name(), true).query(String.class).list();
    }

    /** Whether the account had another role or department (false: nothing changed). */
    boolean changeRole(String username, Role role, String department) {
        return jdbc.sql("update account set role = ?, department = ? where username = ? "
                        + "and (role <> ? or department is distinct from ?)")
                .params(role.name(), department, username, role.name(), department).update() > 0;
    }

    /** Whether the account was otherwise and is now so: false when it was so already (nothing changed). */
    boolean changeEnabled(String username, boolean enabled) {
        return jdbc.sql("update account set enabled = ? where username = ? and enabled = ?")
                .params(enabled, username, !enabled).update() > 0;
    }

    /** A password an administrator set: its person is asked to choose their own at the next sign-in. */
    void resetPassword(String username, String passwordHash) {
        jdbc.sql("update account set password_hash = ?, password_change_required = ? where username = ?")
                .params(passwordHash, true, username).update();
    }

    /**
     * The person's own new password, in place of the one whose hash they proved to know: false (nothing changed)
     * when the hash is no longer that one, changed meanwhile by an administrator or another of their sessions.
     */
    boolean changeOwnPassword(String username, String knownHash, String passwordHash) {
        return jdbc.sql("update account set password_hash = ?, password_change_required = ? "
                        + "where username = ? and password_hash = ?")
                .params(passwordHash, false, username, knownHash).update() == 1;
    }
}
