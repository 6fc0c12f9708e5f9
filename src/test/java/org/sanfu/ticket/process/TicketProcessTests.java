package org.sanfu.ticket.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.ticket.Outcome;
import org.sanfu.ticket.Satisfaction;
import org.sanfu.ticket.TicketView;

/**
 * Every path through bpmn/ticket.bpmn, driven by the same services the REST actions use, and
 * checked on the engine (where the process waits, what it passed) and on the read model.
 */
@SanfuTest
class TicketProcessTests extends ProcessTestSupport {

    @Test
    void aRoutedProblemIsSignedRepliedAndClosedWhenTheEnterpriseIsSatisfied() {
        String id = open(Api.problem("CONTAINER", "集装箱紧张"));
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt(TicketProcess.TASK_SIGN).hasPassed("Task_Route");
        assertThat(pi).hasNotPassed(TicketProcess.TASK_ASSIGN);
        assertThat(pi).variables().containsEntry(TicketProcess.VAR_LEAD_DEPARTMENT, "TRANSPORT")
                .doesNotContainKey("routingResult");
        assertThat(task(pi)).hasCandidateGroup("TRANSPORT");

        actions.sign(id, TRANSPORT);
        assertThat(pi).isWaitingAt(TicketProcess.TASK_HANDLE);
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("IN_PROGRESS");

        actions.reply(id, TRANSPORT, new ActionRequests.Reply("已协调船公司增加舱位", Outcome.RESOLVED));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_FEEDBACK);
        assertThat(task(pi)).hasCandidateGroup("STAFF");

        actions.feedback(id, STAFF, new ActionRequests.Feedback(Satisfaction.SATISFIED, null));
        assertThat(pi).isEnded().hasPassedInOrder("StartEvent_Reported", "Gateway_OnSite", "Task_Route",
                "Gateway_Routed", "Task_Sign", "Gateway_SignDecision", "SubProcess_Handling",
                "Gateway_HandlingOutcome", "Task_Feedback", "Gateway_Satisfied", "EndEvent_Closed");
        // no co-department: the multi-instance part is passed through empty
        assertThat(pi).hasPassed("Task_Handle", "EndEvent_HandlingDone", "Task_Contribute#multiInstanceBody")
                .hasNotPassed(TicketProcess.TASK_CONTRIBUTE);
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("CLOSED");
    }

    @Test
    void aProblemNoRuleRoutesWaitsForDispatchToAssignIt() {
        String id = open(Api.problem("OTHER", "厂区道路破损"));
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt(TicketProcess.TASK_ASSIGN).hasPassed("Task_Route");
        assertThat(task(pi)).hasCandidateGroup("DISPATCH");
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("DISPATCHING");

        actions.assign(id, DISPATCH, new ActionRequests.Assign("FINANCE", List.of("COMMERCE"), null));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_SIGN).variables()
                .containsEntry(TicketProcess.VAR_LEAD_DEPARTMENT, "FINANCE");
        assertThat(task(pi)).hasCandidateGroup("FINANCE");
        TicketView assigned = ticket(id);
        Assertions.assertThat(assigned.status().name()).isEqualTo("ASSIGNED");
        Assertions.assertThat(assigned.coDepartments()).containsExactly("COMMERCE");

        actions.sign(id, FINANCE);
        actions.contribute(id, COMMERCE, new ActionRequests.Contribute("配合落实"));
        actions.reply(id, FINANCE, new ActionRequests.Reply("已落实", Outcome.PARTIAL));
        actions.feedback(id, STAFF, new ActionRequests.Feedback(Satisfaction.BASICALLY_SATISFIED, null));
        assertThat(pi).isEnded().hasPassed("Task_Assign", "EndEvent_Closed");
    }

    @Test
    void aProblemResolvedOnSiteGoesStraightToFeedback() {
        String id = open(Map.of("category", "CONTAINER", "title", "集装箱紧张", "resolvedOnSite", true,
                "onSiteResolution", "区领导现场协调解决"));
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt(TicketProcess.TASK_FEEDBACK).hasNotPassed("Task_Route");
        TicketView replied = ticket(id);
        Assertions.assertThat(replied.status().name()).isEqualTo("REPLIED");
        Assertions.assertThat(replied.resolution()).isEqualTo("区领导现场协调解决");
        Assertions.assertThat(replied.leadDepartment()).isNull();

        actions.feedback(id, STAFF, new ActionRequests.Feedback(Satisfaction.SATISFIED, null));
        assertThat(pi).isEnded().hasPassed("EndEvent_Closed").hasNotPassed("Task_Sign");
    }

    @Test
    void aTicketReturnedBeforeSigningGoesToDispatchAndOnToTheNewDepartment() {
        String id = open(Api.problem("LOGISTICS", "物流运费上涨"));
        ProcessInstance pi = process(id);
        actions.returnTicket(id, TRANSPORT, new ActionRequests.Return("属金融事项"));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_ASSIGN).hasPassed("Task_Sign");
        TicketView returned = ticket(id);
        Assertions.assertThat(returned.status().name()).isEqualTo("DISPATCHING");
        Assertions.assertThat(returned.returnCount()).isEqualTo(1);

        actions.assign(id, DISPATCH, new ActionRequests.Assign("FINANCE", null, null));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_SIGN);
        assertThat(task(pi)).hasCandidateGroup("FINANCE");
        Assertions.assertThat(ticket(id).leadDepartment()).isEqualTo("FINANCE");
    }

    @Test
    void aTicketReturnedWhileHandledGoesBackToDispatch() {
        String id = open(Api.problem("CONTAINER", "舱位不足"));
        ProcessInstance pi = process(id);
        actions.sign(id, TRANSPORT);
        actions.returnTicket(id, TRANSPORT, new ActionRequests.Return("需海关牵头"));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_ASSIGN).hasPassed(TicketProcess.TASK_HANDLE);
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("DISPATCHING");

        actions.assign(id, DISPATCH, new ActionRequests.Assign("TRANSPORT", null, null));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_SIGN);
        assertThat(task(pi)).hasCandidateGroup("TRANSPORT");
    }

    @Test
    void aDissatisfiedEnterpriseReopensTheTicketForTheSameDepartment() {
        String id = open(Api.problem("FINANCING", "贷款审批慢"));
        ProcessInstance pi = process(id);
        actions.sign(id, FINANCE);
        actions.reply(id, FINANCE, new ActionRequests.Reply("已转银行", Outcome.PARTIAL));
        TicketView firstReply = ticket(id);

        later(Duration.ofDays(2));
        actions.feedback(id, STAFF, new ActionRequests.Feedback(Satisfaction.DISSATISFIED, "仍未放款"));
        assertThat(pi).isWaitingAt(TicketProcess.TASK_HANDLE);
        assertThat(task(pi)).hasCandidateGroup("FINANCE");
        TicketView reopened = ticket(id);
        Assertions.assertThat(reopened.status().name()).isEqualTo("IN_PROGRESS");
        Assertions.assertThat(reopened.reopenCount()).isEqualTo(1);
        Assertions.assertThat(reopened.satisfaction().name()).isEqualTo("DISSATISFIED");
        Assertions.assertThat(reopened.replyDeadline()).isAfter(firstReply.replyDeadline());

        actions.reply(id, FINANCE, new ActionRequests.Reply("已放款100万元", Outcome.RESOLVED));
        actions.feedback(id, STAFF, new ActionRequests.Feedback(Satisfaction.SATISFIED, null));
        assertThat(pi).isEnded();
        TicketView closed = ticket(id);
        Assertions.assertThat(closed.status().name()).isEqualTo("CLOSED");
        Assertions.assertThat(closed.satisfaction().name()).isEqualTo("SATISFIED");
        Assertions.assertThat(closed.reopenCount()).isEqualTo(1);
    }
}
