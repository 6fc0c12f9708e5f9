package org.sanfu.report;

import java.time.Instant;
import java.util.Optional;
import org.sanfu.RacedInsert;
import org.sanfu.Sql;
import org.sanfu.web.IsoWeek;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;

/** Stored briefings as JSON, one per week, never overwritten: a past week reads the same later. */
@Repository
class Briefings {

    private final JdbcClient jdbc;
    private final RacedInsert raced;

    Briefings(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.raced = new RacedInsert(transactions);
    }

    Optional<String> find(IsoWeek week) {
        return jdbc.sql("select content from briefing where week = ?").param(week.toString()).query(String.class)
                .optional();
    }

    /**
     * False when that week's briefing was stored already, also by another job since this one looked; the
     * caller's transaction goes on either way.
     */
    boolean store(IsoWeek week, Instant generatedAt, String content) {
        if (find(week).isPresent()) {
            return false;
        }
        return raced.insert(() -> jdbc.sql("insert into briefing (week, generated_at, content) values (?, ?, ?)")
                .params(week.toString(), Sql.ts(generatedAt), content).update());
    }
}
