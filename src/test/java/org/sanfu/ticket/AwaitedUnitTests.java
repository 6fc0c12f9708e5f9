package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one reader of what a ticket waits on from its history: the whole history (the ticket's page) and the run from
 * the latest event of the action on (the cards' one read for many tickets) give the same event.
 */
class AwaitedUnitTests {

    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

    @Test
    void aTicketReturnedGivenBackAndReturnedAgainWaitsOnItsLatestReturn() {
        List<TicketEvent> history = List.of(
                event(0, "system", "route", null, TicketStatus.ASSIGNED, "主办 交通运输局（港航）"),
                event(1, "transport", "return", TicketStatus.ASSIGNED, TicketStatus.DISPATCHING, "运价属市场行为"),
                event(2, "dispatch", "assign", TicketStatus.DISPATCHING, TicketStatus.ASSIGNED, "主办 交通运输局（港航）"),
                event(3, "transport", "return", TicketStatus.ASSIGNED, TicketStatus.DISPATCHING, "应由商务局牵头"),
                event(4, "dispatch", "comment", TicketStatus.DISPATCHING, TicketStatus.DISPATCHING, "已电话了解"));
        TicketView returned = view(TicketStatus.DISPATCHING, "transport", 2);

        TicketEvent whole = Awaited.RETURN.in(returned, history);
        assertThat(whole.detail()).isEqualTo("应由商务局牵头");
        assertThat(Awaited.RETURN.in(returned, history.subList(3, history.size()))).isSameAs(whole);
        // given back, or a ticket with a task force: no return waits on dispatch, whatever the history holds
        assertThat(Awaited.RETURN.in(view(TicketStatus.ASSIGNED, "transport", 2), history)).isNull();
        assertThat(Awaited.ESCALATION.in(returned, history)).isNull();
    }

    @Test
    void aTicketSentUpAgainWaitsOnItsLatestEscalation() {
        List<TicketEvent> history = List.of(
                event(0, "transport", "escalate", TicketStatus.IN_PROGRESS, TicketStatus.ESCALATED, "上报市专班：舱位"),
                event(1, "dispatch", "escalation-reply", TicketStatus.ESCALATED, TicketStatus.REPLIED, "[PARTIAL] 已协调"),
                event(2, "staff1", "feedback", TicketStatus.REPLIED, TicketStatus.IN_PROGRESS, "DISSATISFIED"),
                event(3, "transport", "escalate", TicketStatus.IN_PROGRESS, TicketStatus.ESCALATED, "上报省专班：无果"));
        TicketView escalated = view(TicketStatus.ESCALATED, "transport", 0);

        assertThat(Awaited.ESCALATION.in(escalated, history).detail()).isEqualTo("上报省专班：无果");
        assertThat(Awaited.ESCALATION.in(escalated, history.subList(3, 4))).isSameAs(history.get(3));
        assertThat(Awaited.ESCALATION.in(view(TicketStatus.IN_PROGRESS, "transport", 0), history)).isNull();
    }

    @Test
    void aTicketHandledAgainAnswersTheRatingThatSentItBackUntilItIsReplied() {
        List<TicketEvent> history = List.of(
                event(0, "transport", "reply", TicketStatus.IN_PROGRESS, TicketStatus.REPLIED, "[PARTIAL] 已协调"),
                event(1, "staff1", "feedback", TicketStatus.REPLIED, TicketStatus.IN_PROGRESS, "DISSATISFIED；仍订不到舱"),
                event(2, "transport", "comment", TicketStatus.IN_PROGRESS, TicketStatus.IN_PROGRESS, "已联系船公司"));

        assertThat(Awaited.REOPEN.in(view(TicketStatus.IN_PROGRESS, "transport", 0, 1), history)).isSameAs(history.get(1));
        // replied again (or never reopened): nothing it answers now
        assertThat(Awaited.REOPEN.in(view(TicketStatus.REPLIED, "transport", 0, 1), history)).isNull();
        assertThat(Awaited.REOPEN.in(view(TicketStatus.IN_PROGRESS, "transport", 0, 0), history)).isNull();
    }

    private static TicketEvent event(int hours, String actor, String action, TicketStatus from, TicketStatus to,
            String detail) {
        return new TicketEvent(T0.plusSeconds(hours * 3600L), actor, action, from, to, detail);
    }

    private static TicketView view(TicketStatus status, String lead, int returns) {
        return view(status, lead, returns, 0);
    }

    private static TicketView view(TicketStatus status, String lead, int returns, int reopens) {
        return new TicketView("7", "3", "91330000MA2XXXXX0X", "某某公司", "城关镇", "LOGISTICS", "物流", "集装箱短缺", "描述",
                null, "VISIT", status, lead, List.of(), "staff1", T0, T0, null, null, null, T0, T0, false, false, false,
                null, reopens, returns, null, null, null, null, false, List.of(), List.of(), null, List.of(), null);
    }
}
