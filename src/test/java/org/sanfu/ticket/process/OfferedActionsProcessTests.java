package org.sanfu.ticket.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.DomainException;
import org.sanfu.SanfuTest;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.ticket.EscalationLevel;
import org.sanfu.ticket.Outcome;
import org.sanfu.ticket.Satisfaction;
import org.sanfu.ticket.TicketAction;

/**
 * allowedActions is what the engine accepts: in every state the process tests reach, for every
 * role and department, each offered action succeeds (on a fresh ticket in that state) and each
 * action not offered is refused with 409 (not now) or 403 (not yours), changing nothing.
 */
@SanfuTest
class OfferedActionsProcessTests extends ProcessTestSupport {

    static final Caller ADMIN = new Caller("admin", Role.ADMIN, null);
    static final List<Caller> EVERYONE = List.of(STAFF, DISPATCH, LEADER, TRANSPORT, COMMERCE, FINANCE, HRSS, ADMIN);

    /** A fresh ticket in each state the process tests reach; its id. */
    private Map<String, Supplier<String>> states() {
        Map<String, Supplier<String>> states = new LinkedHashMap<>();
        states.put("DISPATCHING (no rule)", () -> open("OTHER"));
        states.put("DISPATCHING after a return", () -> {
            String id = open("CONTAINER");
            actions.returnTicket(id, TRANSPORT, new ActionRequests.Return("不属于本部门"));
            return id;
        });
        states.put("ASSIGNED", () -> open("CONTAINER"));
        states.put("IN_PROGRESS", () -> {
            String id = open("CONTAINER");
            actions.sign(id, TRANSPORT);
            return id;
        });
        states.put("IN_PROGRESS after a reopen", () -> {
            String id = open("CONTAINER");
            actions.sign(id, TRANSPORT);
            actions.reply(id, TRANSPORT, new ActionRequests.Reply("已协调", Outcome.PARTIAL));
            actions.feedback(id, STAFF, new ActionRequests.Feedback(Satisfaction.DISSATISFIED, null));
            return id;
        });
        states.put("IN_PROGRESS with a co-department's part open", () -> {
            String id = open("CREDIT_INSURANCE");
            actions.sign(id, COMMERCE);
            return id;
        });
        states.put("IN_PROGRESS with an extension pending", () -> {
            String id = open("CONTAINER");
            actions.sign(id, TRANSPORT);
            actions.extend(id, TRANSPORT, new ActionRequests.Extend(2, "等待船期"));
            return id;
        });
        states.put("ESCALATED", () -> {
            String id = open("CONTAINER");
            actions.sign(id, TRANSPORT);
            actions.escalate(id, TRANSPORT, new ActionRequests.Escalate(EscalationLevel.CITY, "需市级协调"));
            return id;
        });
        states.put("REPLIED", () -> {
            String id = open("CONTAINER");
            actions.sign(id, TRANSPORT);
            actions.reply(id, TRANSPORT, new ActionRequests.Reply("已协调", Outcome.RESOLVED));
            return id;
        });
        // an entry logged from the hotline: dispatch may record its feedback too (Task_Feedback's candidate groups)
        states.put("REPLIED, a hotline entry", () -> {
            String id = api.visit(api.enterprise(), "HOTLINE", List.of(Api.problem("CONTAINER", "热线反映舱位紧张")))
                    .get(0).get("id").asText();
            actions.sign(id, TRANSPORT);
            actions.reply(id, TRANSPORT, new ActionRequests.Reply("已协调", Outcome.RESOLVED));
            return id;
        });
        states.put("REPLIED, resolved on site", () -> open(Map.of("category", "POLICY", "title", "政策咨询",
                "resolvedOnSite", true, "onSiteResolution", "现场讲解政策")));
        states.put("SUPERVISION", () -> {
            String id = open("LOGISTICS");
            for (int i = 0; i < 2; i++) {
                actions.returnTicket(id, TRANSPORT, new ActionRequests.Return("不属于本部门"));
                actions.assign(id, DISPATCH, new ActionRequests.Assign("TRANSPORT", null, null));
            }
            actions.returnTicket(id, TRANSPORT, new ActionRequests.Return("仍不属于本部门"));
            return id;
        });
        states.put("CLOSED", () -> {
            String id = open("CONTAINER");
            actions.sign(id, TRANSPORT);
            actions.reply(id, TRANSPORT, new ActionRequests.Reply("已协调", Outcome.RESOLVED));
            actions.feedback(id, STAFF, new ActionRequests.Feedback(Satisfaction.SATISFIED, null));
            return id;
        });
        return states;
    }

    /** Takes the action with a valid command. */
    private void take(TicketAction action, String id, Caller caller) {
        switch (action) {
            case ASSIGN -> actions.assign(id, caller, new ActionRequests.Assign("COMMERCE", null, null));
            case SIGN -> actions.sign(id, caller);
            case RETURN -> actions.returnTicket(id, caller, new ActionRequests.Return("不属于本部门"));
            case CONTRIBUTE -> actions.contribute(id, caller, new ActionRequests.Contribute("可申请关贸E贷"));
            case REPLY -> actions.reply(id, caller, new ActionRequests.Reply("已协调", Outcome.RESOLVED));
            case EXTEND -> actions.extend(id, caller, new ActionRequests.Extend(2, "等待"));
            case APPROVE_EXTENSION -> actions.approveExtension(id, caller, new ActionRequests.DecideExtension(null));
            case REJECT_EXTENSION -> actions.rejectExtension(id, caller, new ActionRequests.DecideExtension(null));
            case ESCALATE -> actions.escalate(id, caller, new ActionRequests.Escalate(EscalationLevel.PROVINCE, "上报"));
            case ESCALATION_REPLY -> actions.escalationReply(id, caller,
                    new ActionRequests.Reply("省专班已协调", Outcome.PARTIAL));
            case FEEDBACK -> actions.feedback(id, caller, new ActionRequests.Feedback(Satisfaction.DISSATISFIED, null));
            case SUPERVISE -> actions.supervise(id, caller, new ActionRequests.Supervise("久拖未决，领导督办"));
            case RULE -> actions.rule(id, caller,
                    new ActionRequests.Rule(ActionRequests.Ruling.REASSIGN, "COMMERCE", null, null));
            case COMMENT -> actions.comment(id, caller, new ActionRequests.Comment("备注"));
        }
    }

    @Test
    void everyOfferedActionSucceedsAndEveryOtherIsRefusedInEveryState() {
        List<String> checked = new ArrayList<>();
        states().forEach((state, fresh) -> {
            String shared = fresh.get();
            for (Caller caller : EVERYONE) {
                // a department the ticket does not involve may not even read it: nothing is offered to it
                boolean sees = !caller.is(Role.DEPT) || caller.department().equals(ticket(shared).leadDepartment())
                        || ticket(shared).coDepartments().contains(caller.department());
                List<String> mine = sees ? tickets.get(shared, caller).allowedActions() : List.of();
                for (TicketAction action : TicketAction.values()) {
                    String what = state + ": " + action.urlName() + " by " + caller.username();
                    if (mine.contains(action.urlName())) {
                        String id = fresh.get();
                        take(action, id, caller);
                        checked.add(what + " ✓");
                    } else {
                        String statusBefore = ticket(shared).status().name();
                        int historyBefore = tickets.history(shared, STAFF).size();
                        Assertions.assertThatThrownBy(() -> take(action, shared, caller)).as(what)
                                .isInstanceOfAny(DomainException.NotNow.class, DomainException.NotYours.class);
                        Assertions.assertThat(ticket(shared).status().name()).as(what).isEqualTo(statusBefore);
                        Assertions.assertThat(tickets.history(shared, STAFF)).as(what).hasSize(historyBefore);
                        checked.add(what + " ✗");
                    }
                }
            }
        });
        Assertions.assertThat(checked).hasSize(states().size() * EVERYONE.size() * TicketAction.values().length);
        // the office records the feedback on its hotline entries, and on no other ticket
        Assertions.assertThat(checked).contains("REPLIED, a hotline entry: feedback by dispatch ✓",
                "REPLIED: feedback by dispatch ✗", "REPLIED, a hotline entry: feedback by transport ✗");
        // each action is offered to someone somewhere: the walk covers the whole diagram
        for (TicketAction action : TicketAction.values()) {
            Assertions.assertThat(checked).as(action.urlName())
                    .anyMatch(c -> c.contains(": " + action.urlName() + " by ") && c.endsWith("✓"));
        }
    }
}
