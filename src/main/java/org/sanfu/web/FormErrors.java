package org.sanfu.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.sanfu.Message;
import org.springframework.stereotype.Component;

/**
 * A refused form's faults as its page shows them: keyed by input name (an input is named by the API's
 * JSON path, docs/UI.md, so {@code problems[1].title} names both), each message in Chinese from the
 * same MessageSource as the API's answers. A few faults read differently on a page than in the API:
 * where the API lists the codes a field takes ("必须是以下之一：RESOLVED, PARTIAL…"), the page's input
 * is a select whose options are those codes' names, so it says to choose one; a number input that holds
 * no whole number, or a date and time input that holds none, says so in words, not in a type's name.
 */
@Component
public class FormErrors {

    /** Faults on a select: a choice missing or not among the options. */
    private static final Set<String> CHOICES = Set.of("sanfu.validation.one-of", "sanfu.validation.department");
    private static final Set<String> DATE_TIMES = Set.of("sanfu.validation.date-time", "sanfu.validation.date-or-time");
    private static final String CONTROL_CHARACTER = "sanfu.validation.control-character";

    private final Messages messages;

    FormErrors(Messages messages) {
        this.messages = messages;
    }

    /** Field path → Chinese message, in the order the check named them; the first message of a field counts. */
    public Map<String, String> of(InvalidInput refused) {
        return byField(list(refused));
    }

    /**
     * The faults collected so far, as {@link #of(InvalidInput)} words them (empty: none), for a page that
     * shows them above a fallback (a filter typed wrong: the page of the whole scope) rather than refusing.
     */
    public Map<String, String> of(InvalidInput.Collector errors) {
        try {
            errors.throwIfAny();
            return Map.of();
        } catch (InvalidInput refused) {
            return of(refused);
        }
    }

    /** Every fault in the order the check named them, worded for a page. */
    public List<InvalidInput.FieldError> list(InvalidInput refused) {
        return worded(refused, FormErrors::onAPage);
    }

    /**
     * As {@link #of(InvalidInput)}, for a reader outside the service (the enterprise's feedback page), who has no
     * use for a character's code: a control character is said to be one (不能包含不可见的控制字符), not named
     * U+0001 as on the workbench's pages and in the API.
     */
    public Map<String, String> forEnterprise(InvalidInput refused) {
        return byField(worded(refused, reason -> CONTROL_CHARACTER.equals(reason.code())
                ? Message.of("form.control-character") : onAPage(reason)));
    }

    private List<InvalidInput.FieldError> worded(InvalidInput refused, UnaryOperator<Message> wording) {
        return refused.faults().stream()
                .map(f -> new InvalidInput.FieldError(f.field(),
                        messages.text(wording.apply(f.reason()), Locale.SIMPLIFIED_CHINESE)))
                .toList();
    }

    /** Field path → message, the first of each field. */
    private static Map<String, String> byField(List<InvalidInput.FieldError> faults) {
        Map<String, String> byField = new LinkedHashMap<>();
        faults.forEach(e -> byField.putIfAbsent(e.field(), e.message()));
        return byField;
    }

    private static Message onAPage(Message reason) {
        String code = reason.code();
        if (code == null) {
            return reason;
        }
        if (CHOICES.contains(code)) {
            return Message.of("form.choose");
        }
        if ("sanfu.validation.to-before-from".equals(code)) {
            return Message.of("form.to-before-from");
        }
        if (DATE_TIMES.contains(code)) {
            return Message.of("form.date-time");
        }
        if ("sanfu.json.whole-number".equals(code)) {
            return Message.of("form.whole-number");
        }
        return reason;
    }
}
