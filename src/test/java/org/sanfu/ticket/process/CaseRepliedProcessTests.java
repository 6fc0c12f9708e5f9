package org.sanfu.ticket.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.StoredTicket;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.ticket.Outcome;
import org.sanfu.ticket.TicketCases;
import org.sanfu.ticket.TicketEvent;
import org.sanfu.ticket.TicketView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * bpmn/ticket.bpmn's paths for a systemic problem's members (共性问题): wherever a member waits, the
 * case's reply (message CaseReplied) takes it through its BoundaryEvent_CaseReplied_* to the
 * enterprise's feedback, replied by the system with the case's resolution; and the case itself is
 * routed to the lead department dispatch named.
 */
@SanfuTest
class CaseRepliedProcessTests extends ProcessTestSupport {

    private static final String RESOLUTION = "已协调船公司加开航线，舱位优先保障本地企业";
    private static final long CASE = 424242L;

    @Autowired
    TicketCases cases;
    @Autowired
    TransactionTemplate transactions;

    private boolean caseReplied(String id) {
        return transactions.execute(s -> cases.replyAsMember(Long.parseLong(id), CASE, RESOLUTION, Outcome.RESOLVED));
    }

    /** The member was replied by the system through this boundary event, and waits for its feedback. */
    private void repliedThrough(String id, ProcessInstance pi, String boundaryEvent, String fromStatus) {
        assertThat(pi).hasPassed(boundaryEvent).isWaitingAt("Task_Feedback");
        assertThat(task(pi)).hasCandidateGroup("STAFF");
        TicketView replied = ticket(id);
        Assertions.assertThat(replied.status().name()).isEqualTo("REPLIED");
        Assertions.assertThat(replied.resolution()).isEqualTo(RESOLUTION);
        Assertions.assertThat(replied.outcome()).isEqualTo(Outcome.RESOLVED);
        Assertions.assertThat(replied.repliedAt()).isNotNull();
        Assertions.assertThat(replied.feedbackDue()).as("the feedback window runs").isNotNull();
        Assertions.assertThat(replied.allowedActions()).as("staff's").contains("feedback");
        Assertions.assertThat(tickets.get(id, DISPATCH).allowedActions()).containsExactly("comment");
        List<TicketEvent> history = tickets.history(id, STAFF);
        TicketEvent last = history.get(history.size() - 1);
        Assertions.assertThat(last.actor()).isEqualTo("system");
        Assertions.assertThat(last.action()).isEqualTo("reply");
        Assertions.assertThat(last.fromStatus().name()).isEqualTo(fromStatus);
        Assertions.assertThat(last.toStatus().name()).isEqualTo("REPLIED");
        Assertions.assertThat(last.detail()).contains(String.valueOf(CASE), RESOLUTION);
    }

    private void satisfied(String id, ProcessInstance pi) {
        actions.feedback(id, STAFF, body(ActionRequests.Feedback.class, Map.of("satisfaction", "SATISFIED")));
        assertThat(pi).isEnded().hasPassed("EndEvent_Closed");
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("CLOSED");
    }

    @Test
    void aMemberWaitingToBeAssignedIsRepliedAndClosedByItsEnterprisesFeedback() {
        String id = open(Api.problem("OTHER", "厂区道路破损"));
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt("Task_Assign");

        later(Duration.ofHours(2));
        Assertions.assertThat(caseReplied(id)).isTrue();
        repliedThrough(id, pi, "BoundaryEvent_CaseReplied_Assign", "DISPATCHING");
        assertThat(pi).hasNotPassed("Task_Sign");
        satisfied(id, pi);
    }

    @Test
    void aMemberWaitingToBeSignedIsReplied() {
        String id = open(Api.problem("CONTAINER", "订不到舱位"));
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt("Task_Sign");

        Assertions.assertThat(caseReplied(id)).isTrue();
        repliedThrough(id, pi, "BoundaryEvent_CaseReplied_Sign", "ASSIGNED");
        Assertions.assertThat(ticket(id).signedAt()).isNull();
        assertThat(pi).hasNotPassed("SubProcess_Handling");
        satisfied(id, pi);
    }

    @Test
    void aMemberInHandlingWithOpenPartsAndAnExtensionRequestIsRepliedAndTheyEndWithIt() {
        String id = inHandlingWithAPartAndAnExtension();
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt("Task_Handle", "Task_Contribute", "Task_DecideExtension");

        Assertions.assertThat(caseReplied(id)).isTrue();
        repliedThrough(id, pi, "BoundaryEvent_CaseReplied_Handling", "IN_PROGRESS");
        assertThat(pi).isNotWaitingAt("Task_Handle", "Task_Contribute", "Task_DecideExtension");
        TicketView replied = ticket(id);
        Assertions.assertThat(replied.extensionRequest()).as("withdrawn with the handling").isNull();
        Assertions.assertThat(replied.pendingContributions()).isEmpty();
        Assertions.assertThat(tickets.get(id, COMMERCE).allowedActions()).doesNotContain("contribute");
        satisfied(id, pi);
    }

    @Test
    void aReopenedMemberIsRepliedAgainFromItsHandling() {
        String id = open(Api.problem("FINANCING", "贷款审批慢"));
        ProcessInstance pi = process(id);
        actions.sign(id, FINANCE);
        actions.reply(id, FINANCE, body(ActionRequests.Reply.class, Map.of("resolution", "已转银行", "outcome", "PARTIAL")));
        actions.feedback(id, STAFF, body(ActionRequests.Feedback.class, Map.of("satisfaction", "DISSATISFIED")));
        assertThat(pi).isWaitingAt("Task_Handle");

        Assertions.assertThat(caseReplied(id)).isTrue();
        repliedThrough(id, pi, "BoundaryEvent_CaseReplied_Handling", "IN_PROGRESS");
        Assertions.assertThat(ticket(id).reopenCount()).isEqualTo(1);
    }

    @Test
    void anEscalatedMemberIsRepliedWithoutTheTaskForcesAnswer() {
        String id = escalatedToTheCity();
        ProcessInstance pi = process(id);
        assertThat(pi).isWaitingAt("Task_EscalationReply");

        Assertions.assertThat(caseReplied(id)).isTrue();
        repliedThrough(id, pi, "BoundaryEvent_CaseReplied_EscalationReply", "ESCALATED");
        Assertions.assertThat(tickets.get(id, DISPATCH).allowedActions()).doesNotContain("escalation-reply");
        satisfied(id, pi);
    }

    @Test
    void aMemberUnderSupervisionIsRepliedWithoutARuling() {
        String id = open(Api.problem("LOGISTICS", "物流运费上涨"));
        ProcessInstance pi = process(id);
        actions.returnTicket(id, TRANSPORT, body(ActionRequests.Return.class, Map.of("reason", "一退")));
        actions.assign(id, DISPATCH, body(ActionRequests.Assign.class, Map.of("leadDepartment", "TRANSPORT")));
        actions.returnTicket(id, TRANSPORT, body(ActionRequests.Return.class, Map.of("reason", "二退")));
        actions.assign(id, DISPATCH, body(ActionRequests.Assign.class, Map.of("leadDepartment", "COMMERCE")));
        actions.returnTicket(id, COMMERCE, body(ActionRequests.Return.class, Map.of("reason", "三退")));
        assertThat(pi).isWaitingAt("Task_Rule");

        Assertions.assertThat(caseReplied(id)).isTrue();
        repliedThrough(id, pi, "BoundaryEvent_CaseReplied_Rule", "SUPERVISION");
        satisfied(id, pi);
    }

    @Test
    void aMemberRepliedOrClosedAlreadyIsLeftAlone() {
        String id = open(Api.problem("CONTAINER", "舱位不足"));
        ProcessInstance pi = process(id);
        actions.sign(id, TRANSPORT);
        actions.reply(id, TRANSPORT, body(ActionRequests.Reply.class, Map.of("resolution", "已订到舱位", "outcome", "RESOLVED")));
        int events = tickets.history(id, STAFF).size();

        Assertions.assertThat(caseReplied(id)).isFalse();
        Assertions.assertThat(ticket(id).resolution()).isEqualTo("已订到舱位");
        Assertions.assertThat(tickets.history(id, STAFF)).hasSize(events);
        assertThat(pi).isWaitingAt("Task_Feedback");

        satisfied(id, pi);
        Assertions.assertThat(caseReplied(id)).isFalse();
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("CLOSED");
    }

    @Test
    void aMemberWhoseProcessPredatesTheCaseRepliedEventsIsNotedAndLeftToItsDepartment() {
        String id = open(Api.problem("CONTAINER", "舱位紧张"));
        // a process started on a diagram without the CaseReplied boundary events (before issue 14)
        String old = onAnOlderDiagram(id, "legacy-ticket");
        int events = tickets.history(id, STAFF).size();

        Assertions.assertThat(caseReplied(id)).isFalse();
        TicketView untouched = ticket(id);
        Assertions.assertThat(untouched.status().name()).isEqualTo("ASSIGNED");
        Assertions.assertThat(untouched.resolution()).isNull();
        List<TicketEvent> history = tickets.history(id, STAFF);
        Assertions.assertThat(history).hasSize(events + 1);
        TicketEvent noted = history.get(history.size() - 1);
        Assertions.assertThat(noted.actor()).isEqualTo("system");
        Assertions.assertThat(noted.action()).isEqualTo("case-replied");
        Assertions.assertThat(noted.detail()).contains(String.valueOf(CASE), RESOLUTION);
        Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceId(old).count()).isEqualTo(1);
    }

    /**
     * The case's reply takes its moment at the case's lock, before a member's: a member on an older diagram changed
     * since (its updatedAt later than that moment: an hour here) is noted just after its own updatedAt, and its
     * updatedAt says the same, never the earlier moment the note's first stamp held.
     */
    @Test
    void aMemberOnAnOlderDiagramChangedAfterTheRepliesMomentIsNotedAfterThatChange() {
        later(Duration.ofHours(1));
        String id = open(Api.problem("CONTAINER", "舱位紧张"));
        onAnOlderDiagram(id, "legacy-later");
        Instant changed = StoredTicket.updatedAt(jdbc, id);
        now(MONDAY);

        Boolean replied = transactions.execute(s -> {
            // the case's moment (MONDAY), as its reply's lock takes it before the members'
            cases.now();
            return cases.replyAsMember(Long.parseLong(id), CASE, RESOLUTION, Outcome.RESOLVED);
        });
        Assertions.assertThat(replied).isFalse();
        Assertions.assertThat(changed).isAfter(MONDAY);
        List<TicketEvent> history = tickets.history(id, STAFF);
        TicketEvent noted = history.get(history.size() - 1);
        Assertions.assertThat(noted.action()).isEqualTo("case-replied");
        Assertions.assertThat(noted.at()).isEqualTo(changed.plusMillis(1));
        Assertions.assertThat(StoredTicket.updatedAt(jdbc, id)).isEqualTo(changed.plusMillis(1));
    }

    @Test
    void aCaseIsRoutedToTheDepartmentDispatchNamedWithTheTablesLimits() {
        String member = open(Api.problem("CONTAINER", "订不到舱位"));
        Long opened = transactions.execute(s -> cases.openCase(List.of(Long.parseLong(member)),
                "CONTAINER", "舱位紧张（共性问题）", "五家企业反映", "CUSTOMS", "dispatch"));
        String caseId = String.valueOf(opened);
        ProcessInstance pi = process(caseId);
        assertThat(pi).hasPassed("Task_Route").isWaitingAt("Task_Sign").hasNotPassed("Task_Assign");
        assertThat(task(pi)).hasCandidateGroup("CUSTOMS");
        assertThat(pi).variables().containsEntry(TicketProcess.VAR_LEAD_DEPARTMENT, "CUSTOMS")
                .doesNotContainKey(TicketProcess.VAR_NAMED_LEAD_DEPARTMENT);
        TicketView theCase = ticket(caseId);
        TicketView first = ticket(member);
        Assertions.assertThat(theCase.source()).isEqualTo("SYSTEMIC");
        Assertions.assertThat(theCase.leadDepartment()).isEqualTo("CUSTOMS");
        Assertions.assertThat(theCase.coDepartments()).isEmpty();
        Assertions.assertThat(theCase.enterpriseCreditCode()).isEqualTo(first.enterpriseCreditCode());
        Assertions.assertThat(theCase.visitId()).isEqualTo(first.visitId());
        Assertions.assertThat(theCase.signDeadline()).isNotNull();
        Assertions.assertThat(theCase.replyDeadline()).isNotNull();
        Assertions.assertThat(tickets.history(caseId, STAFF).get(0).actor()).isEqualTo("dispatch");
    }
}
