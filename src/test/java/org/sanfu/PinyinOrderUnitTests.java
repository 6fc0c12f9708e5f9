package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
     * after the letters themselves. A character of several readings has ICU's one (重庆 as chóng, 长 of 长城 as
     * zhǎng) but in a listed place (长安 as cháng).
     */
    @Test
    void digitsAndLatinNamesHaveTheirPlaces() {
        List<String> expected = List.of("2号仓库", "3M中国", "10号仓库", "安吉纺织", "长安汽车", "重庆港", "宁波舟山港",
                "张家港物流", "长城电器", "abc贸易", "Abc贸易", "ＡＢＣ贸易", "COSCO宁波", "Ningbo Port");
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

    /**
     * A name holding a listed place is keyed twice (its spelling as it sounds, then its own), and still fits whole at
     * the longest a name may be (200 characters, a rare character of CJK's extensions among them): two such names that
     * differ only in their last character keep their order, which a cut key would lose.
     */
    @Test
    void aNameWithAPlaceFitsWholeAtTheLongestNameAllowed() {
        String longest = "乐清" + "鄞".repeat(196) + "𠀀";
        assertThat(longest.codePointCount(0, longest.length())).isEqualTo(199);
        assertThat(PinyinOrder.key(longest + "甲").length).isLessThan(PinyinOrder.KEY_MAX);
        assertThat(PinyinOrder.comparator().compare(longest + "甲", longest + "乙")).isNegative();
        assertThat(Arrays.compareUnsigned(PinyinOrder.key(longest + "甲"), PinyinOrder.key(longest + "乙"))).isNegative();
    }

    /**
     * The version keys are made by, recorded beside them (NameOrderKeys): ICU's release, the collator's settings and
     * the list of places read otherwise, which fits the column that records it (100 characters).
     */
    @Test
    void theVersionIsIcusReleaseTheSettingsAndThePlaces() {
        assertThat(PinyinOrder.version()).startsWith("ICU " + com.ibm.icu.util.VersionInfo.ICU_VERSION + ", zh, numeric, places ")
                .matches("ICU \\d+\\.\\d+\\.\\d+\\.\\d+, zh, numeric, places [0-9a-f]{12}").hasSizeLessThan(100);
        assertThat(PinyinOrder.version()).isEqualTo(PinyinOrder.version(PlaceReadings.listed()));
    }

    /**
     * Another list of places is another version, which keys every name anew at the next start; the same places in
     * another order, or with other comments, are not.
     */
    @Test
    void anotherListOfPlacesIsAnotherVersion() {
        List<String> lines = List.of("# places", "长沙 = 常沙  # Chángshā", "厦门 = 下门  # Xiàmén");
        String version = PinyinOrder.version(PlaceReadings.parse(lines));
        assertThat(PinyinOrder.version(PlaceReadings.parse(List.of("厦门=下门 # xià", "", "长沙 = 常沙"))))
                .isEqualTo(version);
        assertThat(PinyinOrder.version(PlaceReadings.parse(List.of("长沙 = 常沙  # Chángshā"))))
                .isNotEqualTo(version);
        assertThat(PinyinOrder.version(PlaceReadings.parse(List.of("长沙 = 常沙", "厦门 = 夏门"))))
                .isNotEqualTo(version);
        assertThat(PinyinOrder.version(PlaceReadings.parse(List.of("长沙 = 常沙", "厦门 = 下门", "乐清 = 月清"))))
                .isNotEqualTo(version).isNotEqualTo(PinyinOrder.version());
    }

    /** Every place of the list says how it is read, and what ICU would read: a reviewer checks the reading there. */
    @Test
    void everyPlaceOfTheListSaysItsReading() throws java.io.IOException {
        List<String> entries;
        try (var in = PlaceReadings.class.getResourceAsStream(PlaceReadings.RESOURCE)) {
            entries = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
        assertThat(entries).hasSizeGreaterThan(10)
                .allSatisfy(line -> assertThat(line).matches("\\S+ = \\S+ +# \\S.*ICU.*"));
    }

    /** A line of the list that is not "place = another spelling" stops the start rather than sort by half a list. */
    @Test
    void aMalformedLineOfTheListIsRefused() {
        for (String line : List.of("长沙 常沙", "长沙 = 长沙", "长沙 =", "= 常沙", "长沙 = 常沙 = 尝沙")) {
            assertThatThrownBy(() -> PlaceReadings.parse(List.of(line))).as(line)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(line);
        }
        assertThatThrownBy(() -> PlaceReadings.parse(List.of("长沙 = 常沙", "长沙 = 尝沙")))
                .hasMessageContaining("长沙 = 尝沙");
    }

    /**
     * Place names read as people read them, not as ICU reads their characters alone, each beside neighbours that
     * ICU's reading would put on its other side: 蚌埠 bèng after 北仑 (ICU: bàng, before it), 长沙 cháng between 常 and
     * 朝 (ICU: zhǎng, after 张家港), 东阿 ē after 东安, 洪洞 tóng after 洪塘, 丽水 lí before 李家, 六安 lù after 龙港,
     * 番禺 pān after 宁波, 单县 shàn after 厦华 (ICU: dān), 台州 tāi before 台风, 厦门 xià before 下沙 (ICU: shà, beside
     * 厦华), 铅山 yán before 杨梅 (ICU: qiān), 尉氏 yù after 玉环 (ICU: wèi), 乐清 yuè after 月亮湾 (ICU: lè). 乐亭 is lè
     * (ICU's reading, no line), 重庆 chóng (ICU's own contraction).
     */
    static final List<String> PLACES_IN_ORDER = List.of("北仑港务", "蚌埠卷烟厂", "长安汽车", "长春一汽",
            "长沙银行", "常山化工", "长兴电池", "朝阳轮胎", "重庆港", "东安纺织", "东阿阿胶", "东方电气", "洪塘五金",
            "洪洞机械", "乐亭制衣", "雷诺汽车", "丽水缙云", "李家水产", "龙港印刷", "六安瓜片", "路桥商城", "宁波舟山港",
            "番禺珠宝", "厦华电子", "单县羊汤", "台州港", "台风预警", "厦门航空", "下沙物流", "铅山纸业", "杨梅饮料",
            "玉环阀门", "尉氏纺织", "月亮湾酒店", "乐清电器", "张家港物流");

    @Test
    void placeNamesAreReadAsPeopleReadThem() {
        assertSortedAs(PLACES_IN_ORDER);
    }

    /** Shuffled, the names come back in this order by the comparator and by their keys alike. */
    private static void assertSortedAs(List<String> expected) {
        List<String> names = shuffled(expected);
        names.sort(PinyinOrder.comparator());
        assertThat(names).containsExactlyElementsOf(expected);
        List<String> byKeys = shuffled(expected);
        byKeys.sort(Comparator.comparing(PinyinOrder::key, Arrays::compareUnsigned));
        assertThat(byKeys).containsExactlyElementsOf(expected);
    }

    /** Wherever the place stands in a name: 湖南长沙 as 湖南 cháng shā, after 湖南常德 (cháng dé), before 湖南朝阳; keys too. */
    @Test
    void aPlaceIsReadSoAnywhereInAName() {
        assertSortedAs(List.of("福建厦门", "福建下沙", "湖南常德", "湖南长沙", "湖南朝阳", "湖南张家界", "浙江台州", "浙江台风"));
    }

    /**
     * A place sorts right after the spelling of its sound: 常沙 before 长沙, 下门 before 厦门 (which ICU alone orders
     * the other way, shà after xià), both before what follows them; comparator and keys alike.
     */
    @Test
    void aPlaceSortsRightAfterItsSpellingOfTheSameSound() {
        assertSortedAs(List.of("常沙", "长沙", "长沙银行", "常沙银行甲", "长沙银行甲", "常山", "下门", "厦门", "厦门航空",
                "下沙"));
    }

    /**
     * Names without a listed place keep ICU's order and keys, byte for byte: 长 of 长城, 长江, 成长 as ICU reads it,
     * 乐 of 音乐, 快乐, 乐亭, 厦 of 大厦 and 厦华, 台 of 台风, 丽 of 美丽, 阿 of 阿里.
     */
    @Test
    void namesWithoutAListedPlaceKeepIcusKeys() {
        com.ibm.icu.text.Collator plain = com.ibm.icu.text.Collator.getInstance(com.ibm.icu.util.ULocale.CHINESE);
        ((com.ibm.icu.text.RuleBasedCollator) plain).setNumericCollation(true);
        List<String> names = new ArrayList<>(List.of("长城电器", "长江实业", "成长科技", "音乐学院", "快乐家政", "乐亭制衣",
                "大厦物业", "厦华电子", "台风预警", "美丽乡村", "阿里", "张家港物流", "长", "沙", "长 沙", "长·沙",
                "2号仓库", "COSCO宁波", "𠀀𠀁企业"));
        names.addAll(IN_ORDER);
        for (String name : names) {
            assertThat(PinyinOrder.key(name)).as(name).isEqualTo(plain.getCollationKey(name).toByteArray());
        }
        List<String> byPinyin = shuffled(names);
        byPinyin.sort(PinyinOrder.comparator());
        List<String> byIcu = shuffled(names);
        byIcu.sort(plain);
        assertThat(byPinyin).containsExactlyElementsOf(byIcu);
    }
}
