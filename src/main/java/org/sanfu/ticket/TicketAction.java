package org.sanfu.ticket;

/**
 * The actions of API.md, by their URL name, in the order allowedActions lists them. Which task of
 * bpmn/ticket.bpmn offers each is said in the diagram (the tasks' "actions" property).
 */
public enum TicketAction {
    ASSIGN("assign"),
    SIGN("sign"),
    RETURN("return"),
    CONTRIBUTE("contribute"),
    REPLY("reply"),
    EXTEND("extend"),
    APPROVE_EXTENSION("approve-extension"),
    REJECT_EXTENSION("reject-extension"),
    ESCALATE("escalate"),
    ESCALATION_REPLY("escalation-reply"),
    FEEDBACK("feedback"),
    SUPERVISE("supervise"),
    RULE("rule"),
    COMMENT("comment");

    private final String urlName;

    TicketAction(String urlName) {
        this.urlName = urlName;
    }

    public String urlName() {
        return urlName;
    }
}
