package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuProperties;
import org.sanfu.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Where rankings began to be stored (the month V28 was applied in) is read from Flyway's table by the name the
 * deployment gives it ({@code spring.flyway.table}), not only by Flyway's default name: on a database of its own
 * (H2, or in the PostgreSQL pass PostgreSQL) migrated to V28 with its history in a table of another name.
 */
class RankingRollsTableTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final DriverManagerDataSource dataSource = TestDatabase.newDataSource("ranking-rolls");

    @Test
    void theMonthRankingsBeganIsReadFromTheTableFlywayIsToldToKeep() {
        String table = "sanfu_migrations";
        String vendor = TestDatabase.onPostgres() ? "postgresql" : "h2";
        Instant before = Instant.now();
        Flyway.configure().dataSource(dataSource).table(table)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor).target("28").load().migrate();
        Instant after = Instant.now();

        RankingRolls rolls = new RankingRolls(JdbcClient.create(dataSource), new ObjectMapper(),
                new DataSourceTransactionManager(dataSource),
                new SanfuProperties(SHANGHAI, LocalDate.of(2000, 1, 1), LocalDate.of(2999, 12, 31)), table);

        assertThat(rolls.firstStored()).hasValueSatisfying(first -> assertThat(first)
                .isBetween(YearMonth.from(before.atZone(SHANGHAI)), YearMonth.from(after.atZone(SHANGHAI))));
    }
}
