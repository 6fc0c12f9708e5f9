package org.sanfu.visit;

import java.time.Instant;
import java.util.Optional;
import org.sanfu.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The first answer to each (user, Idempotency-Key), and a hash of the request it answered. */
@Repository
class IdempotencyKeys {

    record Stored(String requestHash, String response) {}

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(String username, String key) {
        return jdbc.sql("select request_hash, response from idempotency_key where username = ? and idem_key = ?")
                .params(username, key).query((rs, n) -> new Stored(rs.getString(1), rs.getString(2))).optional();
    }

    void store(String username, String key, String requestHash, String response, Instant now) {
        jdbc.sql("insert into idempotency_key (username, idem_key, request_hash, response, created_at) "
                        + "values (?, ?, ?, ?, ?)")
                .params(username, key, requestHash, response, Sql.ts(now)).update();
    }
}
