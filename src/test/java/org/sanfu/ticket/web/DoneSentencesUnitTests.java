package org.sanfu.ticket.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sanfu.Message;
import org.sanfu.ticket.EscalationLevel;
import org.sanfu.ticket.TicketAction;
import org.sanfu.ticket.TicketEvent;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.ticket.TicketView;

/** What a ticket's page says after each action (#done): the action, the status, and what followed from it. */
class DoneSentencesUnitTests {

    private static final ResourceBundle CHINESE = ResourceBundle.getBundle("messages", Locale.ROOT);
    private static final Instant SIGN_BY = Instant.parse("2026-12-08T09:30:00Z");
    private static final Instant REPLY_BY = Instant.parse("2026-12-15T09:30:00Z");
    private static final Instant FEEDBACK_BY = Instant.parse("2026-12-22T09:30:00Z");

    @Test
    void aSignSaysTheActionTheStatusItLeftAndByWhenTheEnterpriseIsToBeAnswered() {
        assertThat(said("sign", view(TicketStatus.IN_PROGRESS, "commerce", 0)))
                .isEqualTo("已签收，事项现为“办理中”。须于 2026-12-15 09:30 前答复企业。");
    }

    @Test
    void aCommentSaysOnlyThatItWasAdded() {
        assertThat(said("comment", view(TicketStatus.IN_PROGRESS, "commerce", 0))).isEqualTo("备注已添加。");
    }

    @Test
    void anApprovedExtensionSaysTheNewReplyDeadline() {
        assertThat(said("approve-extension", view(TicketStatus.IN_PROGRESS, "commerce", 0)))
                .isEqualTo("已同意延期，事项现为“办理中”。答复期限延至 2026-12-15 09:30。");
    }

    @Test
    void aRefusedExtensionSaysTheReplyDeadlineThatStandsInTheButtonsWords() {
        assertThat(said("reject-extension", view(TicketStatus.IN_PROGRESS, "commerce", 0)))
                .isEqualTo("已不同意延期，事项现为“办理中”。答复期限仍为 2026-12-15 09:30。");
    }

    @Test
    void anAssignmentSaysToWhomWithWhichCoDepartmentsAndByWhenTheySign() {
        assertThat(said("assign", view(TicketStatus.ASSIGNED, "commerce", 0)))
                .isEqualTo("已交办，事项现为“待签收”。交办商务局，须于 2026-12-08 09:30 前签收。");
        assertThat(said("assign", view(TicketStatus.ASSIGNED, "commerce", 0, List.of("finance", "customs"))))
                .isEqualTo("已交办，事项现为“待签收”。交办商务局（协办：金融办、customs），须于 2026-12-08 09:30 前签收。");
    }

    @Test
    void aDissatisfiedFeedbackSaysWhoAnswersAgainByWhen() {
        assertThat(said("feedback", view(TicketStatus.IN_PROGRESS, "commerce", 1)))
                .isEqualTo("已记录企业评价，事项现为“办理中”。企业不满意，事项重办（第 1 次），由商务局重新答复，答复期限 2026-12-15 09:30。");
    }

    @Test
    void aDissatisfiedFeedbackPastTheReopensSaysALeaderTakesIt() {
        assertThat(said("feedback", view(TicketStatus.SUPERVISION, "commerce", 2)))
                .isEqualTo("已记录企业评价，事项现为“" + CHINESE.getString("label.status.SUPERVISION")
                        + "”。企业不满意，事项已重办 2 次，转领导督办，答复期限 2026-12-15 09:30。");
    }

    @Test
    void aSatisfiedFeedbackSaysNothingMore() {
        assertThat(DoneSentences.of("feedback", view(TicketStatus.CLOSED, "commerce", 0), List.of(),
                DoneSentencesUnitTests::department, DoneSentencesUnitTests::when)).hasSize(1);
    }

    @Test
    void aRulingThatReassignsSaysWhoSignsByWhen() {
        assertThat(said("rule", view(TicketStatus.ASSIGNED, "finance", 2)))
                .isEqualTo("已作出督办裁决，事项现为“待签收”。改派金融办，须于 2026-12-08 09:30 前签收。");
        assertThat(DoneSentences.of("rule", view(TicketStatus.CLOSED, "finance", 2), List.of(),
                DoneSentencesUnitTests::department, DoneSentencesUnitTests::when)).hasSize(1);
    }

    @Test
    void aReturnSaysWhatDispatchMayDecideAndThatTheSignDeadlineRunsOn() {
        assertThat(said("return", view(TicketStatus.DISPATCHING, "commerce", 0)))
                .isEqualTo("已退回，事项现为“待交办”。专班办公室将改派其他部门，或交回本部门签收；交回时签收期限不因退回而顺延，仍为 2026-12-08 09:30。");
        // a third return goes to a leader: the status says so, and no sign deadline waits on dispatch
        assertThat(DoneSentences.of("return", view(TicketStatus.SUPERVISION, "commerce", 0), List.of(),
                DoneSentencesUnitTests::department, DoneSentencesUnitTests::when)).hasSize(1);
    }

    /** The department's reply is not the end: who asks the enterprise, by when, and what its answer does. */
    @Test
    void aReplySaysWhoAsksTheEnterpriseForFeedbackAndByWhen() {
        String then = "企业满意即销号，不满意则重办；回访期限 2026-12-22 09:30，逾期未回访的按未评价销号。";
        assertThat(said("reply", replied("VISIT"))).isEqualTo("已答复，事项现为“" + CHINESE.getString("label.status.REPLIED")
                + "”。待服务专员回访企业：" + then);
        // the office calls back on its own hotline and online entries, and enters a task force's answer
        assertThat(said("reply", replied("HOTLINE"))).endsWith("。待专班办公室回访企业：" + then);
        assertThat(said("escalation-reply", replied("ONLINE"))).endsWith("。待专班办公室回访企业：" + then);
        assertThat(said("escalation-reply", replied("VISIT"))).endsWith("。待服务专员回访企业：" + then);
    }

    @Test
    void anEscalationSaysWhichTaskForceAnswersAndThatTheReplyDeadlineStands() {
        assertThat(said("escalate", escalated(EscalationLevel.CITY))).isEqualTo("已上报专班，事项现为“"
                + CHINESE.getString("label.status.ESCALATED") + "”。待市专班答复，由专班办公室录入；答复期限仍为 2026-12-15 09:30。");
        assertThat(said("escalate", escalated(EscalationLevel.PROVINCE))).contains("待省专班答复");
    }

    /** Taken from its step, the ticket waits on a leader's ruling, and whoever had it waits too; the reply clock runs. */
    @Test
    void aSupervisionSaysALeaderRulesWhoWaitsAndThatTheReplyDeadlineStands() {
        String status = "已纳入领导督办，事项现为“" + CHINESE.getString("label.status.SUPERVISION") + "”。";
        assertThat(said("supervise", view(TicketStatus.SUPERVISION, "commerce", 0))).isEqualTo(status
                + "现由领导作出督办裁决：销号，或改派主办部门；原办理环节已收回，商务局等候裁决。答复期限照常计算，仍为 2026-12-15 09:30。");
        // one no department had (no routing rule matched): the office waited on it
        assertThat(said("supervise", view(TicketStatus.SUPERVISION, null, 0))).isEqualTo(status
                + "现由领导作出督办裁决：销号，或指定主办部门；专班办公室不再交办，等候裁决。答复期限照常计算，仍为 2026-12-15 09:30。");
    }

    /**
     * One the lead had returned (it still names that lead) or sent up to a task force waited on the office, not on the
     * lead: the office is who waits, by the status the supervise event found; taken again later, the latest counts.
     */
    @Test
    void aSupervisionOfATicketTheOfficeHadNamesTheOfficeNotTheLead() {
        TicketView taken = view(TicketStatus.SUPERVISION, "commerce", 0);
        String office = "原办理环节已收回，专班办公室等候裁决。";
        assertThat(said("supervise", taken, List.of(supervised(TicketStatus.DISPATCHING)))).contains(office)
                .doesNotContain("商务局");
        assertThat(said("supervise", taken, List.of(supervised(TicketStatus.ESCALATED)))).contains(office)
                .doesNotContain("商务局");
        assertThat(said("supervise", taken, List.of(supervised(TicketStatus.DISPATCHING),
                supervised(TicketStatus.IN_PROGRESS)))).contains("原办理环节已收回，商务局等候裁决。");
    }

    @Test
    void anExtensionAskedSaysTheReplyDeadlineStandsUntilApproved() {
        assertThat(said("extend", view(TicketStatus.IN_PROGRESS, "commerce", 0)))
                .isEqualTo("已提交延期申请，待专班办公室审批，事项现为“办理中”。审批前答复期限不变，仍为 2026-12-15 09:30；同意后才延长。");
    }

    /** The co-department's part is done: the lead answers by its reply deadline, once the other opinions are in. */
    @Test
    void aCoDepartmentsOpinionSaysTheLeadRepliesByItsDeadline() {
        assertThat(said("contribute", view(TicketStatus.IN_PROGRESS, "commerce", 0)))
                .isEqualTo("已提交协办意见，事项现为“办理中”。现由主办部门商务局答复企业，答复期限 2026-12-15 09:30。");
        assertThat(said("contribute", contributed(List.of("finance", "customs"))))
                .isEqualTo("已提交协办意见，事项现为“办理中”。待金融办、customs也提交协办意见后，由主办部门商务局答复企业，答复期限 2026-12-15 09:30。");
    }

    @Test
    void everyActionAFormTakesHasItsSentenceWithNothingLeftUnfilled() {
        for (TicketAction action : TicketAction.values()) {
            for (TicketStatus status : TicketStatus.values()) {
                assertThat(said(action.urlName(), view(status, "commerce", 1))).as(action + " → " + status)
                        .isNotBlank().doesNotContain("{", "}");
            }
        }
    }

    @Test
    void everyKeyTheSentencesNameIsInBothBundles() {
        ResourceBundle english = ResourceBundle.getBundle("messages", Locale.ENGLISH);
        for (String key : List.of("page.ticket.done", "page.ticket.commented", "page.ticket.done.then.extended",
                "page.ticket.done.then.reopened", "page.ticket.done.then.supervised", "page.ticket.done.then.reassigned",
                "page.ticket.done.then.returned", "page.ticket.done.then.signed",
                "page.ticket.done.then.extension-refused", "page.ticket.done.then.assigned",
                "page.ticket.done.then.assigned-with-co", "page.ticket.done.then.replied",
                "page.ticket.done.then.replied-entry", "page.ticket.done.then.escalated", "page.ticket.done.then.taken",
                "page.ticket.done.then.taken-unassigned", "page.ticket.done.then.extension-asked",
                "page.ticket.done.then.contributed", "page.ticket.done.then.contributed-others-pending")) {
            assertThat(CHINESE.getString(key)).as(key).isNotEqualTo(english.getString(key));
        }
    }

    private static String said(String action, TicketView after) {
        return said(action, after, List.of());
    }

    private static String said(String action, TicketView after, List<TicketEvent> history) {
        return DoneSentences.of(action, after, history, DoneSentencesUnitTests::department,
                DoneSentencesUnitTests::when).stream().map(DoneSentencesUnitTests::chinese).collect(Collectors.joining());
    }

    /** The event of a leader's 督办 taken in this status. */
    private static TicketEvent supervised(TicketStatus from) {
        return new TicketEvent(REPLY_BY, "leader", "supervise", from, TicketStatus.SUPERVISION, "企业多次反映");
    }

    private static String chinese(Message message) {
        return message.fill(CHINESE.getString(message.code()), DoneSentencesUnitTests::chinese);
    }

    private static String department(String code) {
        return switch (code) {
            case "commerce" -> "商务局";
            case "finance" -> "金融办";
            case "DISPATCH" -> "专班办公室";
            default -> code;
        };
    }

    private static String when(Instant at) {
        return at.toString().substring(0, 16).replace('T', ' ');
    }

    private static TicketView replied(String source) {
        return new TicketView("7", "3", "91330000MA2XXXXX0X", "某某公司", "城关镇", "LOGISTICS", "物流", "集装箱短缺", "描述",
                null, source, TicketStatus.REPLIED, "commerce", List.of(), "staff1", null, null, null, null, null, SIGN_BY,
                REPLY_BY, false, false, false, FEEDBACK_BY, 0, 0, null, null, null, null, false, List.of(), List.of(),
                null, List.of(), null);
    }

    private static TicketView escalated(EscalationLevel level) {
        return new TicketView("7", "3", "91330000MA2XXXXX0X", "某某公司", "城关镇", "LOGISTICS", "物流", "集装箱短缺", "描述",
                null, "VISIT", TicketStatus.ESCALATED, "commerce", List.of(), "staff1", null, null, null, null, null,
                SIGN_BY, REPLY_BY, false, false, false, null, 0, 0, level, null, null, null, false, List.of(), List.of(),
                null, List.of(), null);
    }

    /** In progress with commerce, these co-departments' opinions still awaited. */
    private static TicketView contributed(List<String> pending) {
        return new TicketView("7", "3", "91330000MA2XXXXX0X", "某某公司", "城关镇", "LOGISTICS", "物流", "集装箱短缺", "描述",
                null, "VISIT", TicketStatus.IN_PROGRESS, "commerce", pending, "staff1", null, null, null, null, null,
                SIGN_BY, REPLY_BY, false, false, false, null, 0, 0, null, null, null, null, false, List.of(), pending,
                null, List.of(), null);
    }

    private static TicketView view(TicketStatus status, String lead, int reopens) {
        return view(status, lead, reopens, List.of());
    }

    private static TicketView view(TicketStatus status, String lead, int reopens, List<String> coDepartments) {
        return new TicketView("7", "3", "91330000MA2XXXXX0X", "某某公司", "城关镇", "LOGISTICS", "物流", "集装箱短缺", "描述",
                null, "VISIT", status, lead, coDepartments, "staff1", null, null, null, null, null, SIGN_BY,
                REPLY_BY, false, false, false, null, reopens, 0, null,
                null, null, null, false, List.of(), List.of(), null, List.of(), null);
    }
}
