package org.sanfu.ticket.process;

import org.sanfu.ticket.ActionRequests;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.sla.Notification;
import org.sanfu.ticket.DeadlineClock;
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
    TicketLifecycle lifecycle;
    @Autowired
    JdbcClient jdbcClient;

    private static Instant at(String shanghai) {
        return OffsetDateTime.parse(shanghai + "+08:00").toInstant();
    }

    /**
     * Runs what the job executor would at the engine's current time: the deadline sweep (its one
     * timer job, bpmn/deadline-sweep.bpmn) and the ticket's own due timers; how many of the ticket's.
     */
    private int fireDueTimers(String id) {
        api.sweepDeadlines();
        ProcessInstance pi = process(id);
        if (pi == null) {
            return 0;
        }
        List<Job> due = management.createJobQuery().processInstanceId(pi.getId()).timers().executable().list();
        due.forEach(job -> management.executeJob(job.getId()));
        return due.size();
    }

    /** The next moment the ticket's clock needs attention, as the sweep will find it. */
    private Instant next(String id, DeadlineClock clock) {
        return lifecycle.ticket(Long.parseLong(id)).clocks().next(clock);
    }

    private List<Job> jobsOf(String id) {
        return management.createJobQuery().processInstanceId(process(id).getId()).list();
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
        Assertions.assertThat(next(id, DeadlineClock.SIGN)).isEqualTo(at("2021-03-09T09:15:00"));

        now(at("2021-03-09T09:14:00"));
        fireDueTimers(id);
        Assertions.assertThat(systemEvents(id, "remind")).isEmpty();
        now(at("2021-03-09T09:15:00"));
        fireDueTimers(id);
        Assertions.assertThat(next(id, DeadlineClock.SIGN)).isEqualTo(at("2021-03-09T13:22:30"));
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
        assertThat(process(id)).isWaitingAt("Task_Sign");
        Assertions.assertThat(systemEvents(id, "overdue")).singleElement()
                .satisfies(e -> Assertions.assertThat(e.detail()).startsWith("签收超期"));
        Assertions.assertThat(notifications(id)).extracting(Notification::kind).containsExactly(
                Notification.Kind.REMINDER, Notification.Kind.REMINDER, Notification.Kind.OVERDUE);
        Assertions.assertThat(notifications(id)).allSatisfy(n -> Assertions.assertThat(n.recipient()).isEqualTo("TRANSPORT"));

        Assertions.assertThat(next(id, DeadlineClock.SIGN)).as("nothing left to say").isNull();

        // a late sign is still accepted; every point was said once
        now(at("2021-03-10T09:00:00"));
        fireDueTimers(id);
        actions.sign(id, TRANSPORT);
        Assertions.assertThat(systemEvents(id, "remind")).hasSize(2);
        Assertions.assertThat(systemEvents(id, "overdue")).hasSize(1);
    }

    /**
     * A sweep reads the clock once, at its start, then attends up to a batch of tickets one by one: one a user changed
     * meanwhile is reminded and marked at its own later moment, never moved back to the sweep's start (a pull by
     * updatedSince, a receiver keeping the latest callback, would miss it). Here the sweep's start is the clock set back
     * below the comment's moment, as a sweep that began before the comment sees it at its turn.
     */
    @Test
    void aTicketChangedAfterTheSweepBeganKeepsItsUpdatedAtMovingForward() {
        String id = open("CONTAINER");
        ActionRequests.Comment comment = body(ActionRequests.Comment.class, Map.of("text", "已电话联系"));

        now(at("2021-03-09T09:15:20"));
        Instant commented = actions.comment(id, TRANSPORT, comment).updatedAt();
        now(at("2021-03-09T09:15:00"));
        fireDueTimers(id);
        Instant reminded = ticket(id).updatedAt();
        Assertions.assertThat(reminded).as("the sweep's start was earlier").isAfterOrEqualTo(commented);
        Assertions.assertThat(systemEvents(id, "remind")).singleElement()
                .satisfies(e -> Assertions.assertThat(e.at()).as("the reminder's event says the ticket's moment").isEqualTo(reminded));

        now(at("2021-03-09T17:31:20"));
        Instant commentedAgain = actions.comment(id, TRANSPORT, comment).updatedAt();
        now(at("2021-03-09T17:31:00"));
        fireDueTimers(id);
        TicketView late = ticket(id);
        Assertions.assertThat(late.signOverdue()).isTrue();
        Assertions.assertThat(late.updatedAt()).as("the sweep's start was earlier").isAfterOrEqualTo(commentedAgain);
        Instant marked = late.updatedAt();
        Assertions.assertThat(systemEvents(id, "overdue")).singleElement()
                .satisfies(e -> Assertions.assertThat(e.at()).as("the mark's event says the ticket's moment").isEqualTo(marked));
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
        Assertions.assertThat(next(id, DeadlineClock.REPLY)).isEqualTo(half);
        Assertions.assertThat(next(id, DeadlineClock.SIGN)).as("signed: the sign clock stopped").isNull();

        now(half);
        fireDueTimers(id);
        Assertions.assertThat(next(id, DeadlineClock.REPLY)).isEqualTo(threeQuarters);
        now(threeQuarters);
        fireDueTimers(id);
        Assertions.assertThat(systemEvents(id, "remind")).extracting(TicketEvent::detail)
                .allSatisfy(d -> Assertions.assertThat(d).startsWith("答复时限已过"));
        Assertions.assertThat(systemEvents(id, "remind")).hasSize(2);

        now(deadline.plusSeconds(60));
        fireDueTimers(id);
        TicketView late = ticket(id);
        Assertions.assertThat(late.replyOverdue()).isTrue();
        Assertions.assertThat(late.overdue()).isTrue();
        Assertions.assertThat(late.status().name()).isEqualTo("IN_PROGRESS");
        Assertions.assertThat(systemEvents(id, "overdue")).singleElement()
                .satisfies(e -> Assertions.assertThat(e.detail()).startsWith("答复超期：期限 "));

        actions.reply(id, TRANSPORT, body(ActionRequests.Reply.class, Map.of("resolution", "已协调", "outcome", "RESOLVED")));
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("REPLIED");
        Assertions.assertThat(next(id, DeadlineClock.REPLY)).as("replied: the reply clock stopped").isNull();
    }

    @Test
    void aVisitLoggedLateIsOverdueAtOnceAndTheSweepAddsNothing() {
        String code = api.enterprise();
        JsonNode answer = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", code,
                "visitedAt", "2021-02-01T10:00:00+08:00",
                "problems", List.of(Api.problem("CUSTOMS", "报关单退单")))).json();
        JsonNode logged = answer.get("tickets").get(0);
        String id = logged.get("id").asText();
        Assertions.assertThat(logged.get("overdue").asBoolean()).isTrue();
        Assertions.assertThat(logged.get("replyOverdue").asBoolean()).isTrue();
        Assertions.assertThat(systemEvents(id, "overdue")).hasSize(1);

        // nothing is left for the reply clock to say; a sweep changes nothing
        Assertions.assertThat(next(id, DeadlineClock.REPLY)).isNull();
        fireDueTimers(id);
        Assertions.assertThat(systemEvents(id, "overdue")).hasSize(1);
        Assertions.assertThat(systemEvents(id, "remind")).as("no reminder for a deadline already missed").isEmpty();
        Assertions.assertThat(api.get("/api/tickets?overdue=true&enterprise=" + code, "leader").json()
                .get("items").findValuesAsText("id")).containsExactly(id);
    }

    @Test
    void anApprovedExtensionMovesTheReplyClock() {
        String id = open("CONTAINER");
        actions.sign(id, TRANSPORT);
        Instant deadline = ticket(id).replyDeadline();
        now(calendar.pointOf(MONDAY, deadline, 75));
        fireDueTimers(id);
        Assertions.assertThat(next(id, DeadlineClock.REPLY)).isEqualTo(deadline);

        actions.extend(id, TRANSPORT, body(ActionRequests.Extend.class, Map.of("workingDays", 3, "reason", "等待船期")));
        actions.approveExtension(id, DISPATCH, body(ActionRequests.DecideExtension.class, Map.of()));
        Instant moved = calendar.plusWorkingDays(deadline, 3);
        Assertions.assertThat(ticket(id).replyDeadline()).isEqualTo(moved);
        Assertions.assertThat(next(id, DeadlineClock.REPLY)).isEqualTo(moved);

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
        Assertions.assertThatThrownBy(() -> actions.extend(id, CUSTOMS, body(ActionRequests.Extend.class, Map.of("workingDays", 2, "reason", "晚了"))))
                .hasMessageContaining("deadline has passed");
    }

    @Test
    void aReplyWithoutFeedbackClosesUnratedWhenTheWindowPasses() {
        String id = open("CONTAINER");
        actions.sign(id, TRANSPORT);
        actions.reply(id, TRANSPORT, body(ActionRequests.Reply.class, Map.of("resolution", "已协调", "outcome", "RESOLVED")));
        // five working days from Monday: the next Monday at the end of the day
        Instant due = at("2021-03-15T17:30:00");
        Assertions.assertThat(ticket(id).feedbackDue()).isEqualTo(due);
        ProcessInstance pi = process(id);

        now(due.minusSeconds(60));
        fireDueTimers(id);
        Assertions.assertThat(ticket(id).status().name()).isEqualTo("REPLIED");
        now(due);
        fireDueTimers(id);

        assertThat(pi).isEnded().hasPassed("Gateway_Satisfied", "EndEvent_ClosedUnrated")
                .hasNotPassed("EndEvent_Closed", "Gateway_ReopenLimit");
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
        fireDueTimers(id);
        Assertions.assertThat(systemEvents(id, "remind")).singleElement()
                .satisfies(e -> Assertions.assertThat(e.detail()).contains("75%"));
    }

    /**
     * The lean process (issue 9): no timer job per ticket — every clock, the feedback window too, is
     * swept — counted from the engine at every wait state of a normal lifecycle (visit, sign, reply,
     * feedback); the one job of the deadline sweep serves every ticket.
     */
    @Test
    void aNormalLifecycleWritesNoJobAndTheSweepIsOneJobForAll() {
        String id = open("CONTAINER");
        ProcessInstance pi = process(id);
        Assertions.assertThat(jobsOf(id)).as("after the visit").isEmpty();
        actions.sign(id, TRANSPORT);
        Assertions.assertThat(jobsOf(id)).as("after signing").isEmpty();
        actions.reply(id, TRANSPORT, body(ActionRequests.Reply.class, Map.of("resolution", "已协调", "outcome", "RESOLVED")));
        Assertions.assertThat(jobsOf(id)).as("waiting for feedback").isEmpty();
        Assertions.assertThat(next(id, DeadlineClock.FEEDBACK)).isEqualTo(ticket(id).feedbackDue());
        actions.feedback(id, STAFF, body(ActionRequests.Feedback.class, Map.of("satisfaction", "SATISFIED")));
        assertThat(pi).isEnded();
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThat(management.createJobQuery().processDefinitionKey("deadline-sweep").count()).isEqualTo(1);
    }

    @Test
    void theTicketProcessHasNoTimerAndTheSweepRunsEveryMinute() {
        Assertions.assertThat(model(TicketProcess.KEY).getModelElementsByType(TimerEventDefinition.class)).isEmpty();
        Assertions.assertThat(model("deadline-sweep").getModelElementsByType(TimerEventDefinition.class))
                .singleElement().satisfies(t -> Assertions.assertThat(t.getTimeCycle().getTextContent()).isEqualTo("R/PT1M"));
    }

    private BpmnModelInstance model(String key) {
        return engine.getRepositoryService().getBpmnModelInstance(engine.getRepositoryService()
                .createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getId());
    }

    @Test
    void aThirdReturnToSupervisionTellsTheLeaders() {
        String id = open("LOGISTICS");
        actions.returnTicket(id, TRANSPORT, body(ActionRequests.Return.class, Map.of("reason", "一")));
        actions.assign(id, DISPATCH, body(ActionRequests.Assign.class, Map.of("leadDepartment", "TRANSPORT")));
        actions.returnTicket(id, TRANSPORT, body(ActionRequests.Return.class, Map.of("reason", "二")));
        actions.assign(id, DISPATCH, body(ActionRequests.Assign.class, Map.of("leadDepartment", "TRANSPORT")));
        actions.returnTicket(id, TRANSPORT, body(ActionRequests.Return.class, Map.of("reason", "三")));
        Assertions.assertThat(notifications(id)).filteredOn(n -> n.kind() == Notification.Kind.SUPERVISION)
                .singleElement().satisfies(n -> Assertions.assertThat(n.recipient()).isEqualTo("LEADER"))
                .satisfies(n -> Assertions.assertThat(n.text()).contains("领导督办", "退回 3 次"));
    }

    @Test
    void aThirdDissatisfactionStartsAFreshReplyClockAndNotTheOneTheLastReplyMet() {
        String id = open("FINANCING");
        actions.sign(id, FINANCE);
        for (String day : List.of("2021-03-09", "2021-03-10")) {
            actions.reply(id, FINANCE, body(ActionRequests.Reply.class, Map.of("resolution", "答复", "outcome", "PARTIAL")));
            now(at(day + "T10:00:00"));
            actions.feedback(id, STAFF, body(ActionRequests.Feedback.class, Map.of("satisfaction", "DISSATISFIED")));
        }
        Instant metDeadline = ticket(id).replyDeadline();
        Assertions.assertThat(metDeadline).isEqualTo(calendar.plusWorkingDays(at("2021-03-10T10:00:00"), 7));
        now(metDeadline.minusSeconds(3600));
        actions.reply(id, FINANCE, body(ActionRequests.Reply.class, Map.of("resolution", "第三次答复", "outcome", "PARTIAL")));
        // dissatisfied again within the feedback window, after the deadline the reply met
        now(at("2021-03-22T10:00:00"));
        actions.feedback(id, STAFF, body(ActionRequests.Feedback.class, Map.of("satisfaction", "DISSATISFIED")));

        TicketView supervised = ticket(id);
        Assertions.assertThat(supervised.status().name()).isEqualTo("SUPERVISION");
        Assertions.assertThat(supervised.reopenCount()).isEqualTo(2);
        Instant freshDeadline = calendar.plusWorkingDays(at("2021-03-22T10:00:00"), 7);
        Assertions.assertThat(supervised.replyDeadline()).isEqualTo(freshDeadline);
        later(Duration.ofMinutes(5));
        fireDueTimers(id);
        Assertions.assertThat(ticket(id).overdue()).isFalse();
        Assertions.assertThat(systemEvents(id, "overdue")).isEmpty();

        now(freshDeadline.plusSeconds(60));
        fireDueTimers(id);
        Assertions.assertThat(ticket(id).replyOverdue()).isTrue();
        Assertions.assertThat(systemEvents(id, "overdue")).singleElement()
                .satisfies(e -> Assertions.assertThat(e.toStatus().name()).isEqualTo("SUPERVISION"));
        // the leaders hold it now: they hear of the clock, not the department that answered three times
        Assertions.assertThat(notifications(id)).filteredOn(n -> n.kind() != Notification.Kind.SUPERVISION)
                .isNotEmpty().allSatisfy(n -> Assertions.assertThat(n.recipient()).isEqualTo("LEADER"));
    }

    @Test
    void theClocksRemindWhoeverHoldsTheTicketNotADepartmentThatCannotAct() {
        String id = open("CONTAINER");
        Instant deadline = ticket(id).replyDeadline();
        actions.returnTicket(id, TRANSPORT, body(ActionRequests.Return.class, Map.of("reason", "非本部门职责")));
        now(calendar.pointOf(MONDAY, deadline, 50));
        fireDueTimers(id);
        Assertions.assertThat(notifications(id)).singleElement()
                .satisfies(n -> Assertions.assertThat(n.kind()).isEqualTo(Notification.Kind.REMINDER))
                .satisfies(n -> Assertions.assertThat(n.recipient()).as("returned: dispatch assigns it").isEqualTo("DISPATCH"));

        actions.assign(id, DISPATCH, body(ActionRequests.Assign.class, Map.of("leadDepartment", "COMMERCE")));
        now(calendar.pointOf(MONDAY, deadline, 75));
        fireDueTimers(id);
        Assertions.assertThat(notifications(id)).last()
                .satisfies(n -> Assertions.assertThat(n.recipient()).as("assigned: commerce signs it").isEqualTo("COMMERCE"));

        actions.sign(id, COMMERCE);
        actions.escalate(id, COMMERCE, body(ActionRequests.Escalate.class, Map.of("level", "CITY", "reason", "需市里协调")));
        now(deadline.plusSeconds(60));
        fireDueTimers(id);
        Assertions.assertThat(notifications(id)).last()
                .satisfies(n -> Assertions.assertThat(n.kind()).isEqualTo(Notification.Kind.OVERDUE))
                .satisfies(n -> Assertions.assertThat(n.recipient()).as("escalated: dispatch enters the answer")
                        .isEqualTo("DISPATCH"));
    }

    @Test
    void aProblemNoRuleRoutesLoggedLateIsMarkedOverdueForDispatch() {
        JsonNode logged = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", api.enterprise(),
                "visitedAt", "2021-02-01T10:00:00+08:00", "problems", List.of(Api.problem("OTHER", "其他问题"))))
                .json().get("tickets").get(0);
        Assertions.assertThat(logged.get("status").asText()).isEqualTo("DISPATCHING");
        Assertions.assertThat(notifications(logged.get("id").asText())).singleElement()
                .satisfies(n -> Assertions.assertThat(n.kind()).isEqualTo(Notification.Kind.OVERDUE))
                .satisfies(n -> Assertions.assertThat(n.recipient()).isEqualTo("DISPATCH"));
    }

    @Test
    void aTicketTheSweepCannotAttendIsLoggedAndTheOthersAreStillReminded() {
        String broken = open("CONTAINER");
        String fine = open("CONTAINER");
        // a stored deadline the calendar cannot place: attending this ticket throws
        jdbcClient.sql("update ticket set sign_deadline = null where id = ?").param(Long.parseLong(broken)).update();
        now(at("2021-03-09T09:20:00"));
        fireDueTimers(fine);
        Assertions.assertThat(systemEvents(fine, "remind")).hasSize(1);
        Assertions.assertThat(systemEvents(broken, "remind")).isEmpty();
        Assertions.assertThat(management.createJobQuery().processDefinitionKey("deadline-sweep").withException().count())
                .as("the sweep itself did not fail").isZero();
    }
}
