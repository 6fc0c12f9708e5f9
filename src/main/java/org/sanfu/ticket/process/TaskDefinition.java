package org.sanfu.ticket.process;

import java.util.List;
import java.util.Map;

/**
 * What bpmn/ticket.bpmn says of one user task: who may work it ({@code candidateGroups}, a group or
 * an expression such as {@code ${leadDepartment}}), the API actions it offers while it waits, and
 * for some actions a task whose being open holds them back ({@code reply.waitsFor}).
 */
public record TaskDefinition(String key, String candidateGroups, List<String> actions, Map<String, String> waitsFor) {

    public boolean offers(String action) {
        return actions.contains(action);
    }
}
