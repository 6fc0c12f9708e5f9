package org.sanfu.security;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Accounts {

    record Account(String username, String passwordHash, Role role, String department) {}

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> find(String username) {
        return jdbc.sql("select username, password_hash, role, department from account where username = ?")
                .param(username)
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        rs.getString(4)))
                .optional();
    }

    List<Account> all() {
        return jdbc.sql("select username, password_hash, role, department from account order by username")
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        rs.getString(4)))
                .list();
    }

    boolean anyWithRole(Role role) {
        return jdbc.sql("select count(*) from account where role = ?").param(role.name())
                .query(Long.class).single() > 0;
    }

    boolean exists(String username) {
        return jdbc.sql("select count(*) from account where username = ?").param(username)
                .query(Long.class).single() > 0;
    }

    void create(Account account) {
        jdbc.sql("insert into account (username, password_hash, role, department) values (?, ?, ?, ?)")
                .params(account.username(), account.passwordHash(), account.role().name(), account.department())
                .update();
    }
}
