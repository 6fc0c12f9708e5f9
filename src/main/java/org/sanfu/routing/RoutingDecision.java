package org.sanfu.routing;

import java.util.List;

/**
 * Who handles a problem and in how many working days: the lead department (主办, null when no rule
 * names one and dispatch must assign by hand), the co-departments (协办) and the two limits.
 */
public record RoutingDecision(String leadDepartment, List<String> coDepartments, int signLimit, int replyLimit) {

    public boolean routed() {
        return leadDepartment != null;
    }
}
