package org.sanfu.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Turns a JSON body into a request record after the caller has been authorized, so that a body of
 * the wrong shape is a 400 naming the field, and comes after 404 and 403.
 */
@Component
public class JsonBodies {

    /** Stands for a body that is not JSON at all until {@link #read} judges it (400 naming "body"). */
    private static final JsonNode UNREADABLE = new TextNode("(unreadable body)");

    private final ObjectMapper json;

    JsonBodies(ObjectMapper json) {
        this.json = json;
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
            JsonNode node = json.readTree(raw);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return UNREADABLE;
        }
    }

    /** For an action without fields of its own: its body may be empty or any JSON, but JSON. */
    public void requireReadable(JsonNode body) {
        if (body == UNREADABLE) {
            throw InvalidInput.of("body", "is not readable JSON");
        }
    }

    public <T> T read(JsonNode body, Class<T> type) {
        requireReadable(body);
        try {
            JsonNode node = body == null || body.isNull() ? json.createObjectNode() : body;
            if (!node.isObject()) {
                throw InvalidInput.of("body", "must be a JSON object");
            }
            return json.treeToValue(node, type);
        } catch (MismatchedInputException e) {
            throw InvalidInput.of(path(e), message(e));
        } catch (JsonProcessingException e) {
            throw InvalidInput.of("body", "is not a valid request");
        }
    }

    /** {@code problems[0].category}, the way the client wrote it. */
    static String path(JsonMappingException e) {
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

    static String message(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (target == null) {
            return "has the wrong type";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return "must be an array";
        }
        return "must be a " + target.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
