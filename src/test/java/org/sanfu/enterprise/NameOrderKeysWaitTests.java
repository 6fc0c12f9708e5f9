package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.PinyinOrder;
import org.sanfu.SanfuTest;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A node starting while another keys the names anew (a new ICU, a million enterprises: minutes) waits for it past the
 * database's lock timeout, rather than fail its start, and then finds the keys made. In the context of short lock
 * waits (1.5 s) that LockTimeoutWebTests shares: the other node is a transaction holding the version's row for
 * longer than two lock timeouts.
 */
@SanfuTest
@TestPropertySource(properties = {SanfuTest.SHORT_LOCK_WAIT_DATABASE, SanfuTest.SHORT_LOCK_WAIT})
class NameOrderKeysWaitTests {

    @Autowired
    Api api;
    @Autowired
    NameOrderKeys keys;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aStartWaitsPastTheLockTimeoutForAnotherNodeKeyingTheNames() throws Exception {
        String code = api.enterprise("衢州化工", "重排镇" + Api.creditCode().substring(10, 16));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(NameOrderKeys.class);
        log.start();
        logger.addAppender(log);
        try (Connection other = dataSource.getConnection(); Statement sql = other.createStatement()) {
            other.setAutoCommit(false);
            // the other node, keying with an ICU of another version: it holds the row until it commits
            sql.executeUpdate("update collation_in_effect set version = 'ICU 1.0.0.0, zh' where id = 1");
            try (PreparedStatement wrongKey = other.prepareStatement(
                    "update enterprise set name_order = ? where credit_code = ?")) {
                wrongKey.setBytes(1, new byte[] {1});
                wrongKey.setString(2, code);
                wrongKey.executeUpdate();
            }
            CompletableFuture<Void> starting = CompletableFuture.runAsync(keys::afterSingletonsInstantiated);
            Thread.sleep(4000);
            assertThat(starting).as("waiting for the other node").isNotDone();
            other.commit();
            starting.get(60, TimeUnit.SECONDS);
        } finally {
            logger.detachAppender(log);
            keys.keyAgainIfChanged(); // the version as found, should an assertion have stopped the test halfway
        }
        assertThat(log.list).map(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.contains("another node is keying"))
                .anyMatch(line -> line.contains("ICU 1.0.0.0, zh") && line.contains(PinyinOrder.version()));
        assertThat(jdbc.queryForObject("select version from collation_in_effect", String.class))
                .isEqualTo(PinyinOrder.version());
        assertThat(jdbc.queryForObject("select name_order from enterprise where credit_code = ?", byte[].class, code))
                .isEqualTo(PinyinOrder.key("衢州化工"));
    }
}
