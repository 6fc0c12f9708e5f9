package org.sanfu.web;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON body of an action, read raw and judged only when the action reads it with
 * {@link JsonBodies}, after the record was found (404) and the caller allowed (403), as API.md orders
 * the checks. A controller method takes it as an argument; {@link ActionBodyResolver} fills it.
 *
 * @param json the parsed body, null when empty, or a marker that {@link JsonBodies} refuses with 400
 */
public record ActionBody(JsonNode json) {
}
