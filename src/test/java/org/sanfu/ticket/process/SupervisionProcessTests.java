package org.sanfu.ticket.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.DomainException;
import org.sanfu.SanfuTest;
import org.sanfu.sla.Notification;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.ticket.OpenTaskDiagrams;
import org.sanfu.ticket.DeadlineClock;
import org.sanfu.ticket.TicketEvent;
import org.sanfu.ticket.TicketLifecycle;
import org.sanfu.ticket.TicketView;
import org.sanfu.web.PageParams;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * bpmn/ticket.bpmn's paths for a leader's 督办 (supervise): wherever a ticket waits to be assigned,
 * signed, handled or answered by the task force, the message Supervised takes it through its
 * BoundaryEvent_Supervised_* to the leader's ruling (Task_Rule), ending what it waited in; the
 * ruling then closes it or gives it to a department afresh.
 */
@SanfuTest
@RecordApplicationEvents
class SupervisionProcessTests extends ProcessTestSupport {

    private static final String REASON = "企业多次反映，久拖未决，领导督办";

    @Autowired
    TicketLifecycle lifecycle;
    @Autowired
    ApplicationEvents published;
    @Autowired
    TicketProcessGateway process;
    @Autowired
    OpenTaskDiagrams openTaskDiagrams;

    private TicketView supervise(String id) {
        return actions.supervise(id, LEADER, body(ActionRequests.Supervise.class, Map.of("reason", "  " + REASON + " ")));
    }

    /** The ticket waits for a leader's ruling, reached through this boundary event, and says why. */
    private void supervisedThrough(String id, ProcessInstance pi, String boundaryEvent, String fromStatus) {
        assertThat(pi).hasPassed(boundaryEvent).isWaitingAt("Task_Rule");
        assertThat(task(pi)).hasCandidateGroup("LEADER");
        TicketView supervised = ticket(id);
        Assertions.assertThat(supervised.status().name()).isEqualTo("SUPERVISION");
        Assertions.assertThat(tickets.get(id, LEADER).allowedActions()).containsExactly("rule", "comment");
        Assertions.assertThat(tickets.get(id, DISPATCH).allowedActions()).containsExactly("comment");
        Assertions.assertThat(tickets.inbox(LEADER, PageParams.of(0, 100)).items())
                .extracting(TicketView::id).contains(id);
        List<TicketEvent> history = tickets.history(id, STAFF);
        TicketEvent last = history.get(history.size() - 1);
        Assertions.assertThat(last.actor()).isEqualTo("leader");
        Assertions.assertThat(last.action()).isEqualTo("supervise");
        Assertions.assertThat(last.fromStatus().name()).isEqualTo(fromStatus);
        Assertions.assertThat(last.toStatus().name()).isEqualTo("SUPERVISION");
        Assertions.assertThat(last.detail()).isEqualTo(REASON);
        Assertions.assertThat(published.stream(Notification.class)
                        .filter(n -> n.ticketId().equals(id) && n.kind() == Notification.Kind.SUPERVISION
                                && n.recipient().equals("LEADER")))
                .singleElement().satisfies(n ->
                        Assertions.assertThat(n.text()).contains("已由领导督办").doesNotContain("退回", "重办"));
        Assertions.assertThat(next(id, DeadlineClock.REPLY)).as("the enterprise still waits: the reply clock runs")
                .isNotNull();
    }

    private Instant next(String id, DeadlineClock clock) {
        return lifecycle.ticket(Long.parseLong(id)).clocks().next(clock);
    }

    @Test
    void aTicketWaitingToBeAssignedIsTakenUnderSupervisionAndStruckOffByTheRuling() {
        String id = open(Api.problem("OTHER", "厂区道路破损，多个部门推诿"));
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt("Task_Assign");

        later(Duration.ofHours(2));
        supervise(id);
        supervisedThrough(id, pi, "BoundaryEvent_Supervised_Assign", "DISPATCHING");
        Assertions.assertThat(tickets.get(id, DISPATCH).allowedActions()).doesNotContain("assign");
        Assertions.assertThat(toldItLeftTheirWork(id)).containsOnlyKeys("DISPATCH").extractingByKey("DISPATCH")
                .asString().contains("已由领导督办，暂停办理，等待领导裁定：" + REASON);

        actions.rule(id, LEADER, body(ActionRequests.Rule.class, Map.of("decision", "CLOSE", "note", "已现场协调")));
        assertThat(pi).isEnded().hasPassed("EndEvent_ClosedByRuling");
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("CLOSED");
    }

    @Test
    void aTicketWaitingToBeSignedStopsItsSignClockAndIsReassignedByTheRuling() {
        String id = open(Api.problem("CONTAINER", "订不到舱位"));
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt("Task_Sign");
        Assertions.assertThat(next(id, DeadlineClock.SIGN)).isNotNull();

        supervise(id);
        supervisedThrough(id, pi, "BoundaryEvent_Supervised_Sign", "ASSIGNED");
        Assertions.assertThat(toldItLeftTheirWork(id)).as("the department that was to sign").containsOnlyKeys("TRANSPORT");
        assertThat(pi).hasNotPassed("SubProcess_Handling");
        Assertions.assertThat(ticket(id).signedAt()).isNull();
        Assertions.assertThat(next(id, DeadlineClock.SIGN)).as("no one is asked to sign: the sign clock stopped")
                .isNull();
        Assertions.assertThat(tickets.get(id, TRANSPORT).allowedActions()).containsExactly("comment");

        actions.rule(id, LEADER, body(ActionRequests.Rule.class, Map.of("decision", "REASSIGN",
                "leadDepartment", "CUSTOMS")));
        assertThat(pi).isWaitingAt("Task_Sign");
        assertThat(task(pi)).hasCandidateGroup("CUSTOMS");
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("ASSIGNED");
        Assertions.assertThat(next(id, DeadlineClock.SIGN)).as("a fresh sign clock").isNotNull();
    }

    @Test
    void aTicketInHandlingWithOpenPartsAndAnExtensionRequestEndsThemAll() {
        String id = inHandlingWithAPartAndAnExtension();
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt("Task_Handle", "Task_Contribute", "Task_DecideExtension");

        supervise(id);
        supervisedThrough(id, pi, "BoundaryEvent_Supervised_Handling", "IN_PROGRESS");
        Assertions.assertThat(toldItLeftTheirWork(id))
                .as("the lead, the co-department whose part was open, the office that was to decide the extension")
                .containsOnlyKeys("FINANCE", "COMMERCE", "DISPATCH");
        assertThat(pi).isNotWaitingAt("Task_Handle", "Task_Contribute", "Task_DecideExtension");
        TicketView supervised = ticket(id);
        Assertions.assertThat(supervised.extensionRequest()).as("withdrawn with the handling").isNull();
        Assertions.assertThat(supervised.pendingContributions()).isEmpty();
        Assertions.assertThat(tickets.get(id, COMMERCE).allowedActions()).containsExactly("comment");
        Assertions.assertThat(tickets.get(id, FINANCE).allowedActions()).containsExactly("comment");

        actions.rule(id, LEADER, body(ActionRequests.Rule.class, Map.of("decision", "REASSIGN",
                "leadDepartment", "FINANCE")));
        actions.sign(id, FINANCE);
        assertThat(pi).isWaitingAt("Task_Handle", "Task_Contribute");
        Assertions.assertThat(ticket(id).pendingContributions()).as("the co-department is kept").containsExactly("COMMERCE");
    }

    @Test
    void anEscalatedTicketIsTakenFromTheTaskForce() {
        String id = escalatedToTheCity();
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt("Task_EscalationReply");

        supervise(id);
        supervisedThrough(id, pi, "BoundaryEvent_Supervised_EscalationReply", "ESCALATED");
        Assertions.assertThat(toldItLeftTheirWork(id)).as("the task force office, which was to answer")
                .containsOnlyKeys("DISPATCH");
        Assertions.assertThat(tickets.get(id, DISPATCH).allowedActions()).doesNotContain("escalation-reply");
    }

    /** What the leaders heard of the ticket's supervisions. */
    private List<String> supervisionNotices(String id) {
        return published.stream(Notification.class)
                .filter(n -> n.ticketId().equals(id) && n.kind() == Notification.Kind.SUPERVISION
                        && n.recipient().equals("LEADER"))
                .map(Notification::text).toList();
    }

    /** Who else heard of the ticket's supervision, by recipient: those whose work it left. */
    private Map<String, String> toldItLeftTheirWork(String id) {
        return published.stream(Notification.class)
                .filter(n -> n.ticketId().equals(id) && n.kind() == Notification.Kind.SUPERVISION
                        && !n.recipient().equals("LEADER"))
                .collect(Collectors.toMap(Notification::recipient, Notification::text));
    }

    @Test
    void theLeadersHearWhyEachSupervisionCameEvenForATicketRuledOnBefore() {
        String id = open(Api.problem("LOGISTICS", "物流运费上涨"));
        for (int i = 0; i < 3; i++) {
            actions.returnTicket(id, TRANSPORT, body(ActionRequests.Return.class, Map.of("reason", "退回 " + i)));
            if (i < 2) {
                actions.assign(id, DISPATCH, body(ActionRequests.Assign.class, Map.of("leadDepartment", "TRANSPORT")));
            }
        }
        actions.rule(id, LEADER, body(ActionRequests.Rule.class, Map.of("decision", "REASSIGN",
                "leadDepartment", "COMMERCE")));
        supervise(id);

        Assertions.assertThat(supervisionNotices(id)).hasSize(2).satisfiesExactly(
                returned -> Assertions.assertThat(returned).contains("退回 3 次，转领导督办"),
                taken -> Assertions.assertThat(taken).contains("已由领导督办").doesNotContain("退回"));
    }

    @Test
    void aThirdDissatisfiedFeedbackTellsTheLeadersOfTheReopens() {
        String id = open(Api.problem("FINANCING", "贷款审批慢"));
        actions.sign(id, FINANCE);
        for (int i = 0; i < 3; i++) {
            actions.reply(id, FINANCE, body(ActionRequests.Reply.class, Map.of("resolution", "已转银行",
                    "outcome", "PARTIAL")));
            actions.feedback(id, STAFF, body(ActionRequests.Feedback.class, Map.of("satisfaction", "DISSATISFIED")));
        }
        assertThat(process(id)).isWaitingAt("Task_Rule");
        Assertions.assertThat(supervisionNotices(id)).singleElement().asString()
                .contains("重办 2 次企业仍不满意，转领导督办").doesNotContain("退回");
    }

    @Test
    void aTicketWaitingForFeedbackOrAlreadyUnderSupervisionIsNotOfferedAndRefused() {
        String replied = open(Api.problem("CONTAINER", "舱位不足"));
        actions.sign(replied, TRANSPORT);
        actions.reply(replied, TRANSPORT, body(ActionRequests.Reply.class, Map.of("resolution", "已订到舱位",
                "outcome", "RESOLVED")));
        Assertions.assertThat(tickets.get(replied, LEADER).allowedActions()).containsExactly("comment");
        Assertions.assertThatThrownBy(() -> supervise(replied)).isInstanceOf(DomainException.NotNow.class);
        assertThat(process(replied)).isWaitingAt("Task_Feedback");

        String supervised = open(Api.problem("CONTAINER", "订舱难"));
        supervise(supervised);
        int events = tickets.history(supervised, STAFF).size();
        Assertions.assertThatThrownBy(() -> supervise(supervised)).isInstanceOf(DomainException.NotNow.class);
        Assertions.assertThat(tickets.history(supervised, STAFF)).hasSize(events);
    }

    @Test
    void aTicketStartedOnADiagramWithoutSupervisionIsNotOfferedItAndRefusedByWhatItsDiagramSays() {
        process.taskDefinitions(); // a running service has read the newest diagram's tasks already
        String newest = repository.createProcessDefinitionQuery().processDefinitionKey(TicketProcess.KEY)
                .latestVersion().singleResult().getId();
        String id = onTheDiagramBeforeSupervision(() -> open(Api.problem("CONTAINER", "舱位紧张")));
        String older = process(id).getProcessDefinitionId();
        Assertions.assertThat(older).isNotEqualTo(newest);
        Assertions.assertThat(jdbc.sql("select distinct process_definition_id from ticket_task where ticket_id = ?")
                .param(Long.parseLong(id)).query(String.class).list()).containsExactly(older);
        int events = tickets.history(id, STAFF).size();

        Assertions.assertThat(tickets.get(id, LEADER).allowedActions()).containsExactly("comment");
        Assertions.assertThatThrownBy(() -> supervise(id)).isInstanceOf(DomainException.NotNow.class)
                .satisfies(e -> Assertions.assertThat(((DomainException) e).detail().code())
                        .isEqualTo("sanfu.ticket.not-now"));
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("ASSIGNED");
        Assertions.assertThat(tickets.history(id, STAFF)).hasSize(events);
        String later = open(Api.problem("CONTAINER", "订舱难"));
        Assertions.assertThat(tickets.get(later, LEADER).allowedActions()).containsExactly("supervise", "comment");

        // a task opened before its row recorded the version reads as the newest until the next start fills it
        jdbc.sql("update ticket_task set process_definition_id = null where ticket_id = ?").param(Long.parseLong(id))
                .update();
        Assertions.assertThat(tickets.get(id, LEADER).allowedActions()).containsExactly("supervise", "comment");
        openTaskDiagrams.fill();
        Assertions.assertThat(jdbc.sql("select distinct process_definition_id from ticket_task where ticket_id = ?")
                .param(Long.parseLong(id)).query(String.class).list()).containsExactly(older);
        Assertions.assertThat(tickets.get(id, LEADER).allowedActions()).containsExactly("comment");

        // what its diagram offers, it can do
        Assertions.assertThat(tickets.get(id, TRANSPORT).allowedActions()).contains("sign");
        actions.sign(id, TRANSPORT);
        assertThat(process(id)).isWaitingAt("Task_Handle");
    }

    @Test
    void aTicketWhoseProcessPredatesTheSupervisedEventsIsRefusedAndLeftAsItWas() {
        String id = open(Api.problem("CONTAINER", "舱位紧张"));
        // a process started on a diagram without the Supervised boundary events
        String old = onAnOlderDiagram(id, "legacy-supervised");
        int events = tickets.history(id, STAFF).size();

        Assertions.assertThatThrownBy(() -> supervise(id)).isInstanceOf(DomainException.NotNow.class)
                .satisfies(e -> Assertions.assertThat(((DomainException) e).detail().code())
                        .isEqualTo("sanfu.ticket.supervise-older-process"));
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("ASSIGNED");
        Assertions.assertThat(tickets.history(id, STAFF)).hasSize(events);
        Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceId(old).count()).isEqualTo(1);
    }
}
