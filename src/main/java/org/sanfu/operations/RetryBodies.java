package org.sanfu.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.sanfu.Message;

/**
 * The bodies of the operators' retry writes, checked before Camunda sees them. Camunda's REST layer
 * answers a missing or negative {@code retries}, or a bulk retry that names no jobs, with 500 (a null
 * pointer, or the engine's refusal passed on as a server error): to the operator who typed it, and to
 * the service's error rate, it looks like a fault of the service. Asked here, it is the 400 naming the
 * field that it is, and the engine is not called. What these checks let through, the engine still judges.
 */
final class RetryBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
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

    private RetryBodies() {}

    /** Whether this write (method and the engine's resource path) sets retries, so that its body is checked. */
    static boolean checked(String method, String resource) {
        return retry(method, resource) != null;
    }

    /** The fault of this body for this write, or null when it is one the engine can be asked. */
    static Fault fault(String method, String resource, byte[] body) {
        Retry retry = retry(method, resource);
        if (retry == null) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return new Fault("body", Message.of("sanfu.json.unreadable"));
        }
        if (root == null || !root.isObject()) {
            return new Fault("body", Message.of("sanfu.json.not-object"));
        }
        JsonNode retries = root.get("retries");
        if (retries == null || retries.isNull()) {
            return new Fault("retries", Message.of("sanfu.validation.not-blank"));
        }
        if (!retries.canConvertToInt() || !retries.isIntegralNumber() || retries.intValue() < 0) {
            return new Fault("retries", Message.of("sanfu.operations.retries"));
        }
        if (!retry.selectors().isEmpty() && retry.selectors().stream().noneMatch(s -> names(root.get(s)))) {
            return new Fault(retry.selectors().get(0), Message.of("sanfu.operations.retry-what",
                    "fields", String.join(", ", retry.selectors())));
        }
        return null;
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
