package org.sanfu.ticket.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sanfu.SanfuTest;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.ticket.EscalationLevel;
import org.sanfu.ticket.Outcome;
import org.sanfu.ticket.Satisfaction;
import org.sanfu.ticket.TicketEvent;
import org.sanfu.ticket.TicketView;
import org.sanfu.web.ApiException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The branches of bpmn/ticket.bpmn beyond the main path: returns and their arbitration, supervision
 * after three returns or two reopens, co-handling, escalation and extensions.
 */
@SanfuTest
class TicketBranchProcessTests extends ProcessTestSupport {

    @Autowired
    WorkingDayCalendar calendar;

    private List<String> actionsInHistory(String id) {
        return tickets.history(id, STAFF).stream().map(TicketEvent::action).toList();
    }

    private void conflict(Runnable action) {
        Assertions.assertThatThrownBy(action::run).isInstanceOf(ApiException.class)
                .satisfies(e -> Assertions.assertThat(((ApiException) e).status().value()).isEqualTo(409));
    }

    @Test
    void aRejectedReturnKeepsTheSignClockAndAnUpheldOneStartsANewOne() {
        String id = open("CONTAINER");
        ProcessInstance pi = process(id);
        Instant firstSignDeadline = ticket(id).signDeadline();

        actions.returnTicket(id, TRANSPORT, new ActionRequests.Return("不属于本部门"));
        actions.assign(id, DISPATCH, new ActionRequests.Assign("TRANSPORT", null, "属港航职责"));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_SIGN);
        Assertions.assertThat(ticket(id).signDeadline()).isEqualTo(firstSignDeadline);

        actions.returnTicket(id, TRANSPORT, new ActionRequests.Return("仍不属于本部门"));
        actions.assign(id, DISPATCH, new ActionRequests.Assign("FINANCE", null, null));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_SIGN);
        assertThat(task(pi)).hasCandidateGroup("FINANCE");
        TicketView upheld = ticket(id);
        Assertions.assertThat(upheld.returnCount()).isEqualTo(2);
        Assertions.assertThat(upheld.status().name()).isEqualTo("ASSIGNED");
        Assertions.assertThat(upheld.signDeadline()).isAfterOrEqualTo(firstSignDeadline);
        Assertions.assertThat(tickets.history(id, STAFF).stream().map(TicketEvent::detail).toList())
                .anyMatch(d -> d != null && d.contains("退回不成立"))
                .anyMatch(d -> d != null && d.contains("退回成立"));
    }

    @Test
    void theThirdReturnPutsTheTicketUnderSupervisionAndALeaderReassignsIt() {
        String id = open("LOGISTICS");
        ProcessInstance pi = process(id);
        actions.returnTicket(id, TRANSPORT, new ActionRequests.Return("一退"));
        actions.assign(id, DISPATCH, new ActionRequests.Assign("TRANSPORT", null, null));
        actions.sign(id, TRANSPORT);
        actions.returnTicket(id, TRANSPORT, new ActionRequests.Return("二退"));
        actions.assign(id, DISPATCH, new ActionRequests.Assign("COMMERCE", null, null));
        actions.returnTicket(id, COMMERCE, new ActionRequests.Return("三退"));

        assertThat(pi).isWaitingAt(TicketProcess.TASK_RULE).hasPassed("Gateway_ReturnLimit");
        assertThat(task(pi)).hasCandidateGroup("LEADER");
        TicketView supervised = ticket(id);
        Assertions.assertThat(supervised.status().name()).isEqualTo("SUPERVISION");
        Assertions.assertThat(supervised.returnCount()).isEqualTo(3);

        later(Duration.ofDays(1));
        actions.rule(id, LEADER, new ActionRequests.Rule(ActionRequests.Ruling.REASSIGN, "FINANCE", null, "由金融办牵头"));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_SIGN);
        assertThat(task(pi)).hasCandidateGroup("FINANCE");
        TicketView reassigned = ticket(id);
        Assertions.assertThat(reassigned.status().name()).isEqualTo("ASSIGNED");
        Assertions.assertThat(reassigned.leadDepartment()).isEqualTo("FINANCE");
        Assertions.assertThat(reassigned.signDeadline()).isAfter(supervised.signDeadline());
    }

    @Test
    void aThirdDissatisfactionAfterTwoReopensGoesToALeaderWhoClosesIt() {
        String id = open("FINANCING");
        ProcessInstance pi = process(id);
        actions.sign(id, FINANCE);
        for (int round = 0; round < 3; round++) {
            actions.reply(id, FINANCE, new ActionRequests.Reply("第" + (round + 1) + "次答复", Outcome.PARTIAL));
            actions.feedback(id, STAFF, new ActionRequests.Feedback(Satisfaction.DISSATISFIED, null));
        }
        assertThat(pi).isWaitingAt(TicketProcess.TASK_RULE).hasPassed("Gateway_ReopenLimit");
        TicketView supervised = ticket(id);
        Assertions.assertThat(supervised.status().name()).isEqualTo("SUPERVISION");
        Assertions.assertThat(supervised.reopenCount()).isEqualTo(2);

        conflict(() -> actions.feedback(id, STAFF, new ActionRequests.Feedback(Satisfaction.SATISFIED, null)));
        actions.rule(id, LEADER, new ActionRequests.Rule(ActionRequests.Ruling.CLOSE, null, null, "已尽最大努力，企业诉求超出政策范围"));
        assertThat(pi).isEnded().hasPassed("EndEvent_ClosedByRuling").hasNotPassed("EndEvent_Closed");
        TicketView closed = ticket(id);
        Assertions.assertThat(closed.status().name()).isEqualTo("CLOSED");
        Assertions.assertThat(closed.satisfaction().name()).isEqualTo("DISSATISFIED");
        Assertions.assertThat(closed.closedAt()).isNotNull();
    }

    @Test
    void twoCoDepartmentsContributeBeforeTheLeadMayReply() {
        String id = open("OTHER");
        ProcessInstance pi = process(id);
        actions.assign(id, DISPATCH, new ActionRequests.Assign("COMMERCE", List.of("FINANCE", "HRSS"), null));
        actions.sign(id, COMMERCE);

        assertThat(pi).isWaitingAt(TicketProcess.TASK_HANDLE, TicketProcess.TASK_CONTRIBUTE);
        Assertions.assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey(TicketProcess.TASK_CONTRIBUTE)
                .list()).hasSize(2);
        Assertions.assertThat(ticket(id).pendingContributions()).containsExactly("FINANCE", "HRSS");
        Assertions.assertThat(tickets.get(id, FINANCE).allowedActions()).contains("contribute");
        Assertions.assertThat(tickets.get(id, COMMERCE).allowedActions()).doesNotContain("reply");

        conflict(() -> actions.reply(id, COMMERCE, new ActionRequests.Reply("答复", Outcome.RESOLVED)));
        actions.contribute(id, FINANCE, new ActionRequests.Contribute("可申请关贸E贷"));
        conflict(() -> actions.contribute(id, FINANCE, new ActionRequests.Contribute("再说一次")));
        conflict(() -> actions.reply(id, COMMERCE, new ActionRequests.Reply("答复", Outcome.RESOLVED)));
        actions.contribute(id, HRSS, new ActionRequests.Contribute("已对接用工"));

        assertThat(pi).isWaitingAt(TicketProcess.TASK_HANDLE).hasPassed("EndEvent_ContributionsDone");
        TicketView ready = ticket(id);
        Assertions.assertThat(ready.pendingContributions()).isEmpty();
        Assertions.assertThat(ready.contributions()).extracting(c -> c.department() + ":" + c.opinion())
                .containsExactly("FINANCE:可申请关贸E贷", "HRSS:已对接用工");
        actions.reply(id, COMMERCE, new ActionRequests.Reply("协调金融、人社共同解决", Outcome.RESOLVED));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_FEEDBACK);
        Assertions.assertThat(actionsInHistory(id)).containsSubsequence("contribute", "contribute", "reply");
    }

    @Test
    void routingNamesCoDepartmentsToo() {
        String id = open("CREDIT_INSURANCE");
        ProcessInstance pi = process(id);
        actions.sign(id, COMMERCE);
        assertThat(pi).isWaitingAt(TicketProcess.TASK_HANDLE, TicketProcess.TASK_CONTRIBUTE);
        assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey(TicketProcess.TASK_CONTRIBUTE)
                .singleResult()).hasCandidateGroup("FINANCE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CITY", "PROVINCE"})
    void anEscalatedTicketIsAnsweredByTheTaskForceThroughDispatch(String level) {
        String id = open("CREDIT_INSURANCE");
        ProcessInstance pi = process(id);
        actions.sign(id, COMMERCE);
        actions.escalate(id, COMMERCE, new ActionRequests.Escalate(EscalationLevel.valueOf(level), "超出县级权限"));

        assertThat(pi).isWaitingAt(TicketProcess.TASK_ESCALATION_REPLY);
        assertThat(task(pi)).hasCandidateGroup("DISPATCH");
        TicketView escalated = ticket(id);
        Assertions.assertThat(escalated.status().name()).isEqualTo("ESCALATED");
        Assertions.assertThat(escalated.escalationLevel().name()).isEqualTo(level);
        Assertions.assertThat(escalated.pendingContributions()).as("open parts end with the handling").isEmpty();

        actions.escalationReply(id, DISPATCH, new ActionRequests.Reply("省专班协调信保降费", Outcome.RESOLVED));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_FEEDBACK);
        actions.feedback(id, STAFF, new ActionRequests.Feedback(Satisfaction.SATISFIED, null));
        assertThat(pi).isEnded();
        TicketView closed = ticket(id);
        Assertions.assertThat(closed.escalationLevel().name()).isEqualTo(level);
        Assertions.assertThat(closed.resolution()).isEqualTo("省专班协调信保降费");
    }

    @Test
    void anApprovedExtensionMovesTheReplyDeadlineAndARejectedOneLeavesIt() {
        String id = open("CUSTOMS");
        ProcessInstance pi = process(id);
        actions.sign(id, CUSTOMS);
        Instant deadline = ticket(id).replyDeadline();

        actions.extend(id, CUSTOMS, new ActionRequests.Extend(3, "需外地海关协查"));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_HANDLE, TicketProcess.TASK_DECIDE_EXTENSION);
        Assertions.assertThat(ticket(id).extensionRequest().workingDays()).isEqualTo(3);
        conflict(() -> actions.extend(id, CUSTOMS, new ActionRequests.Extend(2, "再申请")));

        actions.approveExtension(id, DISPATCH, new ActionRequests.DecideExtension(null));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_HANDLE).hasPassed("EndEvent_ExtensionDecided");
        TicketView extended = ticket(id);
        Assertions.assertThat(extended.replyDeadline()).isEqualTo(calendar.plusWorkingDays(deadline, 3));
        Assertions.assertThat(extended.extensionRequest()).isNull();

        actions.extend(id, CUSTOMS, new ActionRequests.Extend(2, "再延两天"));
        actions.rejectExtension(id, DISPATCH, new ActionRequests.DecideExtension("时限充足"));
        Assertions.assertThat(ticket(id).replyDeadline()).isEqualTo(extended.replyDeadline());
        Assertions.assertThat(actionsInHistory(id)).containsSubsequence("extend", "approve-extension", "extend",
                "reject-extension");
        conflict(() -> actions.approveExtension(id, DISPATCH, new ActionRequests.DecideExtension(null)));
    }

    @Test
    void aProblemResolvedOnSiteThatDissatisfiesGoesToDispatchWithAFreshReplyClock() {
        String id = api.visit(api.enterprise(), List.of(Map.of("category", "POLICY", "title", "退税流程",
                "resolvedOnSite", true, "onSiteResolution", "现场讲解"))).get(0).get("id").asText();
        ProcessInstance pi = process(id);
        actions.feedback(id, STAFF, new ActionRequests.Feedback(Satisfaction.DISSATISFIED, "没讲清楚"));

        assertThat(pi).isWaitingAt(TicketProcess.TASK_ASSIGN).hasPassed("Gateway_Entry", "Gateway_Routed")
                .hasNotPassed(TicketProcess.TASK_HANDLE);
        TicketView reopened = ticket(id);
        Assertions.assertThat(reopened.status().name()).isEqualTo("DISPATCHING");
        Assertions.assertThat(reopened.reopenCount()).isEqualTo(1);
        Assertions.assertThat(reopened.replyDeadline()).isEqualTo(calendar.plusWorkingDays(MONDAY, 7));

        actions.assign(id, DISPATCH, new ActionRequests.Assign("COMMERCE", null, null));
        actions.sign(id, COMMERCE);
        assertThat(pi).isWaitingAt(TicketProcess.TASK_HANDLE);
    }

    @Test
    void aReplyWithdrawsAPendingExtensionRequest() {
        String id = open("CONTAINER");
        ProcessInstance pi = process(id);
        actions.sign(id, TRANSPORT);
        actions.extend(id, TRANSPORT, new ActionRequests.Extend(2, "等船期"));
        actions.reply(id, TRANSPORT, new ActionRequests.Reply("船期已落实", Outcome.RESOLVED));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_FEEDBACK);
        Assertions.assertThat(taskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(TicketProcess.TASK_DECIDE_EXTENSION).count()).isZero();
        Assertions.assertThat(ticket(id).extensionRequest()).isNull();
        conflict(() -> actions.approveExtension(id, DISPATCH, new ActionRequests.DecideExtension(null)));
    }
}
