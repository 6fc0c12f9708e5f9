package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules a ticket knows from its own state, without the engine or a database. */
class TicketUnitTests {

    static final Instant START = Instant.parse("2021-03-08T02:00:00Z");
    static final Instant SIGN_DEADLINE = START.plus(Duration.ofDays(1));
    static final Instant REPLY_DEADLINE = START.plus(Duration.ofDays(7));
    /** Points at that share of the span between start and deadline (working time is the calendar's job). */
    static final Ticket.PointOf LINEAR = (start, deadline, percent) ->
            start.plus(Duration.between(start, deadline).multipliedBy(percent).dividedBy(100));

    private static Ticket ticket(int returns, int reopens, Ticket.Clocks clocks, List<Ticket.OpenTask> tasks) {
        return new Ticket(1, 1L, "91330000MA2AB0CD1X", "企业", "镇", "staff1", "CONTAINER", "标题", "描述",
                Urgency.NORMAL, Source.VISIT.name(), TicketStatus.IN_PROGRESS, "TRANSPORT", List.of("FINANCE"), START, START,
                null, null, null, 1, 7, SIGN_DEADLINE, REPLY_DEADLINE, false, clocks, reopens, returns, null, null,
                null, null, false, "pi", tasks, null, List.of(), START);
    }

    private static Ticket.Clocks clocks(int signReminded, boolean signOverdue, int replyReminded, Instant feedbackDue) {
        return new Ticket.Clocks(START, signReminded, signOverdue, START, replyReminded, false, feedbackDue,
                null, null, null);
    }

    private static Ticket plain() {
        return ticket(0, 0, clocks(0, false, 0, null), List.of());
    }

    @Test
    void theThirdReturnAndADissatisfactionAfterTwoReopensGoToALeader() {
        assertThat(ticket(2, 0, clocks(0, false, 0, null), List.of()).returnedTooOften()).isFalse();
        assertThat(ticket(3, 0, clocks(0, false, 0, null), List.of()).returnedTooOften()).isTrue();
        assertThat(ticket(0, 1, clocks(0, false, 0, null), List.of()).reopenedTooOften()).isFalse();
        assertThat(ticket(0, 2, clocks(0, false, 0, null), List.of()).reopenedTooOften()).isTrue();
    }

    @Test
    void aDeadlineIsMissedOnlyAfterItsMoment() {
        assertThat(plain().signedLate(SIGN_DEADLINE)).isFalse();
        assertThat(plain().signedLate(SIGN_DEADLINE.plusSeconds(1))).isTrue();
        assertThat(plain().repliedLate(REPLY_DEADLINE)).isFalse();
        assertThat(plain().repliedLate(REPLY_DEADLINE.plusSeconds(1))).isTrue();
    }

    @Test
    void anExtensionMayBeAskedOnlyBeforeTheReplyDeadline() {
        assertThat(plain().mayAskExtension(REPLY_DEADLINE.minusSeconds(1))).isTrue();
        assertThat(plain().mayAskExtension(REPLY_DEADLINE)).isFalse();
    }

    @Test
    void aClockNextNeedsItsFirstPointNotYetSaidThenItsDeadlineThenNothing() {
        assertThat(plain().nextClockPoint(DeadlineClock.SIGN, LINEAR)).isEqualTo(START.plus(Duration.ofHours(12)));
        assertThat(ticket(0, 0, clocks(50, false, 0, null), List.of()).nextClockPoint(DeadlineClock.SIGN, LINEAR))
                .isEqualTo(START.plus(Duration.ofHours(18)));
        assertThat(ticket(0, 0, clocks(75, false, 0, null), List.of()).nextClockPoint(DeadlineClock.SIGN, LINEAR))
                .isEqualTo(SIGN_DEADLINE);
        assertThat(ticket(0, 0, clocks(75, true, 0, null), List.of()).nextClockPoint(DeadlineClock.SIGN, LINEAR))
                .isNull();
        assertThat(ticket(0, 0, clocks(0, false, 50, null), List.of()).nextClockPoint(DeadlineClock.REPLY, LINEAR))
                .isEqualTo(START.plus(Duration.ofDays(7).multipliedBy(75).dividedBy(100)));
    }

    @Test
    void theFeedbackWindowIsNeverRemindedAndNextNeedsItsEnd() {
        Instant due = START.plus(Duration.ofDays(5));
        assertThat(ticket(0, 0, clocks(0, false, 0, due), List.of()).nextClockPoint(DeadlineClock.FEEDBACK, LINEAR))
                .isEqualTo(due);
        assertThat(plain().nextClockPoint(DeadlineClock.FEEDBACK, LINEAR)).isNull();
    }

    @Test
    void openPartsAreTheOpenContributeTasksAndWaitingIsAboutAnyTaskOfAKey() {
        Ticket t = ticket(0, 0, clocks(0, false, 0, null), List.of(
                new Ticket.OpenTask("1", "Task_Handle", "TRANSPORT", null),
                new Ticket.OpenTask("2", "Task_Contribute", "FINANCE", null)));
        assertThat(t.openParts()).containsExactly("FINANCE");
        assertThat(t.waitsOn("Task_Contribute")).isTrue();
        assertThat(t.waitsOn("Task_DecideExtension")).isFalse();
        assertThat(t.involves("FINANCE")).isTrue();
        assertThat(t.involves("CUSTOMS")).isFalse();
    }
}
