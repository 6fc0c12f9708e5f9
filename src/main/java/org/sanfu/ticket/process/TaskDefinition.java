package org.sanfu.ticket.process;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What bpmn/ticket.bpmn says of one user task: who may work it ({@code candidateGroups}, a group or
 * an expression such as {@code ${leadDepartment}}), the API actions it offers while it waits, for
 * some actions a task whose being open holds them back ({@code reply.waitsFor}), and the actions it
 * offers to groups that are not its candidates ({@code actions.LEADER}: a leader's supervise).
 */
public record TaskDefinition(String key, String candidateGroups, List<String> actions, Map<String, String> waitsFor,
        Map<String, List<String>> actionsOfGroups) {

    public boolean offers(String action) {
        return actions.contains(action);
    }

    /** Whether, while the task waits, one of these groups may take the action though no candidate of it. */
    public boolean offersTo(Collection<String> groups, String action) {
        return groups.stream().anyMatch(group -> actionsOfGroups.getOrDefault(group, List.of()).contains(action));
    }
}
