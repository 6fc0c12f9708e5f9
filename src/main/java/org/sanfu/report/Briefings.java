package org.sanfu.report;

import java.time.Instant;
import java.util.Optional;
import org.sanfu.Sql;
import org.sanfu.web.IsoWeek;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored briefings as JSON, one per week, never overwritten: a past week reads the same later. */
@Repository
class Briefings {

    private final JdbcClient jdbc;

    Briefings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(IsoWeek week) {
        return jdbc.sql("select content from briefing where week = ?").param(week.toString()).query(String.class)
                .optional();
    }

    /** False when that week's briefing was stored already. */
    boolean store(IsoWeek week, Instant generatedAt, String content) {
        if (find(week).isPresent()) {
            return false;
        }
        try {
            jdbc.sql("insert into briefing (week, generated_at, content) values (?, ?, ?)")
                    .params(week.toString(), Sql.ts(generatedAt), content).update();
            return true;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }
}
