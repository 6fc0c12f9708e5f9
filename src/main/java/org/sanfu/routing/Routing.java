package org.sanfu.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sanfu.sla.SlaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads the result of the DMN decision "routing" (bpmn/routing.dmn): the table decides everything,
 * urgent limits included; only a category with no row falls back to the configured limits.
 */
@Component
public class Routing {

    /** The decision's key in bpmn/routing.dmn. */
    public static final String DECISION = "routing";

    private final SlaProperties defaults;

    Routing(SlaProperties defaults) {
        this.defaults = defaults;
    }

    /** @param result the decision's single result, or null when no rule matched */
    public RoutingDecision decide(Map<String, Object> result) {
        String lead = result == null ? null : text(result.get("leadDepartment"));
        List<String> co = result == null ? List.of() : departments(text(result.get("coDepartments")));
        int sign = limit(result, "signLimit", defaults.defaultSignLimit());
        int reply = limit(result, "replyLimit", defaults.defaultReplyLimit());
        return new RoutingDecision(lead, lead == null ? List.of() : co, sign, reply);
    }

    private static int limit(Map<String, Object> result, String name, int fallback) {
        Object value = result == null ? null : result.get(name);
        return value instanceof Number n ? n.intValue() : fallback;
    }

    private static List<String> departments(String list) {
        return list == null ? List.of()
                : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
