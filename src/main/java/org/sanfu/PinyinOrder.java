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
 * (长 as zhǎng, 重 as chóng), as a phone's list does.
 *
 * <p>A list the database pages orders by {@link #key}, stored beside the name (enterprise.name_order): ICU's sort
 * key, whose bytes compared one by one, unsigned, as H2's VARBINARY and PostgreSQL's bytea compare them, give the
 * collator's order. Keys change when ICU's collation data does ({@link #version}): what stores them recomputes them
 * then. One collator, frozen: a frozen ICU collator is immutable and may be used by any number of threads at once.
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

    /** The collator, built when first used (the holder's class is initialised then, once, thread-safely). */
    private static final class Holder {
        static final Collator COLLATOR = collator();

        private static Collator collator() {
            RuleBasedCollator zh = (RuleBasedCollator) Collator.getInstance(ULocale.CHINESE);
            zh.setNumericCollation(NUMERIC);
            return zh.freeze();
        }
    }

    /** The sort key of a name (null stays null): comparing keys byte by byte, unsigned, compares the names. */
    public static byte[] key(String name) {
        if (name == null) {
            return null;
        }
        byte[] key = Holder.COLLATOR.getCollationKey(name).toByteArray();
        return key.length <= KEY_MAX ? key : Arrays.copyOf(key, KEY_MAX);
    }

    /** Names compared in pinyin order; for lists put in order in Java, such as towns. Thread-safe. */
    public static Comparator<String> comparator() {
        return Holder.COLLATOR::compare;
    }

    /**
     * The version of the collation the keys are made by: ICU's release, whose jar carries the collation data, and
     * this class's settings. A new ICU may key some names otherwise (a new Unicode, a corrected reading), so any new
     * release counts as another version; read without building the collator, so that the check at every start
     * costs nothing.
     */
    public static String version() {
        return "ICU " + VersionInfo.ICU_VERSION + ", zh" + (NUMERIC ? ", numeric" : "");
    }
}
