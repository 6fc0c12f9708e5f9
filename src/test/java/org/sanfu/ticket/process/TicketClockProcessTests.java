package org.sanfu.ticket.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.sla.Notification;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.ticket.Outcome;
import org.sanfu.ticket.TicketEvent;
import org.sanfu.ticket.TicketLifecycle;
import org.sanfu.ticket.TicketView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The clocks of bpmn/ticket.bpmn, driven by moving the engine's clock (ClockUtil) to each reminder
 * point and past each deadline and executing the timers that are due, as the job executor would.
 */
@SanfuTest
@RecordApplicationEvents
class TicketClockProcessTests extends ProcessTestSupport {

    @Autowired
    ManagementService management;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    ApplicationEvents published;
    @Autowired
    JdbcClient jdbc;

    private static Instant at(String shanghai) {
        return OffsetDateTime.parse(shanghai + "+08:00").toInstant();
    }

    /** Executes every timer of the ticket that is due at the engine's current time; returns how many. */
    private int fireDueTimers(String id) {
        ProcessInstance pi = process(id);
        if (pi == null) {
            return 0;
        }
        List<Job> due = management.createJobQuery().processInstanceId(pi.getId()).timers().executable().list();
        due.forEach(job -> management.executeJob(job.getId()));
        return due.size();
    }

    private Date dueDate(String id, String activity) {
        return management.createJobQuery().processInstanceId(process(id).getId()).activityId(activity)
                .singleResult().getDuedate();
    }

    private List<TicketEvent> systemEvents(String id, String action) {
        return tickets.history(id, STAFF).stream().filter(e -> e.action().equals(action)).toList();
    }

    private List<Notification> notifications(String id) {
        return published.stream(Notification.class).filter(n -> n.ticketId().equals(id)).toList();
    }

    @Test
    void theSignClockRemindsAtHalfAndThreeQuartersAndMarksOverdueWithoutStoppingTheWork() {
        String id = open("CONTAINER");
        // sign limit 1 working day from Monday 10:00: Tuesday 17:30; 16.5 working hours in all
        Assertions.assertThat(ticket(id).signDeadline()).isEqualTo(at("2021-03-09T17:30:00"));
        Assertions.assertThat(dueDate(id, "BoundaryEvent_SignReminder50").toInstant())
                .isEqualTo(at("2021-03-09T09:15:00"));
        Assertions.assertThat(dueDate(id, "BoundaryEvent_SignReminder75").toInstant())
                .isEqualTo(at("2021-03-09T13:22:30"));

        now(at("2021-03-09T09:14:00"));
        Assertions.assertThat(fireDueTimers(id)).isZero();
        now(at("2021-03-09T09:15:00"));
        Assertions.assertThat(fireDueTimers(id)).isEqualTo(1);
        Assertions.assertThat(systemEvents(id, "remind")).singleElement()
                .satisfies(e -> Assertions.assertThat(e.detail()).contains("签收时限已过 50%", "2021-03-09 17:30"))
                .satisfies(e -> Assertions.assertThat(e.actor()).isEqualTo("system"));

        now(at("2021-03-09T13:30:00"));
        fireDueTimers(id);
        Assertions.assertThat(systemEvents(id, "remind")).hasSize(2);
        Assertions.assertThat(ticket(id).overdue()).isFalse();

        now(at("2021-03-09T17:31:00"));
        fireDueTimers(id);
        TicketView late = ticket(id);
        Assertions.assertThat(late.overdue()).isTrue();
        Assertions.assertThat(late.signOverdue()).isTrue();
        Assertions.assertThat(late.replyOverdue()).isFalse();
        Assertions.assertThat(late.status().name()).isEqualTo("ASSIGNED");
        assertThat(process(id)).isWaitingAt(TicketProcess.TASK_SIGN);
        Assertions.assertThat(systemEvents(id, "overdue")).singleElement()
                .satisfies(e -> Assertions.assertThat(e.detail()).startsWith("签收超期"));
        Assertions.assertThat(notifications(id)).extracting(Notification::kind).containsExactly(
                Notification.Kind.REMINDER, Notification.Kind.REMINDER, Notification.Kind.OVERDUE);
        Assertions.assertThat(notifications(id)).allSatisfy(n -> Assertions.assertThat(n.recipient()).isEqualTo("TRANSPORT"));

        // a late sign is still accepted; every timer fired once and is gone
        actions.sign(id, TRANSPORT);
        Assertions.assertThat(systemEvents(id, "remind")).hasSize(2);
        Assertions.assertThat(systemEvents(id, "overdue")).hasSize(1);
    }

    @Test
    void theReplyClockRunsFromTheReportAndIsMarkedOverdueWhileTheDepartmentWorksOn() {
        String id = open("CONTAINER");
        actions.sign(id, TRANSPORT);
        // reply limit 5 working days from Monday 10:00: Monday 15 March 17:30
        Instant deadline = at("2021-03-15T17:30:00");
        Assertions.assertThat(ticket(id).replyDeadline()).isEqualTo(deadline);
        Instant half = calendar.pointOf(MONDAY, deadline, 50);
        Instant threeQuarters = calendar.pointOf(MONDAY, deadline, 75);
        Assertions.assertThat(dueDate(id, "BoundaryEvent_ReplyReminder50").toInstant()).isEqualTo(half);
        Assertions.assertThat(dueDate(id, "BoundaryEvent_ReplyReminder75").toInstant()).isEqualTo(threeQuarters);

        now(half);
        fireDueTimers(id);
        now(threeQuarters);
        fireDueTimers(id);
        Assertions.assertThat(systemEvents(id, "remind")).extracting(TicketEvent::detail)
                .allSatisfy(d -> Assertions.assertThat(d).startsWith("办理时限已过"));
        Assertions.assertThat(systemEvents(id, "remind")).hasSize(2);

        now(deadline.plusSeconds(60));
        fireDueTimers(id);
        TicketView late = ticket(id);
        Assertions.assertThat(late.replyOverdue()).isTrue();
        Assertions.assertThat(late.overdue()).isTrue();
        Assertions.assertThat(late.status().name()).isEqualTo("IN_PROGRESS");
        Assertions.assertThat(systemEvents(id, "overdue")).singleElement()
                .satisfies(e -> Assertions.assertThat(e.detail()).startsWith("办理超期"));

        actions.reply(id, TRANSPORT, new ActionRequests.Reply("已协调", Outcome.RESOLVED));
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("REPLIED");
    }

    @Test
    void aVisitLoggedLateIsOverdueAtOnceAndItsStaleTimersChangeNothing() {
        String code = api.enterprise();
        JsonNode answer = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "visitedAt", "2021-02-01T10:00:00+08:00",
                "problems", List.of(Api.problem("CUSTOMS", "报关单退单")))).json();
        JsonNode logged = answer.get("tickets").get(0);
        String id = logged.get("id").asText();
        Assertions.assertThat(logged.get("overdue").asBoolean()).isTrue();
        Assertions.assertThat(logged.get("replyOverdue").asBoolean()).isTrue();
        Assertions.assertThat(systemEvents(id, "overdue")).hasSize(1);

        // the reply timers are due at once; the job executor would run them within seconds
        Assertions.assertThat(fireDueTimers(id)).isEqualTo(3);
        Assertions.assertThat(systemEvents(id, "overdue")).hasSize(1);
        Assertions.assertThat(systemEvents(id, "remind")).as("no reminder for a deadline already missed").isEmpty();
        Assertions.assertThat(api.get("/api/tickets?overdue=true&enterprise=" + code, "leader").json()
                .get("items").findValuesAsText("id")).containsExactly(id);
    }

    @Test
    void anApprovedExtensionMovesTheReplyTimers() {
        String id = open("CONTAINER");
        actions.sign(id, TRANSPORT);
        Instant deadline = ticket(id).replyDeadline();
        Assertions.assertThat(dueDate(id, "BoundaryEvent_ReplyOverdue").toInstant()).isEqualTo(deadline);

        actions.extend(id, TRANSPORT, new ActionRequests.Extend(3, "等待船期"));
        actions.approveExtension(id, DISPATCH, new ActionRequests.DecideExtension(null));
        Instant moved = calendar.plusWorkingDays(deadline, 3);
        Assertions.assertThat(ticket(id).replyDeadline()).isEqualTo(moved);
        Assertions.assertThat(dueDate(id, "BoundaryEvent_ReplyOverdue").toInstant()).isEqualTo(moved);

        now(deadline.plusSeconds(60));
        fireDueTimers(id);
        Assertions.assertThat(ticket(id).overdue()).as("the old deadline no longer counts").isFalse();
        now(moved.plusSeconds(60));
        fireDueTimers(id);
        Assertions.assertThat(ticket(id).replyOverdue()).isTrue();
    }

    @Test
    void anExtensionIsRefusedOnceTheReplyDeadlineHasPassed() {
        String id = open("CUSTOMS");
        actions.sign(id, CUSTOMS);
        now(ticket(id).replyDeadline().plusSeconds(1));
        Assertions.assertThatThrownBy(() -> actions.extend(id, CUSTOMS, new ActionRequests.Extend(2, "晚了")))
                .hasMessageContaining("deadline has passed");
    }

    @Test
    void aReplyWithoutFeedbackClosesUnratedWhenTheWindowPasses() {
        String id = open("CONTAINER");
        actions.sign(id, TRANSPORT);
        actions.reply(id, TRANSPORT, new ActionRequests.Reply("已协调", Outcome.RESOLVED));
        // five working days from Monday: the next Monday at the end of the day
        Instant due = at("2021-03-15T17:30:00");
        Assertions.assertThat(ticket(id).feedbackDue()).isEqualTo(due);
        ProcessInstance pi = process(id);

        now(due.minusSeconds(60));
        fireDueTimers(id);
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("REPLIED");
        now(due);
        fireDueTimers(id);

        assertThat(pi).isEnded().hasPassed("BoundaryEvent_FeedbackWindow", "EndEvent_ClosedUnrated");
        TicketView closed = ticket(id);
        Assertions.assertThat(closed.status().name()).isEqualTo("CLOSED");
        Assertions.assertThat(closed.satisfaction().name()).isEqualTo("UNRATED");
        Assertions.assertThat(closed.closedAt()).isEqualTo(due);
        Assertions.assertThat(systemEvents(id, "close-unrated")).singleElement().satisfies(e -> {
            Assertions.assertThat(e.actor()).isEqualTo("system");
            Assertions.assertThat(e.fromStatus().name()).isEqualTo("REPLIED");
            Assertions.assertThat(e.toStatus().name()).isEqualTo("CLOSED");
        });
    }

    @Test
    void aReminderWhoseLaterPointHasPassedTooIsNotSaid() {
        String id = open("CONTAINER");
        now(at("2021-03-09T14:00:00")); // past both 50% (09:15) and 75% (13:22:30) of the sign clock
        Assertions.assertThat(fireDueTimers(id)).isEqualTo(2);
        Assertions.assertThat(systemEvents(id, "remind")).singleElement()
                .satisfies(e -> Assertions.assertThat(e.detail()).contains("75%"));
    }

    @Test
    void theReminderPointsInJavaAreTheTimersInTheDiagram() {
        BpmnModelInstance model = engine.getRepositoryService()
                .getBpmnModelInstance(engine.getRepositoryService().createProcessDefinitionQuery()
                        .processDefinitionKey(TicketProcess.KEY).latestVersion().singleResult().getId());
        for (String clock : List.of("Sign", "Reply")) {
            List<Integer> inDiagram = model.getModelElementsByType(BoundaryEvent.class)
                    .stream().map(BoundaryEvent::getId)
                    .filter(bid -> bid.startsWith("BoundaryEvent_" + clock + "Reminder"))
                    .map(bid -> Integer.parseInt(bid.substring(("BoundaryEvent_" + clock + "Reminder").length())))
                    .sorted().toList();
            Assertions.assertThat(inDiagram).as(clock).isEqualTo(TicketLifecycle.REMINDER_POINTS);
        }
    }

    @Test
    void aThirdReturnToSupervisionTellsTheLeaders() {
        String id = open("LOGISTICS");
        actions.returnTicket(id, TRANSPORT, new ActionRequests.Return("一"));
        actions.assign(id, DISPATCH, new ActionRequests.Assign("TRANSPORT", null, null));
        actions.returnTicket(id, TRANSPORT, new ActionRequests.Return("二"));
        actions.assign(id, DISPATCH, new ActionRequests.Assign("TRANSPORT", null, null));
        actions.returnTicket(id, TRANSPORT, new ActionRequests.Return("三"));
        Assertions.assertThat(notifications(id)).filteredOn(n -> n.kind() == Notification.Kind.SUPERVISION)
                .singleElement().satisfies(n -> Assertions.assertThat(n.recipient()).isEqualTo("LEADER"))
                .satisfies(n -> Assertions.assertThat(n.text()).contains("领导督办", "退回 3 次"));
    }

    @Test
    void aTimerThatFailsIsRetriedAndThenBecomesAnIncident() {
        String id = open("CONTAINER");
        ProcessInstance pi = process(id);
        // the process no longer names an existing ticket: every attempt of the reminder fails
        businessKey(pi, "999999999");
        now(at("2021-03-09T09:20:00"));
        Job reminder = management.createJobQuery().processInstanceId(pi.getId())
                .activityId("BoundaryEvent_SignReminder50").singleResult();
        for (int attempt = 0; attempt < 3; attempt++) {
            Assertions.assertThatThrownBy(() -> management.executeJob(reminder.getId())).isNotNull();
        }
        Job failed = management.createJobQuery().jobId(reminder.getId()).singleResult();
        Assertions.assertThat(failed.getRetries()).isZero();
        Assertions.assertThat(failed.getExceptionMessage()).contains("999999999");
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).list()).singleElement()
                .satisfies(i -> Assertions.assertThat(i.getActivityId()).isEqualTo("BoundaryEvent_SignReminder50"));
        businessKey(pi, id);
    }

    private void businessKey(ProcessInstance pi, String key) {
        jdbc.sql("update ACT_RU_EXECUTION set BUSINESS_KEY_ = ? where PROC_INST_ID_ = ?").params(key, pi.getId())
                .update();
    }
}
