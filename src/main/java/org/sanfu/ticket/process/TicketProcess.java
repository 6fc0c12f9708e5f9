package org.sanfu.ticket.process;

/** Ids in bpmn/ticket.bpmn that Java refers to. */
public final class TicketProcess {

    public static final String KEY = "ticket";

    public static final String TASK_ASSIGN = "Task_Assign";
    public static final String TASK_SIGN = "Task_Sign";
    public static final String TASK_HANDLE = "Task_Handle";
    public static final String TASK_ESCALATION_REPLY = "Task_EscalationReply";
    public static final String TASK_RULE = "Task_Rule";
    public static final String TASK_CONTRIBUTE = "Task_Contribute";
    public static final String TASK_FEEDBACK = "Task_Feedback";
    /** The co-departments' parts as one activity: starting it opens one part for each of them. */
    public static final String CONTRIBUTE_PARTS = TASK_CONTRIBUTE + "#multiInstanceBody";

    public static final String MESSAGE_EXTENSION_REQUESTED = "ExtensionRequested";
    /** The systemic problem's case this ticket belongs to was replied: the ticket is replied with it. */
    public static final String MESSAGE_CASE_REPLIED = "CaseReplied";
    /** A leader took the ticket under supervision (督办). */
    public static final String MESSAGE_SUPERVISED = "Supervised";

    /** Variables: flags and decisions only. */
    public static final String VAR_RESOLVED_ON_SITE = "resolvedOnSite";
    public static final String VAR_LEAD_DEPARTMENT = "leadDepartment";
    public static final String VAR_DECISION = "decision";
    public static final String VAR_SATISFIED = "satisfied";
    /** The feedback window passed with no feedback. */
    public static final String VAR_UNRATED = "unrated";
    public static final String VAR_RULING = "ruling";
    /** At start only: the lead department dispatch named (a systemic problem's case); routing keeps it. */
    public static final String VAR_NAMED_LEAD_DEPARTMENT = "namedLeadDepartment";

    /** Values of {@link #VAR_DECISION} at the gateways after signing and handling. */
    public static final String SIGN = "SIGN";
    public static final String RETURN = "RETURN";
    public static final String REPLY = "REPLY";
    public static final String ESCALATE = "ESCALATE";

    /** Candidate-group expressions of the diagram that name the ticket's departments. */
    public static final String LEAD_DEPARTMENT_GROUP = "${leadDepartment}";
    public static final String CO_DEPARTMENT_GROUP = "${coDepartment}";
    /** Task_Feedback's: service staff, and dispatch too on an entry it logged (ticketRules.fromEntry). */
    public static final String FEEDBACK_GROUPS =
            "${ticketRules.fromEntry(execution.processBusinessKey) ? 'STAFF,DISPATCH' : 'STAFF'}";

    private TicketProcess() {
    }

    /** The business key is the ticket's id. */
    public static long ticketId(String businessKey) {
        return Long.parseLong(businessKey);
    }
}
