package org.sanfu.ticket.process;

/** Ids in bpmn/ticket.bpmn that Java refers to. */
public final class TicketProcess {

    public static final String KEY = "ticket";

    public static final String TASK_ASSIGN = "Task_Assign";
    public static final String TASK_SIGN = "Task_Sign";
    public static final String TASK_HANDLE = "Task_Handle";
    public static final String TASK_FEEDBACK = "Task_Feedback";
    public static final String TASK_CONTRIBUTE = "Task_Contribute";
    public static final String TASK_DECIDE_EXTENSION = "Task_DecideExtension";
    public static final String TASK_ESCALATION_REPLY = "Task_EscalationReply";
    public static final String TASK_RULE = "Task_Rule";
    public static final String SUBPROCESS_HANDLING = "SubProcess_Handling";

    /** The reply clock's timers, rescheduled when an extension moves the reply deadline. */
    public static final java.util.List<String> REPLY_TIMERS = java.util.List.of(
            "BoundaryEvent_ReplyReminder50", "BoundaryEvent_ReplyReminder75", "BoundaryEvent_ReplyOverdue");

    public static final String MESSAGE_EXTENSION_REQUESTED = "ExtensionRequested";

    /** Variables: ids and flags only. */
    public static final String VAR_CATEGORY = "category";
    public static final String VAR_URGENCY = "urgency";
    public static final String VAR_RESOLVED_ON_SITE = "resolvedOnSite";
    public static final String VAR_LEAD_DEPARTMENT = "leadDepartment";
    public static final String VAR_DECISION = "decision";
    public static final String VAR_SATISFIED = "satisfied";
    public static final String VAR_RETURN_COUNT = "returnCount";
    public static final String VAR_REOPEN_COUNT = "reopenCount";
    public static final String VAR_RULING = "ruling";
    static final String VAR_ENTRY = "entry";
    static final String ENTRY_REOPEN = "REOPEN";
    static final String ENTRY_SUPERVISE = "SUPERVISE";
    static final String VAR_CO_DEPARTMENT = "coDepartment";
    static final String VAR_ROUTING_RESULT = "routingResult";

    /** Values of {@link #VAR_DECISION} at the gateways after signing and handling. */
    public static final String SIGN = "SIGN";
    public static final String RETURN = "RETURN";
    public static final String REPLY = "REPLY";
    public static final String ESCALATE = "ESCALATE";

    private TicketProcess() {
    }

    public static long ticketId(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
        return Long.parseLong(execution.getProcessBusinessKey());
    }
}
