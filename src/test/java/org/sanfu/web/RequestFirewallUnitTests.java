package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The firewall's hand-written rules answer exactly as Spring Security's regular expressions do. */
class RequestFirewallUnitTests {

    @Test
    void headerNamesValuesAndParameterNamesAreJudgedAsByTheDefaultRules() {
        List<String> texts = new ArrayList<>(List.of("", "Idempotency-Key", "zh-CN,zh;q=0.9", "运费上涨 企业",
                "a\tb", "\t", "a\u0000b", "\u0001", "x\u001b[31m", "\u007f", "\u0085", "\u009f", "\u00a0",
                "\ud83d\ude00 emoji", "\ud83d lone high", "lone low \ude00", "\u0378 unassigned", "\ufffe",
                "\uffff", "a\nb", "a\rb", "\u2028", "\u200b", new String(Character.toChars(0x10ffff)),
                new String(Character.toChars(0xe0001))));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(4); n >= 0; n--) {
                int bound = switch (random.nextInt(3)) {
                    case 0 -> 0x100;
                    case 1 -> 0x10000;
                    default -> 0x110000;
                };
                text.appendCodePoint(random.nextInt(bound));
            }
            texts.add(text.toString());
        }
        int refused = 0;
        for (String text : texts) {
            assertThat(RequestFirewall.assignedNoControl(text)).as(text)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text))
                    .isEqualTo(StrictHttpFirewall.ALLOWED_PARAMETER_NAMES.test(text));
            assertThat(RequestFirewall.assignedNoControlButTab(text)).as(text)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text));
            refused += RequestFirewall.assignedNoControlButTab(text) ? 0 : 1;
        }
        assertThat(refused).as("texts refused").isBetween(1_000, texts.size() - 1_000);
        assertThat(RequestFirewall.assignedNoControlButTab("a\tb")).isTrue();
        assertThat(RequestFirewall.assignedNoControl("a\tb")).isFalse();
    }
}
