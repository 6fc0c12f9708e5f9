package org.sanfu.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A refused form's faults as its page shows them: keyed by input name (an input is named by the API's
 * JSON path, docs/UI.md, so {@code problems[1].title} names both), each message in Chinese. Messages
 * written through the MessageSource are Chinese already and pass as they are; the services' own checks
 * (VisitIntake, EnterpriseForm, CreditCode) still word theirs in English for the API, so their known
 * phrasings are looked up here ({@code page.error.*} in messages.properties). Once those checks speak
 * through the MessageSource, their messages pass through here unchanged.
 */
@Component
public class FormErrors {

    private record Phrase(Pattern english, String code) {}

    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

    private static final List<Phrase> PHRASES = List.of(
            new Phrase(Pattern.compile("must not be blank"), "page.error.blank"),
            new Phrase(Pattern.compile("must be at most (\\d+) characters"), "page.error.max-length"),
            new Phrase(Pattern.compile("must hold at most (\\d+) problems"), "page.error.max-problems"),
            new Phrase(Pattern.compile("must be between (\\d+) and (\\d+)"), "page.error.between"),
            new Phrase(Pattern.compile("must be one of .*"), "page.error.choose"),
            new Phrase(Pattern.compile("must be an object"), "page.error.choose"),
            new Phrase(Pattern.compile("no enterprise has this credit code"), "page.error.unknown-enterprise"),
            new Phrase(Pattern.compile("must not lie in the future"), "page.error.future"),
            new Phrase(Pattern.compile("must be an ISO-8601 date-time.*"), "page.error.date-time"),
            new Phrase(Pattern.compile("must be 18 characters"), "page.error.credit-code-length"),
            new Phrase(Pattern.compile("character (\\d+) \\('(.+)'\\) is not allowed in a credit code"),
                    "page.error.credit-code-character"),
            new Phrase(Pattern.compile("check character does not match.*"), "page.error.credit-code-check"),
            new Phrase(Pattern.compile("must be the user name of a service staff account"), "page.error.specialist"));

    private final MessageSource messages;

    FormErrors(MessageSource messages) {
        this.messages = messages;
    }

    /** Field path → Chinese message, in the order the check named them; the first message of a field counts. */
    public Map<String, String> of(InvalidInput refused) {
        Map<String, String> byField = new LinkedHashMap<>();
        refused.errors().forEach(e -> byField.putIfAbsent(e.field(), chinese(e.message())));
        return byField;
    }

    /** A message as a Chinese reader gets it; one no phrase knows is shown after a plain Chinese lead-in. */
    public String chinese(String message) {
        if (message == null || CHINESE.matcher(message).find()) {
            return message;
        }
        for (Phrase phrase : PHRASES) {
            Matcher matched = phrase.english().matcher(message);
            if (matched.matches()) {
                Object[] args = new Object[matched.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = matched.group(i + 1);
                }
                return text(phrase.code(), args);
            }
        }
        return text("page.error.other", new Object[] {message});
    }

    private String text(String code, Object[] args) {
        return messages.getMessage(code, args, code, java.util.Locale.SIMPLIFIED_CHINESE);
    }
}
