package org.sanfu.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.sanfu.RacedInsert;
import org.sanfu.SanfuProperties;
import org.sanfu.Sql;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The months' rankings as stored when each month closed ({@code V28__ranking_roll.sql}), one per month,
 * never overwritten: what the 月例会 announced and the talks (约谈) followed reads the same later, whatever
 * happens to the month's tickets or the weights afterwards. Stored as the JSON the API answers with.
 */
@Repository
class RankingRolls {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final RacedInsert raced;
    private final ZoneId zone;
    private final String migrationsTable;

    RankingRolls(JdbcClient jdbc, ObjectMapper json, PlatformTransactionManager transactions,
            SanfuProperties properties,
            @Value("${spring.flyway.table:flyway_schema_history}") String migrationsTable) {
        this.jdbc = jdbc;
        this.json = json;
        this.raced = new RacedInsert(transactions);
        this.zone = properties.zone();
        // read as a setting, not from Flyway's properties bean, which a node started with spring.flyway.enabled=false
        // does not have
        this.migrationsTable = migrationsTable;
        if (migrationsTable.indexOf('"') >= 0) {
            throw new IllegalStateException("spring.flyway.table holds a double quote: " + migrationsTable);
        }
    }

    /** The month's stored ranking, with when it was stored. */
    Optional<Ranking> find(YearMonth month) {
        return jdbc.sql("select stored_at, content from ranking_roll where ranking_month = ?")
                .param(Date.valueOf(month.atDay(1)))
                .query((rs, n) -> read(rs.getString("content"), Sql.instant(rs, "stored_at"))).optional();
    }

    /**
     * The first month whose ranking was stored when it closed: the month migration V28 (this table, with the 1st's job
     * beside it) was applied in, as Flyway recorded it. The job stored every month since, unless it missed one; none
     * before. Empty where Flyway has no such record (a database baselined past V28). Flyway's table is the one
     * {@code spring.flyway.table} names (flyway_schema_history unless set).
     */
    Optional<YearMonth> firstStored() {
        // Flyway quotes its table's and columns' names as given: the same quoted names find them on H2 and PostgreSQL
        return jdbc.sql("select \"installed_on\" from \"" + migrationsTable + "\" where \"version\" = '28'")
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional()
                .map(installed -> YearMonth.from(installed.atZone(zone)));
    }

    /**
     * False when that month's ranking was stored already, also by another job since this one looked; the
     * caller's transaction goes on either way.
     */
    boolean store(YearMonth month, Ranking ranking, Instant storedAt) {
        if (find(month).isPresent()) {
            return false;
        }
        String content;
        try {
            content = json.writeValueAsString(ranking);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the ranking of " + month, e);
        }
        return raced.insert(() -> jdbc.sql("insert into ranking_roll (ranking_month, stored_at, content)"
                        + " values (?, ?, ?)")
                .params(Date.valueOf(month.atDay(1)), Sql.ts(storedAt), content).update());
    }

    private Ranking read(String content, Instant storedAt) {
        try {
            Stored stored = json.readValue(content, Stored.class);
            return new Ranking(stored.month(), stored.departments().stream().map(StoredRank::toDepartmentRank).toList(),
                    stored.redCards(), storedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored ranking is unreadable: " + content, e);
        }
    }

    /** The JSON of a {@link Ranking}, read back: its departments' figures are written unwrapped. */
    record Stored(String month, List<StoredRank> departments, List<Ranking.RedCard> redCards) {}

    /** A {@link Ranking.DepartmentRank} as written, its figures beside its place. */
    record StoredRank(String key, String label, long total, long open, long closed, long overdueOpen,
            Double closeRate, Double onTimeSignRate, Double onTimeCloseRate, Double satisfactionRate,
            Double reopenRate, Double returnRate, Double medianHoursToClose, Double score, Integer rank,
            Ranking.Medal medal, Long rankingTickets) {

        /** A month stored before {@code rankingTickets} was kept reads it as null: its count is not to be had. */
        Ranking.DepartmentRank toDepartmentRank() {
            return new Ranking.DepartmentRank(key, label, new Figures(total, open, closed, overdueOpen, closeRate,
                    onTimeSignRate, onTimeCloseRate, satisfactionRate, reopenRate, returnRate, medianHoursToClose),
                    score, rank, medal, rankingTickets);
        }
    }
}
