package org.sanfu.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanfu.Message;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * A page's form as the API's JSON body (docs/UI.md "Forms post the API's fields"): inputs named as the
 * JSON fields, list items as {@code problems[0].title}, a repeated input ({@code coDepartments}) as an
 * array. The command is then read and validated exactly as the API reads its JSON ({@link JsonBodies}),
 * so a page can never do what the API would refuse, and a fault names the same field. An empty input is
 * an absent field. A field given twice with two values is refused, naming it, as the API refuses a key twice:
 * which one was meant is not the page's to guess. The one exception is a checkbox after its hidden "false"
 * (false, then true): it is ticked.
 */
@Component
public class FormBodies {

    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,18}\\.\\d{1,18}");
    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class);
    private static final Pattern DIGITS = Pattern.compile("-?\\d+");
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)(?:\\[(\\d{1,3})])?");

    private final JsonBodies bodies;
    private final ObjectMapper json;

    FormBodies(JsonBodies bodies, ObjectMapper json) {
        this.bodies = bodies;
        this.json = json;
    }

    /**
     * The form as the command {@code type}, validated: 400 ({@link InvalidInput}) naming each field at
     * fault, all at once. A whole-number input that holds none (1.5, 三), and an input given twice with two
     * values, are named here and left out of the body: as a text the first would stop the API's reading at
     * that field, and a page would name one fault per submit instead of every one.
     */
    public <T> T command(MultiValueMap<String, String> form, Class<T> type) {
        Read<T> read = read(form, type);
        if (!read.unread().isEmpty()) {
            throw new InvalidInput(read.unread());
        }
        return read.command();
    }

    /**
     * A form read as far as it goes: the command without the inputs the form could not read (a whole-number
     * input holding none, an input given twice with two values), and those inputs' faults; a page may then
     * judge the rest of the command too, so that one answer names every fault. A command refused itself is
     * thrown, with those faults first.
     */
    public record Read<T>(T command, List<InvalidInput.Fault> unread) {}

    public <T> Read<T> read(MultiValueMap<String, String> form, Class<T> type) {
        List<InvalidInput.Fault> unread = new ArrayList<>();
        ObjectNode body = body(form, type, unread);
        try {
            return new Read<>(bodies.command(body, type), List.copyOf(unread));
        } catch (InvalidInput refused) {
            throw InvalidInput.merged(unread, refused);
        }
    }

    /** An already built body (a page may adjust a field first, e.g. a local time) as the command. */
    public <T> T command(JsonNode body, Class<T> type) {
        return bodies.command(body, type);
    }

    /**
     * The form as the JSON object the API would receive; inputs that name no field of {@code type} are left
     * out, and so are the inputs it cannot read ({@link #command}), each added to {@code unread} by its name.
     */
    private ObjectNode body(MultiValueMap<String, String> form, Class<?> type, List<InvalidInput.Fault> unread) {
        ObjectNode root = json.createObjectNode();
        for (Map.Entry<String, List<String>> input : form.entrySet()) {
            put(root, type, input.getKey().split("\\."), 0, input.getValue(), input.getKey(), unread);
        }
        return root;
    }

    private void put(ObjectNode node, Type type, String[] path, int at, List<String> values, String input,
            List<InvalidInput.Fault> unread) {
        Matcher segment = SEGMENT.matcher(path[at]);
        if (!segment.matches()) {
            return;
        }
        String name = segment.group(1);
        Type fieldType = component(type, name);
        if (fieldType == null) {
            return;
        }
        boolean last = at == path.length - 1;
        if (segment.group(2) != null) {
            int index = Integer.parseInt(segment.group(2));
            Type element = element(fieldType);
            if (element == null || last) {
                return;
            }
            ArrayNode array = node.has(name) && node.get(name).isArray() ? (ArrayNode) node.get(name)
                    : node.putArray(name);
            while (array.size() <= index) {
                array.addObject();
            }
            if (array.get(index) instanceof ObjectNode item) {
                put(item, element, path, at + 1, values, input, unread);
            }
        } else if (last) {
            List<String> given = values.stream().filter(v -> v != null && !v.isBlank()).toList();
            if (given.isEmpty()) {
                return;
            }
            Type element = element(fieldType);
            if (element != null) {
                ArrayNode array = node.putArray(name);
                given.forEach(v -> array.add(scalar(element, v.strip())));
            } else if (given.stream().map(String::strip).distinct().count() > 1 && !ticked(fieldType, given)) {
                unread.add(new InvalidInput.Fault(input, Message.of("form.once")));
            } else if (WHOLE_NUMBERS.contains(raw(fieldType))
                    && !DIGITS.matcher(given.get(given.size() - 1).strip()).matches()) {
                // digits alone, however many, are the API's to judge (its range)
                unread.add(new InvalidInput.Fault(input, Message.of("form.whole-number")));
            } else {
                node.set(name, scalar(fieldType, given.get(given.size() - 1).strip()));
            }
        } else {
            JsonNode child = node.get(name);
            put(child instanceof ObjectNode object ? object : node.putObject(name), fieldType, path, at + 1, values,
                    input, unread);
        }
    }

    /** A checkbox ticked after its hidden default: the flag given "false", then "true". */
    private static boolean ticked(Type type, List<String> given) {
        Class<?> raw = raw(type);
        return (raw == Boolean.class || raw == boolean.class)
                && given.stream().map(String::strip).toList().equals(List.of("false", "true"));
    }

    /**
     * An input's text as the JSON a client would send for the field: a number for a numeric field, true
     * or false for a flag, text otherwise. The API takes no string as a number (StrictJson); a page's
     * input, always text, is typed here, and what does not parse stays text for the API's own 400.
     */
    private JsonNode scalar(Type type, String value) {
        Class<?> raw = raw(type);
        if (raw == Boolean.class || raw == boolean.class) {
            if (value.equals("true") || value.equals("false")) {
                return json.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
            }
        } else if (raw != null && (Number.class.isAssignableFrom(raw) || (raw.isPrimitive() && raw != char.class))) {
            if (WHOLE.matcher(value).matches()) {
                return json.getNodeFactory().numberNode(new BigInteger(value));
            }
            if (DECIMAL.matcher(value).matches()) {
                return json.getNodeFactory().numberNode(new BigDecimal(value));
            }
        }
        return json.getNodeFactory().textNode(value);
    }

    /** The type of a record's component, or null when the record has none of that name. */
    private static Type component(Type type, String name) {
        Class<?> raw = raw(type);
        if (raw == null || !raw.isRecord()) {
            return null;
        }
        for (RecordComponent component : raw.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component.getGenericType();
            }
        }
        return null;
    }

    /** The element type of a list, or null when the type is no collection. */
    private static Type element(Type type) {
        Class<?> raw = raw(type);
        if (raw == null || !Collection.class.isAssignableFrom(raw)) {
            return null;
        }
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : String.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    }
}
