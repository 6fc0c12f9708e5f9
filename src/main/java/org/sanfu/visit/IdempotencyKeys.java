package org.sanfu.visit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.sanfu.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The first answer to each (user, Idempotency-Key), and a hash of the request it answered, for
 * {@link #REMEMBERED}: a phone that logged a visit offline resends it when it is back in reach, days
 * later at worst; a table of every answer ever given would grow with every visit for nothing.
 */
@Repository
class IdempotencyKeys {

    static final Duration REMEMBERED = Duration.ofDays(30);

    record Stored(String requestHash, String response) {}

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(String username, String key) {
        return jdbc.sql("select request_hash, response from idempotency_key where username = ? and idem_key = ?")
                .params(username, key).query((rs, n) -> new Stored(rs.getString(1), rs.getString(2))).optional();
    }

    /** Stores the key's answer and forgets this user's keys older than {@link #REMEMBERED}. */
    void store(String username, String key, String requestHash, String response, Instant now) {
        jdbc.sql("insert into idempotency_key (username, idem_key, request_hash, response, created_at) "
                        + "values (?, ?, ?, ?, ?)")
                .params(username, key, requestHash, response, Sql.ts(now)).update();
        jdbc.sql("delete from idempotency_key where username = ? and created_at < ?")
                .params(username, Sql.ts(now.minus(REMEMBERED))).update();
    }
}
