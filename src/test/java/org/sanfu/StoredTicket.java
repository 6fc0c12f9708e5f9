package org.sanfu;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a ticket's row says as stored, read past the service, for tests of what a change wrote. */
public final class StoredTicket {

    private StoredTicket() {}

    /** The ticket's updated_at as its row holds it. */
    public static Instant updatedAt(JdbcClient jdbc, long id) {
        return jdbc.sql("select updated_at from ticket where id = ?").param(id).query((rs, n) -> Sql.instant(rs, 1))
                .single();
    }

    /** {@link #updatedAt(JdbcClient, long)} of the ticket the API names {@code id}. */
    public static Instant updatedAt(JdbcClient jdbc, String id) {
        return updatedAt(jdbc, Long.parseLong(id));
    }
}
