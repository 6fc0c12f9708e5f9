package org.sanfu.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A refused form's faults as its page shows them: keyed by input name (an input is named by the API's
 * JSON path, docs/UI.md, so {@code problems[1].title} names both), each message in Chinese from the
 * same MessageSource as the API's answers.
 */
@Component
public class FormErrors {

    private final Messages messages;

    FormErrors(Messages messages) {
        this.messages = messages;
    }

    /** Field path → Chinese message, in the order the check named them; the first message of a field counts. */
    public Map<String, String> of(InvalidInput refused) {
        Map<String, String> byField = new LinkedHashMap<>();
        messages.errors(refused, Locale.SIMPLIFIED_CHINESE).forEach(e -> byField.putIfAbsent(e.field(), e.message()));
        return byField;
    }
}
