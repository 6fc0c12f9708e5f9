package org.sanfu.calendar;

import java.time.Instant;
import java.util.Optional;
import org.sanfu.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The calendar the running deadlines were counted on, as {@link WorkingDayCalendar#described()} text
 * (table calendar_in_effect, one row). Read under its row lock, so that of several nodes starting with a
 * new calendar one recounts and the others find it recorded.
 */
@Repository
public class CalendarOnRecord {

    /** The last change: from when the calendar on file counted, and how many running deadlines it moved. */
    public record Change(Instant at, int clocksMoved) {}

    private final JdbcClient jdbc;

    CalendarOnRecord(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The text recorded, its row locked until the transaction ends; empty before any start recorded one.
     * Call it inside a transaction.
     */
    public Optional<String> lockRecorded() {
        return jdbc.sql("select described from calendar_in_effect where id = 1 for update").query(String.class)
                .optional();
    }

    /** The text recorded, read without waiting for a start that is recording another; empty before any start. */
    public Optional<String> recorded() {
        return jdbc.sql("select described from calendar_in_effect where id = 1").query(String.class)
                .optional();
    }

    /** The first calendar a database counts on: nothing was counted on another one. */
    public void recordFirst(String described, Instant now) {
        jdbc.sql("update calendar_in_effect set described = ?, recorded_at = ? where id = 1")
                .params(described, Sql.ts(now)).update();
    }

    /** The calendar written otherwise, counting every running deadline as the one on record: no change to show. */
    public void recordSame(String described) {
        jdbc.sql("update calendar_in_effect set described = ? where id = 1").param(described).update();
    }

    /** A changed calendar, now counting, after {@code clocksMoved} running deadlines were recounted on it. */
    public void recordChange(String described, Instant now, int clocksMoved) {
        jdbc.sql("update calendar_in_effect set described = ?, recorded_at = ?, changed_at = ?, clocks_moved = ?"
                + " where id = 1").params(described, Sql.ts(now), Sql.ts(now), clocksMoved).update();
    }

    /** The calendar's last change, if it ever changed. */
    public Optional<Change> lastChange() {
        return jdbc.sql("select changed_at, clocks_moved from calendar_in_effect where id = 1 and changed_at is not null")
                .query((rs, n) -> new Change(Sql.instant(rs, "changed_at"), rs.getInt("clocks_moved"))).optional();
    }
}
