package org.sanfu.web;

import java.util.ArrayList;
import java.util.List;
import org.sanfu.DomainException;
import org.sanfu.Message;

/**
 * The input is invalid: a domain error like the others, with the fields at fault, each named by its
 * JSON path ({@code problems[0].category}) and its reason as a {@link Message}. ProblemAdvice answers
 * it 400, each reason worded in the request's language ({@link Messages#errors}).
 */
public class InvalidInput extends DomainException {

    /** A field at fault as an answer shows it: {@code {"field": "...", "message": "..."}}. */
    public record FieldError(String field, String message) {}

    /** A field at fault and why, not yet worded. */
    public record Fault(String field, Message reason) {}

    private final List<Fault> faults;

    public InvalidInput(List<Fault> faults) {
        super(describe(faults));
        this.faults = List.copyOf(faults);
    }

    public static InvalidInput of(String field, Message reason) {
        return new InvalidInput(List.of(new Fault(field, reason)));
    }

    /** These faults first, then those of a later check on fields they do not name (one answer, each field once). */
    public static InvalidInput merged(List<Fault> first, InvalidInput later) {
        List<String> named = first.stream().map(Fault::field).toList();
        List<Fault> all = new ArrayList<>(first);
        later.faults().stream().filter(f -> !named.contains(f.field())).forEach(all::add);
        return new InvalidInput(all);
    }

    /** The top-level field of a path: {@code problems} of {@code problems[1].title}. */
    public static String rootField(String path) {
        int end = path.length();
        for (char c : new char[] {'[', '.'}) {
            int at = path.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return path.substring(0, end);
    }

    public List<Fault> faults() {
        return faults;
    }

    /** The fields at fault, worded in English (or as the validator worded them), for logs; answers use Messages. */
    public List<FieldError> errors() {
        return faults.stream().map(f -> new FieldError(f.field(), f.reason().english())).toList();
    }

    /** The problem's detail: the first field at fault and why. */
    private static Message describe(List<Fault> faults) {
        return faults.isEmpty() ? Message.of("sanfu.problem.invalid")
                : Message.of("sanfu.problem.invalid-field", "field", faults.get(0).field(), "reason",
                        faults.get(0).reason());
    }

    /** Collects field errors while a request is checked; {@link #throwIfAny()} ends the check. */
    public static final class Collector {
        private final List<Fault> faults = new ArrayList<>();

        public Collector add(String field, Message reason) {
            faults.add(new Fault(field, reason));
            return this;
        }

        /** Every fault of another check, as if found here. */
        public Collector addAll(InvalidInput other) {
            faults.addAll(other.faults());
            return this;
        }

        /** The faults so far, for an answer built without throwing ({@code new InvalidInput(faults())}). */
        public List<Fault> faults() {
            return List.copyOf(faults);
        }

        public boolean has(String field) {
            return faults.stream().anyMatch(e -> e.field().equals(field));
        }

        /** Whether every fault so far is this field's (and there is one). */
        public boolean onlyAbout(String field) {
            return !faults.isEmpty() && faults.stream().allMatch(e -> e.field().equals(field));
        }

        /** A required line of text (a name, a title): {@link Text.Rule}, without line breaks or tabs. */
        public void requireText(String field, String value, int max) {
            text(field, value, true, false, max);
        }

        /** An optional line of text (a town, an industry): {@link Text.Rule}, without line breaks or tabs. */
        public void optionalText(String field, String value, int max) {
            text(field, value, false, false, max);
        }

        /** A required text of paragraphs (a resolution on site): {@link Text.Rule} with line breaks and tabs. */
        public void requireParagraphs(String field, String value, int max) {
            text(field, value, true, true, max);
        }

        /** An optional text of paragraphs (notes, a description): {@link Text.Rule} with line breaks and tabs. */
        public void optionalParagraphs(String field, String value, int max) {
            text(field, value, false, true, max);
        }

        private void text(String field, String value, boolean required, boolean multiline, int max) {
            Message fault = Text.Rule.fault(value, required, multiline, max);
            if (fault != null) {
                add(field, fault);
            }
        }

        public void throwIfAny() {
            if (!faults.isEmpty()) {
                throw new InvalidInput(faults);
            }
        }
    }
}
