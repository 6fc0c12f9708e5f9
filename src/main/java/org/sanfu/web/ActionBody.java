package org.sanfu.web;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON body of an action, read raw and judged only when the controller asks for its command,
 * after the record was found (404) and the caller allowed (403), as API.md orders the checks. A
 * controller method takes it as an argument; {@link ActionBodyResolver} fills it.
 */
public final class ActionBody {

    private final JsonNode json;
    private final JsonBodies bodies;

    /** @param json the parsed body, null when empty, or a marker that {@link JsonBodies} refuses with 400 */
    ActionBody(JsonNode json, JsonBodies bodies) {
        this.json = json;
        this.bodies = bodies;
    }

    /** The body as a validated command: 400 naming every field at fault, in the request's language. */
    public <T> T as(Class<T> command) {
        return bodies.command(json, command);
    }

    /**
     * As {@link #as}, a field the command does not have refused (400 naming it) rather than passed over, and so is no
     * body at all (naming "body"): for a change of only the fields sent, where one misspelt would change nothing
     * unnoticed.
     */
    public <T> T exactly(Class<T> command) {
        return bodies.exactCommand(json, command);
    }

    /** Whether the body (read by {@link #exactly} or {@link #as}) has this field, {@code null} as its value too. */
    public boolean has(String field) {
        return json != null && json.isObject() && json.has(field);
    }

    /** For an action without a body of its own: empty or any JSON, but JSON (else 400 naming "body"). */
    public void requireReadable() {
        bodies.requireReadable(json);
    }
}
