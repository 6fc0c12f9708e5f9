package org.sanfu.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a ticket's card on /work tells the lead department and dispatch without opening the ticket (docs/UI.md):
 * dispatch's no to an extension, what approving one would give, the co-departments the reply waits on, and why a
 * department returned a ticket.
 */
@SanfuTest
class WorkCardsWebTests {

    private static final Map<String, Object> EXTEND = Map.of("workingDays", 3, "reason", "需省里批复资金");

    @Autowired
    Api api;
    @Autowired
    Pages pages;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theLeadsCardSaysItsExtensionWasTurnedDownForAsLongAsThatIsTheLatestWordOnIt() {
        String id = handledBy("FINANCING", "finance", "贷款展期待批");
        api.act(id, "extend", "finance", EXTEND);
        api.act(id, "reject-extension", "dispatch", Map.of("note", "材料已齐，按期答复"));

        String refused = "延期申请未获同意，答复期限仍为 " + replyDeadline(id);
        assertThat(card("finance", id).select(".extension-refused").text()).isEqualTo(refused);
        // what happens beside it in the same handling leaves it the latest word
        api.act(id, "comment", "finance", Map.of("text", "已电话联系企业"));
        assertThat(card("finance", id).select(".extension-refused").text()).isEqualTo(refused);
        assertThat(card("dispatch", id)).as("not in dispatch's inbox").isEmpty();

        // asked again: the new request is the latest word, and approving it moves the deadline with nothing refused
        api.act(id, "extend", "finance", EXTEND);
        assertThat(card("finance", id).select(".extension").text()).isEqualTo("申请延期 3 个工作日：需省里批复资金");
        assertThat(card("finance", id).select(".extension-refused")).isEmpty();
        api.act(id, "approve-extension", "dispatch", Map.of());
        assertThat(card("finance", id)).hasSize(1);
        assertThat(card("finance", id).select(".extension-refused")).isEmpty();

        // refused, then replied and reopened: the reply ended that handling, and its deadline with it
        String reopened = handledBy("FINANCING", "finance", "贴息申请进度");
        api.act(reopened, "extend", "finance", EXTEND);
        api.act(reopened, "reject-extension", "dispatch", Map.of());
        assertThat(card("finance", reopened).select(".extension-refused").text())
                .isEqualTo("延期申请未获同意，答复期限仍为 " + replyDeadline(reopened));
        api.act(reopened, "reply", "finance", Map.of("resolution", "已对接银行", "outcome", "PARTIAL"));
        api.act(reopened, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));
        assertThat(card("finance", reopened)).hasSize(1);
        assertThat(card("finance", reopened).select(".extension-refused")).isEmpty();
    }

    @Test
    void dispatchsCardAndTicketPageSayWhatApprovingWouldGiveAndTheApprovalGivesIt() {
        String id = handledBy("CONTAINER", "transport", "订舱难待协调");
        String before = replyDeadline(id);
        api.act(id, "extend", "transport", EXTEND);

        String ifApproved = card("dispatch", id).select(".if-approved").text();
        assertThat(ifApproved).startsWith("同意后答复期限延至 ");
        String promised = ifApproved.substring("同意后答复期限延至 ".length());
        assertThat(promised).isNotEqualTo(before);
        assertThat(pages.get("/tickets/" + id, "dispatch").html().select("#extension #extensionIfApproved").text())
                .isEqualTo("同意后，答复期限由 " + before + " 延至 " + promised + "。");

        assertThat(pages.get("/tickets/" + id, "dispatch").html().select("#extensionsGranted")).as("none before")
                .isEmpty();

        api.act(id, "approve-extension", "dispatch", Map.of());
        assertThat(replyDeadline(id)).as("what the page promised").isEqualTo(promised);
        assertThat(pages.get("/tickets/" + id, "dispatch").html().select("#extensionIfApproved")).isEmpty();

        // asked again: dispatch sees what was granted before, beside what this one would give
        api.act(id, "extend", "transport", Map.of("workingDays", 2, "reason", "船期再次推迟"));
        assertThat(pages.get("/tickets/" + id, "dispatch").html().select("#extension #extensionsGranted").text())
                .isEqualTo("此前已同意延期 1 次，共 " + EXTEND.get("workingDays") + " 个工作日。");
    }

    @Test
    void theLeadAndDispatchSeeTheCoDepartmentsOnTheCardAndWhoseOpinionTheReplyWaitsOn() {
        // CREDIT_INSURANCE: 商务局 leads, 金融办 co-handles (bpmn/routing.dmn)
        String id = handledBy("CREDIT_INSURANCE", "commerce", "信保理赔进度");
        Elements lead = card("commerce", id);
        // waiting on its only co-department: named once, by the badge
        assertThat(lead.select(".co-departments")).isEmpty();
        assertThat(lead.select(".pending-contributions").text()).isEqualTo("待协办意见：金融办");
        // the co-department's own card: its part is its work, and the lead's co-handling is not its to chase
        Elements co = card("finance", id);
        assertThat(co).hasSize(1);
        assertThat(co.select(".co-departments, .pending-contributions")).isEmpty();

        api.act(id, "extend", "commerce", EXTEND);
        Elements dispatch = card("dispatch", id);
        assertThat(dispatch.select(".co-departments")).isEmpty();
        assertThat(dispatch.select(".pending-contributions").text()).isEqualTo("待协办意见：金融办");

        api.act(id, "contribute", "finance", Map.of("opinion", "已联系信保公司"));
        lead = card("commerce", id);
        assertThat(lead.select(".co-departments").text()).isEqualTo("协办：金融办");
        assertThat(lead.select(".pending-contributions")).as("nothing waited on any more").isEmpty();
    }

    @Test
    void dispatchsCardOfAReturnedTicketSaysWhyTheDepartmentReturnedIt() {
        String id = handledBy("LOGISTICS", "transport", "海运费上涨");
        String reason = "海运费属市场行为，不属于本局职责，建议由商务局牵头协调船公司和货代，争取运价优惠和舱位保障措施；本局可提供港口集疏运数据配合研判";
        api.act(id, "return", "transport", Map.of("reason", reason));

        Elements dispatch = card("dispatch", id);
        assertThat(dispatch.select(".returned").text()).isEqualTo("交通运输局（港航）已退回，待重新交办");
        // cut as an extension's reason is; the ticket's page has it whole beside the assign form
        assertThat(dispatch.select(".return-reason").text()).isEqualTo("退回理由：" + reason.substring(0, 57) + "...");
        // the ticket's page says it in the card's sentence (page.card.return-reason), whole
        assertThat(pages.get("/tickets/" + id, "dispatch").html().select("#arbitration #returnReason").text())
                .isEqualTo("退回理由：" + reason);
        // the sign clock runs on through a return: given back, the department signs by its first sign deadline,
        // which the card names as such, not the reply deadline a card at dispatch shows otherwise
        assertThat(dispatch.select(".meta").last().text())
                .startsWith("交回时签收期限 " + deadline(id, "signDeadline") + " ")
                .doesNotContain("答复期限");

        // assigned again, it is no return waiting on dispatch: nothing of it on the new lead's card
        api.act(id, "assign", "dispatch", Map.of("leadDepartment", "COMMERCE"));
        assertThat(card("commerce", id)).hasSize(1);
        assertThat(card("commerce", id).select(".return-reason")).isEmpty();
    }

    @Test
    void dispatchsCardOfAnEscalatedTicketSaysToWhichTaskForceWhyAndSinceWhen() {
        String id = handledBy("CONTAINER", "transport", "订舱难需省里协调");
        String reason = "船公司舱位紧张，本市协调无果，需省专班出面对接船公司总部，争取在旺季前为本地外贸企业预留固定舱位，并协调港口优先装船";
        api.act(id, "escalate", "transport", Map.of("level", "PROVINCE", "reason", reason));

        Document work = pages.get("/work", "dispatch").html();
        Elements card = work.select("#queue-escalation-reply a.ticket[data-id=" + id + "]");
        assertThat(card).hasSize(1);
        // the level and the department's reason, cut as a return's is, then since when it waits on the task force
        String asked = ("上报省专班：" + reason).substring(0, 57) + "...";
        assertThat(card.select(".escalation").text()).matches(Pattern.quote(asked + "（")
                + "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 上报，已等待(不足 0\\.1| [0-9.]+) 个工作日）");

        // answered: no longer with the task force, and no escalation on the staff's card
        api.act(id, "escalation-reply", "dispatch", Map.of("resolution", "省专班已协调船公司", "outcome", "RESOLVED"));
        assertThat(pages.get("/work", "dispatch").html().select("a.ticket[data-id=" + id + "] .escalation")).isEmpty();
    }

    /**
     * The department's replied tickets, waiting for the enterprise's rating, are listed by when that rating is due
     * (回访期限), the soonest first: a ticket replied later may fall due first (replied again after a reopen, or
     * its window counted from another day), and id order put it behind those with days to go.
     */
    @Test
    void theDepartmentsTicketsAwaitingTheRatingAreListedByTheirFeedbackDeadlineTheSoonestFirst() {
        // due in the order second, first, third: neither the tickets' order (by id) nor its reverse
        List<String> ids = List.of(handledBy("FINANCING", "finance", "回访期限居中的事项"),
                handledBy("FINANCING", "finance", "回访期限最早的事项"), handledBy("FINANCING", "finance", "回访期限最晚的事项"));
        List<String> due = List.of("2001-01-05T17:30:00+08:00", "2001-01-04T17:30:00+08:00", "2001-01-08T17:30:00+08:00");
        Map<String, Object> before = new HashMap<>();
        for (String id : ids) {
            api.act(id, "reply", "finance", Map.of("resolution", "已对接银行", "outcome", "RESOLVED"));
            before.put(id, jdbc.queryForObject("select feedback_due from ticket where id = ?", Object.class, Long.valueOf(id)));
        }
        try {
            // written behind the service's back, before every other replied ticket's, and put back afterwards
            for (int i = 0; i < ids.size(); i++) {
                jdbc.update("update ticket set feedback_due = ? where id = ?", OffsetDateTime.parse(due.get(i)),
                        Long.valueOf(ids.get(i)));
            }
            Elements waiting = pages.get("/work", "finance").html()
                    .select("#waitingOnOthers .waiting[data-status=REPLIED] a.ticket");
            assertThat(waiting.eachAttr("data-id").subList(0, 3)).containsExactly(ids.get(1), ids.get(0), ids.get(2));
        } finally {
            before.forEach((id, at) -> jdbc.update("update ticket set feedback_due = ? where id = ?", at, Long.valueOf(id)));
        }
    }

    /** The department that sent it up reads the same on its own 已上报 card, among its tickets in others' hands. */
    @Test
    void theDepartmentsOwnCardOfAnEscalatedTicketSaysToWhichTaskForceWhyAndSinceWhen() {
        String id = handledBy("CONTAINER", "transport", "订舱难需市里协调");
        api.act(id, "escalate", "transport", Map.of("level", "CITY", "reason", "舱位需市里协调"));

        Elements card = pages.get("/work", "transport").html()
                .select("#waitingOnOthers .waiting[data-status=ESCALATED] a.ticket[data-id=" + id + "]");
        assertThat(card).hasSize(1);
        assertThat(card.select(".escalation").text()).matches(Pattern.quote("上报市专班：舱位需市里协调（")
                + "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 上报，已等待(不足 0\\.1| [0-9.]+) 个工作日）");

        // answered: back in the department's hands, its card no longer says it waits on the task force
        api.act(id, "escalation-reply", "dispatch", Map.of("resolution", "市专班已协调船公司", "outcome", "RESOLVED"));
        assertThat(card("transport", id).select(".escalation")).isEmpty();
    }

    /**
     * The card and the ticket's page read a return and an escalation from the history by one reader (ticket.Awaited):
     * a ticket returned again, after being given back or by the department it was reassigned to, shows the latest
     * return on both, and one sent up again after a reopen the latest escalation.
     */
    @Test
    void theCardAndThePageSayTheLatestReturnAndEscalationAlike() {
        String givenBack = handledBy("LOGISTICS", "transport", "海运费上涨待协调");
        api.act(givenBack, "return", "transport", Map.of("reason", "运价属市场行为"));
        api.act(givenBack, "assign", "dispatch", Map.of("leadDepartment", "TRANSPORT"));
        api.act(givenBack, "return", "transport", Map.of("reason", "再次退回：应由商务局牵头"));
        String reassigned = handledBy("LOGISTICS", "transport", "集装箱短缺待协调");
        api.act(reassigned, "return", "transport", Map.of("reason", "运价属市场行为"));
        api.act(reassigned, "assign", "dispatch", Map.of("leadDepartment", "COMMERCE"));
        api.act(reassigned, "return", "commerce", Map.of("reason", "商务局退回：属港航事项"));
        for (Map.Entry<String, String> returned : Map.of(givenBack, "再次退回：应由商务局牵头",
                reassigned, "商务局退回：属港航事项").entrySet()) {
            String id = returned.getKey();
            assertThat(card("dispatch", id).select(".return-reason").text()).isEqualTo("退回理由：" + returned.getValue());
            assertThat(pages.get("/tickets/" + id, "dispatch").html().select("#returnReason").text())
                    .isEqualTo("退回理由：" + returned.getValue());
        }

        String again = handledBy("CONTAINER", "transport", "订舱难再次上报");
        api.act(again, "escalate", "transport", Map.of("level", "CITY", "reason", "舱位需市里协调"));
        api.act(again, "escalation-reply", "dispatch", Map.of("resolution", "市专班已协调", "outcome", "PARTIAL"));
        api.act(again, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));
        api.act(again, "escalate", "transport", Map.of("level", "PROVINCE", "reason", "市里协调无果"));
        assertThat(card("dispatch", again).select(".escalation").text()).startsWith("上报省专班：市里协调无果（");
        assertThat(pages.get("/tickets/" + again, "dispatch").html().select("#escalationReason").text())
                .isEqualTo("上报省专班：市里协调无果");
    }

    /**
     * A ticket the enterprise's 不满意 sent back reads 重办 on the lead's /work card and in the /tickets list, beside its
     * status, until it is replied again; an ordinary one being handled does not.
     */
    @Test
    void aTicketSentBackByTheEnterprisesDissatisfactionIsMarkedOnWorkAndInTheListUntilRepliedAgain() {
        String code = api.enterprise("台州重办标记测试有限公司", "卡片镇");
        var tickets = api.visit(code, List.of(Api.problem("FINANCING", "贴息迟迟未到账"),
                Api.problem("FINANCING", "贷款展期咨询")));
        String reopened = tickets.get(0).get("id").asText();
        String ordinary = tickets.get(1).get("id").asText();
        api.act(reopened, "sign", "finance", null);
        api.act(ordinary, "sign", "finance", null);
        api.act(reopened, "reply", "finance", Map.of("resolution", "已对接银行", "outcome", "PARTIAL"));
        api.act(reopened, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED", "comment", "贴息仍未到账"));

        assertThat(card("finance", reopened).select(".badge.reopened").text()).isEqualTo("重办");
        assertThat(card("finance", ordinary)).hasSize(1);
        assertThat(card("finance", ordinary).select(".reopened")).isEmpty();
        assertThat(listed(code, reopened).select(".badge.reopened").text()).isEqualTo("重办");
        assertThat(listed(code, ordinary)).hasSize(1);
        assertThat(listed(code, ordinary).select(".reopened")).isEmpty();

        // replied again: that 不满意 is answered, and the card is an ordinary replied one
        api.act(reopened, "reply", "finance", Map.of("resolution", "贴息已到账", "outcome", "RESOLVED"));
        assertThat(listed(code, reopened)).hasSize(1);
        assertThat(listed(code, reopened).select(".reopened")).isEmpty();
    }

    /** The ticket's card in the leader's /tickets list of one enterprise's tickets. */
    private Elements listed(String creditCode, String id) {
        return pages.get("/tickets?enterprise=" + creditCode, "leader").html().select("a.ticket[data-id=" + id + "]");
    }

    /** A new ticket of this category, signed by its lead: in that department's hands. */
    private String handledBy(String category, String lead, String title) {
        String code = api.enterprise("台州工作台卡片测试有限公司", "卡片镇");
        String id = api.visit(code, List.of(Api.problem(category, title))).get(0).get("id").asText();
        api.act(id, "sign", lead, null);
        return id;
    }

    /** The ticket's card on the user's /work (empty when it is not there). */
    private Elements card(String user, String id) {
        Document work = pages.get("/work", user).html();
        return work.select("a.ticket[data-id=" + id + "]");
    }

    /** The ticket's reply deadline as the pages write it. */
    private String replyDeadline(String id) {
        return deadline(id, "replyDeadline");
    }

    /** One of the ticket's deadlines ({@code signDeadline}, {@code replyDeadline}) as the pages write it. */
    private String deadline(String id, String field) {
        return OffsetDateTime.parse(api.get("/api/tickets/" + id, "leader").json().get(field).asText())
                .atZoneSameInstant(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }
}
