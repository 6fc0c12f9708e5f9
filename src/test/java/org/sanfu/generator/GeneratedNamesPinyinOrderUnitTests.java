package org.sanfu.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Collator;
import com.ibm.icu.text.RuleBasedCollator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sanfu.PinyinOrder;

/**
 * The generator's enterprise names and towns, as a county's list has them, keyed by PinyinOrder as ICU's Chinese
 * collator alone keys them, byte for byte, but those with a listed place of their own reading: of the generator's
 * words only 台州 (Tāizhōu, which ICU reads tái).
 */
class GeneratedNamesPinyinOrderUnitTests {

    @Test
    void namesWithoutAListedPlaceKeepIcusKeys() {
        RuleBasedCollator plain = (RuleBasedCollator) Collator.getInstance(ULocale.CHINESE);
        plain.setNumericCollation(true);
        SplittableRandom r = new SplittableRandom(45);
        List<String> names = new ArrayList<>(Vocabulary.TOWNS);
        for (int i = 0; i < 400; i++) {
            names.add(Vocabulary.enterpriseName(r, r.nextInt(Vocabulary.INDUSTRIES.size())));
        }
        int taizhou = 0;
        for (String name : names) {
            byte[] icu = plain.getCollationKey(name).toByteArray();
            if (name.contains("台州")) {
                taizhou++;
                assertThat(PinyinOrder.key(name)).as(name).isNotEqualTo(icu);
            } else {
                assertThat(PinyinOrder.key(name)).as(name).isEqualTo(icu);
            }
        }
        assertThat(taizhou).as("names of 台州 among them").isBetween(50, 150);
    }
}
