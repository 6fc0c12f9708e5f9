package org.sanfu.operations;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.sanfu.Message;
import org.sanfu.web.JsonBodies;

/**
 * The bodies of the operators' retry writes, checked before Camunda sees them. Camunda's REST layer
 * answers a missing or negative {@code retries}, or a bulk retry that names no jobs, with 500 (a null
 * pointer, or the engine's refusal passed on as a server error): to the operator who typed it, and to
 * the service's error rate, it looks like a fault of the service. Asked here, it is the 400 naming the
 * field that it is, and the engine is not called. A list of ids holding something that is no id ({@code [null]})
 * would become a batch whose jobs fail in the background, leaving incidents: it is 400 too, and so is a key
 * given twice, as on Sanfu's own API. What these checks let through, the engine still judges.
 */
final class RetryBodies {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String ID = "[^/]+";

    /** A write whose body sets retries, and the fields of which at least one must name what to retry. */
    private record Retry(String method, Pattern path, List<String> selectors) {

        Retry(String method, String path, String... selectors) {
            this(method, Pattern.compile(path), List.of(selectors));
        }
    }

    private static final List<Retry> RETRIES = List.of(
            new Retry("PUT", "/job/" + ID + "/retries"),
            new Retry("PUT", "/job-definition/" + ID + "/retries"),
            new Retry("PUT", "/external-task/" + ID + "/retries"),
            new Retry("POST", "/job/retries", "jobIds", "jobQuery"),
            new Retry("POST", "/process-instance/job-retries",
                    "processInstances", "processInstanceQuery", "historicProcessInstanceQuery"),
            new Retry("PUT", "/external-task/retries"),
            new Retry("POST", "/external-task/retries-async"));

    /** What is wrong with a body: the field, and why. */
    record Fault(String field, Message message) {}

    /**
     * A body judged: its fault, or when it has none the jobs it names by id ({@code jobIds} of {@code POST
     * /job/retries}; empty for any other write), for the caller to look up: the engine would take an unknown
     * one into a batch that fails in the background.
     */
    record Checked(Fault fault, List<String> jobIds) {

        private static Checked refused(String field, Message message) {
            return new Checked(new Fault(field, message), List.of());
        }
    }

    private RetryBodies() {}

    /** Whether this write (method and the engine's resource path) sets retries, so that its body is checked. */
    static boolean checked(String method, String resource) {
        return retry(method, resource) != null;
    }

    /** This body for this write: its fault, or none and the jobs it names; null for a write not checked. */
    static Checked check(String method, String resource, byte[] body) {
        Retry retry = retry(method, resource);
        if (retry == null) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String twice = JsonBodies.duplicateField(e);
            return Checked.refused(twice != null ? twice : "body",
                    Message.of(twice != null ? "sanfu.json.duplicate" : "sanfu.json.unreadable"));
        } catch (IOException e) {
            return Checked.refused("body", Message.of("sanfu.json.unreadable"));
        }
        if (root == null || !root.isObject()) {
            return Checked.refused("body", Message.of("sanfu.json.not-object"));
        }
        JsonNode retries = root.get("retries");
        if (retries == null || retries.isNull()) {
            return Checked.refused("retries", Message.of("sanfu.validation.not-blank"));
        }
        if (!retries.canConvertToInt() || !retries.isIntegralNumber() || retries.intValue() < 0) {
            return Checked.refused("retries", Message.of("sanfu.operations.retries"));
        }
        for (String selector : retry.selectors()) {
            JsonNode ids = root.get(selector);
            if (ids != null && ids.isArray()) {
                for (JsonNode id : ids) {
                    if (!id.isTextual() || id.asText().isBlank()) {
                        return Checked.refused(selector, Message.of("sanfu.operations.retry-ids"));
                    }
                }
            }
        }
        if (!retry.selectors().isEmpty() && retry.selectors().stream().noneMatch(s -> names(root.get(s)))) {
            return Checked.refused(retry.selectors().get(0), Message.of("sanfu.operations.retry-what",
                    "fields", String.join(", ", retry.selectors())));
        }
        List<String> jobIds = new ArrayList<>();
        if ("POST".equals(method) && "/job/retries".equals(resource)) {
            root.path("jobIds").forEach(id -> jobIds.add(id.asText()));
        }
        return new Checked(null, jobIds);
    }

    /** A non-empty list of ids, or a query (which may match none: then the engine retries nothing, as asked). */
    private static boolean names(JsonNode selector) {
        return selector != null && (selector.isObject() || selector.isArray() && !selector.isEmpty());
    }

    private static Retry retry(String method, String resource) {
        return RETRIES.stream()
                .filter(r -> r.method().equals(method) && r.path().matcher(resource).matches())
                .findFirst()
                .orElse(null);
    }
}
