package org.sanfu;

import com.ibm.icu.text.Collator;
import com.ibm.icu.text.RuleBasedCollator;
import com.ibm.icu.util.ULocale;
import com.ibm.icu.util.VersionInfo;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Names in the order Chinese readers look for them, as a phone's contacts list them: by pinyin (阿里, 安吉纺织,
 * 北仑港务, 杭州泵业, 宁波舟山港, 衢州…, 鄞州区…, 张家港物流). ICU's Chinese collation, whose default is pinyin, orders
 * every CJK character so; the JDK's Collator for Locale.CHINA orders only GB2312's level-1 characters by pinyin and
 * puts the level-2 ones (衢, 鄞) after all of them. Digits come first, numbers by their value (2号仓库 before 10号仓库:
 * a number is read as one), then Chinese names, then Latin ones. A character of several readings takes ICU's one
 * (重 as chóng, 乐 as lè), as a phone's list does, except in a place name read otherwise (长沙 cháng, 厦门 xià, 乐清
 * yuè, 台州 tāi, and 长 cháng of 长城汽车, 长江证券 where a place stands: the list {@link PlaceReadings}), which sorts,
 * where a place stands in a name (its start, after 市, 县, 区…: not 快乐清洁's 乐清), as a spelling of the same sound
 * (长沙 as 常沙), right after it (常沙 before 长沙, 下门 before 厦门: their order, were both on file).
 *
 * <p>Why not ICU's own way, the place names as contractions appended to the Chinese collator's rules ({@code &常沙 <<< 长沙},
 * as ICU does for 重庆): a RuleBasedCollator is built from its rules, and ICU's Chinese rules place 21 000
 * characters; building them with a few lines more took 3 to 18 seconds here (ICU 77.1, 2026-12-07, a busy 2-core
 * machine), where loading the built collator took 0.3 to 0.7 seconds. The name spelled as it sounds, keyed by the collator ICU built, gives
 * the order those rules would: a name without a listed place keeps ICU's key, byte for byte.
 *
 * <p>A list the database pages orders by {@link #key}, stored beside the name (enterprise.name_order): ICU's sort
 * key, whose bytes compared one by one, unsigned, as H2's VARBINARY and PostgreSQL's bytea compare them, give the
 * collator's order. Keys change when ICU's collation data does, or the list of places ({@link #version}): what
 * stores them recomputes them then. One collator, frozen: a frozen ICU collator is immutable and may be used by any number of threads at once.
 * It is built at its first use (a third of a second to half a second on a small machine: ICU reads its Chinese
 * tailoring), not when the version is asked for at start-up.
 */
public final class PinyinOrder {

    /**
     * The bytes of a key kept at most. A Chinese name of 200 characters takes about 420 (a rare one of CJK's
     * extensions 620), well within; a name of characters that each expand to many weights (ﷺ, 8 500 bytes for 200)
     * is cut, which orders it by its first characters, then, as any tie, by what follows the key in the list's
     * order. PostgreSQL's b-tree refuses an entry of more than about 2 700 bytes.
     */
    public static final int KEY_MAX = 1000;

    /** Numbers read as one (2号仓库 before 10号仓库): part of {@link #version}, so that a change keys anew. */
    private static final boolean NUMERIC = true;

    private PinyinOrder() {
    }

    /** The place names read otherwise, read when first asked for: by the version's check at start too. */
    private static final class Places {
        static final PlaceReadings READINGS = PlaceReadings.listed();
    }

    /** The collator, built when first used (the holder's class is initialised then, once, thread-safely). */
    private static final class Holder {
        static final Collator COLLATOR = collator();

        private static Collator collator() {
            RuleBasedCollator zh = (RuleBasedCollator) Collator.getInstance(ULocale.CHINESE);
            zh.setNumericCollation(NUMERIC);
            return zh.freeze();
        }
    }

    /**
     * The sort key of a name (null stays null): comparing keys byte by byte, unsigned, compares the names. A name with
     * a listed place: the key of its spelling as it sounds, then its own key, which orders it after that spelling (a
     * key ends in its only zero byte, so what follows weighs only between names of one sound).
     */
    public static byte[] key(String name) {
        if (name == null) {
            return null;
        }
        String sounds = Places.READINGS.respell(name);
        byte[] key = Holder.COLLATOR.getCollationKey(sounds).toByteArray();
        if (!sounds.equals(name)) {
            byte[] own = Holder.COLLATOR.getCollationKey(name).toByteArray();
            byte[] both = Arrays.copyOf(key, key.length + own.length);
            System.arraycopy(own, 0, both, key.length, own.length);
            key = both;
        }
        return key.length <= KEY_MAX ? key : Arrays.copyOf(key, KEY_MAX);
    }

    /** Names compared in pinyin order, as their keys compare; for lists put in order in Java, such as towns. Thread-safe. */
    public static Comparator<String> comparator() {
        return PinyinOrder::compare;
    }

    private static int compare(String a, String b) {
        String soundsA = Places.READINGS.respell(a);
        String soundsB = Places.READINGS.respell(b);
        int bySound = Holder.COLLATOR.compare(soundsA, soundsB);
        if (bySound != 0) {
            return bySound;
        }
        boolean placeA = !soundsA.equals(a);
        boolean placeB = !soundsB.equals(b);
        if (placeA != placeB) {
            return placeA ? 1 : -1;
        }
        return placeA ? Holder.COLLATOR.compare(a, b) : 0;
    }

    /**
     * The version of the collation the keys are made by: ICU's release, whose jar carries the collation data, and
     * this class's settings. A new ICU may key some names otherwise (a new Unicode, a corrected reading), so any new
     * release counts as another version; so does another list of place names (its digest). Read without building the
     * collator, so that the check at every start costs next to nothing (reading and hashing the 2 KB list: about
     * a millisecond, up to 0.2 s the first time in a cold JVM on a busy machine).
     */
    public static String version() {
        return version(Places.READINGS);
    }

    static String version(PlaceReadings places) {
        return "ICU " + VersionInfo.ICU_VERSION + ", zh" + (NUMERIC ? ", numeric" : "") + ", places " + places.digest();
    }
}
