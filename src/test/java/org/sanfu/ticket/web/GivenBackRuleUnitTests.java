package org.sanfu.ticket.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.sanfu.Message;
import org.sanfu.ticket.TicketActions;

/**
 * That a returned ticket given back to its department keeps its sign deadline has one wording in each language
 * (ticket.rule.given-back-sign-deadline), which the texts that say it take as an argument rather than copy.
 */
class GivenBackRuleUnitTests {

    private static final List<ResourceBundle> BUNDLES = List.of(ResourceBundle.getBundle("messages", Locale.ROOT),
            ResourceBundle.getBundle("messages", Locale.ENGLISH));

    @Test
    void theRulesWordsAreInNoOtherText() {
        for (ResourceBundle bundle : BUNDLES) {
            String rule = bundle.getString(TicketActions.GIVEN_BACK_RULE);
            assertThat(rule).isNotBlank();
            assertThat(bundle.keySet().stream().filter(key -> !key.equals(TicketActions.GIVEN_BACK_RULE))
                    .filter(key -> bundle.getString(key).contains(rule))).as(bundle.getLocale().toString()).isEmpty();
        }
    }

    @Test
    void theTextsThatSayTheRuleSayItInItsWords() {
        for (ResourceBundle bundle : BUNDLES) {
            String rule = bundle.getString(TicketActions.GIVEN_BACK_RULE);
            Message returned = Message.of("page.ticket.done.then.returned", "rule",
                    Message.of(TicketActions.GIVEN_BACK_RULE), "deadline", "2026-12-08 09:30");
            assertThat(returned.fill(bundle.getString(returned.code()), m -> bundle.getString(m.code()))).contains(rule);
            assertThat(MessageFormat.format(bundle.getString("page.ticket.given-back-deadline"), "商务局",
                    "2026-12-08 09:30", "剩 1.5 个工作日", rule)).contains(rule);
            assertThat(MessageFormat.format(bundle.getString(TicketActions.GIVEN_BACK_RETURN_RULE), rule))
                    .as(TicketActions.GIVEN_BACK_RETURN_RULE).endsWith(rule);
            for (String key : List.of("page.work.next.assign", "page.work.waiting.DISPATCHING")) {
                assertThat(MessageFormat.format(bundle.getString(key), rule)).as(key).contains(rule);
            }
        }
    }

    /**
     * work.html gives the rule to the two /work lines that say it, and only to them: those are patterns, the others
     * plain text, which Spring returns as written (with no arguments it applies no MessageFormat), a quote once.
     */
    @Test
    void onlyTheWorkLinesThatSayTheRuleArePatterns() {
        List<String> sayingTheRule = List.of("page.work.next.assign", "page.work.waiting.DISPATCHING");
        for (ResourceBundle bundle : BUNDLES) {
            for (String key : bundle.keySet()) {
                if (key.startsWith("page.work.next.") || key.startsWith("page.work.waiting.")) {
                    String text = bundle.getString(key);
                    if (sayingTheRule.contains(key)) {
                        assertThat(text).as(key).contains("{0}");
                    } else {
                        assertThat(text).as(key).doesNotContain("{").doesNotContain("''");
                    }
                }
            }
        }
        assertThat(BUNDLES.get(1).getString("page.work.waiting.REPLIED"))
                .isEqualTo("waiting for the enterprise's rating; the feedback deadline soonest first");
    }
}
