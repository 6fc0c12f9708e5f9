package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Names in pinyin order (PinyinOrder): as a phone's contacts list them, Zhejiang's level-2 characters too. */
class PinyinOrderUnitTests {

    /** A county's enterprises and towns as a reader looks for them; 衢 (qú) and 鄞 (yín) are GB2312 level 2. */
    static final List<String> IN_ORDER = List.of("阿里", "安吉纺织", "北仑港务", "杭州泵业", "宁波舟山港", "衢州化工",
            "鄞州区五金", "张家港物流");

    private static List<String> shuffled(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        Collections.shuffle(copy, new Random(45));
        return copy;
    }

    @Test
    void chineseNamesComeInPinyinOrderLevelTwoCharactersInPlace() {
        List<String> names = shuffled(IN_ORDER);
        names.sort(PinyinOrder.comparator());
        assertThat(names).containsExactlyElementsOf(IN_ORDER);
    }

    /** Why ICU: the JDK's collator for China puts 衢州 and 鄞州 after 张家港, past every level-1 character. */
    @Test
    void theJdksCollatorForChinaWouldPutLevelTwoCharactersLast() {
        List<String> names = shuffled(IN_ORDER);
        names.sort(Collator.getInstance(Locale.CHINA));
        assertThat(names).endsWith("张家港物流", "鄞州区五金", "衢州化工");
    }

    /**
     * Digits first, a number read as one (2 before 10); then Chinese names; then Latin ones, letter case and width
     * after the letters themselves. A character of several readings has ICU's one: 重庆 as chóng, 长 as zhǎng.
     */
    @Test
    void digitsAndLatinNamesHaveTheirPlaces() {
        List<String> expected = List.of("2号仓库", "3M中国", "10号仓库", "安吉纺织", "重庆港", "宁波舟山港", "张家港物流",
                "长安汽车", "abc贸易", "Abc贸易", "ＡＢＣ贸易", "COSCO宁波", "Ningbo Port");
        List<String> names = shuffled(expected);
        names.sort(PinyinOrder.comparator());
        assertThat(names).containsExactlyElementsOf(expected);
    }

    /** What the databases compare: the keys' bytes one by one, unsigned, give the collator's order. */
    @Test
    void keysComparedUnsignedByteByByteGiveTheSameOrder() {
        List<String> names = new ArrayList<>(IN_ORDER);
        names.addAll(List.of("2号仓库", "10号仓库", "COSCO宁波", "宁波 港", "宁波（北仑）", "宁波(北仑)", "𠀀𠀁企业"));
        List<String> byKeys = shuffled(names);
        byKeys.sort(Comparator.comparing(PinyinOrder::key, Arrays::compareUnsigned));
        List<String> byCollator = new ArrayList<>(names);
        byCollator.sort(PinyinOrder.comparator());
        assertThat(byKeys).containsExactlyElementsOf(byCollator);
        assertThat(PinyinOrder.key(null)).isNull();
    }

    /**
     * A key is at most KEY_MAX bytes, which PostgreSQL's b-tree takes: a name of characters that expand to many
     * weights is cut, and still sorts by its first characters.
     */
    @Test
    void aKeyIsCutAtItsMaximum() {
        assertThat(PinyinOrder.key("鄞".repeat(200)).length).isLessThan(PinyinOrder.KEY_MAX);
        byte[] long1 = PinyinOrder.key("ﷺ".repeat(200));
        assertThat(long1).hasSize(PinyinOrder.KEY_MAX);
        assertThat(Arrays.compareUnsigned(PinyinOrder.key("阿里" + "ﷺ".repeat(200)), PinyinOrder.key("安吉")))
                .isNegative();
    }

    /** The version keys are made by, recorded beside them (NameOrderKeys): ICU's release and the collator's settings. */
    @Test
    void theVersionIsIcusReleaseAndTheSettings() {
        assertThat(PinyinOrder.version()).isEqualTo("ICU " + com.ibm.icu.util.VersionInfo.ICU_VERSION + ", zh, numeric")
                .matches("ICU \\d+\\.\\d+\\.\\d+\\.\\d+, zh, numeric");
    }
}
