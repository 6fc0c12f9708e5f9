package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.calendar.WorkingDayCalendar;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The branches of a ticket over the REST API (API.md "Actions"): co-handling (contribute),
 * extensions (extend, approve-extension, reject-extension), escalation (escalate,
 * escalation-reply), a leader's supervision and ruling (supervise, rule) and comments. For each: its
 * success and history event, and its 404, 403, 400 and 409, none of which changes anything; and
 * what each role sees of these situations in allowedActions and in its inbox. Every test makes
 * its own enterprises and tickets. The process-level paths are in process/TicketBranchProcessTests.
 */
@SanfuTest
class TicketBranchWebTests extends TicketWebTestSupport {

    private static final String UNKNOWN = "999999999999";
    private static final Map<String, Object> RESOLVED = Map.of("resolution", "已协调解决", "outcome", "RESOLVED");
    private static final Map<String, Object> EXTEND = Map.of("workingDays", 3, "reason", "需外地海关协查");
    private static final Map<String, Object> ESCALATE = Map.of("level", "CITY", "reason", "超出县级权限");
    private static final Map<String, Object> CONTRIBUTE = Map.of("opinion", "可纳入政府统保平台");
    private static final Map<String, Object> CLOSE = Map.of("decision", "CLOSE", "note", "诉求超出政策范围");
    private static final Map<String, Object> COMMENT = Map.of("text", "请抓紧办理");

    @Autowired
    Pages pages;
    @Autowired
    WorkingDayCalendar calendar;

    // ------------------------------------------------------------------------------------------
    // contribute (协办)

    @Test
    void aCoDepartmentsPartOpensWhenTheLeadSignsAndPutsTheTicketInItsInboxWithContributeAndComment() {
        JsonNode routed = api.ticket("CREDIT_INSURANCE");
        String id = id(routed);
        assertThat(routed.get("leadDepartment").asText()).isEqualTo("COMMERCE");
        assertThat(texts(routed.get("coDepartments"))).containsExactly("FINANCE");
        assertThat(allowed(id, "finance")).as("no part before the lead signs").containsExactly("comment");
        assertThat(inboxIds("finance")).doesNotContain(id);

        JsonNode signed = api.act(id, "sign", "commerce", null);
        assertThat(texts(signed.get("pendingContributions"))).containsExactly("FINANCE");
        assertThat(signed.get("contributions")).isEmpty();
        assertThat(texts(signed.get("allowedActions"))).as("the lead waits for the part")
                .containsExactlyInAnyOrder("return", "extend", "escalate", "comment");

        assertThat(inboxIds("finance")).contains(id);
        assertThat(allowed(id, "finance")).containsExactlyInAnyOrder("contribute", "comment");
        assertThat(inboxIds("commerce")).contains(id);
        assertThat(allowed(id, "dispatch")).containsExactly("comment");
        assertThat(allowed(id, "leader")).containsExactly("supervise", "comment");
        assertThat(inboxIds("dispatch")).doesNotContain(id);
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("pendingContributions").get(0).asText())
                .isEqualTo("FINANCE");
    }

    @Test
    void aCoDepartmentContributesItsOpinionWhichTheTicketShowsAndThenTheLeadMayReply() {
        String id = coHandled();

        Api.Response r = post(id, "contribute", "finance", Map.of("opinion", "  可纳入小微企业政府统保平台，保费降30%  "));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode contributed = r.json();
        assertThat(contributed.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(contributed.get("pendingContributions")).isEmpty();
        assertThat(texts(contributed.get("allowedActions"))).containsExactly("comment");
        JsonNode contributions = contributed.get("contributions");
        assertThat(contributions).hasSize(1);
        JsonNode contribution = contributions.get(0);
        assertThat(contribution.get("department").asText()).isEqualTo("FINANCE");
        assertThat(contribution.get("opinion").asText()).isEqualTo("可纳入小微企业政府统保平台，保费降30%");
        assertThat(contribution.get("by").asText()).isEqualTo("finance");
        assertThat(contribution.get("at").asText()).endsWith("+08:00");
        assertThat(OffsetDateTime.parse(contribution.get("at").asText())).isAfterOrEqualTo(time(contributed, "signedAt"));

        JsonNode last = lastEvent(id);
        assertThat(last.get("action").asText()).isEqualTo("contribute");
        assertThat(last.get("actor").asText()).isEqualTo("finance");
        assertThat(last.get("fromStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(last.get("toStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(last.get("detail").asText()).contains("可纳入小微企业政府统保平台");

        assertThat(inboxIds("finance")).doesNotContain(id);
        assertThat(allowed(id, "commerce")).contains("reply");
        JsonNode replied = api.act(id, "reply", "commerce", Map.of("resolution", "商务、金融共同解决",
                "outcome", "RESOLVED"));
        assertThat(replied.get("status").asText()).isEqualTo("REPLIED");
        JsonNode detail = api.get("/api/tickets/" + id, "staff1").json();
        assertThat(detail.get("contributions")).isEqualTo(contributions);
        assertThat(api.get("/api/tickets/" + id, "finance").json().get("contributions")).isEqualTo(contributions);
    }

    @Test
    void eachCoDepartmentDispatchNamesHasItsOwnPartAndLeavesTheInboxOnlyWhenItContributes() {
        String id = id(api.ticket("OTHER"));
        api.act(id, "assign", "dispatch", Map.of("leadDepartment", "CUSTOMS", "coDepartments", List.of("HRSS", "JUSTICE")));
        JsonNode signed = api.act(id, "sign", "customs", null);
        assertThat(texts(signed.get("pendingContributions"))).containsExactlyInAnyOrder("HRSS", "JUSTICE");
        assertThat(inboxIds("hrss")).contains(id);
        assertThat(inboxIds("justice")).contains(id);

        JsonNode one = api.act(id, "contribute", "hrss", Map.of("opinion", "已协调用工"));
        assertThat(texts(one.get("pendingContributions"))).containsExactly("JUSTICE");
        assertThat(inboxIds("hrss")).doesNotContain(id);
        assertThat(inboxIds("justice")).contains(id);
        assertThat(allowed(id, "justice")).containsExactlyInAnyOrder("contribute", "comment");
        assertThat(allowed(id, "hrss")).containsExactly("comment");
        assertThat(allowed(id, "customs")).doesNotContain("reply");
        assertRefused(post(id, "reply", "customs", RESOLVED), 409);

        JsonNode both = api.act(id, "contribute", "justice", Map.of("opinion", "提供法律意见"));
        assertThat(both.get("pendingContributions")).isEmpty();
        assertThat(both.get("contributions").findValuesAsText("department")).containsExactly("HRSS", "JUSTICE");
        assertThat(both.get("contributions").findValuesAsText("by")).containsExactly("hrss", "justice");
        assertThat(inboxIds("justice")).doesNotContain(id);
        assertThat(api.act(id, "reply", "customs", RESOLVED).get("status").asText()).isEqualTo("REPLIED");
    }

    @Test
    void contributingWithoutAnOpinionIs400NamingOpinionAndChangesNothing() {
        String id = coHandled();
        Snapshot before = snapshot(id);

        assertInvalid(post(id, "contribute", "finance", Map.of()), "opinion");
        assertInvalid(post(id, "contribute", "finance", Map.of("opinion", "  ")), "opinion");
        assertInvalid(api.post("/api/tickets/" + id + "/contribute", "finance", null), "opinion");
        assertInvalid(post(id, "contribute", "finance", Map.of("opinion", "长".repeat(4001))), "opinion");
        assertInvalid(post(id, "contribute", "finance", Map.of("opinion", List.of("意见"))), "opinion");
        assertUnchanged(id, before);
        assertThat(inboxIds("finance")).contains(id);
    }

    @Test
    void contributingIsTheCoDepartmentsAndTheLeadOrAnyoneElseGets403ChangingNothing() {
        String id = coHandled();
        Snapshot before = snapshot(id);

        assertRefused(post(id, "contribute", "commerce", CONTRIBUTE), 403);
        for (String user : List.of("transport", "customs", "staff1", "dispatch", "leader", "admin")) {
            assertRefused(post(id, "contribute", user, CONTRIBUTE), 403);
        }
        assertUnchanged(id, before);
    }

    @Test
    void aCoDepartmentMayNotTakeTheLeadsActionsAndGets403ChangingNothing() {
        String id = coHandled();
        Snapshot open = snapshot(id);
        assertRefused(post(id, "reply", "finance", RESOLVED), 403);
        assertRefused(post(id, "extend", "finance", EXTEND), 403);
        assertRefused(post(id, "escalate", "finance", ESCALATE), 403);
        assertRefused(post(id, "return", "finance", Map.of("reason", "非本部门职责")), 403);
        assertUnchanged(id, open);

        api.act(id, "contribute", "finance", CONTRIBUTE);
        Snapshot contributed = snapshot(id);
        assertRefused(post(id, "reply", "finance", RESOLVED), 403);
        assertRefused(post(id, "extend", "finance", EXTEND), 403);
        assertRefused(post(id, "escalate", "finance", ESCALATE), 403);
        assertUnchanged(id, contributed);
    }

    @Test
    void contributingBeforeThePartOpensOrAfterItIsDoneIs409ChangingNothing() {
        String id = id(api.ticket("CREDIT_INSURANCE"));
        Snapshot assigned = snapshot(id);
        assertRefused(post(id, "contribute", "finance", CONTRIBUTE), 409);
        assertUnchanged(id, assigned);

        api.act(id, "sign", "commerce", null);
        api.act(id, "contribute", "finance", CONTRIBUTE);
        Snapshot done = snapshot(id);
        assertRefused(post(id, "contribute", "finance", Map.of("opinion", "补充意见")), 409);
        assertUnchanged(id, done);
        assertThat(done.ticket().get("contributions")).hasSize(1);
    }

    @Test
    void theLeadsReplyWhileACoDepartmentsPartIsOpenIs409ChangingNothing() {
        String id = coHandled();
        Snapshot before = snapshot(id);

        assertRefused(post(id, "reply", "commerce", RESOLVED), 409);
        assertUnchanged(id, before);
        assertThat(inboxIds("finance")).contains(id);
    }

    @Test
    void escalatingClosesTheOpenPartsSoTheCoDepartmentHasNothingLeftToDo() {
        String id = coHandled();
        JsonNode escalated = api.act(id, "escalate", "commerce", ESCALATE);

        assertThat(escalated.get("pendingContributions")).isEmpty();
        assertThat(escalated.get("contributions")).isEmpty();
        assertThat(inboxIds("finance")).doesNotContain(id);
        assertThat(allowed(id, "finance")).containsExactly("comment");
        Snapshot before = snapshot(id);
        assertRefused(post(id, "contribute", "finance", CONTRIBUTE), 409);
        assertUnchanged(id, before);
    }

    // ------------------------------------------------------------------------------------------
    // extend, approve-extension, reject-extension (延期)

    @Test
    void theLeadAsksForAnExtensionWhichTheTicketShowsAndDispatchFindsInItsInbox() {
        String id = inProgress("CONTAINER");
        JsonNode before = api.get("/api/tickets/" + id, "leader").json();
        assertThat(before.get("extensionRequest").isNull()).isTrue();
        assertThat(inboxIds("dispatch")).doesNotContain(id);

        Api.Response r = post(id, "extend", "transport", Map.of("workingDays", 3, "reason", " 需等待船公司排期 "));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode asked = r.json();
        assertThat(asked.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(asked.get("replyDeadline")).isEqualTo(before.get("replyDeadline"));
        JsonNode request = asked.get("extensionRequest");
        assertThat(request.get("workingDays").asInt()).isEqualTo(3);
        assertThat(request.get("reason").asText()).isEqualTo("需等待船公司排期");
        assertThat(request.get("requestedAt").asText()).endsWith("+08:00");
        assertThat(OffsetDateTime.parse(request.get("requestedAt").asText())).isAfterOrEqualTo(time(asked, "signedAt"));
        assertThat(texts(asked.get("allowedActions"))).as("one request at a time")
                .containsExactlyInAnyOrder("return", "reply", "escalate", "comment");

        JsonNode last = lastEvent(id);
        assertThat(last.get("action").asText()).isEqualTo("extend");
        assertThat(last.get("actor").asText()).isEqualTo("transport");
        assertThat(last.get("fromStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(last.get("toStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(last.get("detail").asText()).contains("3").contains("需等待船公司排期");

        assertThat(api.get("/api/tickets/" + id, "staff1").json().get("extensionRequest")).isEqualTo(request);
        assertThat(inboxIds("dispatch")).contains(id);
        assertThat(allowed(id, "dispatch")).containsExactlyInAnyOrder("approve-extension", "reject-extension", "comment");
        assertThat(inboxIds("transport")).contains(id);
        assertThat(allowed(id, "leader")).containsExactly("supervise", "comment");
    }

    @Test
    void approvingAnExtensionMovesTheReplyDeadlineByItsWorkingDaysAndClearsTheRequest() {
        String id = inProgress("CONTAINER");
        JsonNode asked = api.act(id, "extend", "transport", EXTEND);
        OffsetDateTime deadline = time(asked, "replyDeadline");

        Api.Response r = post(id, "approve-extension", "dispatch", Map.of("note", "同意，请抓紧"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode approved = r.json();
        assertThat(approved.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(approved.get("extensionRequest").isNull()).isTrue();
        assertThat(time(approved, "replyDeadline").toInstant())
                .isEqualTo(calendar.plusWorkingDays(deadline.toInstant(), 3));
        assertThat(time(approved, "replyDeadline")).isAfter(deadline);
        assertThat(texts(approved.get("allowedActions"))).containsExactly("comment");

        JsonNode last = lastEvent(id);
        assertThat(last.get("action").asText()).isEqualTo("approve-extension");
        assertThat(last.get("actor").asText()).isEqualTo("dispatch");
        assertThat(last.get("fromStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(last.get("toStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(last.get("detail").asText()).contains("3").contains("同意，请抓紧");

        assertThat(inboxIds("dispatch")).doesNotContain(id);
        assertThat(allowed(id, "transport")).contains("extend", "reply");
        assertThat(api.get("/api/tickets/" + id, "transport").json().get("replyDeadline"))
                .isEqualTo(approved.get("replyDeadline"));
    }

    @Test
    void rejectingAnExtensionKeepsTheReplyDeadlineClearsTheRequestAndTheLeadMayAskAgain() {
        String id = inProgress("CONTAINER");
        JsonNode asked = api.act(id, "extend", "transport", Map.of("workingDays", 10, "reason", "等待外地协查"));

        Api.Response r = post(id, "reject-extension", "dispatch", Map.of("note", "时限充足"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode rejected = r.json();
        assertThat(rejected.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(rejected.get("extensionRequest").isNull()).isTrue();
        assertThat(rejected.get("replyDeadline")).isEqualTo(asked.get("replyDeadline"));

        JsonNode last = lastEvent(id);
        assertThat(last.get("action").asText()).isEqualTo("reject-extension");
        assertThat(last.get("actor").asText()).isEqualTo("dispatch");
        assertThat(last.get("fromStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(last.get("toStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(last.get("detail").asText()).isEqualTo("不同意延期 10 个工作日，答复期限不变；时限充足");

        assertThat(inboxIds("dispatch")).doesNotContain(id);
        assertThat(allowed(id, "transport")).contains("extend");
        JsonNode again = api.act(id, "extend", "transport", Map.of("workingDays", 1, "reason", "再延一天"));
        assertThat(again.get("extensionRequest").get("workingDays").asInt()).isEqualTo(1);
        assertThat(inboxIds("dispatch")).contains(id);
    }

    @Test
    void aReplyWhileAnExtensionRequestWaitsWithdrawsItAndTheHistorySaysSo() {
        String id = inProgress("CONTAINER");
        api.act(id, "extend", "transport", Map.of("workingDays", 3, "reason", "等待船期"));
        JsonNode replied = api.act(id, "reply", "transport", Map.of("resolution", "已协调舱位", "outcome", "RESOLVED"));
        assertThat(replied.get("extensionRequest").isNull()).isTrue();
        assertThat(allowed(id, "dispatch")).doesNotContain("approve-extension", "reject-extension");
        List<String> actions = new ArrayList<>();
        history(id).forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsSubsequence("extend", "extension-withdrawn", "reply");
        JsonNode withdrawn = null;
        for (JsonNode e : history(id)) {
            if (e.get("action").asText().equals("extension-withdrawn")) {
                withdrawn = e;
            }
        }
        assertThat(withdrawn.get("actor").asText()).isEqualTo("system");
        assertThat(withdrawn.get("detail").asText()).isEqualTo("办理已结束，待审批的延期申请（3 个工作日）随之撤回");
        // and the ticket's page names it in words
        assertThat(pages.get("/tickets/" + id, "transport").html().select("#history").text()).contains("延期申请撤回");

        // an extension decided before the reply leaves nothing to withdraw
        String decided = inProgress("CONTAINER");
        api.act(decided, "extend", "transport", EXTEND);
        api.post("/api/tickets/" + decided + "/approve-extension", "dispatch", null);
        api.act(decided, "reply", "transport", Map.of("resolution", "已协调舱位", "outcome", "RESOLVED"));
        history(decided).forEach(e -> assertThat(e.get("action").asText()).isNotEqualTo("extension-withdrawn"));
    }

    @Test
    void dispatchSeesWhatIsAskedOnTheCardAndTheApprovalSaysTheNewDeadline() {
        String id = inProgress("CONTAINER");
        api.act(id, "extend", "transport", Map.of("workingDays", 3, "reason", "等待外地海关协查结果"));
        String card = pages.get("/work", "dispatch").html()
                .select("#queue-approve-extension a[href=/tickets/" + id + "] .extension").text();
        assertThat(card).isEqualTo("申请延期 3 个工作日：等待外地海关协查结果");

        Pages.Answer approved = pages.post("/tickets/" + id + "/approve-extension", "dispatch", Pages.form());
        assertThat(approved.status()).isEqualTo(303);
        String deadline = api.get("/api/tickets/" + id, "dispatch").json().get("replyDeadline").asText();
        String shown = OffsetDateTime.parse(deadline).atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        assertThat(pages.get(approved.redirect(), "dispatch").html().select("#done").text())
                .isEqualTo("已同意延期，事项现为“办理中”。答复期限延至 " + shown + "。");
        // its history names the deadline as the page does (答复期限), not by a second name
        assertThat(lastEvent(id).get("detail").asText())
                .isEqualTo("同意延期 3 个工作日，答复期限延至 " + shown.substring(0, 10));
        assertThat(pages.get("/work", "transport").html().select("a[href=/tickets/" + id + "] .extension"))
                .as("decided: nothing asked any more").isEmpty();
    }

    @Test
    void feedbackThatReopensSaysWhoAnswersAgainAndByWhenAndOneThatSupervisesSaysSo() {
        String id = inProgress("FINANCING");
        java.util.function.Supplier<String> deadline = () -> OffsetDateTime
                .parse(api.get("/api/tickets/" + id, "staff1").json().get("replyDeadline").asText())
                .atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        for (int round = 1; round <= 3; round++) {
            api.act(id, "reply", "finance", Map.of("resolution", "第" + round + "次答复", "outcome", "PARTIAL"));
            Pages.Answer rated = pages.post("/tickets/" + id + "/feedback", "staff1",
                    Pages.form("satisfaction", "DISSATISFIED", "comment", "仍未解决"));
            assertThat(rated.status()).isEqualTo(303);
            String done = pages.get(rated.redirect(), "staff1").html().select("#done").text();
            assertThat(done).isEqualTo(round < 3
                    ? "已记录企业评价，事项现为“办理中”。企业不满意，事项重办（第 " + round + " 次），由金融办重新答复，答复期限 "
                            + deadline.get() + "。"
                    : "已记录企业评价，事项现为“督办中”。企业不满意，事项已重办 2 次，转领导督办，答复期限 "
                            + deadline.get() + "。");
        }
    }

    @Test
    void decidingAnExtensionNeedsNoBody() {
        String id = inProgress("CONTAINER");
        api.act(id, "extend", "transport", EXTEND);
        Api.Response approved = api.post("/api/tickets/" + id + "/approve-extension", "dispatch", null);
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);

        api.act(id, "extend", "transport", EXTEND);
        Api.Response rejected = api.post("/api/tickets/" + id + "/reject-extension", "dispatch", null);
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        assertThat(rejected.json().get("extensionRequest").isNull()).isTrue();
    }

    @Test
    void extendingWithWorkingDaysOutside1To10OrNotANumberOrMissingOrWithoutAReasonIs400ChangingNothing() {
        String id = inProgress("CONTAINER");
        Snapshot before = snapshot(id);

        for (Object days : List.of(0, 11, -1, 100, "x", "", 2.5, List.of(3))) {
            assertInvalid(post(id, "extend", "transport", Map.of("workingDays", days, "reason", "等待协查")),
                    "workingDays");
        }
        assertInvalid(post(id, "extend", "transport", Map.of("reason", "等待协查")), "workingDays");
        assertInvalid(post(id, "extend", "transport", withNull("workingDays", "reason", "等待协查")), "workingDays");
        assertInvalid(post(id, "extend", "transport", Map.of("workingDays", 3)), "reason");
        assertInvalid(post(id, "extend", "transport", Map.of("workingDays", 3, "reason", " ")), "reason");
        assertInvalid(post(id, "extend", "transport", Map.of("workingDays", 3, "reason", "长".repeat(4001))), "reason");
        Api.Response both = post(id, "extend", "transport", Map.of());
        assertInvalid(both, "workingDays");
        assertThat(both.json().get("errors").findValuesAsText("field")).contains("reason");
        assertInvalid(api.post("/api/tickets/" + id + "/extend", "transport", null), "workingDays");
        assertInvalid(post(id, "extend", "transport", "[3]"), "body");
        assertUnchanged(id, before);
        assertThat(inboxIds("dispatch")).doesNotContain(id);
    }

    @Test
    void extendingWithTheBoundsOf1And10WorkingDaysIsAccepted() {
        String one = inProgress("CONTAINER");
        assertThat(api.act(one, "extend", "transport", Map.of("workingDays", 1, "reason", "等一天"))
                .get("extensionRequest").get("workingDays").asInt()).isEqualTo(1);
        String ten = inProgress("CONTAINER");
        assertThat(api.act(ten, "extend", "transport", Map.of("workingDays", 10, "reason", "等十天"))
                .get("extensionRequest").get("workingDays").asInt()).isEqualTo(10);
    }

    @Test
    void extendingIsTheLeadDepartmentsAndACoDepartmentOrAnotherDepartmentOrRoleGets403() {
        String id = coHandled();
        Snapshot before = snapshot(id);

        assertRefused(post(id, "extend", "finance", EXTEND), 403);
        for (String user : List.of("transport", "customs", "staff1", "dispatch", "leader", "admin")) {
            assertRefused(post(id, "extend", user, EXTEND), 403);
        }
        assertUnchanged(id, before);
    }

    @Test
    void extendingTwiceWhileOneIsPendingIs409AndKeepsTheFirstRequest() {
        String id = inProgress("CONTAINER");
        JsonNode first = api.act(id, "extend", "transport", EXTEND);
        Snapshot before = snapshot(id);

        assertRefused(post(id, "extend", "transport", Map.of("workingDays", 5, "reason", "再申请")), 409);
        assertUnchanged(id, before);
        assertThat(before.ticket().get("extensionRequest")).isEqualTo(first.get("extensionRequest"));
    }

    @Test
    void extendingATicketThatIsNotInProgressIs409() {
        String assigned = id(api.ticket("CONTAINER"));
        Snapshot assignedBefore = snapshot(assigned);
        assertRefused(post(assigned, "extend", "transport", EXTEND), 409);
        assertUnchanged(assigned, assignedBefore);

        String escalated = inProgress("CONTAINER");
        api.act(escalated, "escalate", "transport", ESCALATE);
        Snapshot escalatedBefore = snapshot(escalated);
        assertRefused(post(escalated, "extend", "transport", EXTEND), 409);
        assertUnchanged(escalated, escalatedBefore);

        String replied = inProgress("CONTAINER");
        api.act(replied, "reply", "transport", RESOLVED);
        Snapshot repliedBefore = snapshot(replied);
        assertRefused(post(replied, "extend", "transport", EXTEND), 409);
        assertUnchanged(replied, repliedBefore);
    }

    @Test
    void anExtensionAskedAfterTheReplyDeadlineIs409AndIsNotOffered() {
        String code = api.enterprise();
        String id = id(visitAt(code, daysAgo(28), List.of(Api.problem("CONTAINER", "四周前反映的舱位问题"))).get(0));
        JsonNode signed = api.act(id, "sign", "transport", null);
        assertThat(time(signed, "replyDeadline")).isBefore(OffsetDateTime.now());
        Snapshot before = snapshot(id);

        assertRefused(post(id, "extend", "transport", EXTEND), 409);
        assertUnchanged(id, before);
        assertThat(texts(signed.get("allowedActions"))).doesNotContain("extend").contains("reply");
        assertThat(allowed(id, "transport")).doesNotContain("extend");
        assertThat(inboxIds("dispatch")).doesNotContain(id);
    }

    @Test
    void approvingOrRejectingWithNoExtensionPendingIs409ChangingNothing() {
        String id = inProgress("CONTAINER");
        Snapshot before = snapshot(id);
        assertRefused(post(id, "approve-extension", "dispatch", Map.of()), 409);
        assertRefused(post(id, "reject-extension", "dispatch", Map.of()), 409);
        assertUnchanged(id, before);

        api.act(id, "extend", "transport", EXTEND);
        api.act(id, "approve-extension", "dispatch", null);
        Snapshot decided = snapshot(id);
        assertRefused(post(id, "approve-extension", "dispatch", Map.of()), 409);
        assertRefused(post(id, "reject-extension", "dispatch", Map.of()), 409);
        assertUnchanged(id, decided);

        String assigned = id(api.ticket("CONTAINER"));
        Snapshot assignedBefore = snapshot(assigned);
        assertRefused(post(assigned, "approve-extension", "dispatch", Map.of()), 409);
        assertUnchanged(assigned, assignedBefore);
    }

    @Test
    void aReplyWithdrawsAPendingExtensionSoItLeavesDispatchsInboxAndCannotBeDecided() {
        String id = inProgress("CONTAINER");
        api.act(id, "extend", "transport", EXTEND);
        assertThat(inboxIds("dispatch")).contains(id);

        JsonNode replied = api.act(id, "reply", "transport", RESOLVED);
        assertThat(replied.get("extensionRequest").isNull()).isTrue();
        assertThat(inboxIds("dispatch")).doesNotContain(id);
        assertThat(allowed(id, "dispatch")).containsExactly("comment");
        Snapshot before = snapshot(id);
        assertRefused(post(id, "approve-extension", "dispatch", Map.of()), 409);
        assertUnchanged(id, before);
    }

    @Test
    void decidingAnExtensionIsDispatchsAndStaffTheDepartmentOrALeaderGet403ChangingNothing() {
        String id = inProgress("CONTAINER");
        api.act(id, "extend", "transport", EXTEND);
        Snapshot before = snapshot(id);

        for (String user : List.of("staff1", "staff2", "transport", "customs", "leader", "admin")) {
            assertRefused(post(id, "approve-extension", user, Map.of()), 403);
            assertRefused(post(id, "reject-extension", user, Map.of()), 403);
        }
        assertUnchanged(id, before);
        assertThat(inboxIds("dispatch")).contains(id);
    }

    @Test
    void decidingAnExtensionWithANoteOver4000CharactersIs400NamingNote() {
        String id = inProgress("CONTAINER");
        api.act(id, "extend", "transport", EXTEND);
        Snapshot before = snapshot(id);

        assertInvalid(post(id, "approve-extension", "dispatch", Map.of("note", "长".repeat(4001))), "note");
        assertInvalid(post(id, "reject-extension", "dispatch", Map.of("note", "长".repeat(4001))), "note");
        assertInvalid(post(id, "approve-extension", "dispatch", "[]"), "body");
        assertUnchanged(id, before);
    }

    // ------------------------------------------------------------------------------------------
    // escalate, escalation-reply (上报省市专班)

    @Test
    void theLeadEscalatesToTheCityTaskForceAndTheTicketWaitsInDispatchsInbox() {
        String id = inProgress("CONTAINER");
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("escalationLevel").isNull()).isTrue();

        Api.Response r = post(id, "escalate", "transport", Map.of("level", "CITY", "reason", "需市里协调港口"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode escalated = r.json();
        assertThat(escalated.get("status").asText()).isEqualTo("ESCALATED");
        assertThat(escalated.get("escalationLevel").asText()).isEqualTo("CITY");
        assertThat(escalated.get("leadDepartment").asText()).isEqualTo("TRANSPORT");
        assertThat(texts(escalated.get("allowedActions"))).containsExactly("comment");

        JsonNode last = lastEvent(id);
        assertThat(last.get("action").asText()).isEqualTo("escalate");
        assertThat(last.get("actor").asText()).isEqualTo("transport");
        assertThat(last.get("fromStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(last.get("toStatus").asText()).isEqualTo("ESCALATED");
        assertThat(last.get("detail").asText()).contains("需市里协调港口");

        assertThat(inboxIds("dispatch")).contains(id);
        assertThat(allowed(id, "dispatch")).containsExactlyInAnyOrder("escalation-reply", "comment");
        assertThat(inboxIds("transport")).doesNotContain(id);
        assertThat(allowed(id, "leader")).containsExactly("supervise", "comment");
        assertThat(allowed(id, "staff1")).containsExactly("comment");
    }

    @Test
    void escalatingWithdrawsAPendingExtension() {
        String id = inProgress("CONTAINER");
        api.act(id, "extend", "transport", EXTEND);

        JsonNode escalated = api.act(id, "escalate", "transport", Map.of("level", "PROVINCE", "reason", "省级权限"));
        assertThat(escalated.get("extensionRequest").isNull()).isTrue();
        assertThat(escalated.get("escalationLevel").asText()).isEqualTo("PROVINCE");
        assertThat(allowed(id, "dispatch")).containsExactlyInAnyOrder("escalation-reply", "comment");
        Snapshot before = snapshot(id);
        assertRefused(post(id, "approve-extension", "dispatch", Map.of()), 409);
        assertUnchanged(id, before);
    }

    @Test
    void escalatingWithALevelOtherThanCityOrProvinceOrWithoutAReasonIs400ChangingNothing() {
        String id = inProgress("CONTAINER");
        Snapshot before = snapshot(id);

        // "city" is CITY (codes in any ASCII case); a dotless ı is no i
        for (Object level : List.of("COUNTY", "c\u0131ty", "", 1)) {
            assertInvalid(post(id, "escalate", "transport", Map.of("level", level, "reason", "超出县级权限")), "level");
        }
        assertInvalid(post(id, "escalate", "transport", Map.of("reason", "超出县级权限")), "level");
        assertInvalid(post(id, "escalate", "transport", withNull("level", "reason", "超出县级权限")), "level");
        assertInvalid(post(id, "escalate", "transport", Map.of("level", "CITY")), "reason");
        assertInvalid(post(id, "escalate", "transport", Map.of("level", "CITY", "reason", "\t ")), "reason");
        assertInvalid(post(id, "escalate", "transport", Map.of("level", "CITY", "reason", "长".repeat(4001))), "reason");
        Api.Response both = post(id, "escalate", "transport", Map.of());
        assertInvalid(both, "level");
        assertThat(both.json().get("errors").findValuesAsText("field")).contains("reason");
        assertUnchanged(id, before);
    }

    @Test
    void escalatingIsTheLeadDepartmentsAndACoDepartmentALeaderOrDispatchGets403ChangingNothing() {
        String id = coHandled();
        Snapshot before = snapshot(id);

        assertRefused(post(id, "escalate", "finance", ESCALATE), 403);
        for (String user : List.of("leader", "dispatch", "staff1", "admin", "transport")) {
            assertRefused(post(id, "escalate", user, ESCALATE), 403);
        }
        assertUnchanged(id, before);
    }

    @Test
    void escalatingATicketThatIsOnlyAssignedOrAlreadyEscalatedIs409() {
        String id = id(api.ticket("CONTAINER"));
        Snapshot assigned = snapshot(id);
        assertRefused(post(id, "escalate", "transport", ESCALATE), 409);
        assertUnchanged(id, assigned);

        api.act(id, "sign", "transport", null);
        api.act(id, "escalate", "transport", ESCALATE);
        Snapshot escalated = snapshot(id);
        assertRefused(post(id, "escalate", "transport", Map.of("level", "PROVINCE", "reason", "再上报")), 409);
        assertUnchanged(id, escalated);
    }

    @Test
    void dispatchRecordsTheTaskForcesAnswerAndTheEscalationLevelStaysThroughFeedbackAndClose() {
        String id = inProgress("CREDIT_INSURANCE", "commerce");
        api.act(id, "contribute", "finance", CONTRIBUTE);
        api.act(id, "escalate", "commerce", Map.of("level", "PROVINCE", "reason", "费率需省级统筹"));

        Api.Response r = post(id, "escalation-reply", "dispatch", Map.of("resolution", "省专班：统保上限提至500万美元",
                "outcome", "PARTIAL"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode answered = r.json();
        assertThat(answered.get("status").asText()).isEqualTo("REPLIED");
        assertThat(answered.get("resolution").asText()).isEqualTo("省专班：统保上限提至500万美元");
        assertThat(answered.get("outcome").asText()).isEqualTo("PARTIAL");
        assertThat(answered.get("escalationLevel").asText()).isEqualTo("PROVINCE");
        assertThat(answered.get("repliedAt").isNull()).isFalse();
        assertThat(texts(answered.get("allowedActions"))).containsExactly("comment");

        JsonNode last = lastEvent(id);
        assertThat(last.get("action").asText()).isEqualTo("escalation-reply");
        assertThat(last.get("actor").asText()).isEqualTo("dispatch");
        assertThat(last.get("fromStatus").asText()).isEqualTo("ESCALATED");
        assertThat(last.get("toStatus").asText()).isEqualTo("REPLIED");
        assertThat(last.get("detail").asText()).contains("统保上限提至500万美元");

        assertThat(inboxIds("dispatch")).doesNotContain(id);
        assertThat(inboxIds("staff1")).contains(id);
        assertThat(allowed(id, "staff1")).containsExactlyInAnyOrder("feedback", "comment");

        JsonNode closed = api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("escalationLevel").asText()).isEqualTo("PROVINCE");
        assertThat(closed.get("contributions").findValuesAsText("department")).containsExactly("FINANCE");
        assertThat(api.get("/api/tickets/" + id, "commerce").json().get("escalationLevel").asText()).isEqualTo("PROVINCE");
    }

    @Test
    void anEscalationReplyWithoutAResolutionOrAnOutcomeIs400ChangingNothing() {
        String id = escalated();
        Snapshot before = snapshot(id);

        assertInvalid(post(id, "escalation-reply", "dispatch", Map.of("outcome", "RESOLVED")), "resolution");
        assertInvalid(post(id, "escalation-reply", "dispatch", Map.of("resolution", " ", "outcome", "RESOLVED")),
                "resolution");
        assertInvalid(post(id, "escalation-reply", "dispatch", Map.of("resolution", "市专班已协调")), "outcome");
        assertInvalid(post(id, "escalation-reply", "dispatch", Map.of("resolution", "市专班已协调", "outcome", "DONE")),
                "outcome");
        assertInvalid(post(id, "escalation-reply", "dispatch", Map.of("resolution", "市专班已协调", "outcome", 0)),
                "outcome");
        assertInvalid(post(id, "escalation-reply", "dispatch", Map.of("resolution", "长".repeat(4001),
                "outcome", "RESOLVED")), "resolution");
        Api.Response neither = post(id, "escalation-reply", "dispatch", Map.of());
        assertInvalid(neither, "resolution");
        assertThat(neither.json().get("errors").findValuesAsText("field")).contains("outcome");
        assertUnchanged(id, before);
    }

    @Test
    void theEscalationReplyIsDispatchsAndTheLeadDepartmentStaffOrALeaderGet403ChangingNothing() {
        String id = escalated();
        Snapshot before = snapshot(id);

        for (String user : List.of("transport", "customs", "staff1", "leader", "admin")) {
            assertRefused(post(id, "escalation-reply", user, RESOLVED), 403);
        }
        assertUnchanged(id, before);
    }

    @Test
    void anEscalationReplyOnATicketInProgressOrAlreadyAnsweredIs409() {
        String id = inProgress("CONTAINER");
        Snapshot inProgress = snapshot(id);
        assertRefused(post(id, "escalation-reply", "dispatch", RESOLVED), 409);
        assertUnchanged(id, inProgress);

        api.act(id, "escalate", "transport", ESCALATE);
        api.act(id, "escalation-reply", "dispatch", RESOLVED);
        Snapshot answered = snapshot(id);
        assertRefused(post(id, "escalation-reply", "dispatch", RESOLVED), 409);
        assertUnchanged(id, answered);
    }

    // ------------------------------------------------------------------------------------------
    // rule (督办)

    @Test
    void threeReturnsPutTheTicketUnderSupervisionInTheLeadersInboxWithRuleAndComment() {
        String id = supervisedAfterThreeReturns();

        JsonNode supervised = api.get("/api/tickets/" + id, "leader").json();
        assertThat(supervised.get("status").asText()).isEqualTo("SUPERVISION");
        assertThat(supervised.get("returnCount").asInt()).isEqualTo(3);
        assertThat(texts(supervised.get("allowedActions"))).containsExactlyInAnyOrder("rule", "comment");
        JsonNode last = lastEvent(id);
        assertThat(last.get("action").asText()).isEqualTo("return");
        assertThat(last.get("actor").asText()).isEqualTo("hrss");
        assertThat(last.get("toStatus").asText()).isEqualTo("SUPERVISION");

        assertThat(inboxIds("leader")).contains(id);
        assertThat(inboxIds("dispatch")).doesNotContain(id);
        assertThat(inboxIds("hrss")).doesNotContain(id);
        assertThat(allowed(id, "dispatch")).containsExactly("comment");
        assertThat(allowed(id, "hrss")).containsExactly("comment");
        assertThat(allowed(id, "admin")).containsExactly("comment");
    }

    @Test
    void aRulingToReassignPutsTheTicketBackToAssignedWithTheNewLeadAndAFreshSignClock() {
        String id = supervisedAfterThreeReturns();
        JsonNode supervised = api.get("/api/tickets/" + id, "leader").json();

        Api.Response r = post(id, "rule", "leader", Map.of("decision", "REASSIGN", "leadDepartment", "COMMERCE",
                "note", "由商务局牵头办理"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode ruled = r.json();
        assertThat(ruled.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(ruled.get("leadDepartment").asText()).isEqualTo("COMMERCE");
        assertThat(ruled.get("coDepartments")).isEmpty();
        assertThat(ruled.get("closedAt").isNull()).isTrue();
        assertThat(time(ruled, "assignedAt")).isAfterOrEqualTo(time(supervised, "assignedAt"));
        assertThat(time(ruled, "signDeadline")).isAfter(time(ruled, "assignedAt"))
                .isAfterOrEqualTo(time(supervised, "signDeadline"));
        assertThat(ruled.get("replyDeadline")).isEqualTo(supervised.get("replyDeadline"));
        assertThat(texts(ruled.get("allowedActions"))).containsExactly("supervise", "comment");

        JsonNode last = lastEvent(id);
        assertThat(last.get("action").asText()).isEqualTo("rule");
        assertThat(last.get("actor").asText()).isEqualTo("leader");
        assertThat(last.get("fromStatus").asText()).isEqualTo("SUPERVISION");
        assertThat(last.get("toStatus").asText()).isEqualTo("ASSIGNED");
        assertThat(last.get("detail").asText()).contains("由商务局牵头办理");

        assertThat(inboxIds("leader")).doesNotContain(id);
        assertThat(inboxIds("commerce")).contains(id);
        assertThat(allowed(id, "commerce")).containsExactlyInAnyOrder("sign", "return", "comment");
        assertThat(api.get("/api/tickets/" + id, "hrss").status()).as("the old lead is no longer involved")
                .isEqualTo(403);
        assertThat(api.act(id, "sign", "commerce", null).get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(api.act(id, "reply", "commerce", RESOLVED).get("status").asText()).isEqualTo("REPLIED");
    }

    /** (Addition) A ruling's departments in any ASCII case are the catalog's codes, as an assignment's are. */
    @Test
    void aRulingsDepartmentsInAnyCaseAreTheCatalogsCodes() {
        String id = supervisedAfterThreeReturns();
        assertInvalid(post(id, "rule", "leader", Map.of("decision", "REASSIGN", "leadDepartment", "police")),
                "leadDepartment");
        assertInvalid(post(id, "rule", "leader", Map.of("decision", "REASSIGN", "leadDepartment", "customs",
                "coDepartments", List.of("CUSTOMS"))), "coDepartments[0]");

        JsonNode ruled = api.act(id, "rule", "leader", Map.of("decision", "REASSIGN", "leadDepartment", "customs",
                "coDepartments", List.of("Finance")));
        assertThat(ruled.get("leadDepartment").asText()).isEqualTo("CUSTOMS");
        assertThat(texts(ruled.get("coDepartments"))).containsExactly("FINANCE");
        assertThat(inboxIds("customs")).contains(id);
    }

    @Test
    void aRulingToReassignMayNameCoDepartmentsWhosePartsOpenWhenTheNewLeadSigns() {
        String id = supervisedAfterThreeReturns();

        JsonNode ruled = api.act(id, "rule", "leader", Map.of("decision", "REASSIGN", "leadDepartment", "CUSTOMS",
                "coDepartments", List.of("FINANCE"), "note", "海关牵头，金融办协办"));
        assertThat(ruled.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(ruled.get("leadDepartment").asText()).isEqualTo("CUSTOMS");
        assertThat(texts(ruled.get("coDepartments"))).containsExactly("FINANCE");
        assertThat(lastEvent(id).get("detail").asText()).contains("海关牵头，金融办协办");
        assertThat(allowed(id, "finance")).containsExactly("comment");
        assertThat(inboxIds("finance")).doesNotContain(id);

        api.act(id, "sign", "customs", null);
        assertThat(inboxIds("finance")).contains(id);
        assertThat(allowed(id, "finance")).containsExactlyInAnyOrder("contribute", "comment");
        assertThat(allowed(id, "customs")).doesNotContain("reply");
    }

    @Test
    void aRulingToCloseStrikesTheTicketOffAndKeepsTheSatisfactionAsItWas() {
        String id = inProgress("FINANCING");
        for (int round = 1; round <= 3; round++) {
            api.act(id, "reply", "finance", Map.of("resolution", "第" + round + "次答复", "outcome", "PARTIAL"));
            api.act(id, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED", "comment", "仍未解决"));
        }
        JsonNode supervised = api.get("/api/tickets/" + id, "leader").json();
        assertThat(supervised.get("status").asText()).isEqualTo("SUPERVISION");
        assertThat(supervised.get("reopenCount").asInt()).isEqualTo(2);
        assertThat(supervised.get("satisfaction").asText()).isEqualTo("DISSATISFIED");
        assertThat(inboxIds("leader")).contains(id);
        assertThat(allowed(id, "leader")).containsExactlyInAnyOrder("rule", "comment");
        assertThat(allowed(id, "staff1")).containsExactly("comment");

        Api.Response r = post(id, "rule", "leader", Map.of("decision", "CLOSE", "note", "已尽最大努力，诉求超出政策范围"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode closed = r.json();
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("satisfaction").asText()).isEqualTo("DISSATISFIED");
        assertThat(closed.get("reopenCount").asInt()).isEqualTo(2);
        assertThat(closed.get("closedAt").isNull()).isFalse();
        assertThat(closed.get("resolution").asText()).isEqualTo("第3次答复");
        assertThat(texts(closed.get("allowedActions"))).containsExactly("comment");

        JsonNode last = lastEvent(id);
        assertThat(last.get("action").asText()).isEqualTo("rule");
        assertThat(last.get("actor").asText()).isEqualTo("leader");
        assertThat(last.get("fromStatus").asText()).isEqualTo("SUPERVISION");
        assertThat(last.get("toStatus").asText()).isEqualTo("CLOSED");
        assertThat(last.get("detail").asText()).contains("已尽最大努力，诉求超出政策范围");

        assertThat(inboxIds("leader")).doesNotContain(id);
        assertThat(inboxIds("staff1")).doesNotContain(id);
        assertThat(inboxIds("finance")).doesNotContain(id);
        Snapshot before = snapshot(id);
        assertRefused(post(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED")), 409);
        assertUnchanged(id, before);
    }

    @Test
    void aRulingToCloseATicketNeverRatedLeavesItWithoutSatisfaction() {
        String id = supervisedAfterThreeReturns();

        JsonNode closed = api.act(id, "rule", "leader", CLOSE);
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("satisfaction").isNull()).isTrue();
        assertThat(closed.get("returnCount").asInt()).isEqualTo(3);
        assertThat(closed.get("closedAt").isNull()).isFalse();
        assertThat(inboxIds("leader")).doesNotContain(id);
    }

    @Test
    void rulingWithoutADecisionClosingWithoutANoteOrReassigningWithoutAKnownLeadIs400ChangingNothing() {
        String id = supervisedAfterThreeReturns();
        Snapshot before = snapshot(id);

        assertInvalid(post(id, "rule", "leader", Map.of()), "decision");
        assertInvalid(post(id, "rule", "leader", Map.of("note", "没有裁定")), "decision");
        assertInvalid(post(id, "rule", "leader", Map.of("decision", "DROP", "note", "不存在的裁定")), "decision");
        assertInvalid(post(id, "rule", "leader", Map.of("decision", "CLOSE")), "note");
        assertInvalid(post(id, "rule", "leader", Map.of("decision", "CLOSE", "note", "  ")), "note");
        assertInvalid(post(id, "rule", "leader", Map.of("decision", "CLOSE", "note", "长".repeat(4001))), "note");
        assertInvalid(post(id, "rule", "leader", Map.of("decision", "REASSIGN")), "leadDepartment");
        assertInvalid(post(id, "rule", "leader", Map.of("decision", "REASSIGN", "note", "改派")), "leadDepartment");
        assertInvalid(post(id, "rule", "leader", Map.of("decision", "REASSIGN", "leadDepartment", "POLICE")),
                "leadDepartment");
        assertInvalid(post(id, "rule", "leader", Map.of("decision", "REASSIGN", "leadDepartment", "DISPATCH")),
                "leadDepartment");
        assertInvalid(post(id, "rule", "leader", Map.of("decision", "REASSIGN", "leadDepartment", "COMMERCE",
                "coDepartments", List.of("COMMERCE"))), "coDepartments[0]");
        assertInvalid(post(id, "rule", "leader", "[]"), "body");
        assertUnchanged(id, before);
        assertThat(inboxIds("leader")).contains(id);
    }

    @Test
    void rulingIsALeadersAndDispatchStaffDepartmentsOrAdminGet403ChangingNothing() {
        String id = supervisedAfterThreeReturns();
        Snapshot before = snapshot(id);

        for (String user : List.of("dispatch", "staff1", "hrss", "admin")) {
            assertRefused(post(id, "rule", user, CLOSE), 403);
            assertRefused(post(id, "rule", user, Map.of("decision", "REASSIGN", "leadDepartment", "COMMERCE")), 403);
        }
        assertUnchanged(id, before);
    }

    @Test
    void rulingATicketThatIsNotUnderSupervisionIs409() {
        String inProgress = inProgress("CONTAINER");
        Snapshot inProgressBefore = snapshot(inProgress);
        assertRefused(post(inProgress, "rule", "leader", CLOSE), 409);
        assertRefused(post(inProgress, "rule", "leader", Map.of("decision", "REASSIGN", "leadDepartment", "CUSTOMS")),
                409);
        assertUnchanged(inProgress, inProgressBefore);

        String ruled = supervisedAfterThreeReturns();
        api.act(ruled, "rule", "leader", CLOSE);
        Snapshot closed = snapshot(ruled);
        assertRefused(post(ruled, "rule", "leader", CLOSE), 409);
        assertUnchanged(ruled, closed);
    }

    // ------------------------------------------------------------------------------------------
    // supervise (领导督办)

    @Test
    void aLeaderTakesAStuckTicketUnderSupervisionWithAReasonAndTheOthersLoseIt() {
        String id = coHandled();
        api.act(id, "extend", "commerce", EXTEND);
        assertThat(allowed(id, "leader")).containsExactly("supervise", "comment");
        assertThat(inboxIds("leader")).as("supervise alone puts nothing in a leader's inbox").doesNotContain(id);

        Api.Response r = post(id, "supervise", "leader", Map.of("reason", "  企业第三次来电反映，办理迟缓  "));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode supervised = r.json();
        assertThat(supervised.get("status").asText()).isEqualTo("SUPERVISION");
        assertThat(texts(supervised.get("allowedActions"))).containsExactly("rule", "comment");
        assertThat(supervised.get("pendingContributions")).isEmpty();
        assertThat(supervised.get("extensionRequest").isNull()).isTrue();
        assertThat(supervised.get("leadDepartment").asText()).isEqualTo("COMMERCE");

        JsonNode last = lastEvent(id);
        assertThat(last.get("action").asText()).isEqualTo("supervise");
        assertThat(last.get("actor").asText()).isEqualTo("leader");
        assertThat(last.get("fromStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(last.get("toStatus").asText()).isEqualTo("SUPERVISION");
        assertThat(last.get("detail").asText()).isEqualTo("企业第三次来电反映，办理迟缓");

        assertThat(inboxIds("leader")).contains(id);
        for (String user : List.of("commerce", "finance", "dispatch")) {
            assertThat(inboxIds(user)).as(user).doesNotContain(id);
            assertThat(allowed(id, user)).as(user).containsExactly("comment");
        }
        assertRefused(post(id, "reply", "commerce", RESOLVED), 409);

        JsonNode ruled = api.act(id, "rule", "leader", Map.of("decision", "REASSIGN", "leadDepartment", "FINANCE"));
        assertThat(ruled.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(ruled.get("leadDepartment").asText()).isEqualTo("FINANCE");
    }

    @Test
    void aLeaderMaySuperviseATicketWaitingToBeAssignedSignedOrAnsweredByTheTaskForce() {
        String dispatching = id(api.ticket("OTHER"));
        String assigned = id(api.ticket("CONTAINER"));
        String escalated = escalated();
        Map<String, String> from = Map.of(dispatching, "DISPATCHING", assigned, "ASSIGNED", escalated, "ESCALATED");
        from.forEach((id, status) -> {
            assertThat(api.get("/api/tickets/" + id, "leader").json().get("status").asText()).isEqualTo(status);
            assertThat(allowed(id, "leader")).as(status).containsExactly("supervise", "comment");
            JsonNode supervised = api.act(id, "supervise", "leader", Map.of("reason", "领导督办"));
            assertThat(supervised.get("status").asText()).as(status).isEqualTo("SUPERVISION");
            assertThat(lastEvent(id).get("fromStatus").asText()).isEqualTo(status);
        });
        assertThat(inboxIds("dispatch")).doesNotContain(dispatching, escalated);
        assertThat(inboxIds("transport")).doesNotContain(assigned);
        assertThat(api.act(dispatching, "rule", "leader", CLOSE).get("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    void supervisingWithoutAReasonOrWithABadBodyIs400NamingItChangingNothing() {
        String id = inProgress("CONTAINER");
        Snapshot before = snapshot(id);

        assertInvalid(post(id, "supervise", "leader", Map.of()), "reason");
        assertInvalid(post(id, "supervise", "leader", Map.of("reason", "  ")), "reason");
        assertInvalid(post(id, "supervise", "leader", Map.of("reason", "长".repeat(4001))), "reason");
        assertInvalid(post(id, "supervise", "leader", withNull("reason", "note", "x")), "reason");
        assertInvalid(post(id, "supervise", "leader", "[]"), "body");
        assertUnchanged(id, before);
    }

    @Test
    void supervisingIsALeadersAndDispatchStaffTheDepartmentsOrAdminGet403ChangingNothing() {
        String id = coHandled();
        Snapshot before = snapshot(id);

        for (String user : List.of("dispatch", "staff1", "commerce", "finance", "admin")) {
            assertRefused(post(id, "supervise", user, Map.of("reason", "督办")), 403);
            assertRefused(post(id, "supervise", user, Map.of()), 403);
        }
        assertUnchanged(id, before);
    }

    @Test
    void supervisingATicketWaitingForFeedbackUnderSupervisionOrClosedIs409() {
        String replied = inProgress("CONTAINER");
        api.act(replied, "reply", "transport", RESOLVED);
        String supervised = supervisedAfterThreeReturns();
        String closed = supervisedAfterThreeReturns();
        api.act(closed, "rule", "leader", CLOSE);
        for (String id : List.of(replied, supervised, closed)) {
            assertThat(allowed(id, "leader")).doesNotContain("supervise");
            Snapshot before = snapshot(id);
            assertRefused(post(id, "supervise", "leader", Map.of("reason", "督办")), 409);
            assertUnchanged(id, before);
        }
    }

    // ------------------------------------------------------------------------------------------
    // comment

    @Test
    void anyoneWhoMaySeeTheTicketCommentsInAnyStatusAndNothingMoves() {
        String id = coHandled();
        List<String> users = List.of("staff1", "dispatch", "leader", "admin", "commerce", "finance");
        for (String user : users) {
            Api.Response r = post(id, "comment", user, Map.of("text", " 评论：" + user + " "));
            assertThat(r.status()).as(user + ": " + r.text()).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo("IN_PROGRESS");
            JsonNode last = lastEvent(id);
            assertThat(last.get("action").asText()).isEqualTo("comment");
            assertThat(last.get("actor").asText()).isEqualTo(user);
            assertThat(last.get("fromStatus").asText()).isEqualTo("IN_PROGRESS");
            assertThat(last.get("toStatus").asText()).isEqualTo("IN_PROGRESS");
            assertThat(last.get("detail").asText()).isEqualTo("评论：" + user);
        }
        JsonNode after = api.get("/api/tickets/" + id, "leader").json();
        assertThat(texts(after.get("pendingContributions"))).containsExactly("FINANCE");
        assertThat(history(id).findValuesAsText("action").stream().filter("comment"::equals)).hasSize(users.size());

        api.act(id, "contribute", "finance", CONTRIBUTE);
        api.act(id, "reply", "commerce", RESOLVED);
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        Api.Response onClosed = post(id, "comment", "finance", Map.of("text", "企业已满意，归档"));
        assertThat(onClosed.status()).as(onClosed.text()).isEqualTo(200);
        assertThat(onClosed.json().get("status").asText()).isEqualTo("CLOSED");
        JsonNode last = lastEvent(id);
        assertThat(last.get("fromStatus").asText()).isEqualTo("CLOSED");
        assertThat(last.get("toStatus").asText()).isEqualTo("CLOSED");
        assertThat(last.get("actor").asText()).isEqualTo("finance");
    }

    @Test
    void commentingUnderSupervisionOrEscalationMovesNothing() {
        String supervised = supervisedAfterThreeReturns();
        JsonNode onSupervised = api.act(supervised, "comment", "leader", Map.of("text", "请专班说明三次退回的原因"));
        assertThat(onSupervised.get("status").asText()).isEqualTo("SUPERVISION");
        assertThat(lastEvent(supervised).get("toStatus").asText()).isEqualTo("SUPERVISION");
        assertThat(inboxIds("leader")).contains(supervised);

        String escalated = escalated();
        JsonNode onEscalated = api.act(escalated, "comment", "transport", Map.of("text", "已补充材料给市专班"));
        assertThat(onEscalated.get("status").asText()).isEqualTo("ESCALATED");
        assertThat(onEscalated.get("escalationLevel").asText()).isEqualTo("CITY");
        assertThat(inboxIds("transport")).as("a comment is no action of the inbox").doesNotContain(escalated);
    }

    @Test
    void commentingWithBlankTextOrTextOver4000CharactersIs400NamingTextChangingNothing() {
        String id = inProgress("CONTAINER");
        Snapshot before = snapshot(id);

        assertInvalid(post(id, "comment", "transport", Map.of()), "text");
        assertInvalid(post(id, "comment", "transport", Map.of("text", "")), "text");
        assertInvalid(post(id, "comment", "transport", Map.of("text", " \n ")), "text");
        assertInvalid(post(id, "comment", "transport", withNull("text", "note", "x")), "text");
        assertInvalid(api.post("/api/tickets/" + id + "/comment", "leader", null), "text");
        assertInvalid(post(id, "comment", "leader", Map.of("text", "长".repeat(4001))), "text");
        assertInvalid(post(id, "comment", "leader", "\"只是一段文字\""), "body");
        assertUnchanged(id, before);

        assertThat(post(id, "comment", "leader", Map.of("text", "长".repeat(4000))).status()).isEqualTo(200);
        assertThat(lastEvent(id).get("detail").asText()).hasSize(4000);
    }

    @Test
    void aDepartmentTheTicketDoesNotInvolveGets403WhenItComments() {
        String id = coHandled();
        Snapshot before = snapshot(id);

        for (String user : List.of("transport", "customs", "hrss", "justice")) {
            assertRefused(post(id, "comment", user, COMMENT), 403);
        }
        assertUnchanged(id, before);
    }

    // ------------------------------------------------------------------------------------------
    // the order of checks: 404, 403, 400, 409

    @Test
    void anUnknownTicketIs404ForEveryBranchActionWhoeverAsksAndWhateverTheBody() {
        List<String> actions = List.of("contribute", "extend", "approve-extension", "reject-extension", "escalate",
                "escalation-reply", "supervise", "rule", "comment");
        List<Object> bodies = List.of(Map.of(), Map.of("workingDays", 0, "level", "COUNTY", "decision", "DROP",
                "text", ""), "[1]", "{\"opinion\": ");
        for (String unknown : List.of(UNKNOWN, "abc")) {
            for (String action : actions) {
                for (String user : List.of("staff1", "finance", "dispatch", "leader")) {
                    for (Object body : bodies) {
                        Api.Response r = post(unknown, action, user, body);
                        assertThat(r.status()).as(action + " by " + user + " with " + body).isEqualTo(404);
                        assertThat(r.contentType()).startsWith("application/problem+json");
                        assertThat(r.text()).doesNotContain("Exception");
                    }
                }
            }
        }
    }

    @Test
    void theWrongPersonWithABadBodyGets403Not400() {
        String id = coHandled();
        Snapshot before = snapshot(id);

        assertRefused(post(id, "extend", "finance", Map.of("workingDays", 0)), 403);
        assertRefused(post(id, "escalate", "leader", Map.of("level", "COUNTY")), 403);
        assertRefused(post(id, "contribute", "commerce", Map.of()), 403);
        assertRefused(post(id, "approve-extension", "staff1", Map.of("note", "长".repeat(4001))), 403);
        assertRefused(post(id, "reject-extension", "commerce", "[]"), 403);
        assertRefused(post(id, "escalation-reply", "commerce", Map.of("outcome", "DONE")), 403);
        assertRefused(post(id, "rule", "dispatch", Map.of()), 403);
        assertRefused(post(id, "supervise", "commerce", Map.of("reason", " ")), 403);
        assertRefused(post(id, "comment", "customs", Map.of("text", " ")), 403);
        assertRefused(post(id, "comment", "customs", "{\"text\": "), 403);
        assertUnchanged(id, before);
    }

    @Test
    void aBadBodyOnATicketWhoseStateForbidsTheActionIs400Not409() {
        String id = id(api.ticket("CREDIT_INSURANCE"));
        Snapshot before = snapshot(id);

        assertInvalid(post(id, "extend", "commerce", Map.of("workingDays", 11, "reason", "延期")), "workingDays");
        assertInvalid(post(id, "escalate", "commerce", Map.of("level", "COUNTY", "reason", "上报")), "level");
        assertInvalid(post(id, "contribute", "finance", Map.of()), "opinion");
        assertInvalid(post(id, "escalation-reply", "dispatch", Map.of("resolution", "答复")), "outcome");
        assertInvalid(post(id, "rule", "leader", Map.of("decision", "CLOSE")), "note");
        assertInvalid(post(id, "approve-extension", "dispatch", Map.of("note", "长".repeat(4001))), "note");
        // with good bodies it is the state that is wrong
        assertRefused(post(id, "extend", "commerce", EXTEND), 409);
        assertRefused(post(id, "escalate", "commerce", ESCALATE), 409);
        assertRefused(post(id, "contribute", "finance", CONTRIBUTE), 409);
        assertRefused(post(id, "escalation-reply", "dispatch", RESOLVED), 409);
        assertRefused(post(id, "rule", "leader", CLOSE), 409);
        assertRefused(post(id, "approve-extension", "dispatch", Map.of()), 409);
        assertRefused(post(id, "reject-extension", "dispatch", Map.of()), 409);
        assertUnchanged(id, before);
    }

    // ------------------------------------------------------------------------------------------
    // helpers










    /** A body with {@code field} set to JSON null and one other field. */
    private static Map<String, Object> withNull(String field, String other, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(field, null);
        body.put(other, value);
        return body;
    }







    /** A fresh ticket of the category, signed by its routed lead department. */
    private String inProgress(String category) {
        JsonNode ticket = api.ticket(category);
        String id = id(ticket);
        String lead = ticket.get("leadDepartment").asText().toLowerCase();
        assertThat(api.act(id, "sign", lead, null).get("status").asText()).isEqualTo("IN_PROGRESS");
        return id;
    }

    private String inProgress(String category, String lead) {
        JsonNode ticket = api.ticket(category);
        assertThat(ticket.get("leadDepartment").asText().toLowerCase()).isEqualTo(lead);
        String id = id(ticket);
        assertThat(api.act(id, "sign", lead, null).get("status").asText()).isEqualTo("IN_PROGRESS");
        return id;
    }

    /** A credit-insurance ticket signed by commerce, finance's co-handling part open. */
    private String coHandled() {
        String id = inProgress("CREDIT_INSURANCE", "commerce");
        assertThat(texts(api.get("/api/tickets/" + id, "leader").json().get("pendingContributions")))
                .containsExactly("FINANCE");
        return id;
    }

    /** A container ticket signed by transport and escalated to the city task force. */
    private String escalated() {
        String id = inProgress("CONTAINER");
        assertThat(api.act(id, "escalate", "transport", ESCALATE).get("status").asText()).isEqualTo("ESCALATED");
        return id;
    }

    /** Returned by transport, customs and hrss in turn: the third return puts it under supervision. */
    private String supervisedAfterThreeReturns() {
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "return", "transport", Map.of("reason", "属海关职责"));
        api.act(id, "assign", "dispatch", Map.of("leadDepartment", "CUSTOMS"));
        api.act(id, "return", "customs", Map.of("reason", "属用工问题"));
        api.act(id, "assign", "dispatch", Map.of("leadDepartment", "HRSS"));
        JsonNode third = api.act(id, "return", "hrss", Map.of("reason", "不属人社职责"));
        assertThat(third.get("status").asText()).isEqualTo("SUPERVISION");
        return id;
    }
}
