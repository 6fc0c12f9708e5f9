package org.sanfu.ticket.process;

import org.sanfu.ticket.ActionRequests;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.ticket.TicketView;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every path through bpmn/ticket.bpmn, driven by the same services the REST actions use, and
 * checked on the engine (where the process waits, what it passed) and on the read model.
 */
@SanfuTest
class TicketProcessTests extends ProcessTestSupport {

    @Autowired
    TicketProcessGateway gateway;

    @Test
    void aRoutedProblemIsSignedRepliedAndClosedWhenTheEnterpriseIsSatisfied() {
        String id = open(Api.problem("CONTAINER", "集装箱紧张"));
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt("Task_Sign").hasPassed("Task_Route");
        assertThat(pi).hasNotPassed("Task_Assign");
        assertThat(pi).variables().containsEntry(TicketProcess.VAR_LEAD_DEPARTMENT, "TRANSPORT")
                .doesNotContainKey("routingResult");
        assertThat(task(pi)).hasCandidateGroup("TRANSPORT");

        actions.sign(id, TRANSPORT);
        assertThat(pi).isWaitingAt("Task_Handle");
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("IN_PROGRESS");

        actions.reply(id, TRANSPORT, body(ActionRequests.Reply.class, Map.of("resolution", "已协调船公司增加舱位", "outcome", "RESOLVED")));
        assertThat(pi).isWaitingAt("Task_Feedback");
        assertThat(task(pi)).hasCandidateGroup("STAFF");

        actions.feedback(id, STAFF, body(ActionRequests.Feedback.class, Map.of("satisfaction", "SATISFIED")));
        assertThat(pi).isEnded().hasPassedInOrder("StartEvent_Reported", "Gateway_OnSite", "Task_Route",
                "Gateway_Routed", "Task_Sign", "Gateway_SignDecision", "SubProcess_Handling",
                "Gateway_HandlingOutcome", "Task_Feedback", "Gateway_Satisfied", "EndEvent_Closed");
        // no co-department: neither the fork nor the multi-instance parts are entered
        assertThat(pi).hasPassed("Gateway_CoHandled", "Task_Handle", "EndEvent_HandlingDone")
                .hasNotPassed("Gateway_HandlingFork", "Task_Contribute#multiInstanceBody", "Task_Contribute");
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("CLOSED");
    }

    @Test
    void aProblemNoRuleRoutesWaitsForDispatchToAssignIt() {
        String id = open(Api.problem("OTHER", "厂区道路破损"));
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt("Task_Assign").hasPassed("Task_Route");
        assertThat(task(pi)).hasCandidateGroup("DISPATCH");
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("DISPATCHING");

        actions.assign(id, DISPATCH, body(ActionRequests.Assign.class, Map.of("leadDepartment", "FINANCE", "coDepartments", List.of("COMMERCE"))));
        assertThat(pi).isWaitingAt("Task_Sign").variables()
                .containsEntry(TicketProcess.VAR_LEAD_DEPARTMENT, "FINANCE");
        assertThat(task(pi)).hasCandidateGroup("FINANCE");
        TicketView assigned = ticket(id);
        Assertions.assertThat(assigned.status().name()).isEqualTo("ASSIGNED");
        Assertions.assertThat(assigned.coDepartments()).containsExactly("COMMERCE");

        actions.sign(id, FINANCE);
        actions.contribute(id, COMMERCE, body(ActionRequests.Contribute.class, Map.of("opinion", "配合落实")));
        actions.reply(id, FINANCE, body(ActionRequests.Reply.class, Map.of("resolution", "已落实", "outcome", "PARTIAL")));
        actions.feedback(id, STAFF, body(ActionRequests.Feedback.class, Map.of("satisfaction", "BASICALLY_SATISFIED")));
        assertThat(pi).isEnded().hasPassed("Task_Assign", "EndEvent_Closed");
    }

    @Test
    void aProblemResolvedOnSiteGoesStraightToFeedback() {
        String id = open(Map.of("category", "CONTAINER", "title", "集装箱紧张", "resolvedOnSite", true,
                "onSiteResolution", "区领导现场协调解决"));
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt("Task_Feedback").hasNotPassed("Task_Route");
        TicketView replied = ticket(id);
        Assertions.assertThat(replied.status().name()).isEqualTo("REPLIED");
        Assertions.assertThat(replied.resolution()).isEqualTo("区领导现场协调解决");
        Assertions.assertThat(replied.leadDepartment()).isNull();

        actions.feedback(id, STAFF, body(ActionRequests.Feedback.class, Map.of("satisfaction", "SATISFIED")));
        assertThat(pi).isEnded().hasPassed("EndEvent_Closed").hasNotPassed("Task_Sign");
    }

    @Test
    void aTicketReturnedBeforeSigningGoesToDispatchAndOnToTheNewDepartment() {
        String id = open(Api.problem("LOGISTICS", "物流运费上涨"));
        ProcessInstance pi = process(id);
        actions.returnTicket(id, TRANSPORT, body(ActionRequests.Return.class, Map.of("reason", "属金融事项")));
        assertThat(pi).isWaitingAt("Task_Assign").hasPassed("Task_Sign");
        TicketView returned = ticket(id);
        Assertions.assertThat(returned.status().name()).isEqualTo("DISPATCHING");
        Assertions.assertThat(returned.returnCount()).isEqualTo(1);

        actions.assign(id, DISPATCH, body(ActionRequests.Assign.class, Map.of("leadDepartment", "FINANCE")));
        assertThat(pi).isWaitingAt("Task_Sign");
        assertThat(task(pi)).hasCandidateGroup("FINANCE");
        Assertions.assertThat(ticket(id).leadDepartment()).isEqualTo("FINANCE");
    }

    @Test
    void aTicketReturnedWhileHandledGoesBackToDispatch() {
        String id = open(Api.problem("CONTAINER", "舱位不足"));
        ProcessInstance pi = process(id);
        actions.sign(id, TRANSPORT);
        actions.returnTicket(id, TRANSPORT, body(ActionRequests.Return.class, Map.of("reason", "需海关牵头")));
        assertThat(pi).isWaitingAt("Task_Assign").hasPassed("Task_Handle");
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("DISPATCHING");

        actions.assign(id, DISPATCH, body(ActionRequests.Assign.class, Map.of("leadDepartment", "TRANSPORT")));
        assertThat(pi).isWaitingAt("Task_Sign");
        assertThat(task(pi)).hasCandidateGroup("TRANSPORT");
    }

    @Test
    void aDissatisfiedEnterpriseReopensTheTicketForTheSameDepartment() {
        String id = open(Api.problem("FINANCING", "贷款审批慢"));
        ProcessInstance pi = process(id);
        actions.sign(id, FINANCE);
        actions.reply(id, FINANCE, body(ActionRequests.Reply.class, Map.of("resolution", "已转银行", "outcome", "PARTIAL")));
        TicketView firstReply = ticket(id);

        later(Duration.ofDays(2));
        actions.feedback(id, STAFF, body(ActionRequests.Feedback.class, Map.of("satisfaction", "DISSATISFIED", "comment", "仍未放款")));
        assertThat(pi).isWaitingAt("Task_Handle");
        assertThat(task(pi)).hasCandidateGroup("FINANCE");
        TicketView reopened = ticket(id);
        Assertions.assertThat(reopened.status().name()).isEqualTo("IN_PROGRESS");
        Assertions.assertThat(reopened.reopenCount()).isEqualTo(1);
        Assertions.assertThat(reopened.satisfaction().name()).isEqualTo("DISSATISFIED");
        Assertions.assertThat(reopened.replyDeadline()).isAfter(firstReply.replyDeadline());

        actions.reply(id, FINANCE, body(ActionRequests.Reply.class, Map.of("resolution", "已放款100万元", "outcome", "RESOLVED")));
        actions.feedback(id, STAFF, body(ActionRequests.Feedback.class, Map.of("satisfaction", "SATISFIED")));
        assertThat(pi).isEnded();
        TicketView closed = ticket(id);
        Assertions.assertThat(closed.status().name()).isEqualTo("CLOSED");
        Assertions.assertThat(closed.satisfaction().name()).isEqualTo("SATISFIED");
        Assertions.assertThat(closed.reopenCount()).isEqualTo(1);
    }

    @Test
    void theFeedbackIsStaffsAndOnAHotlineOrOnlineEntryDispatchsToo() {
        Map<String, List<String>> expected = Map.of("VISIT", List.of("STAFF"), "FORUM", List.of("STAFF"),
                "HOTLINE", List.of("STAFF", "DISPATCH"), "ONLINE", List.of("STAFF", "DISPATCH"));
        expected.forEach((source, groups) -> {
            String id = api.visit(api.enterprise(), source, List.of(Api.problem("CONTAINER", "舱位紧张")))
                    .get(0).get("id").asText();
            actions.sign(id, TRANSPORT);
            actions.reply(id, TRANSPORT, body(ActionRequests.Reply.class, Map.of("resolution", "已协调", "outcome",
                    "RESOLVED")));
            ProcessInstance pi = process(id);
            assertThat(pi).isWaitingAt(TicketProcess.TASK_FEEDBACK);
            Assertions.assertThat(candidateGroups(pi)).as(source).containsExactlyInAnyOrderElementsOf(groups);

            // reopened and replied again, the task is opened anew and asks the ticket again
            actions.feedback(id, STAFF, body(ActionRequests.Feedback.class, Map.of("satisfaction", "DISSATISFIED")));
            actions.reply(id, TRANSPORT, body(ActionRequests.Reply.class, Map.of("resolution", "已改用其他船公司",
                    "outcome", "RESOLVED")));
            Assertions.assertThat(candidateGroups(pi)).as(source + " again").containsExactlyInAnyOrderElementsOf(groups);
        });
        // TicketPolicy reads the same expression (its 403s): it must be the diagram's word for word
        Assertions.assertThat(gateway.taskDefinitions().get(TicketProcess.TASK_FEEDBACK).candidateGroups())
                .isEqualTo(TicketProcess.FEEDBACK_GROUPS);
        // an entry resolved on site goes straight to feedback: the same task, the same groups
        String onSite = api.visit(api.enterprise(), "HOTLINE", List.of(Map.of("category", "POLICY", "title", "政策咨询",
                "resolvedOnSite", true, "onSiteResolution", "电话中讲解政策"))).get(0).get("id").asText();
        assertThat(process(onSite)).isWaitingAt(TicketProcess.TASK_FEEDBACK);
        Assertions.assertThat(candidateGroups(process(onSite))).containsExactlyInAnyOrder("STAFF", "DISPATCH");
    }

    /** The candidate groups of the one task the process waits in, as the engine linked them. */
    private List<String> candidateGroups(ProcessInstance pi) {
        return engine.getTaskService().getIdentityLinksForTask(task(pi).getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).map(IdentityLink::getGroupId).toList();
    }
}
