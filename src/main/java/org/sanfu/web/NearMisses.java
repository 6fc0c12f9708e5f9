package org.sanfu.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A body's field the request does not take is passed over, as a query parameter it does not take is: an
 * integrator may send fields of its own beside ours. But one that is nearly a field of the request (the
 * same letters in another case, {@code Urgency}; or at most two letters off a field of five or more,
 * {@code catgory}, {@code urgncy}) is that field misspelt, and passing it over files something else than was
 * meant (a problem sent as urgent filed as normal, unnoticed). Such a field is refused, naming the field
 * probably meant; in a nested object too ({@code problems[0].catgory}). Found by {@link JsonBodies#read}, so every
 * JSON body the API reads is judged alike; a page's form holds only the fields it names, so it has none. Judged on the
 * body as sent, by the request record's fields (as {@link JsonBodies#exactCommand} judges), so that one answer names
 * every such field with the body's other faults.
 */
final class NearMisses {

    /** A field name shorter than this is too short for two letters off to mean it ("type" and "time"). */
    private static final int SHORTEST_FOR_TYPOS = 5;
    private static final int MOST_LETTERS_OFF = 2;

    /** A field sent, by its path ({@code problems[0].catgory}), and the field of the request it probably means. */
    record Misspelt(String path, String sent, String meant) {}

    private NearMisses() {}

    /**
     * The body's misspelt fields, in the order sent, for the record {@code type}: its own fields, and those of the
     * records it holds, one or a list of them. A body not of the type's shape has none here; reading it says why.
     */
    static List<Misspelt> in(JsonNode body, Class<?> type) {
        List<Misspelt> found = new ArrayList<>();
        collect(body, type, "", found);
        return found;
    }

    private static void collect(JsonNode node, Type type, String at, List<Misspelt> found) {
        if (node == null) {
            return;
        }
        Type element = element(type);
        if (element != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), element, at + "[" + i + "]", found);
            }
            return;
        }
        if (!(type instanceof Class<?> record) || !record.isRecord() || !node.isObject()) {
            return;
        }
        Map<String, Type> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            fields.put(component.getName(), component.getGenericType());
        }
        node.properties().forEach(field -> {
            String path = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
            Type known = fields.get(field.getKey());
            if (known != null) {
                collect(field.getValue(), known, path, found);
                return;
            }
            String meant = meant(field.getKey(), fields.keySet());
            if (meant != null) {
                found.add(new Misspelt(path, field.getKey(), meant));
            }
        });
    }

    /** The element type of a list or array field, or null for any other. */
    private static Type element(Type type) {
        if (type instanceof Class<?> array && array.isArray()) {
            return array.getComponentType();
        }
        if (type instanceof ParameterizedType list && list.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw) && list.getActualTypeArguments().length == 1) {
            return list.getActualTypeArguments()[0];
        }
        return null;
    }

    /** The field {@code sent} probably means, or null when it is near none: same letters in another case first. */
    static String meant(String sent, Collection<String> known) {
        String nearest = null;
        int fewest = MOST_LETTERS_OFF + 1;
        for (String name : known) {
            if (name.toLowerCase(Locale.ROOT).equals(sent.toLowerCase(Locale.ROOT))) {
                return name;
            }
            if (name.length() >= SHORTEST_FOR_TYPOS) {
                int off = lettersOff(sent, name, fewest);
                if (off < fewest) {
                    fewest = off;
                    nearest = name;
                }
            }
        }
        return nearest;
    }

    /**
     * Levenshtein's distance between the two names (letters inserted, dropped or changed), or {@code beyond} when it
     * is that or more: names far apart in length are not compared letter by letter.
     */
    static int lettersOff(String a, String b, int beyond) {
        if (Math.abs(a.length() - b.length()) >= beyond) {
            return beyond;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowLeast = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int changed = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(changed, Math.min(previous[j], current[j - 1]) + 1);
                rowLeast = Math.min(rowLeast, current[j]);
            }
            if (rowLeast >= beyond) {
                return beyond;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return Math.min(previous[b.length()], beyond);
    }
}
