package org.sanfu.ticket.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.sanfu.ticket.TicketAction;

/** The ticket page says what was just done in a sentence of its own for every action a form takes. */
class DoneMessagesUnitTests {

    @Test
    void everyActionButTheCommentHasItsSentence() {
        ResourceBundle chinese = ResourceBundle.getBundle("messages", Locale.ROOT);
        for (TicketAction action : TicketAction.values()) {
            String key = action == TicketAction.COMMENT ? "page.ticket.commented" : "page.ticket.done." + action.urlName();
            assertThat(chinese.containsKey(key)).as(key).isTrue();
            assertThat(chinese.getString(key)).as(key).doesNotContain("{");
        }
    }
}
