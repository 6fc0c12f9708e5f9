package org.sanfu.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sanfu.sla.SlaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads the result of the DMN decision "routing" (bpmn/routing.dmn) and applies the one rule that
 * is the same for every row: an URGENT problem halves each limit, rounding up, never below 1.
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
    public RoutingDecision decide(Map<String, Object> result, boolean urgent) {
        String lead = result == null ? null : text(result.get("leadDepartment"));
        List<String> co = result == null ? List.of() : departments(text(result.get("coDepartments")));
        int sign = limit(result, "signLimit", defaults.defaultSignLimit());
        int reply = limit(result, "replyLimit", defaults.defaultReplyLimit());
        return new RoutingDecision(lead, lead == null ? List.of() : co, urgent ? halve(sign) : sign,
                urgent ? halve(reply) : reply);
    }

    static int halve(int limit) {
        return Math.max(1, (limit + 1) / 2);
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
