package org.sanfu.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the start says when it builds the figures: for which zone, and why (none yet on a new database, or built for
 * another zone), where it said "built for zone null" on every new database.
 */
@SanfuTest
@ExtendWith(OutputCaptureExtension.class)
class FigureRollupStartTests {

    @Autowired
    FigureRollup rollup;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theStartSaysForWhichZoneItBuildsTheFiguresAndWhy(CapturedOutput output) {
        jdbc.update("update figure_state set zone = null where id = 1");
        rollup.afterPropertiesSet();
        assertThat(output.getOut().lines().filter(l -> l.contains("building the pre-computed figures")).toList())
                .last().asString().contains("for zone Asia/Shanghai (none built yet)");

        jdbc.update("update figure_state set zone = 'UTC' where id = 1");
        rollup.afterPropertiesSet();
        assertThat(output.getOut().lines().filter(l -> l.contains("building the pre-computed figures")).toList())
                .last().asString().contains("for zone Asia/Shanghai (built for zone UTC until now)");
        assertThat(jdbc.queryForObject("select zone from figure_state where id = 1", String.class))
                .isEqualTo("Asia/Shanghai");
    }
}
