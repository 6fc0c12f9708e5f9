package org.sanfu.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.ibm.icu.text.Collator;
import com.ibm.icu.text.RuleBasedCollator;
import com.ibm.icu.util.ULocale;
import com.ibm.icu.util.VersionInfo;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.PinyinOrder;
import org.sanfu.SanfuTest;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The keys of pinyin order made again at start when the collation's version on record is not the one in use (a new
 * ICU, another list of places read otherwise): every name keyed again, the keys that changed written and only those,
 * the new version recorded, an INFO line saying how many; nothing when it is the same.
 */
@SanfuTest
class NameOrderKeysTests {

    @Autowired
    Api api;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NameOrderKeys keys;

    @Test
    void anotherCollationVersionOnRecordMakesTheKeysThatChangeAgain() {
        String town = "重排镇" + Api.creditCode().substring(10, 16);
        String yin = api.enterprise("鄞州区五金", town);
        String an = api.enterprise("安吉纺织", town);
        String qu = api.enterprise("衢州化工", town);
        assertThat(keys.keyAgainIfChanged()).as("the version recorded at V45 is the one in use").isZero();

        // as an older ICU left them: keys that order the enterprises otherwise, and its version on record
        jdbc.update("update enterprise set name_order = ? where credit_code = ?", new byte[] {1}, qu);
        jdbc.update("update enterprise set name_order = ? where credit_code = ?", new byte[] {2}, yin);
        jdbc.update("update enterprise set name_order = ? where credit_code = ?", new byte[] {3}, an);
        jdbc.update("update collation_in_effect set version = 'ICU 76.1.0.0, zh, numeric' where id = 1");
        try {
            keyedAgainOnce(town, qu);
        } finally {
            // the shared test database as the test found it, should an assertion have stopped it halfway
            keys.keyAgainIfChanged();
        }
    }

    /**
     * The release that reads place names as people do (PinyinOrder's list of places) keys anew what the release before
     * it keyed by ICU's readings alone: 长沙 zhǎng after 张家港, 厦门 shà before 下沙 become cháng and xià.
     */
    @Test
    void anotherListOfPlacesOnRecordMakesTheKeysOfItsPlacesAgain() {
        String town = "地名镇" + Api.creditCode().substring(10, 16);
        List<String> read = List.of("长沙银行", "常山化工", "厦门航空", "下沙物流", "张家港物流");
        RuleBasedCollator icu = (RuleBasedCollator) Collator.getInstance(ULocale.CHINESE);
        icu.setNumericCollation(true);
        try {
            for (String name : read) {
                String code = api.enterprise(name, town);
                // as the release before left them: ICU's own keys, and its version on record, without places
                jdbc.update("update enterprise set name_order = ? where credit_code = ?",
                        icu.getCollationKey(name).toByteArray(), code);
            }
            jdbc.update("update collation_in_effect set version = ? where id = 1",
                    "ICU " + VersionInfo.ICU_VERSION + ", zh, numeric");
            assertThat(names(town)).containsExactly("常山化工", "厦门航空", "下沙物流", "张家港物流", "长沙银行");

            int wrong = wrongKeys();
            assertThat(wrong).as("长沙银行 and 厦门航空 at least: names holding a place of the list").isGreaterThanOrEqualTo(2);
            assertThat(keys.keyAgainIfChanged()).as("those, and no other").isEqualTo(wrong);
            assertThat(wrongKeys()).isZero();
            assertThat(names(town)).containsExactlyElementsOf(read);
            assertThat(jdbc.queryForObject("select version from collation_in_effect", String.class))
                    .isEqualTo(PinyinOrder.version());
        } finally {
            keys.keyAgainIfChanged();
        }
    }

    private void keyedAgainOnce(String town, String qu) {
        assertThat(names(town)).containsExactly("衢州化工", "鄞州区五金", "安吉纺织");
        long enterprises = jdbc.queryForObject("select count(*) from enterprise", Long.class);
        int wrong = wrongKeys();
        assertThat(wrong).as("the three keys the older ICU left, and no other").isEqualTo(3);

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(NameOrderKeys.class);
        log.start();
        logger.addAppender(log);
        int keyed;
        try {
            keyed = keys.keyAgainIfChanged();
        } finally {
            logger.detachAppender(log);
        }

        assertThat(keyed).isEqualTo(wrong);
        assertThat(wrongKeys()).isZero();
        assertThat(names(town)).containsExactly("安吉纺织", "衢州化工", "鄞州区五金");
        assertThat(jdbc.queryForObject("select name_order from enterprise where credit_code = ?", byte[].class, qu))
                .isEqualTo(PinyinOrder.key("衢州化工"));
        assertThat(jdbc.queryForObject("select version from collation_in_effect", String.class))
                .isEqualTo(PinyinOrder.version());
        assertThat(log.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage()).contains("ICU 76.1.0.0, zh, numeric", PinyinOrder.version(),
                    "of " + enterprises + " enterprises, the pinyin order of " + wrong + " was computed again");
        });
        assertThat(keys.keyAgainIfChanged()).as("recorded now").isZero();
    }

    /** How many enterprises' stored keys are not the collation's key of their names. */
    private int wrongKeys() {
        int[] wrong = new int[1];
        jdbc.query("select name, name_order from enterprise", rs -> {
            if (!Arrays.equals(PinyinOrder.key(rs.getString(1)), rs.getBytes(2))) {
                wrong[0]++;
            }
        });
        return wrong[0];
    }

    private List<String> names(String town) {
        return jdbc.queryForList("select name from enterprise where town = ? order by name_order, credit_code",
                String.class, town);
    }
}
