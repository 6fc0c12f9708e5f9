package org.sanfu.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanfu.Message;
import org.springframework.stereotype.Component;

/**
 * Turns a JSON body into a request record after the caller has been authorized, so that a body of
 * the wrong shape is a 400 naming the field, and comes after 404 and 403. For a command it then
 * applies the record's Bean Validation constraints, so that a use case receives only valid input.
 * Messages come from the MessageSource in the request's language ({@link Languages}), worded here.
 */
@Component
public class JsonBodies {

    /** Stands for a body that is not JSON at all until {@link #read} judges it: 400 with the fault found. */
    private static final class Unreadable extends TextNode {
        private final transient InvalidInput fault;

        Unreadable(InvalidInput fault) {
            super("(unreadable body)");
            this.fault = fault;
        }
    }

    private final ObjectMapper json;
    private final Validator validator;
    private final Messages messages;

    JsonBodies(ObjectMapper json, Validator validator, Messages messages) {
        this.json = json;
        this.validator = validator;
        this.messages = messages;
    }

    /**
     * The raw body as JSON without judging it yet: an action reads it only after 404 and 403 were
     * checked, so malformed JSON sent to an unknown ticket or someone else's is not answered 400.
     * An empty body is null.
     */
    public JsonNode parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return null;
        }
        try {
            requireUtf8(raw);
        } catch (IOException e) {
            return new Unreadable(unreadable(e));
        }
        // a parser of our own, to ask where it stood when a value went past its limits: that exception
        // (StreamConstraintsException) carries neither the parser nor a path
        try (JsonParser parser = json.createParser(raw)) {
            try {
                JsonNode node = json.readTree(parser);
                return node == null || node.isMissingNode() ? null : node;
            } catch (StreamConstraintsException e) {
                if (String.valueOf(e.getOriginalMessage()).startsWith("Name length")) {
                    // a key longer than the parser reads: named by the object it is in (its own name is unread)
                    return new Unreadable(InvalidInput.of(path(parser.getParsingContext().getParent()),
                            text("sanfu.json.name-too-long", "max", parser.streamReadConstraints().getMaxNameLength())));
                }
                return new Unreadable(beyondLimits(parser.getParsingContext(),
                        parser.streamReadConstraints().getMaxNestingDepth()));
            } catch (IOException e) {
                return new Unreadable(unreadable(e)); // judged while the parser still says where it stood
            }
        } catch (IOException e) {
            return new Unreadable(unreadable(e));
        }
    }

    /**
     * The raw body as JSON, judged now, for a body read before its controller runs ({@link JsonNodeBodies}):
     * 400 ({@link InvalidInput}) as {@link #command} would say it when it is not readable; null when empty.
     */
    public JsonNode parseOrRefuse(byte[] raw) {
        JsonNode node = parse(raw);
        if (node instanceof Unreadable unreadable) {
            throw unreadable.fault;
        }
        return node;
    }

    /**
     * A number longer or a value deeper than the parser reads, named by the field it was given to: where
     * the parser stood for a number; for nesting, the body's own field whose value it was, not its
     * thousandth level ({@code text}, not {@code text[0][0]...}).
     */
    private InvalidInput beyondLimits(JsonStreamContext at, int maxDepth) {
        JsonStreamContext field = at;
        if (field != null && field.getNestingDepth() > maxDepth) {
            while (field.getParent() != null && !field.getParent().inRoot()) {
                field = field.getParent();
            }
            if (field.inArray()) {
                // the body itself is the array nested too deep: no field of it to name
                return InvalidInput.of("body", text("sanfu.json.too-large"));
            }
        }
        return InvalidInput.of(path(field), text("sanfu.json.too-large"));
    }

    /**
     * JSON is UTF-8 (RFC 8259), and only well-formed UTF-8: Jackson's own decoder would take an overlong
     * form ({@code C0 AF} for "/") or an encoded surrogate ({@code ED A0 80}) as a character, which
     * could then pass a check the plain character would not. Java's strict decoder refuses both.
     */
    static void requireUtf8(byte[] raw) throws CharacterCodingException {
        StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(raw));
    }

    /**
     * For an action without fields of its own: its body may be empty (null here) or a JSON object; JSON's
     * {@code null} is neither, as {@code []} or {@code 1} are not.
     */
    public void requireReadable(JsonNode body) {
        if (body instanceof Unreadable unreadable) {
            throw unreadable.fault;
        }
        if (body != null && !body.isObject()) {
            throw InvalidInput.of("body", text("sanfu.json.not-object"));
        }
    }

    /**
     * The body as a record, judged by its shape alone (types, enum values), and by its fields' names: one that is
     * nearly a field of the request is refused ({@link NearMisses}), any other it does not take is passed over.
     */
    public <T> T read(JsonNode body, Class<T> type) {
        Read<T> read = readAsFarAsItGoes(body, type);
        if (!read.faults().isEmpty()) {
            throw new InvalidInput(read.faults());
        }
        return read.value();
    }

    /**
     * A body read as far as it goes, for a use case that judges the rest itself and names every fault in one answer
     * (API.md: a 400 names every field at fault): the record without the fields it could not take (a value no enum
     * has, {@code "urgency": "very"}, left out as absent; a misspelt field, passed over), and those fields' faults.
     * The caller must not act on it while {@code faults} holds any. A fault of another kind is thrown at once, as
     * {@link #read} throws it, after these.
     */
    public record Read<T>(T value, List<InvalidInput.Fault> faults) {}

    /** See {@link Read}. */
    public <T> Read<T> readAsFarAsItGoes(JsonNode body, Class<T> type) {
        requireReadable(body);
        List<InvalidInput.Fault> faults = new ArrayList<>();
        NearMisses.in(body, type).forEach(m -> faults.add(new InvalidInput.Fault(m.path(),
                text("sanfu.json.near-miss", "field", m.sent(), "meant", m.meant()))));
        JsonNode remaining = body == null ? json.createObjectNode() : body;
        while (true) {
            try {
                return new Read<>(json.treeToValue(remaining, type), List.copyOf(faults));
            } catch (MismatchedInputException e) {
                JsonNode without = e.getTargetType() != null && e.getTargetType().isEnum() ? without(remaining, e) : null;
                if (without == null) {
                    throw InvalidInput.merged(faults, InvalidInput.of(path(e), message(e)));
                }
                // named, and read again without it: the body's other faults come in the same answer
                faults.add(new InvalidInput.Fault(path(e), message(e)));
                remaining = without;
            } catch (JsonProcessingException e) {
                throw InvalidInput.merged(faults, refusal(e));
            }
        }
    }

    /** A copy of the body without the object field the fault is in, or null when it is no object's field. */
    private static JsonNode without(JsonNode body, JsonMappingException fault) {
        List<JsonMappingException.Reference> path = fault.getPath();
        if (path.isEmpty() || path.get(path.size() - 1).getFieldName() == null) {
            return null;
        }
        JsonNode copy = body.deepCopy(); // the caller's tree stays as sent (an ActionBody still asks it has())
        JsonNode at = copy;
        for (JsonMappingException.Reference ref : path.subList(0, path.size() - 1)) {
            at = ref.getFieldName() != null ? at.get(ref.getFieldName()) : at.get(ref.getIndex());
            if (at == null) {
                return null;
            }
        }
        String field = path.get(path.size() - 1).getFieldName();
        return at instanceof ObjectNode object && object.remove(field) != null ? copy : null;
    }

    /** A body of the wrong shape other than a field's value of the wrong type: 400 naming as precisely as it can. */
    private InvalidInput refusal(JsonProcessingException e) {
        // a number beyond what its field holds (past 64 bits) is named by its field
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && mapping.getCause() instanceof InputCoercionException) {
            return InvalidInput.of(path(mapping), text("sanfu.validation.invalid-value"));
        }
        if (e instanceof InputCoercionException coercion) {
            return outOfRange(coercion);
        }
        return InvalidInput.of("body", text("sanfu.json.invalid"));
    }

    /** The body as a command: read as {@link #read} does, then validated; every fault is named at once. */
    public <T> T command(JsonNode body, Class<T> type) {
        Read<T> read = readAsFarAsItGoes(body, type);
        T command = read.value();
        // Bean Validation words each message from the MessageSource in the request's language
        List<InvalidInput.Fault> faults = validator.validate(command).stream()
                .map(v -> new InvalidInput.Fault(path(v.getPropertyPath()),
                        Message.worded(key(v.getMessageTemplate()), Map.of(), v.getMessage())))
                .sorted(inDeclarationOrder(type))
                .toList();
        if (!read.faults().isEmpty() || !faults.isEmpty()) {
            // a field left out unread is not named again as missing
            throw InvalidInput.merged(read.faults(), new InvalidInput(faults));
        }
        return command;
    }

    /**
     * As {@link #command}, but a field the record does not have is refused (400 naming it, every one at once) rather
     * than passed over: for a change of some of a record's fields, where a field misspelt would change nothing and
     * the answer would not say so. Checked before the fields' own faults. No body at all is no such change either:
     * 400 naming "body", as for JSON's {@code null}.
     */
    public <T> T exactCommand(JsonNode body, Class<T> type) {
        requireReadable(body);
        if (body == null) {
            throw InvalidInput.of("body", text("sanfu.json.not-object"));
        }
        if (type.isRecord()) {
            List<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
            List<InvalidInput.Fault> unknown = new ArrayList<>();
            body.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    unknown.add(new InvalidInput.Fault(name, text("sanfu.json.unknown-field", "fields", known)));
                }
            });
            if (!unknown.isEmpty()) {
                throw new InvalidInput(unknown);
            }
        }
        return command(body, type);
    }

    /** 400 naming "body": what came is not JSON. */
    InvalidInput unreadable() {
        return InvalidInput.of("body", text("sanfu.json.unreadable"));
    }

    /**
     * 400 for a body that could not be read, as precisely as the fault allows: not UTF-8, something
     * after the JSON value (the parser failed within a second top-level value), or a key
     * given twice in one object, named by its path as the client wrote it (Jackson says so only in its
     * message); anything else is not readable JSON.
     */
    InvalidInput unreadable(Throwable fault) {
        for (Throwable cause = fault; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                    && mapping.getCause() instanceof StreamConstraintsException) {
                // past the parser's limits within a field a deserializer read (a JsonNode or Map field)
                return InvalidInput.of(path(mapping), text("sanfu.json.too-large"));
            }
            if (cause instanceof InputCoercionException coercion) {
                return outOfRange(coercion);
            }
            if (cause instanceof CharacterCodingException) {
                return InvalidInput.of("body", text("sanfu.json.encoding"));
            }
            if (cause instanceof JsonProcessingException parse && parse.getProcessor() instanceof JsonParser parser) {
                JsonStreamContext at = parser.getParsingContext();
                JsonStreamContext root = at;
                while (root != null && root.getParent() != null) {
                    root = root.getParent();
                }
                if (root != null && root.getCurrentIndex() > 0) {
                    return InvalidInput.of("body", text("sanfu.json.trailing"));
                }
                String twice = duplicateField(parse);
                if (twice != null) {
                    return InvalidInput.of(twice, text("sanfu.json.duplicate"));
                }
            }
        }
        return unreadable();
    }

    /** A number beyond what its field can hold (a whole number past 64 bits): 400 naming the field. */
    private InvalidInput outOfRange(InputCoercionException e) {
        String field = e.getProcessor() == null ? "body" : path(e.getProcessor().getParsingContext());
        return InvalidInput.of(field, text("sanfu.validation.invalid-value"));
    }

    /**
     * The field a body gave twice, by its path, when this is the parser's refusal of that (a parser with
     * {@code STRICT_DUPLICATE_DETECTION}); null for any other fault.
     */
    public static String duplicateField(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null
                && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
            return path(parser.getParsingContext());
        }
        return null;
    }

    /** {@code problems[0].title} for where a parser stands, the way the client wrote it. */
    public static String path(JsonStreamContext at) {
        Deque<JsonStreamContext> outward = new ArrayDeque<>();
        for (JsonStreamContext context = at; context != null && !context.inRoot(); context = context.getParent()) {
            outward.push(context);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext context : outward) {
            if (context.inArray()) {
                path.append('[').append(context.getCurrentIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(context.getCurrentName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** {@code problems[0].category}, the way the client wrote it. */
    public static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** The same JSON path for a constraint violation: {@code coDepartments[0]}, not Bean Validation's own. */
    static String path(Path violation) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : violation) {
            if (node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(node.getName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /**
     * Violations come as a set; the answer lists them as the client wrote the fields, an element of
     * a list before a fault of the list as a whole ({@code coDepartments[1]} before {@code coDepartments}).
     */
    private static Comparator<InvalidInput.Fault> inDeclarationOrder(Class<?> type) {
        List<String> components = type.isRecord()
                ? Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList() : List.of();
        Comparator<InvalidInput.Fault> byComponent = Comparator.comparingInt(e -> {
            int index = components.indexOf(InvalidInput.rootField(e.field()));
            return index < 0 ? components.size() : index;
        });
        return byComponent
                .thenComparing(e -> e.field().equals(InvalidInput.rootField(e.field())))
                .thenComparing(InvalidInput.Fault::field);
    }

    /** What is wrong with a value of the wrong type, worded now, as Bean Validation words its own. */
    Message message(MismatchedInputException e) {
        if (e instanceof StrictJson.NulInString) {
            return text("sanfu.validation.control-character", "character", "U+0000");
        }
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            // the values the client may send: those of the field's @OneOf, when it leaves some out (UNRATED)
            List<String> except = List.of(oneOf(e).map(OneOf::except).orElse(new String[0]));
            return text("sanfu.validation.one-of", "values", Arrays.stream(target.getEnumConstants())
                    .map(Object::toString).filter(v -> !except.contains(v)).toList());
        }
        if (target == null) {
            return text("sanfu.json.wrong-type");
        }
        if (target == String.class) {
            return text("sanfu.json.string");
        }
        if (Collection.class.isAssignableFrom(target)) {
            return text("sanfu.json.array");
        }
        String type = target.getSimpleName().toLowerCase(Locale.ROOT);
        if (WHOLE_NUMBERS.contains(type)) {
            return text("sanfu.json.whole-number");
        }
        if (type.equals("boolean")) {
            return text("sanfu.validation.true-or-false");
        }
        return text("sanfu.json.type", "type", type);
    }

    private static final Set<String> WHOLE_NUMBERS = Set.of("integer", "int", "long", "short");

    /** The @OneOf of the field the fault is in, if the field has one. */
    private static Optional<OneOf> oneOf(MismatchedInputException e) {
        if (e.getPath().isEmpty()) {
            return Optional.empty();
        }
        JsonMappingException.Reference at = e.getPath().get(e.getPath().size() - 1);
        Object from = at.getFrom();
        Class<?> owner = from instanceof Class<?> c ? c : from == null ? null : from.getClass();
        if (owner == null || at.getFieldName() == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(owner.getDeclaredField(at.getFieldName()).getAnnotation(OneOf.class));
        } catch (NoSuchFieldException notAField) {
            return Optional.empty();
        }
    }

    /** A message in the request's language, so that a page's form shows it as it shows Bean Validation's. */
    private Message text(String code, Object... namesAndValues) {
        Message message = Message.of(code, namesAndValues);
        return Message.worded(code, message.arguments(), messages.text(message));
    }

    /** The MessageSource key of a constraint's message template "{key}", or null for a literal text. */
    private static String key(String template) {
        return template != null && template.length() > 2 && template.startsWith("{") && template.endsWith("}")
                && template.indexOf('{', 1) < 0 ? template.substring(1, template.length() - 1) : null;
    }
}
