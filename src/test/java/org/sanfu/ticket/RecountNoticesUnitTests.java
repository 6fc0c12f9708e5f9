package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sanfu.sla.Notification;

/**
 * Deadlines a new holiday calendar brought nearer are told per recipient: a few one by one, many in one
 * notice that lists the nearest (DeadlineRecount.toldTogether).
 */
class RecountNoticesUnitTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Instant at(String shanghai) {
        return OffsetDateTime.parse(shanghai + "+08:00").toInstant();
    }

    private static DeadlineRecount.Nearer nearer(int id, String recipient, String deadline) {
        return new DeadlineRecount.Nearer(new Notification(Notification.Kind.REMINDER, String.valueOf(id), recipient,
                "问题" + id, "企业" + id, at(deadline), "事项 " + id + "「问题" + id + "」节假日安排调整，答复期限由 … 提前到 …"),
                id % 2 == 0 ? DeadlineClock.SIGN : DeadlineClock.REPLY);
    }

    @Test
    void aRecipientWithFewerThanFourHearsOfEachTicket() {
        List<DeadlineRecount.Nearer> nearer = List.of(nearer(1, "FINANCE", "2027-02-08T17:30:00"),
                nearer(2, "FINANCE", "2027-02-09T17:30:00"), nearer(3, "FINANCE", "2027-02-10T17:30:00"),
                nearer(4, "DISPATCH", "2027-02-08T17:30:00"));
        assertThat(DeadlineRecount.toldTogether(nearer, SHANGHAI))
                .containsExactlyElementsOf(nearer.stream().map(DeadlineRecount.Nearer::notice).toList());
    }

    @Test
    void aRecipientWithFourOrMoreGetsOneNoticeListingTheNearestFive() {
        List<DeadlineRecount.Nearer> nearer = new ArrayList<>();
        nearer.add(nearer(99, "COMMERCE", "2027-02-20T17:30:00"));
        // seven for transport, not in deadline order
        IntStream.of(17, 13, 11, 16, 12, 15, 14).forEach(day ->
                nearer.add(nearer(day, "TRANSPORT", "2027-02-" + day + "T17:30:00")));
        List<Notification> told = DeadlineRecount.toldTogether(nearer, SHANGHAI);

        assertThat(told).hasSize(2);
        assertThat(told.get(0)).isEqualTo(nearer.get(0).notice());
        Notification digest = told.get(1);
        assertThat(digest.kind()).isEqualTo(Notification.Kind.REMINDER);
        assertThat(digest.recipient()).isEqualTo("TRANSPORT");
        assertThat(digest.ticketId()).as("about several tickets").isNull();
        assertThat(digest.enterpriseName()).isNull();
        assertThat(digest.deadline()).as("the nearest").isEqualTo(at("2027-02-11T17:30:00"));
        assertThat(digest.text()).isEqualTo("节假日安排调整，7 件事项的期限提前，最近的："
                + "事项 11「问题11」答复期限提前到 2027-02-11 17:30；事项 12「问题12」签收期限提前到 2027-02-12 17:30；"
                + "事项 13「问题13」答复期限提前到 2027-02-13 17:30；事项 14「问题14」签收期限提前到 2027-02-14 17:30；"
                + "事项 15「问题15」答复期限提前到 2027-02-15 17:30；其余见待办。");
    }

    @Test
    void aTicketWhoseSignAndReplyDeadlinesBothCameNearerIsOneTicketOfTwoDeadlines() {
        List<DeadlineRecount.Nearer> nearer = new ArrayList<>();
        for (int id : new int[] {1, 2}) {
            for (DeadlineClock clock : List.of(DeadlineClock.SIGN, DeadlineClock.REPLY)) {
                nearer.add(new DeadlineRecount.Nearer(new Notification(Notification.Kind.REMINDER, String.valueOf(id),
                        "CUSTOMS", "问题" + id, "企业", at(clock == DeadlineClock.SIGN ? "2027-02-0" + id + "T17:30:00"
                        : "2027-02-1" + id + "T17:30:00"), "…"), clock));
            }
        }
        assertThat(DeadlineRecount.toldTogether(nearer, SHANGHAI)).singleElement().satisfies(digest -> assertThat(
                digest.text()).isEqualTo("节假日安排调整，2 件事项的 4 个期限提前，最近的："
                + "事项 1「问题1」签收期限提前到 2027-02-01 17:30；事项 2「问题2」签收期限提前到 2027-02-02 17:30；"
                + "事项 1「问题1」答复期限提前到 2027-02-11 17:30；事项 2「问题2」答复期限提前到 2027-02-12 17:30。"));
    }

    @Test
    void fourAreAllListedWithoutAWordOfTheRest() {
        List<DeadlineRecount.Nearer> nearer = IntStream.rangeClosed(1, 4)
                .mapToObj(i -> nearer(i, "HRSS", "2027-02-0" + i + "T17:30:00")).toList();
        assertThat(DeadlineRecount.toldTogether(nearer, SHANGHAI)).singleElement().satisfies(digest -> assertThat(
                digest.text()).startsWith("节假日安排调整，4 件事项的期限提前，最近的：事项 1「问题1」答复期限提前到 2027-02-01 17:30；")
                .endsWith("事项 4「问题4」签收期限提前到 2027-02-04 17:30。"));
    }
}
