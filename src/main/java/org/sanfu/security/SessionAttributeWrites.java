package org.sanfu.security;

import javax.sql.DataSource;
import org.sanfu.Sql;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A session attribute new to two requests of one session at once (a double click, two tabs: the first
 * message a page shows after a redirect, Spring's flash maps) is written by both: Spring Session inserts it
 * twice, and the second request failed on the attribute's key after its work was done. Here the insert
 * writes over a row already there, as Spring Session's own customizer does on PostgreSQL; the later request's
 * value stands, as it does for an attribute both change.
 */
@Component
class SessionAttributeWrites implements SessionRepositoryCustomizer<JdbcIndexedSessionRepository> {

    private static final String H2_UPSERT = """
            MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
            KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
            VALUES (?, ?, ?)
            """;

    private final DataSource dataSource;

    SessionAttributeWrites(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void customize(JdbcIndexedSessionRepository sessions) {
        if (Sql.postgres(dataSource)) {
            new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(sessions);
        } else {
            sessions.setCreateSessionAttributeQuery(H2_UPSERT);
        }
    }
}
