package org.sanfu.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Turns a JSON body into a request record after the caller has been authorized, so that a body of
 * the wrong shape is a 400 naming the field, and comes after 404 and 403.
 */
@Component
public class JsonBodies {

    private final ObjectMapper json;

    JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    public <T> T read(JsonNode body, Class<T> type) {
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
