package org.sanfu.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.sanfu.sla.SlaProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Routes a problem by the DMN decision "routing" (bpmn/routing.dmn): the table decides everything,
 * urgent limits included; only a category with no row falls back to the configured limits.
 * The table's answer depends on category and urgency alone, and the deployed table changes only
 * at a restart, so each pair is evaluated once: evaluating FEEL per ticket was a sixth of the CPU
 * of a whole lifecycle under load.
 */
@Component
public class Routing {

    /** The decision's key in bpmn/routing.dmn. */
    public static final String DECISION = "routing";

    private final SlaProperties defaults;
    private final ObjectProvider<DecisionService> decisions;
    private final Map<String, RoutingDecision> decided = new ConcurrentHashMap<>();

    @Autowired
    Routing(SlaProperties defaults, ObjectProvider<DecisionService> decisions) {
        this.defaults = defaults;
        this.decisions = decisions;
    }

    Routing(SlaProperties defaults) {
        this(defaults, null);
    }

    /** Where a problem of this category and urgency goes, as the deployed table says. */
    public RoutingDecision route(String category, String urgency) {
        return decided.computeIfAbsent(category + "|" + urgency, key -> {
            DmnDecisionResultEntries row = decisions.getObject().evaluateDecisionByKey(DECISION)
                    .variables(Map.of("category", category, "urgency", urgency)).evaluate().getFirstResult();
            return decide(row == null ? null : row.getEntryMap());
        });
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
