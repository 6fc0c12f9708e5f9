package org.sanfu.ticket.web;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanfu.ticket.TicketAction;
import org.sanfu.ticket.TicketEvent;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A history event's text as the ticket page shows it: the audit trail keeps the API's codes
 * ("[RESOLVED] 已协调…", "共性问题统一答复（牵头事项 47）：[RESOLVED] …", "SATISFIED；…"), the page names them in
 * Chinese ("【已解决】已协调…", "共性问题统一答复（牵头事项 47）：【已解决】…", "满意；…").
 * Templates call it as {@code ${@eventText.of(e, actorNames[e.actor])}}.
 */
@Component("eventText")
public class EventText {

    /** A reply's outcome, at the start or after a lead-in that ends in "：" (a systemic case's reply to its members). */
    private static final Pattern OUTCOME =
            Pattern.compile("^([^\\[\\n]*：)?\\[(RESOLVED|PARTIAL|CANNOT_RESOLVE)] ?(.*)", Pattern.DOTALL);
    /** The events whose text a systemic case's reply writes, its outcome after a lead-in (TicketCases). */
    private static final Set<String> CASE_REPLIES = Set.of(TicketAction.REPLY.urlName(), "case-replied");
    private static final Pattern SATISFACTION =
            Pattern.compile("^(SATISFIED|BASICALLY_SATISFIED|DISSATISFIED|UNRATED)(；.*)?$", Pattern.DOTALL);

    private final MessageSource messages;

    EventText(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * The text beside the actor as the page names it. A co-department's opinion is kept as "金融办：意见"
     * (the API's history says whose it is); beside an actor the page already names by that department
     * (金融办 · 李四（finance）), the department is not said twice.
     */
    public String of(TicketEvent event, String actorName) {
        String text = of(event);
        if (text != null && actorName != null && TicketAction.CONTRIBUTE.urlName().equals(event.action())) {
            int colon = text.indexOf('：');
            if (colon > 0 && actorName.startsWith(text.substring(0, colon) + " · ")) {
                return text.substring(colon + 1);
            }
        }
        return text;
    }

    public String of(TicketEvent event) {
        String text = event.detail();
        if (text == null) {
            return null;
        }
        Matcher outcome = OUTCOME.matcher(text);
        // a lead-in only before a reply's own outcome (a systemic case's to its members): a comment typed so stays
        if (outcome.matches() && (outcome.group(1) == null || CASE_REPLIES.contains(event.action()))) {
            String leadIn = outcome.group(1) == null ? "" : outcome.group(1);
            return leadIn + "【" + label("label.outcome." + outcome.group(2)) + "】" + outcome.group(3);
        }
        Matcher satisfaction = SATISFACTION.matcher(text);
        if (satisfaction.matches()) {
            return label("label.satisfaction." + satisfaction.group(1))
                    + (satisfaction.group(2) == null ? "" : satisfaction.group(2));
        }
        return text;
    }

    /** A rating as the history keeps it: its grade's code and the comment typed with it (null for none). */
    record Rating(String grade, String comment) {}

    /**
     * The rating a history event's text holds ("DISSATISFIED；<comment>", TicketActions' rated), read by the pattern the
     * page names it by; null for a text that is no rating.
     */
    static Rating rating(String detail) {
        Matcher satisfaction = detail == null ? null : SATISFACTION.matcher(detail);
        if (satisfaction == null || !satisfaction.matches()) {
            return null;
        }
        String note = satisfaction.group(2);
        return new Rating(satisfaction.group(1), note == null || note.length() == 1 ? null : note.substring(1));
    }

    private String label(String key) {
        return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
    }
}
