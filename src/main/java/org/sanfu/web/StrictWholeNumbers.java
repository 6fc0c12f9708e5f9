package org.sanfu.web;

import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * A whole-number parameter ({@code ?page=2&size=50}) is written in decimal ASCII digits, as the service
 * writes it. Spring's own editor reads 0x10 and #10 as 16, and Java reads full-width ５ and +5 as 5; such a
 * value is now a type mismatch, 400 naming the parameter, like any other that is no number. An editor,
 * not a converter: Spring falls back to its editor when a converter refuses, and the editor would accept.
 */
@ControllerAdvice
class StrictWholeNumbers {

    /** An optional minus and at most ten digits: an int, or a number too large for one (refused too). */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,10}");

    @InitBinder
    void wholeNumbersInDecimal(WebDataBinder binder) {
        binder.registerCustomEditor(Integer.class, new Editor());
        binder.registerCustomEditor(int.class, new Editor());
    }

    static Integer parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw new IllegalArgumentException("not a whole number in decimal digits: " + text);
        }
        return Integer.valueOf(value);
    }

    private static final class Editor extends PropertyEditorSupport {
        @Override
        public void setAsText(String text) {
            setValue(parse(text));
        }
    }
}
