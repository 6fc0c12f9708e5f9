package org.sanfu.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sanfu.Typed;
import org.springframework.stereotype.Component;

/** The configured departments and problem categories, with their Chinese labels. */
@Component
public class Catalog {

    /** The task-force office: it routes, assigns and supervises; it is never a handling department. */
    public static final String DISPATCH = "DISPATCH";

    private final Map<String, String> departments = new LinkedHashMap<>();
    private final Map<String, String> categories = new LinkedHashMap<>();

    Catalog(CatalogProperties properties) {
        properties.departments().forEach(d -> departments.put(d.code(), d.label()));
        properties.categories().forEach(c -> categories.put(c.code(), c.label()));
    }

    public boolean isCategory(String code) {
        return code != null && categories.containsKey(code);
    }

    /** A department that can lead or co-handle a ticket. */
    public boolean isHandlingDepartment(String code) {
        return code != null && departments.containsKey(code) && !DISPATCH.equals(code);
    }

    public boolean isDepartment(String code) {
        return code != null && departments.containsKey(code);
    }

    /**
     * The catalog's code of the category sent in any ASCII case ({@code container} or {@code Container} for
     * CONTAINER), as every enum code of the API is read, and typed with a Chinese input method's full-width letters
     * or with spaces at its ends ({@link Typed#codeAsSent}: a tab or line break there is no code); null when it names
     * none or, by case alone, more than one. Every reader of a catalog code (query parameters, bodies, forms) reads it
     * here, so that all read it alike.
     */
    public String category(String sent) {
        return code(sent, categories.keySet());
    }

    /** The catalog's code of the department sent in any ASCII case, as {@link #category}; null for none. */
    public String department(String sent) {
        return code(sent, departments.keySet());
    }

    /**
     * The catalog's code of the department sent, read as {@link #department} reads it, or the text as sent where it
     * names none, for the check that follows to refuse it as sent: what a body's department is taken as meaning (an
     * assignment's or a ruling's, a talk's subject), filed as the catalog writes it once found.
     */
    public String departmentOrAsSent(String sent) {
        String code = department(sent);
        return code == null ? sent : code;
    }

    private static String code(String sent, Collection<String> codes) {
        if (sent == null || codes.contains(sent)) {
            return sent;
        }
        // a tab or line break at its ends is refused, as before codes were read here: only spaces are dropped there
        // (a query parameter's was folded away before it is asked, QueryParams.code)
        String capitals = Typed.codeAsSent(sent);
        List<String> named = codes.stream().filter(c -> Typed.asciiUpperCase(c).equals(capitals)).toList();
        return named.size() == 1 ? named.get(0) : null;
    }

    public String categoryLabel(String code) {
        return categories.getOrDefault(code, code);
    }

    /** The department's Chinese name; an unknown code as it is; null for none (a ticket no department leads). */
    public String departmentLabel(String code) {
        return code == null ? null : departments.getOrDefault(code, code);
    }

    public List<String> categoryCodes() {
        return List.copyOf(categories.keySet());
    }

    public List<String> departmentCodes() {
        return List.copyOf(departments.keySet());
    }
}
