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
     * after the letters themselves. A character of several readings has ICU's one (重庆 as chóng) but where a
     * listed place stands (长安, 长城 as cháng at a name's start).
     */
    @Test
    void digitsAndLatinNamesHaveTheirPlaces() {
        List<String> expected = List.of("2号仓库", "3M中国", "10号仓库", "安吉纺织", "长安汽车", "长城电器", "重庆港",
                "宁波舟山港", "张家港物流", "abc贸易", "Abc贸易", "ＡＢＣ贸易", "COSCO宁波", "Ningbo Port");
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
        // the list's before places were read only where a place stands: the names on file are keyed anew at start
        assertThat(PinyinOrder.version()).doesNotEndWith("places 6c2c46c8a559");
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

    /**
     * After a province at the name's start: 湖南长沙 as 湖南 cháng shā, after 湖南常德 (cháng dé), before 湖南朝阳; after a
     * division's suffix (温州市乐清 yuè, after 温州市月亮湾), a bracket's opening (…（厦门） xià) or a place read (丽水长城
     * cháng); keys too.
     */
    @Test
    void aPlaceIsReadWhereAPlaceStands() {
        assertSortedAs(List.of("福建厦门", "福建下沙", "湖南常德", "湖南长沙", "湖南朝阳", "湖南张家界", "浙江台州", "浙江台风"));
        assertSortedAs(List.of("温州市月亮湾", "温州市乐清"));
        assertSortedAs(List.of("海通（厦华）", "海通（厦门）", "海通（下沙）"));
        assertSortedAs(List.of("丽水长城泵业", "丽水朝阳泵业", "丽水张家泵业"));
    }

    /**
     * 长 where a place stands is cháng (长城汽车, 长江证券, 长虹, and 长沙, 长春, 长兴, 长安, 长乐 of the places): between
     * 茶 and 朝, where ICU's zhǎng put them after 张家港; at a name's start and after a division alike. 长子 (县, 长治) is
     * zhǎng, as ICU reads it, and so is 长者 (the elderly, in care homes' names), and 长 within a name too (成长, 增长).
     */
    @Test
    void aNameStartingWithChangIsReadChang() {
        assertSortedAs(List.of("茶叶公司", "长安汽车", "长城汽车", "长江证券", "常山化工", "朝阳轮胎", "张家港物流",
                "长子县煤业"));
        assertSortedAs(List.of("湖州市常安纺织", "湖州市长城纺织", "湖州市朝阳纺织", "湖州市张家纺织"));
        // 长者 (the elderly) is zhǎng where a place could stand too: after 区 and 市, and at a name's start
        assertSortedAs(List.of("温岭市长城养老", "温岭市常青养老", "温岭市朝阳养老", "温岭市张家养老",
                "温岭市长者之家养老服务中心"));
        assertSortedAs(List.of("城东社区长城食堂", "城东社区张家食堂", "城东社区长者食堂"));
        assertSortedAs(List.of("常青养老", "张三养老", "长者之家养老"));
    }

    /**
     * A place's characters within the 字号 or the trade are words, read as ICU reads them, not as the place: 快乐清洁
     * (lè, not 乐清's yuè) before 快乐园, 大厦门窗 (shà, not 厦门's xià) after 大厦管理, 美丽水果 (lì, not 丽水's lí)
     * after 美丽家园 (and after 美离, lí before lì); keys too.
     */
    @Test
    void aPlaceIsNotReadWithinAWord() {
        assertSortedAs(List.of("快乐家政", "快乐清洁", "快乐园", "快月餐饮"));
        assertSortedAs(List.of("大厦管理", "大厦门窗", "大厦物业", "大夏电器"));
        assertSortedAs(List.of("美离餐饮", "美丽家园", "美丽水果", "美丽乡村"));
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
     * Names without a listed place where a place stands keep ICU's order and keys, byte for byte: 长 of 成长 and 增长
     * as ICU reads it, 乐 of 音乐, 快乐, 乐亭, 厦 of 大厦 and 厦华, 台 of 台风, 丽 of 美丽, 阿 of 阿里; a place within a
     * word too (快乐清洁, 大厦门窗, 美丽水果, 增长沙龙).
     */
    @Test
    void namesWithoutAListedPlaceKeepIcusKeys() {
        com.ibm.icu.text.Collator plain = com.ibm.icu.text.Collator.getInstance(com.ibm.icu.util.ULocale.CHINESE);
        ((com.ibm.icu.text.RuleBasedCollator) plain).setNumericCollation(true);
        List<String> names = new ArrayList<>(List.of("成长科技", "增长沙龙", "音乐学院", "快乐家政", "快乐清洁",
                "乐亭制衣", "大厦物业", "大厦门窗", "厦华电子", "台风预警", "美丽乡村", "美丽水果", "阿里", "张家港物流", "沙",
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
