package org.sanfu.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    private final Messages messages;

    FormErrors(Messages messages) {
        this.messages = messages;
    }

    /** Field path → Chinese message, in the order the check named them; the first message of a field counts. */
    public Map<String, String> of(InvalidInput refused) {
        Map<String, String> byField = new LinkedHashMap<>();
        list(refused).forEach(e -> byField.putIfAbsent(e.field(), e.message()));
        return byField;
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
        return refused.faults().stream()
                .map(f -> new InvalidInput.FieldError(f.field(),
                        messages.text(onAPage(f.reason()), Locale.SIMPLIFIED_CHINESE)))
                .toList();
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
