package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.sanfu.catalog.Catalog;
import org.sanfu.web.QueryParams;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriUtils;

/**
 * The ticket pages (docs/UI.md): the list with its filters, a ticket with exactly the forms of its
 * allowedActions, and the forms posting to the same use cases as the API, in the API's order of checks.
 */
@SanfuTest
class TicketPagesTests extends TicketWebTestSupport {

    @Autowired
    Pages pages;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Tickets tickets;
    @Autowired
    Catalog catalog;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Clock clock;

    // ------------------------------------------------------------------ forms = allowedActions

    /**
     * A problem resolved on site goes to no department and has no sign or reply deadline: its page says so rather
     * than 待交办 and 尚未交办, which read as if dispatch still owed it a department. Sent back by the enterprise's
     * 不满意, it is dispatch's to assign, and says so again.
     */
    @Test
    void aTicketResolvedOnSiteSaysItWentToNoDepartmentUntilTheEnterpriseSendsItBack() {
        String code = api.enterprise();
        String id = id(api.visit(code, List.of(Map.of("category", "POLICY", "title", "不清楚出口退税流程",
                "resolvedOnSite", true, "onSiteResolution", "当场讲解退税流程"))).get(0));
        Document page = pages.get("/tickets/" + id, "staff1").html();
        assertThat(page.select("#lead").text()).isEqualTo("无（当场解决）");
        assertThat(page.select("#feedbackDue .what").text()).isEqualTo("回访期限");
        assertThat(page.select("#noDeadlines").text()).isEqualTo("当场解决，未交办部门，没有签收和答复期限。");

        api.act(id, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED", "comment", "流程还是不清楚"));
        Document reopened = pages.get("/tickets/" + id, "staff1").html();
        assertThat(reopened.select("#status").text()).isEqualTo("待交办");
        assertThat(reopened.select("#lead").text()).isEqualTo("待交办");
        assertThat(reopened.select("#noDeadlines").text()).isNotEqualTo("当场解决，未交办部门，没有签收和答复期限。");
    }

    /**
     * 待交办 says dispatch owes the ticket a department. A leader who takes an unassigned ticket (领导督办) rules on
     * it: dispatch cannot assign it now, so its page and its visit's row no longer say it waits for dispatch.
     */
    @Test
    void anUnassignedTicketALeaderTookIsNotSaidToWaitForDispatch() {
        String code = api.enterprise();
        JsonNode ticket = api.visit(code, List.of(Api.problem("OTHER", "无对口部门的问题"))).get(0);
        String id = id(ticket);
        String visit = ticket.get("visitId").asText();
        assertThat(pages.get("/tickets/" + id, "staff1").html().select("#lead").text()).isEqualTo("待交办");
        assertThat(pages.get("/visits/" + visit, "staff1").html().select("[data-id=" + id + "] .lead").text())
                .isEqualTo("待专班办公室交办");

        api.act(id, "supervise", "leader", Map.of("reason", "企业多次反映"));
        Document page = pages.get("/tickets/" + id, "staff1").html();
        assertThat(page.select("#status").text()).isEqualTo("督办中");
        assertThat(page.select("#lead").text()).isEqualTo("未交办");
        assertThat(pages.get("/visits/" + visit, "staff1").html().select("[data-id=" + id + "] .lead")).isEmpty();
    }

    @Test
    void theTicketPageOffersExactlyTheFormsOfTheUsersAllowedActionsInEveryState() {
        List<String> everyone = List.of("staff1", "dispatch", "commerce", "finance", "transport", "leader", "admin");
        // ASSIGNED, with a co-department
        String coHandled = id(api.ticket("CREDIT_INSURANCE"));
        assertFormsMatchAllowedActions(coHandled, everyone);
        // IN_PROGRESS: the lead may not reply before the co-department's part; the co-department contributes
        api.act(coHandled, "sign", "commerce", null);
        assertFormsMatchAllowedActions(coHandled, everyone);
        assertThat(formsOf(coHandled, "finance")).contains("contribute");
        // an extension waiting for dispatch
        api.act(coHandled, "contribute", "finance", Map.of("opinion", "已联系信保公司"));
        api.act(coHandled, "extend", "commerce", Map.of("workingDays", 3, "reason", "等待信保公司材料"));
        assertFormsMatchAllowedActions(coHandled, everyone);
        assertThat(formsOf(coHandled, "dispatch")).contains("approve-extension", "reject-extension");
        // REPLIED: staff call the enterprise back
        api.act(coHandled, "approve-extension", "dispatch", Map.of());
        api.act(coHandled, "reply", "commerce", Map.of("resolution", "已办理", "outcome", "RESOLVED"));
        assertFormsMatchAllowedActions(coHandled, everyone);
        assertThat(formsOf(coHandled, "staff1")).contains("feedback");
        // CLOSED: comments only
        api.act(coHandled, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        assertFormsMatchAllowedActions(coHandled, everyone);

        // DISPATCHING (no routing rule)
        String unrouted = id(api.ticket("OTHER"));
        assertFormsMatchAllowedActions(unrouted, everyone);
        assertThat(formsOf(unrouted, "dispatch")).contains("assign");

        // ESCALATED
        String escalated = id(api.ticket("CONTAINER"));
        api.act(escalated, "sign", "transport", null);
        api.act(escalated, "escalate", "transport", Map.of("level", "CITY", "reason", "舱位需市里协调"));
        assertFormsMatchAllowedActions(escalated, everyone);
        assertThat(formsOf(escalated, "dispatch")).contains("escalation-reply");

        // SUPERVISION: returned three times
        String supervised = id(api.ticket("CUSTOMS"));
        for (int i = 0; i < 3; i++) {
            api.act(supervised, "return", "customs", Map.of("reason", "不属本部门 " + i));
            if (i < 2) {
                api.act(supervised, "assign", "dispatch", Map.of("leadDepartment", "CUSTOMS"));
            }
        }
        assertThat(api.get("/api/tickets/" + supervised, "leader").json().get("status").asText())
                .isEqualTo("SUPERVISION");
        assertFormsMatchAllowedActions(supervised, everyone);
        assertThat(formsOf(supervised, "leader")).contains("rule");
    }

    /** For each user who may read the ticket: the page's forms are the API's allowedActions, each well formed. */
    private void assertFormsMatchAllowedActions(String id, List<String> users) {
        for (String user : users) {
            Api.Response api = this.api.get("/api/tickets/" + id, user);
            Pages.Answer page = pages.get("/tickets/" + id, user);
            if (api.status() == 403) {
                assertThat(page.status()).as(user).isEqualTo(403);
                continue;
            }
            assertThat(page.status()).as(user).isEqualTo(200);
            Set<String> allowed = new HashSet<>(texts(api.json().get("allowedActions")));
            assertThat(formsOf(page.html())).as(user + " on " + id + " in " + api.json().get("status"))
                    .isEqualTo(allowed);
            assertMainActionsLeadToTheirForms(page.html(), user + " on " + id);
            for (Element form : page.html().select("form[data-action]")) {
                String action = form.attr("data-action");
                assertThat(form.attr("method")).isEqualTo("post");
                assertThat(form.attr("action")).isEqualTo("/tickets/" + id + "/" + action);
                assertThat(form.select("input[name=_csrf]")).as(action).hasSize(1);
                assertThat(form.parent().tagName()).isEqualTo("details");
                assertThat(form.parent().selectFirst("summary").text()).as(action).isNotBlank()
                        .doesNotContainPattern("[a-z]{3,}");
            }
        }
    }

    /**
     * On a phone the forms are screens below the top of the page (签收 started at 966 px in an 844 px window): the
     * steps offered are linked at the top, under the title and the 重办 notice, in the forms' order and words, the
     * first a button; a comment (offered to every reader) is no step, and a page offering none has no row.
     */
    @Test
    void theStepsOfferedAreLinkedAtTheTopOfThePageTheFirstAsAButton() {
        String id = id(api.ticket("CONTAINER"));
        Document assigned = pages.get("/tickets/" + id, "transport").html();
        assertThat(mainActions(assigned)).containsExactly("签收", "退回");
        Element sign = assigned.selectFirst("#mainActions a");
        assertThat(sign.attr("href")).isEqualTo("#action-sign");
        assertThat(sign.hasClass("button")).isTrue();
        assertThat(assigned.select("#mainActions a").get(1).hasClass("button")).isFalse();
        assertMainActionsLeadToTheirForms(assigned, "transport on ASSIGNED");
        // at the top: after the title and its badges, before the facts and the forms
        List<String> order = assigned.select("#status, #mainActions, #facts, #actions").eachAttr("id");
        assertThat(order).containsExactly("status", "mainActions", "facts", "actions");

        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", Map.of("resolution", "已协调船公司增开航班", "outcome", "RESOLVED"));
        Document replied = pages.get("/tickets/" + id, "staff1").html();
        assertThat(mainActions(replied)).containsExactly("回访", "生成回访链接");
        assertThat(replied.select("#mainActions a").eachAttr("href")).containsExactly("#action-feedback", "#feedback-link");
        assertMainActionsLeadToTheirForms(replied, "staff1 on REPLIED");

        // sent back by the enterprise: the row comes under the notice that says why
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED", "comment", "运价仍然偏高"));
        Document reopened = pages.get("/tickets/" + id, "transport").html();
        assertThat(reopened.select("#reopenedNotice, #mainActions, #facts").eachAttr("id"))
                .containsExactly("reopenedNotice", "mainActions", "facts");
        assertThat(mainActions(reopened)).first().isEqualTo(reopened.selectFirst("#actions details.action summary").text());

        // a leader reading a closed ticket: a comment is all it offers, and a comment is no step: no row
        String closed = id(api.ticket("CONTAINER"));
        api.act(closed, "sign", "transport", null);
        api.act(closed, "reply", "transport", Map.of("resolution", "已办理", "outcome", "RESOLVED"));
        api.act(closed, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        Document leaderOnClosed = pages.get("/tickets/" + closed, "leader").html();
        assertThat(formsOf(leaderOnClosed)).containsExactly("comment");
        assertThat(leaderOnClosed.getElementById("mainActions")).isNull();
    }

    private static List<String> mainActions(Document html) {
        return html.select("#mainActions a").eachText();
    }

    /**
     * The row at the top lists the page's forms but the comment, in their order, each link's target a form's
     * details on the page, named as its summary; the first a button; none without such a form.
     */
    private static void assertMainActionsLeadToTheirForms(Document html, String who) {
        List<String> forms = html.select("#actions > details.action:not(#action-comment)").eachAttr("id");
        List<String> links = html.select("#mainActions a").eachAttr("href");
        assertThat(links).as(who).containsExactlyElementsOf(forms.stream().map(f -> "#" + f).toList());
        assertThat(html.getElementById("mainActions") == null).as(who).isEqualTo(forms.isEmpty());
        for (Element link : html.select("#mainActions a")) {
            Element target = html.getElementById(link.attr("href").substring(1));
            assertThat(target).as(who + ": " + link.attr("href")).isNotNull();
            assertThat(target.tagName()).isEqualTo("details");
            assertThat(link.text()).isEqualTo(target.selectFirst("summary").text());
            assertThat(link.hasClass("button")).as(who + ": " + link.text())
                    .isEqualTo(link.elementSiblingIndex() == 0 && !link.attr("href").equals("#action-supervise"));
        }
    }

    /**
     * A leader mostly reads, and notes: 领导督办, offered on every open ticket, was the page's first form and the
     * button of the row at the top. The page offers it after the others (备注 first), set apart in the row and never
     * its button; the API's allowedActions keep their order, and the page offers the same actions.
     */
    @Test
    void aLeadersSupervisionComesAfterTheOtherActionsAndIsNoButton() {
        String id = id(api.ticket("CONTAINER"));
        assertThat(texts(api.get("/api/tickets/" + id, "leader").json().get("allowedActions")))
                .containsExactly("supervise", "comment");
        Document page = pages.get("/tickets/" + id, "leader").html();
        assertThat(page.select("#actions > details.action").eachAttr("id"))
                .containsExactly("action-comment", "action-supervise");
        Element supervise = page.selectFirst("#mainActions a");
        assertThat(mainActions(page)).containsExactly("领导督办");
        assertThat(supervise.hasClass("button")).isFalse();
        assertThat(supervise.hasClass("apart")).isTrue();
        assertThat(page.getElementById("action-supervise").hasAttr("open")).isFalse();

        // the office on a ticket waiting to be assigned: its step first, as before (no 督办 offered to it)
        String unrouted = id(api.ticket("OTHER"));
        Document dispatch = pages.get("/tickets/" + unrouted, "dispatch").html();
        assertThat(dispatch.select("#actions > details.action").eachAttr("id")).first().isEqualTo("action-assign");
        assertThat(dispatch.selectFirst("#mainActions a").hasClass("button")).isTrue();
    }

    /** A legal ticket returned by justice three times, assigned back twice: under supervision. */
    private String returnedThreeTimesByJustice() {
        String id = id(api.ticket("LEGAL"));
        for (int i = 0; i < 3; i++) {
            api.act(id, "return", "justice", Map.of("reason", "非本部门职责 " + i));
            if (i < 2) {
                api.act(id, "assign", "dispatch", Map.of("leadDepartment", "JUSTICE"));
            }
        }
        return id;
    }

    private Set<String> formsOf(String id, String user) {
        return formsOf(pages.get("/tickets/" + id, user).html());
    }

    private static Set<String> formsOf(Document html) {
        Set<String> actions = new HashSet<>();
        html.select("form[data-action]").forEach(f -> actions.add(f.attr("data-action")));
        return actions;
    }

    @Test
    void eachFormsInputsAreNamedAsTheActionsJsonBody() {
        String id = id(api.ticket("CREDIT_INSURANCE"));
        assertThat(inputs(pages.get("/tickets/" + id, "commerce").html(), "sign")).isEmpty();
        api.act(id, "sign", "commerce", null);
        Document lead = pages.get("/tickets/" + id, "commerce").html();
        assertThat(inputs(lead, "return")).containsExactly("reason");
        assertThat(inputs(lead, "extend")).containsExactly("workingDays", "reason");
        assertThat(inputs(lead, "escalate")).containsExactly("level", "reason");
        assertThat(inputs(lead, "comment")).containsExactly("text");
        assertThat(inputs(pages.get("/tickets/" + id, "finance").html(), "contribute")).containsExactly("opinion");

        String unrouted = id(api.ticket("OTHER"));
        Document dispatch = pages.get("/tickets/" + unrouted, "dispatch").html();
        assertThat(new HashSet<>(inputs(dispatch, "assign"))).containsExactlyInAnyOrder("leadDepartment",
                "coDepartments", "note", "category");
        assertThat(dispatch.select("form[data-action=assign] input[type=checkbox][name=coDepartments]"))
                .hasSizeGreaterThan(1);
        assertThat(dispatch.select("form[data-action=assign] select[name=leadDepartment] option[value=DISPATCH]"))
                .as("dispatch is no handling department").isEmpty();
    }

    private static List<String> inputs(Document html, String action) {
        List<String> names = new ArrayList<>();
        Element form = html.selectFirst("form[data-action=" + action + "]");
        assertThat(form).as(action).isNotNull();
        form.select("input[name], select[name], textarea[name]").forEach(i -> {
            // the CSRF token and the page's key of the form (a form sent twice is done once) are no fields
            if (!List.of("_csrf", "submission").contains(i.attr("name")) && !names.contains(i.attr("name"))) {
                names.add(i.attr("name"));
            }
        });
        return names;
    }

    // ------------------------------------------------------------------ posting the forms

    @Test
    void aDepartmentSignsAndRepliesThroughTheForms() {
        String id = id(api.ticket("CONTAINER"));

        Pages.Answer signed = pages.post("/tickets/" + id + "/sign", "transport", Pages.form());
        assertThat(signed.status()).isEqualTo(303);
        assertThat(signed.redirect()).isEqualTo("/tickets/" + id);
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(lastEvent(id).get("actor").asText()).isEqualTo("transport");
        // the page it sends back to says what was done, once
        assertThat(pages.get("/tickets/" + id, "transport").html().select("#done").text())
                .startsWith("已签收，事项现为“办理中”。须于 ").endsWith(" 前答复企业。");
        assertThat(pages.get("/tickets/" + id, "transport").html().select("#done")).isEmpty();

        Pages.Answer replied = pages.post("/tickets/" + id + "/reply", "transport",
                Pages.form("resolution", "已协调船公司加舱", "outcome", "RESOLVED"));
        assertThat(replied.status()).isEqualTo(303);
        assertThat(replied.redirect()).isEqualTo("/tickets/" + id);
        JsonNode ticket = api.get("/api/tickets/" + id, "leader").json();
        assertThat(ticket.get("status").asText()).isEqualTo("REPLIED");
        assertThat(ticket.get("resolution").asText()).isEqualTo("已协调船公司加舱");

        Pages.Answer page = pages.get("/tickets/" + id, "transport");
        assertThat(page.html().select("#done").text()).startsWith("已答复，事项现为“已答复待回访”。待服务专员回访企业：")
                .contains("回访期限 " + time(ticket, "feedbackDue").atZoneSameInstant(SHANGHAI)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + "，");
        assertThat(page.html().select("#status").text()).isEqualTo("已答复待回访");
        assertThat(page.html().select("#resolution").text()).isEqualTo("已协调船公司加舱");
        assertThat(page.html().select("#outcome").text()).isEqualTo("已解决");

        assertThat(pages.post("/tickets/" + id + "/comment", "transport", Pages.form("text", "已电话告知企业")).status())
                .isEqualTo(303);
        assertThat(pages.get("/tickets/" + id, "leader").html().select("#done")).as("another user's page says nothing")
                .isEmpty();
        assertThat(pages.get("/tickets/" + id, "transport").html().select("#done").text()).isEqualTo("备注已添加。");
    }

    @Test
    void aReplyWithoutResolutionComesBackAs400WithTheMessageByTheFieldAndWhatWasTyped() {
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "sign", "transport", null);
        Snapshot before = snapshot(id);

        Pages.Answer refused = pages.post("/tickets/" + id + "/reply", "transport",
                Pages.form("resolution", "  ", "outcome", "PARTIAL"));

        assertThat(refused.status()).isEqualTo(400);
        Element form = refused.html().selectFirst("form[data-action=reply]");
        assertThat(form).isNotNull();
        assertThat(form.parent().hasAttr("open")).as("the form comes back open").isTrue();
        assertThat(refused.html().select("details.action[open]")).as("only that form").hasSize(1);
        assertThat(pages.get("/tickets/" + id, "transport").html().select("details.action[open]"))
                .as("forms are closed on a fresh page").isEmpty();
        Element resolution = form.selectFirst(".field[data-field=resolution]");
        assertThat(resolution.hasClass("has-error")).isTrue();
        assertThat(resolution.select(".field-error").text()).isEqualTo("不能为空");
        assertThat(form.select(".field[data-field=outcome] .field-error")).isEmpty();
        assertThat(form.select("select[name=outcome] option[selected]").attr("value")).isEqualTo("PARTIAL");
        assertThat(refused.html().select("html").attr("lang")).isEqualTo("zh-CN");
        assertUnchanged(id, before);

        Pages.Answer tooMany = pages.post("/tickets/" + id + "/extend", "transport",
                Pages.form("workingDays", "11", "reason", "材料未齐"));
        assertThat(tooMany.status()).isEqualTo(400);
        Element extend = tooMany.html().selectFirst("form[data-action=extend]");
        assertThat(extend.select(".field[data-field=workingDays] .field-error").text()).contains("1", "10");
        assertThat(extend.select("input[name=workingDays]").val()).isEqualTo("11");
        assertThat(extend.select("textarea[name=reason]").text()).isEqualTo("材料未齐");
        assertUnchanged(id, before);
    }

    @Test
    void aCardMarkedOverdueShowsTheDeadlineItMissed() {
        // reported three weeks before it reached the department: the reply deadline passed before signing
        String code = api.enterprise();
        JsonNode late = visitAt(code, daysAgo(21), List.of(Api.problem("LABOR", "三周前反映的招工问题"))).get(0);
        assertThat(late.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(late.get("overdue").asBoolean()).isTrue();
        OffsetDateTime reply = time(late, "replyDeadline");
        assertThat(reply).isBefore(time(late, "signDeadline"));

        Element card = pages.get("/tickets?enterprise=" + code, "hrss").html().selectFirst(".card.ticket");
        // named as the ticket's page names it: its deadline on the card may be another one, not yet due
        assertThat(card.select(".badge.overdue").first().text()).isEqualTo("答复超期");
        assertThat(card.text()).contains("期限 " + reply.atZoneSameInstant(SHANGHAI)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        assertThat(card.select(".left").hasClass("overdue")).as("the time left is past, like the badge").isTrue();

        // a ticket assigned in time runs against its sign deadline as before
        JsonNode fresh = api.ticket("LABOR");
        Element freshCard = pages.get("/tickets?enterprise=" + fresh.get("enterpriseCreditCode").asText(), "hrss")
                .html().selectFirst(".card.ticket");
        assertThat(freshCard.text()).contains("期限 " + time(fresh, "signDeadline").atZoneSameInstant(SHANGHAI)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
    }

    /** The same form sent twice at once, as a double click sends it: both answers. */
    private List<Pages.Answer> clickedTwice(String path, String user, MultiValueMap<String, String> form)
            throws Exception {
        ExecutorService clicks = Executors.newFixedThreadPool(2);
        try {
            List<Future<Pages.Answer>> sent = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sent.add(clicks.submit(() -> pages.post(path, user, form)));
            }
            List<Pages.Answer> answers = new ArrayList<>();
            for (Future<Pages.Answer> answer : sent) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            clicks.shutdownNow();
        }
    }

    @Test
    void aDoubleClickedFormSaysOnceWhatWasDoneNotAgainOnTheNextLoad() throws Exception {
        String id = id(api.ticket("CONTAINER"));
        String key = pages.get("/tickets/" + id, "transport").html()
                .select("form[data-action=sign] input[name=submission]").val();
        for (Pages.Answer answer : clickedTwice("/tickets/" + id + "/sign", "transport", Pages.form("submission", key))) {
            assertThat(answer.status()).isEqualTo(303);
        }
        // the browser follows the answer of the second click; the message is shown there, once
        assertThat(pages.get("/tickets/" + id, "transport").html().select("#done").text()).startsWith("已签收");
        assertThat(pages.get("/tickets/" + id, "transport").html().select("#done"))
                .as("a second message, left for the next load").isEmpty();
    }

    @Test
    void aFormSentAgainUnderItsPagesKeyIsDoneOnceAndAnsweredAsTheFirst() throws Exception {
        String id = id(api.ticket("CONTAINER"));
        Document page = pages.get("/tickets/" + id, "transport").html();
        String key = page.select("form[data-action=comment] input[name=submission]").val();
        assertThat(key).isNotBlank();
        assertThat(page.select("form[data-action=sign] input[name=submission]").val()).isEqualTo(key);

        // the back button and 提交 again: one comment, and the second answer is the ticket, as the first
        for (int i = 0; i < 2; i++) {
            Pages.Answer sent = pages.post("/tickets/" + id + "/comment", "transport",
                    Pages.form("submission", key, "text", "已联系船公司"));
            assertThat(sent.status()).isEqualTo(303);
            assertThat(sent.redirect()).isEqualTo("/tickets/" + id);
        }
        assertThat(comments(id, "已联系船公司")).isEqualTo(1);
        // the back button brings the page back drawn anew (a new key) with the text the browser kept: still
        // one comment; other words are another comment
        String next = pages.get("/tickets/" + id, "transport").html()
                .select("form[data-action=comment] input[name=submission]").val();
        assertThat(next).isNotEqualTo(key);
        Pages.Answer resent = pages.post("/tickets/" + id + "/comment", "transport",
                Pages.form("submission", next, "text", "已联系船公司"));
        assertThat(resent.status()).isEqualTo(303);
        assertThat(comments(id, "已联系船公司")).isEqualTo(1);
        pages.post("/tickets/" + id + "/comment", "transport", Pages.form("submission", next, "text", "船公司答应加舱"));
        assertThat(comments(id, "船公司答应加舱")).isEqualTo(1);

        // a double click on 签收: both answers show the signed ticket, neither says it could not be done
        for (Pages.Answer answer : clickedTwice("/tickets/" + id + "/sign", "transport", Pages.form("submission", key))) {
            assertThat(answer.status()).isEqualTo(303);
        }
        assertThat(api.get("/api/tickets/" + id, "transport").json().get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(api.get("/api/tickets/" + id + "/history", "transport").json().findValuesAsText("action"))
                .containsOnlyOnce("sign");

        // a second 签收 from a page the back button drew anew shows the signed ticket, not 「签收」未能办理
        String reloaded = pages.get("/tickets/" + id, "transport").html()
                .select("form[data-action=comment] input[name=submission]").val();
        Pages.Answer signedAgain = pages.post("/tickets/" + id + "/sign", "transport",
                Pages.form("submission", reloaded));
        assertThat(signedAgain.status()).isEqualTo(303);
        assertThat(signedAgain.redirect()).isEqualTo("/tickets/" + id);

        // a refused form keeps no key: put right, the same form is done
        Pages.Answer blank = pages.post("/tickets/" + id + "/comment", "transport",
                Pages.form("submission", next + "-x", "text", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(pages.post("/tickets/" + id + "/comment", "transport",
                Pages.form("submission", next + "-x", "text", "补充材料已收")).status()).isEqualTo(303);
        assertThat(comments(id, "补充材料已收")).isEqualTo(1);
    }

    @Test
    void aFormChangedBeforeItIsSentAgainIsToldItWasNotDoneAndChangesNothing() {
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "return", "transport", Map.of("reason", "属于海关职责"));
        String key = pages.get("/tickets/" + id, "dispatch").html()
                .select("form[data-action=assign] input[name=submission]").val();
        assertThat(pages.post("/tickets/" + id + "/assign", "dispatch",
                Pages.form("submission", key, "leadDepartment", "CUSTOMS", "coDepartments", "FINANCE",
                        "coDepartments", "HRSS")).status()).isEqualTo(303);

        // back to the page as it was, another lead chosen, 交办 again: not done, and said so
        Pages.Answer changed = pages.post("/tickets/" + id + "/assign", "dispatch",
                Pages.form("submission", key, "leadDepartment", "JUSTICE"));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.html().select("#refusal").text()).contains("这张表单在您返回之前已经提交并办理过",
                "这次改动的内容没有办理");
        JsonNode ticket = api.get("/api/tickets/" + id, "dispatch").json();
        assertThat(ticket.get("leadDepartment").asText()).isEqualTo("CUSTOMS");
        assertThat(api.get("/api/tickets/" + id + "/history", "dispatch").json().findValuesAsText("action")
                .stream().filter("assign"::equals)).hasSize(1);
        // the same form again (the boxes in another order) is the one done: answered as it was
        assertThat(pages.post("/tickets/" + id + "/assign", "dispatch", Pages.form("submission", key,
                "leadDepartment", "CUSTOMS", "coDepartments", "HRSS", "coDepartments", "FINANCE")).status())
                .isEqualTo(303);

        // a page drawn anew has a new key: the state moved on, and what it says decides; saying something else, it
        // is another page's form, never sent (a second tab's: aSecondTabsFormAfterTheFirstTabActed...)
        String drawnAnew = pages.get("/tickets/" + id, "dispatch").html()
                .select("form[data-action=comment] input[name=submission]").val();
        Pages.Answer other = pages.post("/tickets/" + id + "/assign", "dispatch",
                Pages.form("submission", drawnAnew, "leadDepartment", "JUSTICE"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.html().select("#refusal").text()).contains("另一个页面", "「交办」", "没有办理")
                .doesNotContain("在您返回之前已经提交并办理过");
        assertThat(pages.post("/tickets/" + id + "/assign", "dispatch", Pages.form("submission", drawnAnew,
                "leadDepartment", "CUSTOMS", "coDepartments", "FINANCE", "coDepartments", "HRSS")).status())
                .isEqualTo(303);
        assertThat(api.get("/api/tickets/" + id, "dispatch").json().get("leadDepartment").asText()).isEqualTo("CUSTOMS");
    }

    /**
     * (Addition) 重新分类: dispatch's 交办 form offers the catalog's categories by their Chinese names, the ticket's own
     * chosen, and assigning with another one files the ticket under it; a category no catalog has is the page again
     * (400) naming it, the ticket still with dispatch under its own.
     */
    @Test
    void theAssignFormReclassifiesTheTicketUnderTheCategoryChosen() {
        String id = id(api.ticket("OTHER"));
        Document page = pages.get("/tickets/" + id, "dispatch").html();
        Element select = page.selectFirst("form[data-action=assign] select[name=category]");
        assertThat(select).isNotNull();
        assertThat(page.select("label[for=" + select.id() + "]").text()).isEqualTo("问题分类");
        assertThat(select.hasAttr("required")).as("blank keeps the ticket's own").isFalse();
        assertThat(select.select("option").eachAttr("value")).startsWith("", "CONTAINER", "LOGISTICS").contains("OTHER");
        assertThat(select.select("option[selected]").eachText()).containsExactly("不改分类（当前：其他）");
        assertThat(select.select("option[value=LOGISTICS]").text()).isEqualTo("物流运输");
        String key = page.select("form[data-action=assign] input[name=submission]").val();

        Pages.Answer unknown = pages.post("/tickets/" + id + "/assign", "dispatch",
                Pages.form("submission", key, "leadDepartment", "TRANSPORT", "category", "SHIPPING"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.html().select("form[data-action=assign] [data-field=category] .field-error").text()).isNotBlank();
        // a form refused for another field keeps the category chosen, and one left as it was keeps that
        Element chosen = pages.post("/tickets/" + id + "/assign", "dispatch",
                Pages.form("submission", key, "leadDepartment", "", "category", "LOGISTICS")).html()
                .selectFirst("form[data-action=assign] select[name=category]");
        assertThat(chosen.select("option[selected]").eachAttr("value")).containsExactly("LOGISTICS");
        Element kept = pages.post("/tickets/" + id + "/assign", "dispatch",
                Pages.form("submission", key, "leadDepartment", "", "category", "")).html()
                .selectFirst("form[data-action=assign] select[name=category]");
        assertThat(kept.select("option[selected]").eachAttr("value")).containsExactly("");
        JsonNode still = api.get("/api/tickets/" + id, "dispatch").json();
        assertThat(still.get("status").asText()).isEqualTo("DISPATCHING");
        assertThat(still.get("category").asText()).isEqualTo("OTHER");

        assertThat(pages.post("/tickets/" + id + "/assign", "dispatch",
                Pages.form("submission", key, "leadDepartment", "TRANSPORT", "category", "LOGISTICS")).status())
                .isEqualTo(303);
        JsonNode assigned = api.get("/api/tickets/" + id, "dispatch").json();
        assertThat(assigned.get("category").asText()).isEqualTo("LOGISTICS");
        assertThat(assigned.get("leadDepartment").asText()).isEqualTo("TRANSPORT");
        assertThat(pages.get("/tickets/" + id, "dispatch").html().select("li[data-action=assign] .text").text())
                .contains("分类由「其他」改为「物流运输」");
    }

    /**
     * (Addition) A ticket filed under a category the configuration no longer has (taken out since) has no option of
     * its own in the 交办 form: the form as the browser sends it, untouched but for the lead, keeps the category, where
     * a select with nothing chosen sent the first category and re-classified every such ticket unasked.
     */
    @Test
    void theAssignFormAsSentUntouchedKeepsACategoryNoLongerConfigured() {
        String id = id(api.ticket("OTHER"));
        assertThat(catalog.isCategory("RETIRED")).isFalse();
        // written as dispatch's re-classification writes it, so that the figures follow the row
        transactions.executeWithoutResult(s -> tickets.reclassified(Long.parseLong(id), "RETIRED", clock.instant()));
        try {
            Document page = pages.get("/tickets/" + id, "dispatch").html();
            FormElement form = (FormElement) page.selectFirst("form[data-action=assign]");
            MultiValueMap<String, String> sent = new LinkedMultiValueMap<>();
            form.formData().forEach(field -> sent.add(field.key(), field.value()));
            sent.set("leadDepartment", "TRANSPORT");

            assertThat(pages.post("/tickets/" + id + "/assign", "dispatch", sent).status()).isEqualTo(303);
            JsonNode assigned = api.get("/api/tickets/" + id, "dispatch").json();
            assertThat(assigned.get("status").asText()).isEqualTo("ASSIGNED");
            assertThat(assigned.get("category").asText()).isEqualTo("RETIRED");
            assertThat(lastEvent(id).get("detail").asText()).doesNotContain("分类由");
            // what it keeps is named, by its code when the configuration has no name for it
            assertThat(form.select("select[name=category] option[selected]").eachText())
                    .containsExactly("不改分类（当前：RETIRED）");
        } finally {
            // the suite shares one database: no category outside the configuration stays behind
            transactions.executeWithoutResult(s -> tickets.reclassified(Long.parseLong(id), "OTHER", clock.instant()));
        }
    }

    /**
     * (Addition) The ticket's page open in two tabs: the first asks for an extension, then the second's 延期 form, never
     * sent, is 409 saying the ticket moved on since its page was opened (this action done on another page), not that
     * it was sent before; what it typed, the working days with the reason, is kept to copy. The same form sent again
     * changed is still told it was sent before.
     */
    @Test
    void aSecondTabsFormAfterTheFirstTabActedIsToldAnotherPageDidItAndKeepsAllItTyped() {
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "sign", "transport", null);
        String first = pages.get("/tickets/" + id, "transport").html()
                .select("form[data-action=extend] input[name=submission]").val();
        String second = pages.get("/tickets/" + id, "transport").html()
                .select("form[data-action=extend] input[name=submission]").val();
        assertThat(first).isNotBlank().isNotEqualTo(second);
        assertThat(pages.post("/tickets/" + id + "/extend", "transport",
                Pages.form("submission", first, "workingDays", "3", "reason", "等待船期确认")).status())
                .isEqualTo(303);

        Pages.Answer other = pages.post("/tickets/" + id + "/extend", "transport",
                Pages.form("submission", second, "workingDays", "7", "reason", "港口拥堵需协调"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.html().select("#refusal .reason").text())
                .contains("另一个页面", "「申请延期」", "这个页面打开后", "没有提交过")
                .doesNotContain("在您返回之前已经提交并办理过");
        assertThat(other.html().select("#unsaved dd[data-field=workingDays]").text())
                .as("the days typed, kept with the reason").isEqualTo("7");
        assertThat(other.html().select("#unsaved dd[data-field=reason]").text()).isEqualTo("港口拥堵需协调");
        assertThat(other.html().select("#unsaved").text()).contains("延期工作日", "理由");
        JsonNode ticket = api.get("/api/tickets/" + id, "transport").json();
        assertThat(ticket.toString()).doesNotContain("港口拥堵需协调");
        assertThat(api.get("/api/tickets/" + id + "/history", "transport").json().findValuesAsText("action")
                .stream().filter("extend"::equals)).hasSize(1);

        // the first tab's own form sent again, changed (the back button): that one was sent before, and is told so
        Pages.Answer resent = pages.post("/tickets/" + id + "/extend", "transport",
                Pages.form("submission", first, "workingDays", "5", "reason", "等待船期确认"));
        assertThat(resent.status()).isEqualTo(409);
        assertThat(resent.html().select("#refusal").text()).contains("这张表单在您返回之前已经提交并办理过");
        assertThat(resent.html().select("#unsaved dd[data-field=workingDays]").text()).isEqualTo("5");
    }

    private long comments(String id, String text) {
        return api.get("/api/tickets/" + id + "/history", "transport").json().findValues("detail").stream()
                .filter(detail -> text.equals(detail.asText())).count();
    }

    @Test
    void anActionTheStateDoesNotAllowShowsTheTicketAgainWith409AndChangesNothing() {
        String id = id(api.ticket("CONTAINER"));
        Snapshot before = snapshot(id);

        Pages.Answer refused = pages.post("/tickets/" + id + "/reply", "transport",
                Pages.form("resolution", "已办结", "outcome", "RESOLVED"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.html().select("#refusal").text()).contains("「答复」未能办理", "状态不允许");
        assertThat(refused.html().select("#refusal .reason").text()).isNotBlank();
        assertThat(refused.html().select("#facts")).as("the ticket page, not a bare error page").hasSize(1);
        assertThat(formsOf(refused.html())).containsExactlyInAnyOrder("sign", "return", "comment");
        assertThat(refused.html().select("#unsaved").text()).as("the typed text, to copy, not to type again")
                .contains("没有保存", "答复内容", "已办结").doesNotContain("RESOLVED");
        assertThat(refused.html().select("#unsaved dd[data-field=outcome]").text()).as("what was chosen, too")
                .isEqualTo("已解决");
        assertUnchanged(id, before);

        // a faulty form is judged before the state, as in the API (400); its form is not offered, so the
        // message stands above the page, the field named in Chinese
        Pages.Answer faulty = pages.post("/tickets/" + id + "/reply", "transport", Pages.form("outcome", "RESOLVED"));
        assertThat(faulty.status()).isEqualTo(400);
        assertThat(faulty.html().select("#refusal li").text()).isEqualTo("答复内容：不能为空");
        assertUnchanged(id, before);

        // a co-department's part still open holds the lead's reply back (409, the open part named)
        String coHandled = id(api.ticket("CREDIT_INSURANCE"));
        // before the lead signs, the co-department is named with when its part comes
        Element notYet = pages.get("/tickets/" + coHandled, "commerce").html().selectFirst("#coNotYet");
        assertThat(notYet).isNotNull();
        assertThat(notYet.text()).isEqualTo("协办部门 金融办 在主办部门签收后提交协办意见。");
        api.act(coHandled, "sign", "commerce", null);
        assertThat(pages.get("/tickets/" + coHandled, "commerce").html().select("#coNotYet")).isEmpty();
        Snapshot open = snapshot(coHandled);
        Pages.Answer early = pages.post("/tickets/" + coHandled + "/reply", "commerce",
                Pages.form("resolution", "已办结", "outcome", "RESOLVED"));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.html().select("#pendingContributions [data-department=FINANCE]").text()).isEqualTo("金融办");
        assertUnchanged(coHandled, open);
        // the page says why 答复 is not offered, to the lead alone, until the opinion is in
        Document waiting = pages.get("/tickets/" + coHandled, "commerce").html();
        assertThat(waiting.select("#action-reply")).isEmpty();
        assertThat(waiting.select("#replyWaits").text()).startsWith("待 金融办 提交协办意见后才能答复");
        assertThat(pages.get("/tickets/" + coHandled, "finance").html().select("#replyWaits")).isEmpty();
        api.act(coHandled, "contribute", "finance", Map.of("opinion", "已对接信保公司"));
        Document ready = pages.get("/tickets/" + coHandled, "commerce").html();
        assertThat(ready.select("#replyWaits")).isEmpty();
        assertThat(ready.select("#action-reply")).hasSize(1);
        // the timeline names the co-department once, beside the opinion; the API's history keeps whose it is
        var opinion = ready.select(".timeline li[data-action=contribute]");
        assertThat(opinion.select(".actor").text()).startsWith("金融办 · ");
        assertThat(opinion.select("p.text").text()).isEqualTo("已对接信保公司");
        assertThat(api.get("/api/tickets/" + coHandled + "/history", "commerce").text()).contains("金融办：已对接信保公司");
    }

    @Test
    void anotherDepartmentsTicketIs403AndAnUnknownOne404AsChinesePages() {
        String id = id(api.ticket("CONTAINER"));
        Snapshot before = snapshot(id);

        Pages.Answer read = pages.get("/tickets/" + id, "finance");
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.html().select("#errorTitle").text()).contains("无权访问");
        assertThat(read.html().select("html").attr("lang")).isEqualTo("zh-CN");

        // 403 before the form is judged, as the API orders its checks
        Pages.Answer act = pages.post("/tickets/" + id + "/reply", "finance", Pages.form("resolution", ""));
        assertThat(act.status()).isEqualTo(403);
        assertThat(act.html().select("#errorTitle").text()).contains("无权访问");
        // staff may read it, but signing is not theirs
        assertThat(pages.post("/tickets/" + id + "/sign", "staff1", Pages.form()).status()).isEqualTo(403);
        assertUnchanged(id, before);

        for (String unknown : List.of("/tickets/987654321", "/tickets/abc")) {
            Pages.Answer missing = pages.get(unknown, "leader");
            assertThat(missing.status()).as(unknown).isEqualTo(404);
            assertThat(missing.html().select("#errorTitle").text()).contains("未找到");
        }
        assertThat(pages.post("/tickets/987654321/reply", "transport", Pages.form("resolution", "")).status())
                .isEqualTo(404);
        Pages.Answer noSuchAction = pages.post("/tickets/" + id + "/approve", "transport", Pages.form());
        assertThat(noSuchAction.status()).isEqualTo(404);
        assertThat(noSuchAction.html().select("#errorTitle").text()).contains("未找到");
        assertUnchanged(id, before);
    }

    /**
     * {@code from=} names the leaders' page a ticket was opened from, and the page leads back there: the dashboard
     * of a month or without one too. Anything else names no page (an address, a week or a month that is not one) and
     * is ignored, the page shown without a way back and without the text given; so it is for those who may not open
     * the leaders' pages.
     */
    @Test
    void aTicketOpenedFromALeadersPageLeadsBackToItAndToNothingElse() {
        String id = id(api.ticket("CONTAINER"));
        // the dashboard's days and ranking month as it was asked for, any of them left out
        Element toMonth = pages.get("/tickets/" + id + "?back=dashboard:2014-05-01~2014-05-31~2014-05", "leader").html()
                .selectFirst("#wayBack");
        assertThat(toMonth).isNotNull();
        assertThat(toMonth.attr("href")).isEqualTo("/?from=2014-05-01&to=2014-05-31&month=2014-05");
        assertThat(toMonth.text()).isEqualTo("返回驾驶舱");
        assertThat(pages.get("/tickets/" + id + "?back=dashboard:~~2014-05", "leader").html().select("#wayBack")
                .attr("href")).isEqualTo("/?month=2014-05");
        assertThat(pages.get("/tickets/" + id + "?back=dashboard:2014-05-03~~", "leader").html().select("#wayBack")
                .attr("href")).isEqualTo("/?from=2014-05-03");
        Element toDashboard = pages.get("/tickets/" + id + "?back=dashboard", "admin").html().selectFirst("#wayBack");
        assertThat(toDashboard).isNotNull();
        assertThat(toDashboard.attr("href")).isEqualTo("/");

        for (String from : List.of("https://evil.example/", "//evil.example", "/reports/weekly?week=2026-W48",
                "javascript:alert(1)", "weekly:2021-W53", "weekly:2026-W00", "weekly:2026-W48x", "monthly:2026-13",
                "dashboard:", "dashboard:evil.example", "Weekly:2026-W48", "",
                // periods outside the service's dates (sanfu.earliest-date, latest-date), whose pages would be 400
                "weekly:0000-W01", "weekly:1999-W52", "monthly:9999-12", "monthly:+10000-01", "dashboard:~~0001-01",
                "dashboard:1999-12-31~~", "dashboard:~3000-01-01~", "dashboard:2014-05-32~~", "dashboard:2014-05~~")) {
            Pages.Answer ignored = pages.get("/tickets/" + id + "?back=" + from, "leader");
            assertThat(ignored.status()).as(from).isEqualTo(200);
            assertThat(ignored.html().select("#wayBack")).as(from).isEmpty();
            assertThat(ignored.body()).as(from).doesNotContain("evil.example", "alert(1)");
        }
        Pages.Answer week53 = pages.get("/tickets/" + id + "?back=weekly:2020-W53", "leader");
        assertThat(week53.html().select("#wayBack").text()).as("a year of 53 weeks").isEqualTo("返回每周简报（2020年第53周）");
        for (String user : List.of("staff1", "transport")) {
            Pages.Answer other = pages.get("/tickets/" + id + "?back=weekly:2026-W48", user);
            assertThat(other.status()).as(user).isEqualTo(200);
            assertThat(other.html().select("#wayBack")).as(user + " may not open the briefing").isEmpty();
        }
    }

    /** The page after an action taken on it leads back where the page did: its forms carry the way back. */
    @Test
    void theWayBackOutlivesAnActionTakenOnThePage() {
        String id = id(api.ticket("CONTAINER"));
        String back = "dashboard:~~2014-05";
        Document page = pages.get("/tickets/" + id + "?back=" + back, "leader").html();
        assertThat(page.select("form[data-action=supervise] input[name=back]").val()).isEqualTo(back);

        Pages.Answer done = pages.post("/tickets/" + id + "/supervise", "leader",
                Pages.form("reason", "企业多次反映未签收", "back", back));
        assertThat(done.status()).isEqualTo(303);
        Pages.Answer after = pages.get(done.redirect(), "leader");
        assertThat(after.html().select("#done").text()).as("who rules now, and who waits")
                .contains("现由领导作出督办裁决：销号，或改派主办部门；原办理环节已收回，交通运输局（港航）等候裁决。");
        assertThat(after.html().select("#wayBack").attr("href")).isEqualTo("/?month=2014-05");
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("status").asText()).isEqualTo("SUPERVISION");

        // a value naming no page is dropped: the action is taken as without it, and the page after leads nowhere
        String other = id(api.ticket("CONTAINER"));
        assertThat(pages.get("/tickets/" + other + "?back=https://evil.example/", "leader").html()
                .select("input[name=back]")).isEmpty();
        Pages.Answer plain = pages.post("/tickets/" + other + "/supervise", "leader",
                Pages.form("reason", "企业多次反映未签收", "back", "https://evil.example/"));
        assertThat(plain.redirect()).isEqualTo("/tickets/" + other);
        assertThat(api.get("/api/tickets/" + other, "leader").json().get("status").asText()).isEqualTo("SUPERVISION");
    }

    /**
     * A ticket its department returned waits on the office, though it still names that department as its lead: taken
     * under supervision there, the sentence after 督办 says the office waits for the ruling, not the department.
     */
    @Test
    void aSupervisionOfAReturnedTicketSaysTheOfficeWaitsNotTheDepartmentThatReturnedIt() {
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "return", "transport", Map.of("reason", "属于海关职责，非港航事项"));
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("leadDepartment").asText()).isEqualTo("TRANSPORT");

        Pages.Answer done = pages.post("/tickets/" + id + "/supervise", "leader", Pages.form("reason", "退回后久未交办"));
        assertThat(done.status()).isEqualTo(303);
        assertThat(pages.get(done.redirect(), "leader").html().select("#done").text())
                .contains("原办理环节已收回，专班办公室等候裁决。").doesNotContain("交通运输局");
    }

    /**
     * A week or a month not begun by the service's clock names no page, as its briefing or report is refused (400):
     * the ticket's page offers no way back there, and an action form carrying it is taken as without it. The week and
     * the month under way still lead back.
     */
    @Test
    void aWayBackToAWeekOrAMonthNotBegunNamesNoPage() {
        String id = id(api.ticket("CONTAINER"));
        try {
            Api.at("2026-12-06T10:00:00"); // the Sunday of 2026-W49
            assertThat(pages.get("/tickets/" + id + "?back=weekly:2026-W49", "leader").html().select("#wayBack")
                    .text()).isEqualTo("返回每周简报（2026年第49周）");
            assertThat(pages.get("/tickets/" + id + "?back=monthly:2026-12", "leader").html().select("#wayBack")
                    .text()).isEqualTo("返回月度通报（2026年12月）");
            for (String notBegun : List.of("weekly:2026-W50", "weekly:2027-W01", "monthly:2027-01")) {
                Pages.Answer page = pages.get("/tickets/" + id + "?back=" + notBegun, "leader");
                assertThat(page.status()).as(notBegun).isEqualTo(200);
                assertThat(page.html().select("#wayBack, input[name=back]")).as(notBegun).isEmpty();
            }
            Pages.Answer taken = pages.post("/tickets/" + id + "/supervise", "leader",
                    Pages.form("reason", "企业多次反映未签收", "back", "weekly:2027-W01"));
            assertThat(taken.redirect()).isEqualTo("/tickets/" + id);
        } finally {
            ClockUtil.reset();
        }
    }

    /**
     * A town the dashboard would read without a no-break or zero-width space at its end (Typed.trimmed) is written
     * without it by the dashboard's links: one with it was not written by them, and names no page, as one with an
     * ASCII space around it does.
     */
    @Test
    void aWayBackToATownWithANoBreakSpaceAtItsEndNamesNoPage() {
        String id = id(api.ticket("CONTAINER"));
        assertThat(pages.get("/tickets/" + id + "?back=dashboard:~~~town=城关镇", "leader").html().select("#wayBack"))
                .hasSize(1);
        for (String town : List.of("城关镇\u00A0", "\u200B城关镇", "\u00A0")) {
            Pages.Answer page = pages.get("/tickets/" + id + "?back=dashboard:~~~town=" + town, "leader");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.html().select("#wayBack")).as(town).isEmpty();
        }
    }

    /**
     * The way back to the dashboard restores its filters besides its period: {@code ~name=value} after the period, a
     * value with {@code %} and {@code ~} written {@code %25} and {@code %7E}. A filter the dashboard would refuse (a
     * department or a category it does not know, a town longer than any file's) makes the whole value name no page,
     * as a period that is none does: the page is shown without a way back, not with one to another scope.
     */
    @Test
    void theWayBackToTheDashboardRestoresItsFiltersAndNamesNoPageWithOneItWouldRefuse() {
        String id = id(api.ticket("CONTAINER"));
        String longest = "长".repeat(100);
        Map<String, String> restored = new LinkedHashMap<>();
        restored.put("dashboard:2014-05-01~2014-05-31~2014-05~department=TRANSPORT~category=CONTAINER~town=城关镇",
                "/?from=2014-05-01&to=2014-05-31&month=2014-05&department=TRANSPORT&category=CONTAINER&town="
                        + encoded("城关镇"));
        restored.put("dashboard:~~~town=城关镇", "/?town=" + encoded("城关镇"));
        restored.put("dashboard:~~2014-05~category=CONTAINER", "/?month=2014-05&category=CONTAINER");
        restored.put("dashboard:~~~town=镇%7E&#/%25+=?~department=FINANCE", "/?department=FINANCE&town="
                + encoded("镇~&#/%+=?"));
        restored.put("dashboard:~~~town=" + longest, "/?town=" + encoded(longest));
        // a town is a value, never an address: the way back is the dashboard of that town
        restored.put("dashboard:~~~town=https://evil.example/", "/?town=" + encoded("https://evil.example/"));
        restored.forEach((back, link) -> {
            Document page = pages.follow("/tickets/" + id + "?back=" + encoded(back), "leader").html();
            Element wayBack = page.selectFirst("#wayBack");
            assertThat(wayBack).as(back).isNotNull();
            assertThat(wayBack.attr("href")).as(back).isEqualTo(link);
            assertThat(wayBack.text()).isEqualTo("返回驾驶舱");
            // and the top bar's 驾驶舱 is that dashboard too, not this month's
            assertThat(page.select("#toDashboard").attr("href")).as(back).isEqualTo(link);
        });

        for (String back : List.of("dashboard:2014-05-01~2014-05-31~2014-05~department=NOSUCH",
                "dashboard:~~2014-05~category=NOSUCH", "dashboard:~~~town=" + longest + "长", "dashboard:~~~town=",
                "dashboard:~~~town= ", "dashboard:~~~town= 城关镇", "dashboard:~~~town",
                "dashboard:~~~street=城关镇", "dashboard:~~~town=城关镇~town=大溪镇", "dashboard:~~~town=50%",
                "dashboard:~~~town=%41", "dashboard:~~~town=%7", "dashboard:~~~", "dashboard:~~2014-05~",
                "dashboard:~~2014-13~town=城关镇", "dashboard~town=城关镇", "dashboard:town=城关镇",
                "dashboard:~~~town=城关镇~https://evil.example/")) {
            Pages.Answer ignored = pages.follow("/tickets/" + id + "?back=" + encoded(back), "leader");
            assertThat(ignored.status()).as(back).isEqualTo(200);
            assertThat(ignored.html().select("#wayBack, input[name=back]")).as(back).isEmpty();
            assertThat(ignored.body()).as(back).doesNotContain("evil.example", "NOSUCH");
        }
    }

    /**
     * A value longer than any page writes names no page and is not parsed: many parts ({@code ~} after {@code ~}) on
     * the page's address or in a form's hidden field answer as a value naming no page does, not 500 (a pattern that
     * repeats a group per part overflows the stack on such a value), and the action a form carried it with is taken.
     */
    @Test
    void aWayBackOfManyPartsNamesNoPageAndTheActionIsTaken() {
        String id = id(api.ticket("CONTAINER"));
        String hostile = "dashboard:~~" + "~".repeat(7000);
        Pages.Answer page = pages.get("/tickets/" + id + "?back=" + hostile, "leader");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("#wayBack, input[name=back]")).isEmpty();

        Pages.Answer done = pages.post("/tickets/" + id + "/supervise", "leader",
                Pages.form("reason", "企业多次反映未签收", "back", "dashboard:~~" + "~".repeat(200_000)));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.redirect()).isEqualTo("/tickets/" + id);
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("status").asText()).isEqualTo("SUPERVISION");
    }

    /**
     * The page after an action keeps a way back to a filtered dashboard as it came, a town with characters that part
     * a token or an address in it too ({@code +} included, which a query would read as a space).
     */
    @Test
    void theWayBackToAFilteredDashboardOutlivesAnActionTakenOnThePage() {
        String id = id(api.ticket("CONTAINER"));
        String back = "dashboard:~~2014-05~category=CONTAINER~town=城关镇%7E&#/%25+";
        Document page = pages.follow("/tickets/" + id + "?back=" + encoded(back), "leader").html();
        assertThat(page.select("form[data-action=supervise] input[name=back]").val()).isEqualTo(back);

        Pages.Answer done = pages.post("/tickets/" + id + "/supervise", "leader",
                Pages.form("reason", "企业多次反映未签收", "back", back));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.redirect()).startsWith("/tickets/" + id + "?back=").doesNotContain("+", "#")
                .satisfies(link -> assertThat(link.indexOf('&')).as("one parameter").isNegative());
        Document after = pages.follow(done.redirect(), "leader").html();
        assertThat(after.select("#done")).isNotEmpty();
        assertThat(after.select("#wayBack").attr("href"))
                .isEqualTo("/?month=2014-05&category=CONTAINER&town=" + encoded("城关镇~&#/%+"));
        assertThat(after.select("form[data-action=comment] input[name=back]").val()).isEqualTo(back);
    }

    /**
     * A form refused and shown again (400, 409) keeps the way back the form carried, and its forms carry it on; so does
     * the answer to a form sent twice (a double click). A value naming no page stays dropped, and a department, who
     * may not open the leaders' pages, is shown none on its refused page either.
     */
    @Test
    void aFormRefusedAndShownAgainKeepsItsWayBack() {
        String id = id(api.ticket("CONTAINER"));
        String back = "dashboard:~~2014-05~town=城关镇";
        String dashboard = "/?month=2014-05&town=" + encoded("城关镇");
        String key = pages.follow("/tickets/" + id + "?back=" + encoded(back), "leader").html()
                .select("form[data-action=supervise] input[name=submission]").val();

        Pages.Answer noReason = pages.post("/tickets/" + id + "/supervise", "leader",
                Pages.form("submission", key, "reason", " ", "back", back));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.html().select("form[data-action=supervise] .field[data-field=reason] .field-error").text())
                .isNotBlank();
        assertThat(noReason.html().select("#wayBack").attr("href")).isEqualTo(dashboard);
        assertThat(noReason.html().select("form[data-action=supervise] input[name=back]").val()).isEqualTo(back);
        assertThat(noReason.html().select("form[data-action=comment] input[name=back]").val()).isEqualTo(back);

        // sent again with its reason: done, and sent twice (a double click) answered as the first was, with the way back
        Pages.Answer done = pages.post("/tickets/" + id + "/supervise", "leader",
                Pages.form("submission", key, "reason", "企业多次反映未签收", "back", back));
        assertThat(done.status()).isEqualTo(303);
        Pages.Answer twice = pages.post("/tickets/" + id + "/supervise", "leader",
                Pages.form("submission", key, "reason", "企业多次反映未签收", "back", back));
        assertThat(twice.status()).isEqualTo(303);
        assertThat(twice.redirect()).isEqualTo(done.redirect());
        assertThat(pages.follow(twice.redirect(), "leader").html().select("#wayBack").attr("href")).isEqualTo(dashboard);

        // the same form changed before it was sent again: 409, the page again, the way back kept
        Pages.Answer changed = pages.post("/tickets/" + id + "/supervise", "leader",
                Pages.form("submission", key, "reason", "另一个理由", "back", back));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.html().select("#refusal").text()).contains("这次改动的内容没有办理");
        assertThat(changed.html().select("#wayBack").attr("href")).isEqualTo(dashboard);
        assertThat(changed.html().select("input[name=back]").eachAttr("value")).isNotEmpty().containsOnly(back);

        // 409 of a state that allows no such action: dispatch assigning a ticket its department has yet to sign
        String signing = id(api.ticket("CONTAINER"));
        Pages.Answer notNow = pages.post("/tickets/" + signing + "/assign", "dispatch",
                Pages.form("leadDepartment", "CUSTOMS", "back", back));
        assertThat(notNow.status()).isEqualTo(409);
        assertThat(notNow.html().select("#wayBack").attr("href")).isEqualTo(dashboard);
        assertThat(notNow.html().select("input[name=back]").eachAttr("value")).isNotEmpty().containsOnly(back);

        // a value naming no page: none on the refused page; nor for a department, who may not open the dashboard
        Pages.Answer elsewhere = pages.post("/tickets/" + signing + "/supervise", "leader",
                Pages.form("reason", " ", "back", "https://evil.example/"));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.html().select("#wayBack, input[name=back]")).isEmpty();
        assertThat(elsewhere.body()).doesNotContain("evil.example");
        Pages.Answer department = pages.post("/tickets/" + signing + "/return", "transport",
                Pages.form("reason", " ", "back", back));
        assertThat(department.status()).isEqualTo(400);
        assertThat(department.html().select("#wayBack, input[name=back]")).isEmpty();
    }

    /** A value as a link's address carries it: every character but letters, digits and -._~ percent-encoded. */
    private static String encoded(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        String id = id(api.ticket("CONTAINER"));
        Snapshot before = snapshot(id);

        Pages.Answer forged = pages.postWithoutToken("/tickets/" + id + "/sign", "transport", Pages.form());

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.html().select("#errorTitle").text()).contains("无权访问");
        assertUnchanged(id, before);
    }

    @Test
    void anExtensionItsApprovalAReplyAndTheEnterprisesFeedbackGoThroughTheForms() {
        String id = id(api.ticket("LABOR"));
        api.act(id, "sign", "hrss", null);
        String before = api.get("/api/tickets/" + id, "leader").json().get("replyDeadline").asText();

        Pages.Answer asked = pages.post("/tickets/" + id + "/extend", "hrss",
                Pages.form("workingDays", "3", "reason", "需人社厅批复"));
        assertThat(asked.status()).isEqualTo(303);
        // asking moves no deadline: the department reads the one that stands until the office approves
        String due = time(api.get("/api/tickets/" + id, "leader").json(), "replyDeadline").atZoneSameInstant(SHANGHAI)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        assertThat(pages.get(asked.redirect(), "hrss").html().select("#done").text()).isEqualTo(
                "已提交延期申请，待专班办公室审批，事项现为“办理中”。审批前答复期限不变，仍为 " + due + "；同意后才延长。");
        Document waiting = pages.get("/tickets/" + id, "dispatch").html();
        assertThat(waiting.select("#extension").text()).contains("申请延期 3 个工作日", "需人社厅批复");
        assertThat(formsOf(waiting)).contains("approve-extension", "reject-extension");

        assertThat(pages.post("/tickets/" + id + "/approve-extension", "dispatch", Pages.form("note", "同意")).status())
                .isEqualTo(303);
        JsonNode extended = api.get("/api/tickets/" + id, "leader").json();
        assertThat(extended.get("replyDeadline").asText()).isNotEqualTo(before);
        assertThat(extended.get("extensionRequest").isNull()).isTrue();

        assertThat(pages.post("/tickets/" + id + "/reply", "hrss",
                Pages.form("resolution", "已招聘到位", "outcome", "PARTIAL")).status()).isEqualTo(303);
        Snapshot replied = snapshot(id);
        Pages.Answer twoGrades = pages.post("/tickets/" + id + "/feedback", "staff2",
                Pages.form("satisfaction", "DISSATISFIED", "satisfaction", "SATISFIED", "comment", "人手仍不足"));
        assertThat(twoGrades.status()).as("two grades at once, neither guessed").isEqualTo(400);
        assertThat(twoGrades.html().select("form[data-action=feedback] .field[data-field=satisfaction] .field-error")
                .text()).isEqualTo("只能填写一个值");
        assertThat(snapshot(id)).isEqualTo(replied);
        assertThat(pages.post("/tickets/" + id + "/feedback", "staff2",
                Pages.form("satisfaction", "DISSATISFIED", "comment", "人手仍不足")).status()).isEqualTo(303);
        JsonNode reopened = api.get("/api/tickets/" + id, "leader").json();
        assertThat(reopened.get("status").asText()).isEqualTo("IN_PROGRESS");
        Document reopenedPage = pages.get("/tickets/" + id, "hrss").html();
        assertThat(reopenedPage.select("#reply h2").text())
                .as("the reply the enterprise rejected is no longer the answer").isEqualTo("上次答复（企业不满意，已重办）");
        assertThat(reopenedPage.select("#repliedAt").first().previousElementSibling().text()).isEqualTo("上次答复");
        assertThat(reopened.get("reopenCount").asInt()).isEqualTo(1);
        assertThat(reopened.get("satisfaction").asText()).isEqualTo("DISSATISFIED");
        assertThat(lastEvent(id).get("actor").asText()).isEqualTo("staff2");

        // replied again: the 不满意 is the earlier round's, not the answer to this reply, till the enterprise rates it
        api.act(id, "reply", "hrss", Map.of("resolution", "已增派人手", "outcome", "RESOLVED"));
        Element rating = pages.get("/tickets/" + id, "staff2").html().selectFirst("#satisfaction");
        assertThat(rating.previousElementSibling().text() + "：" + rating.text()).isEqualTo("上次回访：不满意");
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("satisfaction").asText())
                .as("the API's satisfaction stays the latest feedback").isEqualTo("DISSATISFIED");
        api.act(id, "feedback", "staff2", Map.of("satisfaction", "SATISFIED"));
        rating = pages.get("/tickets/" + id, "staff2").html().selectFirst("#satisfaction");
        assertThat(rating.previousElementSibling().text() + "：" + rating.text()).isEqualTo("满意度：满意");
    }

    /**
     * A 不满意 recorded on the ticket page's 回访 form says why, as the enterprise's own page asks: blank (or spaces
     * only), it is the page again with 400, the message by 回访记录, the grade kept chosen, nothing recorded; for staff
     * and for the office on a hotline entry alike, after the 403 of one who may not record it. The label says so. The
     * API's action keeps the comment optional (API.md: integrators already send a 不满意 without one).
     */
    @Test
    void aDissatisfiedRatingOnTheFeedbackFormNeedsAReasonWhereTheApiTakesOneWithout() {
        String visited = id(api.ticket("LABOR"));
        String entry = id(api.visit(api.enterprise(), "HOTLINE", List.of(Api.problem("LABOR", "热线反映招工难"))).get(0));
        for (String id : List.of(visited, entry)) {
            api.act(id, "sign", "hrss", null);
            api.act(id, "reply", "hrss", Map.of("resolution", "已招聘到位", "outcome", "PARTIAL"));
        }
        Element form = pages.get("/tickets/" + visited, "staff1").html().selectFirst("form[data-action=feedback]");
        assertThat(form.select("label[for=feedback-comment]").text()).isEqualTo("回访记录（不满意时必填）");

        assertThat(pages.post("/tickets/" + visited + "/feedback", "hrss",
                Pages.form("satisfaction", "DISSATISFIED", "comment", "")).status())
                .as("not the department's to record: 403 before the form is judged").isEqualTo(403);
        for (Map.Entry<String, String> by : Map.of(visited, "staff1", entry, "dispatch").entrySet()) {
            Snapshot replied = snapshot(by.getKey());
            Pages.Answer refused = pages.post("/tickets/" + by.getKey() + "/feedback", by.getValue(),
                    Pages.form("satisfaction", "DISSATISFIED", "comment", "  "));
            assertThat(refused.status()).as(by.getValue()).isEqualTo(400);
            Element again = refused.html().selectFirst("form[data-action=feedback]");
            assertThat(again.select(".field[data-field=comment] .field-error").text())
                    .isEqualTo("请写明不满意的原因，以便部门重新办理时有的放矢");
            assertThat(again.select(".field[data-field=satisfaction] .field-error")).isEmpty();
            assertThat(again.select("select[name=satisfaction] option[selected]").eachAttr("value"))
                    .containsExactly("DISSATISFIED");
            assertThat(snapshot(by.getKey())).isEqualTo(replied);
        }
        // a reason given, or a grade that sends nothing back, is recorded as before
        assertThat(pages.post("/tickets/" + visited + "/feedback", "staff1",
                Pages.form("satisfaction", "DISSATISFIED", "comment", "人手仍不足")).status()).isEqualTo(303);
        assertThat(pages.post("/tickets/" + entry + "/feedback", "dispatch",
                Pages.form("satisfaction", "SATISFIED", "comment", "")).status()).isEqualTo(303);
        assertThat(api.get("/api/tickets/" + entry, "leader").json().get("status").asText()).isEqualTo("CLOSED");

        // the API's contract is left as it was
        String byApi = id(api.ticket("LABOR"));
        api.act(byApi, "sign", "hrss", null);
        api.act(byApi, "reply", "hrss", Map.of("resolution", "已招聘到位", "outcome", "PARTIAL"));
        assertThat(api.act(byApi, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED")).get("status").asText())
                .isEqualTo("IN_PROGRESS");
    }

    /**
     * The department that answers again after the enterprise's 不满意 reads why at the top of the ticket, above the facts
     * and the action forms, with who recorded it and when, for as long as the ticket is handled again: the reason as
     * typed (escaped), not only at the foot of the history. Replied again, the notice is gone.
     */
    @Test
    void aTicketHandledAgainAfterTheEnterprisesDissatisfactionSaysWhyAboveTheForms() {
        String id = id(api.ticket("LABOR"));
        api.act(id, "sign", "hrss", null);
        assertThat(pages.get("/tickets/" + id, "hrss").html().select("#reopenedNotice")).as("never reopened").isEmpty();
        api.act(id, "reply", "hrss", Map.of("resolution", "已招聘到位", "outcome", "PARTIAL"));
        assertThat(pages.get("/tickets/" + id, "hrss").html().select("#reopenedNotice")).as("replied").isEmpty();

        String reason = "人手仍不足 <b>三班倒</b> 缺 20 人";
        api.act(id, "feedback", "staff2", Map.of("satisfaction", "DISSATISFIED", "comment", reason));
        JsonNode rating = null;
        for (JsonNode event : history(id)) {
            rating = "feedback".equals(event.get("action").asText()) ? event : rating;
        }
        String at = time(rating, "at").atZoneSameInstant(SHANGHAI)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        Document page = pages.get("/tickets/" + id, "hrss").html();
        Element notice = page.getElementById("reopenedNotice");
        assertThat(notice).isNotNull();
        assertThat(notice.select("#reopenedTitle").text()).isEqualTo("企业对上次答复不满意，已退回重办（第 1 次）");
        assertThat(notice.select("#reopenedReason").text()).isEqualTo(reason);
        assertThat(notice.select("b")).as("the enterprise's words are text, not markup").isEmpty();
        assertThat(notice.select("#reopenedBy").text()).isEqualTo("李娜（staff2） 于 " + at + " 录入回访结果。");
        // near the top: before the facts and every action form (the reply the department owes again included)
        List<Element> all = page.getAllElements();
        Element firstForm = page.select("form[data-action]").first();
        assertThat(firstForm).isNotNull();
        assertThat(all.indexOf(notice)).isLessThan(all.indexOf(page.getElementById("facts")))
                .isLessThan(all.indexOf(firstForm));
        // whoever may read the ticket reads it so
        assertThat(pages.get("/tickets/" + id, "leader").html().select("#reopenedTitle").text())
                .isEqualTo("企业对上次答复不满意，已退回重办（第 1 次）");

        // without a reason (the API takes a 不满意 without one): said so
        api.act(id, "reply", "hrss", Map.of("resolution", "已再招 20 人", "outcome", "RESOLVED"));
        assertThat(pages.get("/tickets/" + id, "hrss").html().select("#reopenedNotice")).as("answered").isEmpty();
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));
        Element second = pages.get("/tickets/" + id, "hrss").html().getElementById("reopenedNotice");
        assertThat(second.select("#reopenedTitle").text()).isEqualTo("企业对上次答复不满意，已退回重办（第 2 次）");
        assertThat(second.select("#reopenedNoReason").text()).isEqualTo("回访时没有记下不满意的原因。");
        assertThat(second.select("#reopenedReason")).isEmpty();
        assertThat(second.select("#reopenedBy").text()).startsWith("王晓明（staff1） 于 ");

        // once too often the 不满意 goes to a leader, not back to the department: the notice says so
        api.act(id, "reply", "hrss", Map.of("resolution", "已再招 30 人", "outcome", "RESOLVED"));
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED", "comment", "仍缺人"));
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("status").asText()).isEqualTo("SUPERVISION");
        assertThat(pages.get("/tickets/" + id, "leader").html().select("#reopenedNotice #reopenedTitle").text())
                .isEqualTo("企业对上次答复仍不满意（已重办 2 次），已转领导督办");

        // the leader hands it to a department again: with the department, not with a leader, the notice says
        assertThat(api.act(id, "rule", "leader", Map.of("decision", "REASSIGN", "leadDepartment", "HRSS",
                "note", "人社局再办")).get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(pages.get("/tickets/" + id, "hrss").html().select("#reopenedNotice #reopenedTitle").text())
                .isEqualTo("企业对上次答复仍不满意（已重办 2 次），领导督办后改派重办");
    }

    @Test
    void aLeaderRulesOnASupervisedTicketThroughTheForm() {
        String id = returnedThreeTimesByJustice();
        Document page = pages.get("/tickets/" + id, "leader").html();
        assertThat(page.select("form[data-action=rule] #supervision").text()).contains("已被退回 3 次");
        Snapshot before = snapshot(id);

        Pages.Answer noNote = pages.post("/tickets/" + id + "/rule", "leader", Pages.form("decision", "CLOSE"));
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.html().select("form[data-action=rule] .field[data-field=note] .field-error").text())
                .isEqualTo("不能为空");
        assertThat(noNote.html().select("form[data-action=rule] select[name=decision] option[selected]").attr("value"))
                .isEqualTo("CLOSE");
        assertUnchanged(id, before);

        // the lead named among the co-departments too is refused by the field, as 交办 refuses it, never dropped
        Pages.Answer leadAlsoCo = pages.post("/tickets/" + id + "/rule", "leader", Pages.form("decision", "REASSIGN",
                "leadDepartment", "COMMERCE", "coDepartments", "COMMERCE", "coDepartments", "HRSS"));
        assertThat(leadAlsoCo.status()).isEqualTo(400);
        Element ruleForm = leadAlsoCo.html().selectFirst("form[data-action=rule]");
        assertThat(ruleForm.select("fieldset[data-field=coDepartments] .field-error").text())
                .isEqualTo("主办部门不能同时作为协办部门");
        assertThat(ruleForm.select("input[name=coDepartments][checked]").eachAttr("value"))
                .containsExactlyInAnyOrder("COMMERCE", "HRSS");
        assertThat(ruleForm.select("select[name=leadDepartment] option[selected]").attr("value")).isEqualTo("COMMERCE");
        assertUnchanged(id, before);

        Pages.Answer reassigned = pages.post("/tickets/" + id + "/rule", "leader",
                Pages.form("decision", "REASSIGN", "leadDepartment", "COMMERCE", "note", "商务局牵头"));
        assertThat(reassigned.status()).isEqualTo(303);
        JsonNode ruled = api.get("/api/tickets/" + id, "leader").json();
        assertThat(ruled.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(ruled.get("leadDepartment").asText()).isEqualTo("COMMERCE");
        // who acts next, and by when
        assertThat(pages.get(reassigned.redirect(), "leader").html().select("#done").text())
                .isEqualTo("已作出督办裁决，事项现为“待签收”。改派商务局，须于 "
                        + time(ruled, "signDeadline").atZoneSameInstant(SHANGHAI)
                                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " 前签收。");
    }

    @Test
    void afterARulingTheLeaderIsToldHowManyTicketsStillWaitAndLedBackToWork() {
        String first = returnedThreeTimesByJustice();
        String second = returnedThreeTimesByJustice();
        assertThat(pages.post("/tickets/" + first + "/rule", "leader",
                Pages.form("decision", "CLOSE", "note", "已当面答复企业")).status()).isEqualTo(303);
        Document page = pages.get("/tickets/" + first, "leader").html();
        assertThat(page.select("#done").text()).isEqualTo("已作出督办裁决，事项现为“已销号”。");
        // the second still waits for a ruling: the same count as /work's, and the way there
        String waiting = pages.get("/work", "leader").html().select("#inboxTotal").text()
                .replaceAll("\\D+(\\d+)\\D+", "$1");
        assertThat(Long.parseLong(waiting)).isGreaterThanOrEqualTo(1);
        assertThat(page.select("a#backToWork").attr("href")).isEqualTo("/work");
        assertThat(page.select("a#backToWork").text()).isEqualTo("返回工作台（还有 " + waiting + " 件待办）");
        assertThat(api.get("/api/tickets/" + second, "leader").json().get("status").asText()).isEqualTo("SUPERVISION");

        // a comment is no step through the queue, and a page without an action just taken leads nowhere
        assertThat(pages.post("/tickets/" + second + "/comment", "leader", Pages.form("text", "请商务局说明")).status())
                .isEqualTo(303);
        assertThat(pages.get("/tickets/" + second, "leader").html().select("#backToWork")).isEmpty();
        assertThat(pages.get("/tickets/" + second, "leader").html().select("#backToWork")).isEmpty();
    }

    @Test
    void aLeaderTakesATicketUnderSupervisionThroughTheFormWhichAsksForAReason() {
        JsonNode legal = api.ticket("LEGAL");
        String id = id(legal);
        assertThat(formsOf(pages.get("/tickets/" + id, "justice").html())).doesNotContain("supervise");
        Document page = pages.get("/tickets/" + id, "leader").html();
        assertThat(formsOf(page)).contains("supervise");
        assertThat(page.select("#action-supervise summary").text()).isEqualTo("领导督办");
        assertThat(page.select("form[data-action=supervise] textarea[name=reason]")).hasSize(1);
        Snapshot before = snapshot(id);

        Pages.Answer noReason = pages.post("/tickets/" + id + "/supervise", "leader", Pages.form("reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.html().select("form[data-action=supervise] .field[data-field=reason] .field-error").text())
                .isEqualTo("不能为空");
        assertUnchanged(id, before);
        assertThat(pages.post("/tickets/" + id + "/supervise", "justice", Pages.form("reason", "督办")).status())
                .isEqualTo(403);
        assertUnchanged(id, before);

        assertThat(pages.post("/tickets/" + id + "/supervise", "leader", Pages.form("reason", "企业多次反映未签收"))
                .status()).isEqualTo(303);
        Document supervised = pages.get("/tickets/" + id, "leader").html();
        assertThat(formsOf(supervised)).contains("rule").doesNotContain("supervise");
        assertThat(supervised.select("form[data-action=rule] #supervision").text())
                .startsWith("领导已将此事项纳入督办：企业多次反映未签收（郑国华（leader），")
                .as("when, as the history says it").contains(supervised.select("#history li[data-action=supervise] time").text());
        assertThat(supervised.select("#history li[data-action=supervise]").text()).contains("领导督办", "企业多次反映未签收");
        // the reply clock runs on under supervision, and the page and the card count it down
        assertThat(supervised.select("#replyDeadline .left").text()).matches("剩 \\d+(\\.\\d)? 个工作日");
        Element card = pages.get("/tickets?enterprise=" + legal.get("enterpriseCreditCode").asText(), "leader").html()
                .selectFirst(".card.ticket");
        assertThat(card.text()).contains("期限 " + time(legal, "replyDeadline").atZoneSameInstant(SHANGHAI)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        assertThat(card.select(".left").text()).matches("剩 \\d+(\\.\\d)? 个工作日");
    }

    @Test
    void aTicketRuledOnAfterThreeReturnsAndTakenAgainByALeaderSaysTheLeaderTookItThroughLaterComments() {
        String id = returnedThreeTimesByJustice();
        api.act(id, "rule", "leader", Map.of("decision", "REASSIGN", "leadDepartment", "COMMERCE"));
        api.act(id, "supervise", "leader", Map.of("reason", "商务局仍未签收"));
        api.act(id, "comment", "dispatch", Map.of("text", "已电话催办"));

        String why = pages.get("/tickets/" + id, "leader").html().select("form[data-action=rule] #supervision").text();
        assertThat(why).startsWith("领导已将此事项纳入督办：商务局仍未签收").doesNotContain("退回");
    }

    // ------------------------------------------------------------------ dispatch's arbitration

    @Test
    void dispatchAssignsAnUnroutedTicketWithLeadAndCoDepartmentsThroughTheForm() {
        String id = id(api.ticket("OTHER"));
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("status").asText()).isEqualTo("DISPATCHING");

        Pages.Answer page = pages.get("/tickets/" + id, "dispatch");
        assertThat(page.html().select("form[data-action=assign] #unrouted").text()).contains("无匹配的交办规则");
        assertThat(page.html().select("#returnReason")).isEmpty();

        Pages.Answer assigned = pages.post("/tickets/" + id + "/assign", "dispatch", Pages.form(
                "leadDepartment", "COMMERCE", "coDepartments", "FINANCE", "coDepartments", "HRSS", "note", "请牵头办理"));

        assertThat(assigned.status()).isEqualTo(303);
        assertThat(assigned.redirect()).isEqualTo("/tickets/" + id);
        JsonNode ticket = api.get("/api/tickets/" + id, "leader").json();
        assertThat(ticket.get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(ticket.get("leadDepartment").asText()).isEqualTo("COMMERCE");
        assertThat(texts(ticket.get("coDepartments"))).containsExactly("FINANCE", "HRSS");
        Document after = pages.get("/tickets/" + id, "commerce").html();
        assertThat(after.select("#lead").text()).isEqualTo("商务局");
        assertThat(after.select("#co").text()).contains("金融办", "人力社保局");
        api.act(id, "sign", "commerce", null);
        assertThat(pages.get("/tickets/" + id, "commerce").html().select("#pendingContributions [data-department]")
                .eachAttr("data-department")).containsExactlyInAnyOrder("FINANCE", "HRSS");
    }

    @Test
    void assigningWithTheLeadAlsoACoDepartmentComesBackWithTheMessageByCoDepartments() {
        String id = id(api.ticket("OTHER"));
        Snapshot before = snapshot(id);

        Pages.Answer refused = pages.post("/tickets/" + id + "/assign", "dispatch", Pages.form(
                "leadDepartment", "COMMERCE", "coDepartments", "COMMERCE", "note", "试试"));

        assertThat(refused.status()).isEqualTo(400);
        Element form = refused.html().selectFirst("form[data-action=assign]");
        assertThat(form.select("fieldset[data-field=coDepartments] .field-error").text()).isEqualTo("主办部门不能同时作为协办部门");
        assertThat(form.select("select[name=leadDepartment] option[selected]").attr("value")).isEqualTo("COMMERCE");
        assertThat(form.select("input[name=coDepartments][checked]").eachAttr("value")).containsExactly("COMMERCE");
        assertThat(form.select("textarea[name=note]").text()).isEqualTo("试试");
        // the refusal stands at the page's top, the form further down (screens down on a phone): a link to it
        assertThat(refused.html().select("#refusal #toRefusedForm").attr("href")).isEqualTo("#action-assign");
        assertThat(refused.html().select("#action-assign")).hasSize(1);
        assertUnchanged(id, before);
    }

    @Test
    void theEscalationMarkSaysWhetherTheTicketIsWithTheTaskForceNowOrWas() {
        String id = id(api.ticket("CONTAINER"));
        assertThat(pages.get("/tickets/" + id, "leader").html().select("#escalationMark")).isEmpty();
        api.act(id, "sign", "transport", null);
        api.act(id, "escalate", "transport", Map.of("level", "PROVINCE", "reason", "舱位需省里协调"));
        assertThat(pages.get("/tickets/" + id, "leader").html().select("#escalationMark").text()).isEqualTo("已上报省专班");
        api.act(id, "escalation-reply", "dispatch", Map.of("resolution", "省专班已协调船公司", "outcome", "RESOLVED"));
        assertThat(pages.get("/tickets/" + id, "leader").html().select("#escalationMark").text())
                .as("answered: the level stays on the ticket, as history").isEqualTo("曾上报省专班");
    }

    @Test
    void theEscalationReplyFormSaysToWhichTaskForceTheLatestEscalationWentWhyAndSinceWhen() {
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "sign", "transport", null);
        api.act(id, "escalate", "transport", Map.of("level", "CITY", "reason", "舱位需市里协调"));
        Element asked = pages.get("/tickets/" + id, "dispatch").html()
                .selectFirst("#action-escalation-reply #escalationAsked");
        assertThat(asked).as("beside the form that enters the answer").isNotNull();
        assertThat(asked.select("#escalationReason").text()).isEqualTo("上报市专班：舱位需市里协调");
        assertThat(asked.select("#escalationWaited").text())
                .matches(".*（transport） 于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 上报，已等待(不足 0\\.1| [0-9.]+) 个工作日。");

        // answered, found wanting by the enterprise, and sent up again, higher: the form reads the latest
        api.act(id, "escalation-reply", "dispatch", Map.of("resolution", "市专班已协调船公司", "outcome", "PARTIAL"));
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));
        api.act(id, "escalate", "transport", Map.of("level", "PROVINCE", "reason", "市里协调不了，需省里出面"));
        assertThat(pages.get("/tickets/" + id, "dispatch").html().select("#escalationAsked #escalationReason").text())
                .isEqualTo("上报省专班：市里协调不了，需省里出面");
        assertThat(pages.get("/tickets/" + id, "transport").html().select("#escalationAsked"))
                .as("only by the form").isEmpty();
    }

    @Test
    void aReturnedTicketsCoDepartmentsStayTickedInTheFormThatAssignsItAgain() {
        // CREDIT_INSURANCE: commerce leads, finance co-handles
        String id = id(api.ticket("CREDIT_INSURANCE"));
        api.act(id, "sign", "commerce", null);
        api.act(id, "return", "commerce", Map.of("reason", "属于金融办职责"));

        Element form = pages.get("/tickets/" + id, "dispatch").html().selectFirst("form[data-action=assign]");
        assertThat(form.select("input[name=coDepartments][checked]").eachAttr("value"))
                .as("assigning replaces them: keeping the lead must not drop them unseen").containsExactly("FINANCE");
        assertThat(form.select("select[name=leadDepartment] option[selected]")).as("the lead is dispatch's decision")
                .isEmpty();
        assertThat(form.parent().hasAttr("open")).as("dispatch's one step here: its form is open").isTrue();
        assertThat(pages.get("/tickets/" + id, "finance").html().select("#coNotYet").text())
                .endsWith("在专班办公室交办、主办部门签收后提交协办意见。");
    }

    @Test
    void theFormOfTheOneStepAUserHasOnATicketIsOpenButALeadersSuperviseIsNot() {
        String id = id(api.ticket("CREDIT_INSURANCE"));
        api.act(id, "sign", "commerce", null);
        Document finance = pages.get("/tickets/" + id, "finance").html();
        assertThat(finance.select("details#action-contribute").hasAttr("open")).as("finance's opinion").isTrue();
        assertThat(finance.select("details#action-comment").hasAttr("open")).isFalse();
        assertThat(pages.get("/tickets/" + id, "commerce").html().select("details#action-reply").hasAttr("open"))
                .as("the lead has several steps to choose from").isFalse();
        assertThat(pages.get("/tickets/" + id, "leader").html().select("details#action-supervise").hasAttr("open"))
                .as("督办 is the exception, not the leader's step on every ticket").isFalse();
    }

    @Test
    void dispatchSeesWhyAReturnedTicketCameBackBeforeDecidingOnIt() {
        String id = id(api.ticket("CONTAINER"));
        pages.post("/tickets/" + id + "/return", "transport", Pages.form("reason", "属于海关职责，非港航事项"));
        assertThat(api.get("/api/tickets/" + id, "leader").json().get("returnCount").asInt()).isEqualTo(1);

        Document page = pages.get("/tickets/" + id, "dispatch").html();
        Element arbitration = page.selectFirst("form[data-action=assign] #arbitration");
        assertThat(arbitration).isNotNull();
        assertThat(arbitration.select("#returnReason").text()).contains("属于海关职责，非港航事项");
        assertThat(arbitration.text()).contains("交通运输局（港航）退回", "transport");
        assertThat(arbitration.select("#arbitrationReturns").text()).isEqualTo("1");
        assertThat(page.select("#unrouted")).isEmpty();
        // the lead it still names is the one that sent it back, not one that has it
        assertThat(page.select("#lead").text()).isEqualTo("交通运输局（港航）已退回，待重新交办");
        Element card = pages.get("/work", "dispatch").html().selectFirst("a.ticket[data-id=" + id + "]");
        assertThat(card).as("in dispatch's inbox").isNotNull();
        assertThat(card.text()).contains("交通运输局（港航）已退回，待重新交办").doesNotContain("主办：");

        pages.post("/tickets/" + id + "/assign", "dispatch", Pages.form("leadDepartment", "CUSTOMS"));
        assertThat(pages.get("/tickets/" + id, "dispatch").html().select("#lead").text()).isEqualTo("海关");
    }

    /**
     * Before giving a returned ticket back to the department that returned it, dispatch reads by the form that its
     * sign deadline runs on, and how much of it is left, as the confirmation after 交办 says; an unrouted ticket has
     * no deadline to keep, and the line is not there.
     */
    @Test
    void theAssignFormOfAReturnedTicketSaysGivingItBackKeepsTheSignDeadline() {
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "return", "transport", Map.of("reason", "属于海关职责，非港航事项"));
        String deadline = time(api.get("/api/tickets/" + id, "leader").json(), "signDeadline")
                .atZoneSameInstant(SHANGHAI).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));

        Document page = pages.get("/tickets/" + id, "dispatch").html();
        assertThat(page.select("form[data-action=assign] #givenBackDeadline").text()).matches(
                "交回交通运输局（港航）签收时，签收期限不因退回而顺延，仍为 " + deadline + "（剩 \\d+(\\.\\d)? 个工作日）。");

        assertThat(pages.get("/tickets/" + id(api.ticket("OTHER")), "dispatch").html()
                .select("form[data-action=assign]")).hasSize(1).allSatisfy(form ->
                        assertThat(form.select("#givenBackDeadline")).as("nothing returned, no deadline").isEmpty());
    }

    /**
     * That a returned ticket given back to its department keeps its sign deadline is said in one wording, the
     * bundle's ticket.rule.given-back-sign-deadline, wherever it is said: the return form, the sentence after 退回,
     * the department's 待交办 line on /work (dispatch's queue line: SignInAndWorkPageTests), the assign form, and
     * the history's event of giving it back.
     */
    @Test
    void theRuleThatAGivenBackTicketKeepsItsSignDeadlineIsSaidOneWayWherever() {
        String rule = java.util.ResourceBundle.getBundle("messages", java.util.Locale.ROOT)
                .getString("ticket.rule.given-back-sign-deadline");
        String id = id(api.ticket("CONTAINER"));
        assertThat(pages.get("/tickets/" + id, "transport").html().select("details#action-return .hint").text())
                .contains("仍交本部门办理，" + rule + "，");

        pages.post("/tickets/" + id + "/return", "transport", Pages.form("reason", "属于海关职责，非港航事项"));
        assertThat(pages.get("/tickets/" + id, "transport").html().select("#done").text())
                .contains("交回时" + rule + "，仍为 ");
        assertThat(pages.get("/work", "transport").html().select("#waitingOnOthers .waiting[data-status=DISPATCHING] p.next")
                .text()).endsWith("或交回本部门签收，" + rule);
        Document assign = pages.get("/tickets/" + id, "dispatch").html();
        assertThat(assign.select("#arbitration").text()).contains("交回原部门即退回不成立，" + rule + "（见下）");
        assertThat(assign.select("#givenBackDeadline").text()).startsWith("交回交通运输局（港航）签收时，" + rule + "，仍为 ");

        pages.post("/tickets/" + id + "/assign", "dispatch", Pages.form("leadDepartment", "TRANSPORT"));
        assertThat(history(id).findValuesAsText("detail")).last().isEqualTo("主办 交通运输局（港航）；退回不成立，" + rule);
    }

    /** Its other side, a return upheld by assigning another department, is also said one way: the form and the history. */
    @Test
    void anUpheldReturnIsSaidOneWayOnTheFormAndInTheHistory() {
        String upheld = java.util.ResourceBundle.getBundle("messages", java.util.Locale.ROOT)
                .getString("ticket.rule.upheld-return");
        String id = id(api.ticket("CONTAINER"));
        pages.post("/tickets/" + id + "/return", "transport", Pages.form("reason", "属于海关职责，非港航事项"));
        assertThat(pages.get("/tickets/" + id, "dispatch").html().select("#arbitration").text())
                .contains("改派其他部门即" + upheld + "；");

        pages.post("/tickets/" + id + "/assign", "dispatch", Pages.form("leadDepartment", "CUSTOMS"));
        assertThat(history(id).findValuesAsText("detail")).last().isEqualTo("主办 海关；" + upheld);
    }

    // ------------------------------------------------------------------ what the page shows

    /** Until the reply a specialist can only comment: the page says whose hands the ticket is in and when it comes back. */
    @Test
    void aSpecialistIsToldWhoHasTheTicketNowAndThatItComesBackForFeedbackAfterTheReply() {
        String id = id(api.ticket("FINANCING"));
        assertThat(pages.get("/tickets/" + id, "staff1").html().select("#staffWaits").text())
                .startsWith("此事项待金融办签收。").contains("已答复待回访");
        api.act(id, "sign", "finance", null);
        assertThat(pages.get("/tickets/" + id, "staff1").html().select("#staffWaits").text())
                .startsWith("此事项由金融办办理中。");
        assertThat(pages.get("/tickets/" + id, "finance").html().select("#staffWaits")).as("the department acts").isEmpty();
        String unrouted = id(api.ticket("OTHER"));
        assertThat(pages.get("/tickets/" + unrouted, "staff1").html().select("#staffWaits").text())
                .startsWith("此事项待专班办公室交办。");

        api.act(id, "reply", "finance", Map.of("resolution", "已对接银行", "outcome", "RESOLVED"));
        assertThat(pages.get("/tickets/" + id, "staff1").html().select("#staffWaits")).as("now it is theirs").isEmpty();
    }

    /** Sent up, it is with a task force the specialist can name to the enterprise, as #escalationMark does. */
    @Test
    void aSpecialistIsToldToWhichTaskForceTheTicketWasSentUp() {
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "sign", "transport", null);
        api.act(id, "escalate", "transport", Map.of("level", "CITY", "reason", "舱位需市里协调"));
        assertThat(pages.get("/tickets/" + id, "staff1").html().select("#staffWaits").text())
                .startsWith("此事项已上报市专班，待市专班答复。").contains("已答复待回访");
        String higher = id(api.ticket("CONTAINER"));
        api.act(higher, "sign", "transport", null);
        api.act(higher, "escalate", "transport", Map.of("level", "PROVINCE", "reason", "舱位需省里协调"));
        assertThat(pages.get("/tickets/" + higher, "staff1").html().select("#staffWaits").text())
                .startsWith("此事项已上报省专班，待省专班答复。");
    }

    @Test
    void aProblemLoggedWithoutDetailsSaysSoUnderItsHeading() {
        String code = api.enterprise();
        String bare = api.visit(code, List.of(Map.of("category", "CONTAINER", "title", "舱位紧张"))).get(0)
                .get("id").asText();
        Document page = pages.get("/tickets/" + bare, "transport").html();
        assertThat(page.select("#description")).isEmpty();
        assertThat(page.select("#noDescription").text()).isEqualTo("反映时没有填写具体情况。");
        String full = api.visit(code, List.of(Api.problem("CONTAINER", "订舱难"))).get(0).get("id").asText();
        assertThat(pages.get("/tickets/" + full, "transport").html().select("#description").text())
                .isEqualTo("订舱难（详情）");
    }

    @Test
    void theTimelineListsTheHistorysEventsWithChineseLabels() {
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "sign", "transport", null);
        pages.post("/tickets/" + id + "/comment", "staff1", Pages.form("text", "企业来电询问进度"));

        JsonNode history = history(id);
        Document page = pages.get("/tickets/" + id, "staff1").html();
        List<Element> items = page.select("#history .timeline > li");
        assertThat(items).hasSize(history.size());
        for (int i = 0; i < history.size(); i++) {
            JsonNode event = history.get(i);
            Element item = items.get(i);
            assertThat(item.attr("data-action")).isEqualTo(event.get("action").asText());
            assertThat(item.select(".event").text()).as(event.get("action").asText()).isNotBlank()
                    .doesNotContainPattern("[a-z]{3,}");
            assertThat(item.select("time").text()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        }
        Element sign = page.selectFirst("#history li[data-action=sign]");
        assertThat(sign.select(".event").text()).isEqualTo("签收");
        assertThat(sign.select(".actor").text()).isEqualTo("交通运输局（港航） · 赵磊（transport）");
        assertThat(sign.select(".move").text()).isEqualTo("待签收 → 办理中");
        assertThat(page.select("#history li[data-action=route] .actor").text()).isEqualTo("系统");
        assertThat(page.select("#history li[data-action=comment] .text").text()).isEqualTo("企业来电询问进度");
    }

    @Test
    void theTimelineNamesOutcomesAndGradesInChineseAndA409SaysTheStateInChinese() {
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "sign", "transport", null);
        api.act(id, "reply", "transport", java.util.Map.of("resolution", "已协调船公司", "outcome", "PARTIAL"));
        api.act(id, "feedback", "staff1", java.util.Map.of("satisfaction", "BASICALLY_SATISFIED", "comment", "还需跟进"));

        Document page = pages.get("/tickets/" + id, "staff1").html();
        assertThat(page.select("#history li[data-action=reply] .text").text()).isEqualTo("【部分解决】已协调船公司");
        assertThat(page.select("#history li[data-action=feedback] .text").text()).isEqualTo("基本满意；还需跟进");

        Pages.Answer late = pages.post("/tickets/" + id + "/comment", "transport", Pages.form("text", "补充"));
        assertThat(late.status()).isEqualTo(303);
        String signed = id(api.ticket("CONTAINER"));
        api.act(signed, "sign", "transport", null);
        // (its own 签收 of a moment ago would be taken for this one sent again: another action came between)
        api.act(signed, "comment", "transport", java.util.Map.of("text", "已联系"));
        Pages.Answer again = pages.post("/tickets/" + signed + "/sign", "transport", Pages.form());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.html().select("#refusal .reason").text()).contains("当前为“办理中”，现在不能“签收”");
    }

    @Test
    void theTicketsFactsAndDeadlinesWithTimeLeft() {
        String id = id(api.ticket("CREDIT_INSURANCE"));
        JsonNode ticket = api.get("/api/tickets/" + id, "leader").json();

        Document page = pages.get("/tickets/" + id, "staff1").html();
        assertThat(page.select("#enterprise a").attr("href"))
                .isEqualTo("/enterprises/" + ticket.get("enterpriseCreditCode").asText());
        assertThat(page.select("#category").text()).isEqualTo("出口信保");
        assertThat(page.select("#lead").text()).isEqualTo("商务局");
        assertThat(page.select("#co").text()).isEqualTo("金融办");
        assertThat(page.select("#reporter").text()).isEqualTo("王晓明（staff1）");
        assertThat(page.select("#signDeadline .left").text()).matches("剩 \\d+(\\.\\d)? 个工作日");
        assertThat(page.select("#replyDeadline .left").text()).matches("剩 \\d+(\\.\\d)? 个工作日");
        assertThat(page.select("#overdueMark")).isEmpty();
        // one name per deadline on the page and in its history: 答复 as the action that meets it, not 办理
        assertThat(page.select("#deadlines").text()).contains("签收期限", "答复期限").doesNotContain("办理时限");
        assertThat(page.select("#history li[data-action=route] p.text").text())
                .endsWith("签收时限 1 个工作日，答复时限 7 个工作日");

        Document department = pages.get("/tickets/" + id, "commerce").html();
        assertThat(department.select("#enterprise a")).as("departments see no enterprise pages").isEmpty();
        assertThat(department.select("#enterprise").text()).contains(ticket.get("enterpriseName").asText());
    }

    @Test
    void aReturnTurnedDownAsksForASignAgainAndDoesNotCallTheEarlierOneMet() {
        String id = id(api.ticket("CREDIT_INSURANCE"));
        api.act(id, "sign", "commerce", null);
        api.act(id, "return", "commerce", Map.of("reason", "统保平台属金融办职责"));
        api.act(id, "assign", "dispatch", Map.of("leadDepartment", "COMMERCE", "note", "维持原交办"));

        Document page = pages.get("/tickets/" + id, "commerce").html();
        assertThat(page.select("#status").text()).isEqualTo("待签收");
        assertThat(page.select("#signDeadline .left").text()).matches("剩 \\d+(\\.\\d)? 个工作日");
        assertThat(page.select("#signDeadline .badge.ok")).as("the sign is owed again, not met").isEmpty();
        assertThat(page.selectFirst("#signedAt").previousElementSibling().text()).isEqualTo("上次签收");
    }

    @Test
    void aTicketLoggedLateIsMarkedOverdue() {
        String id = lateTicket(api.enterprise(), "迟报问题");
        Document page = pages.get("/tickets/" + id, "transport").html();
        assertThat(page.select("#overdueMark").text()).isEqualTo("超期");
        assertThat(page.select("#replyDeadline .left").text()).startsWith("已超期");
        assertThat(page.select("#replyDeadline .badge.overdue").text()).contains("答复超期");
    }

    @Test
    void aReplyInTimeIsMarkedSoAsASignInTimeIsUntilTheTicketIsReopened() {
        Map<String, Object> reply = Map.of("resolution", "已协调", "outcome", "RESOLVED");
        String id = id(api.ticket("CONTAINER"));
        api.act(id, "sign", "transport", null);
        assertThat(pages.get("/tickets/" + id, "staff1").html().select("#replyDeadline .badge.ok")).isEmpty();
        api.act(id, "reply", "transport", reply);
        assertThat(pages.get("/tickets/" + id, "staff1").html().select("#replyDeadline .badge.ok").text())
                .isEqualTo("按时答复");

        // reopened, it owes a new reply by a new deadline: the earlier one's mark would say it was answered
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "DISSATISFIED"));
        assertThat(pages.get("/tickets/" + id, "staff1").html().select("#replyDeadline .badge.ok")).isEmpty();
        api.act(id, "reply", "transport", reply);
        api.act(id, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        assertThat(pages.get("/tickets/" + id, "staff1").html().select("#replyDeadline .badge.ok").text())
                .isEqualTo("按时答复");

        String late = lateTicket(api.enterprise(), "迟复问题");
        api.act(late, "sign", "transport", null);
        api.act(late, "reply", "transport", reply);
        Document lateReply = pages.get("/tickets/" + late, "transport").html();
        assertThat(lateReply.select("#replyDeadline .badge.overdue").text()).contains("答复超期");
        assertThat(lateReply.select("#replyDeadline .badge.ok")).isEmpty();
    }

    /** The search box finds the tickets of 温岭市海通泵业有限公司 by 温岭海通, as people say it, and by its town 大桥镇. */
    @Test
    void theSearchFindsTicketsByTheEnterpriseNameAsSaidAndByTheTown() {
        String word = "海运" + Api.creditCode().substring(12);
        String code = api.enterprise("温岭市海通泵业有限公司", "大桥镇");
        String ticket = id(api.visit(code, List.of(Api.problem("CONTAINER", word))).get(0));

        assertThat(listed("/tickets?q=温岭海通 " + word, "leader")).containsExactly(ticket);
        assertThat(listed("/tickets?q=大桥镇 " + word, "leader")).containsExactly(ticket);
        assertThat(listed("/tickets?q=温岭市海通 " + word, "leader")).containsExactly(ticket);
        assertThat(listed("/tickets?q=泽国镇 " + word, "leader")).isEmpty();
        assertThat(pages.get("/tickets", "leader").html().select("#q").attr("placeholder")).contains("镇（街道）");
    }

    /** A CONTAINER ticket of a visit logged a month late: its reply deadline has passed already. */
    private String lateTicket(String creditCode, String title) {
        Api.Response r = api.post("/api/visits", "staff1", Map.of("enterpriseCreditCode", creditCode,
                "visitedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(30).toString(),
                "problems", List.of(Api.problem("CONTAINER", title))));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return id(r.json().get("tickets").get(0));
    }

    // ------------------------------------------------------------------ the list

    @Test
    void theListFiltersByStatusWordsAndOverdueAndADepartmentSeesOnlyItsOwn() {
        String word = "筛选" + Api.creditCode().substring(12);
        String code = api.enterprise();
        List<JsonNode> tickets = api.visit(code, List.of(Api.problem("CONTAINER", word + " 集装箱"),
                Api.problem("OTHER", word + " 其他"), Api.problem("FINANCING", word + " 贷款")));
        String container = id(tickets.get(0));
        String other = id(tickets.get(1));
        String financing = id(tickets.get(2));
        String late = lateTicket(code, word + " 迟报");

        assertThat(listed("/tickets?q=" + word, "leader")).containsExactlyInAnyOrder(container, other, financing, late);
        assertThat(listed("/tickets?q=" + word + "&status=DISPATCHING", "leader")).containsExactly(other);
        assertThat(listed("/tickets?q=" + word + "&overdue=true", "leader")).containsExactly(late);
        assertThat(listed("/tickets?q=" + word + "&overdue=false", "leader"))
                .containsExactlyInAnyOrder(container, other, financing);
        assertThat(listed("/tickets?q=" + word + "&category=FINANCING", "staff1")).containsExactly(financing);
        assertThat(listed("/tickets?enterprise=" + code.toLowerCase(), "leader")).hasSize(4);
        assertThat(listed("/tickets?q=" + word, "transport")).containsExactlyInAnyOrder(container, late);
        assertThat(listed("/tickets?q=" + word, "finance")).containsExactly(financing);

        Pages.Answer page = pages.get("/tickets?q=" + word + "&status=DISPATCHING", "leader");
        assertThat(page.html().select("#filterForm").attr("method")).isEqualTo("get");
        assertThat(page.html().select("details#filters").hasAttr("open")).as("the list comes first").isFalse();
        assertThat(page.html().select("#activeFilters .chip").eachText())
                .containsExactly("关键词“" + word + "”", "状态：待交办");
        assertThat(page.html().select("select[name=status] option[selected]").text()).isEqualTo("待交办");
        assertThat(page.html().select("input[name=q]").val()).isEqualTo(word);
        assertThat(page.html().select("select[name=status] option").eachText()).contains("全部", "办理中", "已销号");
        assertThat(page.html().select("select[name=category] option").eachText()).contains("其他", "出口信保");
        assertThat(page.html().select("a.ticket").attr("href")).isEqualTo("/tickets/" + other);
        // (addition) a status in any ASCII case or full-width, as the list reads it, is shown as it filters: the box
        // has it chosen (sending the form again keeps the filter) and the line names it in Chinese; so too when another
        // filter is refused and no list comes
        for (String typed : List.of("dispatching", "Dispatching", "ｄｉｓｐａｔｃｈｉｎｇ", " DISPATCHING ")) {
            Pages.Answer folded = pages.get("/tickets?q=" + word + "&status=" + typed, "leader");
            assertThat(folded.status()).as(typed).isEqualTo(200);
            assertThat(folded.html().select("a.ticket").eachAttr("data-id")).as(typed).containsExactly(other);
            assertThat(folded.html().select("#activeFilters .chip").eachText()).as(typed)
                    .containsExactly("关键词“" + word + "”", "状态：待交办");
            assertThat(folded.html().select("select[name=status] option[selected]").eachAttr("value")).as(typed)
                    .containsExactly("DISPATCHING");
        }
        Pages.Answer otherRefused = pages.get("/tickets?q=" + word + "&status=dispatching&overdue=maybe", "leader");
        assertThat(otherRefused.status()).isEqualTo(400);
        assertThat(otherRefused.html().select("select[name=status] option[selected]").eachAttr("value"))
                .containsExactly("DISPATCHING");
        assertThat(otherRefused.html().select("[data-field=status].has-error")).isEmpty();

        // 是否办结 (the dashboard's 在办 opens the list so)
        api.act(financing, "sign", "finance", null);
        api.act(financing, "reply", "finance", Map.of("resolution", "已放贷", "outcome", "RESOLVED"));
        api.act(financing, "feedback", "staff1", Map.of("satisfaction", "SATISFIED"));
        assertThat(listed("/tickets?q=" + word + "&open=true", "leader")).containsExactlyInAnyOrder(container, other, late);
        assertThat(listed("/tickets?q=" + word + "&open=false", "leader")).containsExactly(financing);
        Document open = pages.get("/tickets?q=" + word + "&open=true", "leader").html();
        assertThat(open.select("#activeFilters .chip").eachText()).containsExactly("关键词“" + word + "”", "在办");
        assertThat(open.select("select[name=open] option[selected]").text()).isEqualTo("在办（未办结）");
        // (addition) as the list reads it (any ASCII case): TRUE is 在办 and overdue=False 未超期, not their opposites
        assertThat(pages.get("/tickets?q=" + word + "&open=TRUE&overdue=False", "leader").html()
                .select("#activeFilters .chip").eachText()).containsExactly("关键词“" + word + "”", "在办", "未超期");
        // (addition) and the boxes show them chosen, so that sending the form again keeps the filters; so too when
        // another filter is refused and no list comes
        Document typed = pages.get("/tickets?q=" + word + "&open=TRUE&overdue= False ", "leader").html();
        assertThat(typed.select("select[name=open] option[selected]").eachAttr("value")).containsExactly("true");
        assertThat(typed.select("select[name=overdue] option[selected]").eachAttr("value")).containsExactly("false");
        // (addition) and typed with a Chinese input method, as the status and the catalog's codes are read
        Document fullWidth = pages.get("/tickets?q=" + word + "&open=" + Api.fullWidth("true") + "&overdue="
                + Api.fullWidth("False"), "leader").html();
        assertThat(fullWidth.select("#activeFilters .chip").eachText())
                .containsExactly("关键词“" + word + "”", "在办", "未超期");
        assertThat(fullWidth.select("select[name=open] option[selected]").eachAttr("value")).containsExactly("true");
        assertThat(fullWidth.select("select[name=overdue] option[selected]").eachAttr("value")).containsExactly("false");
        Pages.Answer refusedBeside = pages.get("/tickets?q=" + word + "&open=False&overdue=True&status=nope", "leader");
        assertThat(refusedBeside.status()).isEqualTo(400);
        assertThat(refusedBeside.html().select("select[name=open] option[selected]").eachAttr("value"))
                .containsExactly("false");
        assertThat(refusedBeside.html().select("select[name=overdue] option[selected]").eachAttr("value"))
                .containsExactly("true");
    }

    @Test
    void aSpecialistTicksOnlyMineAndTheListKeepsItThroughThePagesWhileADepartmentHasNoSuchBox() {
        String word = "我报" + Api.creditCode().substring(12);
        String code = api.enterprise();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(id(api.visit(code, List.of(Api.problem("CONTAINER", word + " 集装箱" + i))).get(0)));
        }
        Api.Response theirs = api.post("/api/visits", "staff2", Map.of("enterpriseCreditCode", code,
                "problems", List.of(Api.problem("CONTAINER", word + " 李娜报的"))));
        assertThat(theirs.status()).as(theirs.text()).isEqualTo(201);

        Document all = pages.get("/tickets?q=" + word, "staff1").html();
        Element box = all.selectFirst("#filterForm input#mine[type=checkbox][name=reporter]");
        assertThat(box).as("只看我跟进的").isNotNull();
        assertThat(box.val()).isEqualTo("staff1");
        assertThat(box.hasAttr("checked")).isFalse();
        assertThat(all.select("label[for=mine]").text()).isEqualTo("只看我跟进的");
        assertThat(all.select("a.ticket")).hasSize(4);

        // ticked: the form sends reporter=staff1; two to a page, the pager's links keep it
        Pages.Answer ticked = pages.get("/tickets?q=" + word + "&reporter=staff1&size=2", "staff1");
        assertThat(ticked.status()).isEqualTo(200);
        assertThat(ticked.html().select("#total").text()).isEqualTo("共 3 件");
        assertThat(ticked.html().select("input#mine").hasAttr("checked")).isTrue();
        assertThat(ticked.html().select("#activeFilters .chip").eachText())
                .containsExactly("关键词“" + word + "”", "跟进人：王晓明（staff1）");
        String next = ticked.html().select("#nextPage").attr("href");
        assertThat(next).contains("reporter=staff1", "page=1");
        assertThat(listed(URLDecoder.decode(next, StandardCharsets.UTF_8), "staff1")).hasSize(1).isSubsetOf(mine);
        assertThat(ticked.html().select("#export").attr("href")).contains("reporter=staff1");
        // typed with a Chinese input method's full-width letters: the same account, so the box is ticked
        Document typed = pages.get("/tickets?q=" + word + "&reporter=" + Api.fullWidth("staff1"), "staff1").html();
        assertThat(typed.select("#total").text()).isEqualTo("共 3 件");
        assertThat(typed.select("input#mine").hasAttr("checked")).isTrue();

        // another's reporter (a link) is kept by the form as it is, not offered as the user's own
        Document others = pages.get("/tickets?q=" + word + "&reporter=staff2", "staff1").html();
        assertThat(others.select("a.ticket")).hasSize(1);
        assertThat(others.select("input#mine")).isEmpty();
        assertThat(others.select("#filterForm input[type=hidden][name=reporter]").val()).isEqualTo("staff2");
        assertThat(others.select("#activeFilters .chip.reporter").text()).isEqualTo("跟进人：李娜（staff2）");

        // dispatch, who logs hotline entries, may keep to its own too; a department reports nothing
        assertThat(pages.get("/tickets", "dispatch").html().select("input#mine").val()).isEqualTo("dispatch");
        Document department = pages.get("/tickets?q=" + word, "transport").html();
        assertThat(department.select("input#mine")).isEmpty();
        assertThat(department.select("a.ticket")).hasSize(4);
        assertThat(listed("/tickets?q=" + word + "&reporter=staff1", "transport")).containsExactlyInAnyOrderElementsOf(mine);

        Pages.Answer bad = pages.get("/tickets?reporter=" + "s".repeat(65), "staff1");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.html().select("[data-field=reporter].has-error .field-error").text())
                .isEqualTo("跟进人应为账号用户名");
    }

    /**
     * Words or a town longer than any ticket's (a hostile client's 100 000 characters), a code box longer than the
     * words it would be searched as, or a reporter no user name can be: 400, as /enterprises answers, each said by
     * its input, and the list without them, the filters given right still applied and named in the line of what is
     * set. A town of 100 characters, 200 of words and the 18 of a code still filter. A refused choice beside them is
     * as before: no list.
     */
    @Test
    void typedFiltersLongerThanAnyTicketsAreSaidByTheirInputsAndTheRestStillFilter() {
        String tail = Api.creditCode().substring(12);
        String town = "长".repeat(100 - tail.length()) + tail;
        String word = "超长页" + tail;
        String code = api.enterprise("超长页测试企业", town);
        String ticket = id(api.visit(code, List.of(Api.problem("CONTAINER", word + " 订舱难"))).get(0));
        api.visit(api.enterprise(), List.of(Api.problem("CONTAINER", word + " 别镇的订舱难")));

        Pages.Answer words = pages.get("/tickets?town=" + town + "&category=CONTAINER&q=" + "泵".repeat(100_000),
                "leader");
        assertThat(words.status()).isEqualTo(400);
        Document page = words.html();
        assertThat(page.select("[data-field=q].has-error .field-error").text()).isEqualTo("不能超过 200 个字符");
        assertThat(page.select("[data-field=town] .field-error, [data-field=category] .field-error")).isEmpty();
        assertThat(page.select("a.ticket").eachAttr("data-id")).containsExactly(ticket);
        assertThat(page.select("#activeFilters .chip").eachText())
                .containsExactly("类别：集装箱/海运舱位", "镇（街道）：" + town);
        assertThat(page.select("#filterError").text()).contains("标出的条件未使用，下面是按其余条件筛选的事项。");
        assertThat(page.select("#export").attr("href")).contains("category=CONTAINER").doesNotContain("q=");
        assertThat(page.select("#q").attr("maxlength")).isEqualTo("200");
        assertThat(page.select("#town").attr("maxlength")).isEqualTo("100");

        Pages.Answer others = pages.get("/tickets?q=" + word + "&town=" + town + "长&enterprise=" + code
                + "0".repeat(QueryParams.WORDS_MAX + 1 - code.length()) + "&reporter=" + "s".repeat(65), "leader");
        assertThat(others.status()).isEqualTo(400);
        Document refused = others.html();
        assertThat(refused.select("[data-field=town].has-error .field-error").text()).isEqualTo("不能超过 100 个字符");
        assertThat(refused.select("[data-field=enterprise].has-error .field-error").text())
                .isEqualTo("不能超过 200 个字符");
        assertThat(refused.select("[data-field=reporter].has-error .field-error").text()).isEqualTo("跟进人应为账号用户名");
        assertThat(refused.select("[data-field=q] .field-error")).isEmpty();
        assertThat(refused.select("a.ticket").eachAttr("data-id")).hasSize(2).contains(ticket);
        assertThat(refused.select("#activeFilters .chip").eachText()).containsExactly("关键词“" + word + "”");

        Pages.Answer choice = pages.get("/tickets?status=NOPE&q=" + "泵".repeat(201), "leader");
        assertThat(choice.status()).isEqualTo(400);
        assertThat(choice.html().select("[data-field=status].has-error, [data-field=q].has-error")).hasSize(2);
        assertThat(choice.html().select("#total, a.ticket, #activeFilters")).isEmpty();

        assertThat(listed("/tickets?town=" + town + "&enterprise=" + code + "&q=" + word, "leader"))
                .containsExactly(ticket);
        assertThat(listed("/tickets?town=" + town + "&q=" + "泵".repeat(200), "leader")).isEmpty();
    }

    @Test
    void theListKeepsToTheSourcesTickedNamesThemAndKeepsThemThroughThePages() {
        String word = "来源" + Api.creditCode().substring(12);
        String code = api.enterprise();
        List<String> entries = new ArrayList<>();
        for (String source : List.of("HOTLINE", "ONLINE", "HOTLINE")) {
            entries.add(id(api.visit(code, source, List.of(Api.problem("CONTAINER", word + " " + source))).get(0)));
        }
        api.visit(code, List.of(Api.problem("CONTAINER", word + " 走访")));

        Document all = pages.get("/tickets?q=" + word, "dispatch").html();
        assertThat(all.select("a.ticket")).hasSize(4);
        Element form = all.getElementById("sourceFilter");
        assertThat(form.select("legend").text()).isEqualTo("来源");
        assertThat(form.select("input[type=checkbox][name=source]").eachAttr("value"))
                .startsWith("VISIT", "FORUM", "HOTLINE", "ONLINE", "SYSTEMIC");
        assertThat(form.select("label[for=source-HOTLINE]").text()).isEqualTo("热线");
        assertThat(form.select("input[checked]")).isEmpty();
        assertThat(all.select("#activeFilters .chip.source")).isEmpty();

        // two ticked: the form sends source= once each; two to a page, the pager's links keep both
        Pages.Answer ticked = pages.get("/tickets?q=" + word + "&source=HOTLINE&source=ONLINE&size=2", "dispatch");
        assertThat(ticked.status()).isEqualTo(200);
        assertThat(ticked.html().select("#total").text()).isEqualTo("共 3 件");
        assertThat(ticked.html().select("#sourceFilter input[checked]").eachAttr("value"))
                .containsExactly("HOTLINE", "ONLINE");
        assertThat(ticked.html().select("#activeFilters .chip").eachText())
                .containsExactly("关键词“" + word + "”", "来源：热线、网上");
        String next = ticked.html().select("#nextPage").attr("href");
        assertThat(next).contains("source=HOTLINE&source=ONLINE", "page=1");
        List<String> pageTwo = listed(URLDecoder.decode(next, StandardCharsets.UTF_8), "dispatch");
        assertThat(pageTwo).hasSize(1).isSubsetOf(entries);
        assertThat(ticked.html().select("a.ticket").eachAttr("data-id")).isSubsetOf(entries).doesNotContainAnyElementsOf(pageTwo);
        assertThat(ticked.html().select("#export").attr("href")).contains("source=HOTLINE&source=ONLINE");

        // one source
        assertThat(listed("/tickets?q=" + word + "&source=ONLINE", "leader")).containsExactly(entries.get(1));

        Pages.Answer bad = pages.get("/tickets?source=PHONE", "dispatch");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.html().select("[data-field=source].has-error .field-error").text())
                .isEqualTo("请从列表中选择来源");
    }

    /**
     * 来源 offers the fixed sources and the live channels to everyone, departments too; a revoked channel only while
     * tickets from it are there to find, or when it is ticked (a link kept from before): old tickets stay findable,
     * a channel revoked unused offers nothing to find. Its code still filters, as API.md says.
     */
    @Test
    void theSourceFilterOffersARevokedChannelOnlyWhileItHasTicketsOrIsTicked() {
        String code = api.enterprise();
        Channel live = channel(api, "在用渠道");
        Channel used = channel(api, "已停用渠道");
        Channel unused = channel(api, "停用未用渠道");
        String filed = id(filed(api, used, code, "停用前反映的订舱难"));
        assertThat(pages.get("/tickets", "transport").html().select("#sourceFilter input[name=source]").eachAttr("value"))
                .as("all three while live").contains(live.code(), used.code(), unused.code());

        for (Channel revoked : List.of(used, unused)) {
            assertThat(api.call(HttpMethod.DELETE, "/api/channels/" + revoked.code(), "admin", null).status())
                    .isEqualTo(204);
        }
        for (String user : List.of("transport", "leader", "staff1")) {
            Document page = pages.get("/tickets", user).html();
            assertThat(page.select("#sourceFilter input[name=source]").eachAttr("value")).as(user)
                    .startsWith("VISIT", "FORUM", "HOTLINE", "ONLINE", "SYSTEMIC")
                    .contains(live.code(), used.code()).doesNotContain(unused.code());
            assertThat(page.select("label[for=source-" + used.code() + "]").text()).isEqualTo(used.name());
        }
        assertThat(listed("/tickets?enterprise=" + code + "&source=" + used.code(), "leader")).containsExactly(filed);

        // ticked, from a link kept since it was live: offered, ticked and named, and still no mistake
        Pages.Answer ticked = pages.get("/tickets?source=" + unused.code(), "transport");
        assertThat(ticked.status()).isEqualTo(200);
        assertThat(ticked.html().select("#sourceFilter input[checked]").eachAttr("value")).containsExactly(unused.code());
        assertThat(ticked.html().select("label[for=source-" + unused.code() + "]").text()).isEqualTo(unused.name());
        assertThat(ticked.html().select("#activeFilters .chip.source").text()).isEqualTo("来源：" + unused.name());
        assertThat(api.get("/api/tickets?source=" + unused.code(), "leader").status()).isEqualTo(200);

        // a new key brings it back: offered again at once
        assertThat(api.post("/api/channels/" + unused.code() + "/key", "admin", null).status()).isEqualTo(201);
        assertThat(pages.get("/tickets", "transport").html().select("#sourceFilter input[name=source]").eachAttr("value"))
                .contains(unused.code());
    }

    /**
     * A revoked channel seen in use is not asked about again on this node: a ticket is never deleted and keeps its
     * source. Shown by taking its one ticket away behind the service's back (no action can): the filter goes on
     * offering it, until a channel registered here has the list read the channels again and ask again.
     */
    @Test
    void aRevokedChannelSeenInUseIsNotAskedAboutAgainUntilTheChannelsChangeHere() {
        String code = api.enterprise();
        Channel used = channel(api, "停用后仍有事项的渠道");
        long filed = Long.parseLong(id(filed(api, used, code, "停用前反映的舱位难")));
        assertThat(api.call(HttpMethod.DELETE, "/api/channels/" + used.code(), "admin", null).status())
                .isEqualTo(204);
        assertThat(offeredSources()).as("in use").contains(used.code());
        try {
            jdbc.sql("update ticket set source = 'HOTLINE' where id = ?").param(filed).update();
            assertThat(offeredSources()).as("remembered, not asked again").contains(used.code());
            channel(api, "停用渠道之后登记的渠道");
            assertThat(offeredSources()).as("asked again").doesNotContain(used.code());
        } finally {
            jdbc.sql("update ticket set source = ? where id = ?").params(used.code(), filed).update();
        }
    }

    private List<String> offeredSources() {
        return pages.get("/tickets", "leader").html().select("#sourceFilter input[name=source]").eachAttr("value");
    }

    @Test
    void aTicketsNumberInTheSearchBoxPutsThatTicketFirstForThoseWhoMaySeeIt() {
        String word = "编号" + Api.creditCode().substring(12);
        String transport = id(api.visit(api.enterprise(), List.of(Api.problem("CONTAINER", word + " 集装箱"))).get(0));

        Document byNumber = pages.get("/tickets?q=" + transport, "staff1").html();
        assertThat(byNumber.select("#ticketByNumber h2").text()).isEqualTo("编号 #" + transport + " 的事项");
        assertThat(byNumber.select("#ticketByNumber a.ticket").eachAttr("data-id")).containsExactly(transport);
        assertThat(byNumber.select("#ticketByNumber a.ticket").attr("href")).isEqualTo("/tickets/" + transport);
        assertThat(byNumber.select("#activeFilters").text()).contains("关键词“" + transport + "”");

        Document fullWidth = pages.get("/tickets?q= ＃" + transport + " ", "transport").html();
        assertThat(fullWidth.select("#ticketByNumber a.ticket").eachAttr("data-id")).as("a full-width ＃ typed in Chinese")
                .containsExactly(transport);
        assertThat(fullWidth.select("#noTickets").text()).as("no title holds ＃: not 'nothing found' under the one found")
                .startsWith("除上面这件外");
        StringBuilder wide = new StringBuilder("＃");
        transport.chars().forEach(d -> wide.append((char) (d - '0' + '０')));
        Document wideDigits = pages.get("/tickets?q=" + wide + "\u3000", "transport").html();
        assertThat(wideDigits.select("#ticketByNumber a.ticket").eachAttr("data-id")).as("full-width digits too")
                .containsExactly(transport);

        assertThat(pages.get("/tickets?q=" + transport, "finance").html().select("#ticketByNumber"))
                .as("another department's ticket is not shown by its number").isEmpty();
        assertThat(pages.get("/tickets?q=" + word, "staff1").html().select("#ticketByNumber")).isEmpty();
        assertThat(pages.get("/tickets?q=99999999999999", "staff1").html().select("#ticketByNumber")).isEmpty();
        assertThat(pages.get("/tickets?q=" + transport + "5", "staff1").html().select("#ticketByNumber h2").text())
                .doesNotContain("#" + transport + " ");
    }

    private List<String> listed(String path, String user) {
        Pages.Answer page = pages.get(path, user);
        assertThat(page.status()).as(path).isEqualTo(200);
        return page.html().select("a.ticket").eachAttr("data-id");
    }

    /**
     * A co-department has no deadline of its own: its form says the lead's reply waits on its opinion, and by when
     * that reply is due, which the page's 答复期限 gives.
     */
    @Test
    void aCoDepartmentIsToldTheLeadsReplyWaitsOnItsOpinionAndByWhen() {
        // CREDIT_INSURANCE: commerce leads, finance co-handles
        String id = id(api.ticket("CREDIT_INSURANCE"));
        api.act(id, "sign", "commerce", null);

        Document co = pages.get("/tickets/" + id, "finance").html();
        String replyBy = co.select("#replyDeadline time").text();
        assertThat(replyBy).isNotBlank();
        assertThat(co.select("form[data-action=contribute] #contributeFor").text())
                .isEqualTo("主办部门商务局要等本部门的协办意见才能答复企业，答复期限 " + replyBy + "，请尽早提交。");
        assertThat(pages.get("/tickets/" + id, "commerce").html().select("#contributeFor")).isEmpty();
    }

    /** The lead whose reply waits on an opinion is not told it may ask for an extension while one is with dispatch. */
    @Test
    void aLeadWaitingOnAnOpinionIsNotOfferedAnExtensionWhileItsRequestIsPending() {
        String id = id(api.ticket("CREDIT_INSURANCE"));
        api.act(id, "sign", "commerce", null);
        assertThat(pages.get("/tickets/" + id, "commerce").html().select("#replyWaits").text())
                .endsWith("在此之前可以延期、上报或退回。");
        api.act(id, "extend", "commerce", Map.of("workingDays", 3, "reason", "等待信保公司材料"));
        Document lead = pages.get("/tickets/" + id, "commerce").html();
        assertThat(lead.select("#action-extend")).isEmpty();
        assertThat(lead.select("#replyWaits").text()).endsWith("在此之前可以上报或退回。");
    }

    @Test
    void theReturnFormSaysTheTaskForceOfficeDecidesAndTheClockKeepsRunning() {
        String id = id(api.ticket("CONTAINER"));
        for (boolean signed : List.of(false, true)) {
            if (signed) {
                api.act(id, "sign", "transport", null);
            }
            Document page = pages.get("/tickets/" + id, "transport").html();
            assertThat(page.select("details#action-return .hint").text()).as(signed ? "signed" : "to sign")
                    .contains("专班办公室裁定", "仍交本部门办理", "签收期限不因退回而顺延", "建议由哪个部门办理");
        }
    }

    /**
     * A name typed in the code's box finds nothing and is offered as a keyword search; one longer than a code's 18
     * characters (a hand-edited link; the input has maxlength) is a name all the same, up to the bound of the words
     * it would be searched as (200); longer is 400, said by the input. GET /api/tickets keeps its bound of 18.
     */
    @Test
    void aNameTypedInTheEnterpriseFilterFindsNothingAndOffersTheSameWordsAsAKeywordSearch() {
        String tail = Api.creditCode().substring(12);
        String code = null;
        String container = null;
        for (String name : List.of("代码栏测试" + tail + "有限公司", "代码栏超长名称测试" + tail + "港口物流集团有限公司")) {
            code = api.enterprise(name, "代码栏镇");
            container = id(api.visit(code, List.of(Api.problem("CONTAINER", "舱位紧张"))).get(0));

            Pages.Answer byName = pages.get("/tickets?status=ASSIGNED&enterprise=" + name, "transport");
            assertThat(byName.status()).as(name).isEqualTo(200);
            assertThat(byName.html().select("a.ticket, #filterError, [data-field=enterprise] .field-error")).isEmpty();
            assertThat(byName.html().select("#enterpriseNotACode").text())
                    .contains("“" + name + "”不是统一社会信用代码", "18 位代码");
            // encoded as a browser sends it; MockMvc encodes a path itself, so it gets the decoded one
            String words = URLDecoder.decode(byName.html().select("#enterpriseNotACode a#enterpriseByWords")
                    .attr("href"), StandardCharsets.UTF_8);
            assertThat(words).isEqualTo("/tickets?status=ASSIGNED&q=" + name);
            assertThat(listed(words, "transport")).containsExactly(container);
        }
        assertThat(pages.get("/tickets", "transport").html().select("#enterpriseHint").text()).contains("关键词");

        String longest = "代码栏" + "泵".repeat(QueryParams.WORDS_MAX - 3);
        assertThat(pages.get("/tickets?enterprise=" + longest, "transport").html()
                .select("#enterpriseNotACode a#enterpriseByWords")).hasSize(1);
        Pages.Answer over = pages.get("/tickets?enterprise=" + longest + "泵", "transport");
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.html().select("[data-field=enterprise].has-error .field-error").text())
                .isEqualTo("不能超过 200 个字符");
        assertThat(over.html().select("#enterpriseNotACode")).isEmpty();
        assertThat(api.get("/api/tickets?enterprise=" + code + "0", "transport").status()).as("the API's contract")
                .isEqualTo(400);

        // the code itself, or a code whose enterprise has no tickets: nothing to point out
        assertThat(listed("/tickets?enterprise=" + code, "transport")).containsExactly(container);
        Pages.Answer none = pages.get("/tickets?enterprise=" + api.enterprise(), "transport");
        assertThat(none.html().select("#noTickets")).hasSize(1);
        assertThat(none.html().select("#enterpriseNotACode")).isEmpty();
    }

    /** Keywords and a source typed with a Chinese input method, or in lower case, filter the page as meant. */
    @Test
    void keywordsAndSourcesTypedInFullWidthOrLowerCaseFilterThePageAsMeant() {
        String tag = Api.creditCode().substring(9, 16);
        String code = api.enterprise("COSCO" + tag + " Lines", "全角页面镇");
        String hotline = id(api.visit(code, "HOTLINE", List.of(Api.problem("CONTAINER", "热线订舱难"))).get(0));
        String visited = id(api.visit(code, List.of(Api.problem("CONTAINER", "走访订舱难"))).get(0));

        Pages.Answer words = pages.get("/tickets?q=" + Api.fullWidth("cosco" + tag) + "\u00A0", "leader");
        assertThat(words.status()).isEqualTo(200);
        assertThat(words.html().select("a.ticket").eachAttr("data-id")).containsExactlyInAnyOrder(hotline, visited);
        Pages.Answer source = pages.get("/tickets?source=" + Api.fullWidth("hotline") + "&enterprise="
                + Api.fullWidth(code.toLowerCase()), "leader");
        assertThat(source.status()).isEqualTo(200);
        assertThat(source.html().select("a.ticket").eachAttr("data-id")).containsExactly(hotline);
    }

    /**
     * A town pasted with a no-break space after it, codes and a reporter typed with a Chinese input method filter the
     * page as meant; the line of what is set names what the filter used (上报人 staff1's name, the town without the
     * space), not what was typed.
     */
    @Test
    void aTownPastedAndCodesAndAReporterTypedInFullWidthFilterThePageWhichNamesWhatItUsed() {
        String town = "粘贴页面镇" + Api.creditCode().substring(12);
        String code = api.enterprise("粘贴" + town + "企业", town);
        String ticket = id(api.visit(code, List.of(Api.problem("CONTAINER", "订舱难"))).get(0));
        String query = "town=" + town + "\u00A0&leadDepartment=" + Api.fullWidth("TRANSPORT") + "&category="
                + Api.fullWidth("CONTAINER") + "&reporter=" + Api.fullWidth("staff1") + "\u00A0";

        Pages.Answer list = pages.get("/tickets?" + query, "leader");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.html().select("a.ticket").eachAttr("data-id")).containsExactly(ticket);
        assertThat(list.html().select("#activeFilters .chip").eachText()).containsExactly("主办部门：交通运输局（港航）",
                "类别：集装箱/海运舱位", "镇（街道）：" + town, "跟进人：王晓明（staff1）");
        assertSelected(list, "TRANSPORT", "CONTAINER");

        // (addition) in lower case as the API takes them: the form's own boxes show what filtered, so that sending the
        // form again keeps the filter; a code no catalog entry has in any case is still named as wrong
        Pages.Answer lower = pages.get("/tickets?town=" + town + "&leadDepartment=transport&department=Transport"
                + "&category=container", "leader");
        assertThat(lower.status()).isEqualTo(200);
        assertThat(lower.html().select("a.ticket").eachAttr("data-id")).containsExactly(ticket);
        assertSelected(lower, "TRANSPORT", "CONTAINER");
        assertThat(lower.html().select("select[name=department] option[selected]").eachAttr("value"))
                .containsExactly("TRANSPORT");
        Pages.Answer unknown = pages.get("/tickets?town=" + town + "&category=nope", "leader");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.html().select(".field[data-field=category] .field-error").text()).contains("类别");
    }

    private static void assertSelected(Pages.Answer list, String leadDepartment, String category) {
        assertThat(list.html().select("select[name=leadDepartment] option[selected]").eachAttr("value"))
                .containsExactly(leadDepartment);
        assertThat(list.html().select("select[name=category] option[selected]").eachAttr("value"))
                .containsExactly(category);
    }

    @Test
    void thePagerKeepsTheFilters() {
        String word = "翻页" + Api.creditCode().substring(12);
        api.visit(api.enterprise(), List.of(Api.problem("OTHER", word + " 一"), Api.problem("OTHER", word + " 二"),
                Api.problem("OTHER", word + " 三")));

        Pages.Answer first = pages.get("/tickets?q=" + word + "&status=DISPATCHING&open=true&size=2", "dispatch");
        assertThat(first.html().select("a.ticket")).hasSize(2);
        assertThat(first.html().select("#previousPage")).isEmpty();
        String next = first.html().select("#nextPage").attr("href");
        assertThat(next).startsWith("/tickets?").contains("status=DISPATCHING", "open=true", "page=1", "size=2");
        // the link is encoded as a browser sends it; MockMvc encodes a path itself, so it gets the decoded one
        String decoded = URLDecoder.decode(next, StandardCharsets.UTF_8);
        assertThat(decoded).contains("q=" + word);

        Pages.Answer second = pages.get(decoded, "dispatch");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.html().select("a.ticket")).hasSize(1);
        assertThat(second.html().select("#nextPage")).isEmpty();
        assertThat(second.html().select("#previousPage").attr("href")).contains("status=DISPATCHING", "size=2")
                .doesNotContain("page=");
        assertThat(second.html().select("#pageOf").text()).isEqualTo("第 2 页，共 2 页");

        // a page past the end says so and leads to the last one, rather than "nothing matches" beside the total
        Pages.Answer past = pages.get("/tickets?q=" + word + "&status=DISPATCHING&open=true&size=2&page=7", "dispatch");
        assertThat(past.html().select("#noTickets")).isEmpty();
        assertThat(past.html().select("#pastTheEnd").text()).contains("第 8 页已超出范围", "3 件共 2 页");
        Pages.Answer last = pages.get(URLDecoder.decode(past.html().select("#lastPage").attr("href"),
                StandardCharsets.UTF_8), "dispatch");
        assertThat(last.html().select("a.ticket")).hasSize(1);
        assertThat(last.html().select("#pageOf").text()).isEqualTo("第 2 页，共 2 页");
    }

    @Test
    void badFilterValuesShowTheListAgainWithChineseMessages() {
        Pages.Answer bad = pages.get("/tickets?status=BOGUS&overdue=maybe&from=yesterday&category=NOPE&page=x",
                "leader");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).startsWith("<!DOCTYPE html>").doesNotContain("Exception", "\"detail\"");
        // (addition) the page fault in the API's and the other pages' one wording (PageParams), not a word of its own
        assertThat(bad.html().select("#filterError").text()).contains("筛选条件有误",
                "页码：必须是 0 到 ", " 之间的整数（列表最多显示前 ");
        assertThat(bad.html().select(".field[data-field=status] .field-error").text()).isEqualTo("请从列表中选择状态");
        assertThat(bad.html().select(".field[data-field=overdue] .field-error").text()).contains("超期");
        assertThat(pages.get("/tickets?open=maybe", "leader").html()
                .select(".field[data-field=open] .field-error").text()).contains("在办", "已办结");
        assertThat(bad.html().select(".field[data-field=from] .field-error").text()).contains("有效日期");
        assertThat(bad.html().select(".field[data-field=category] .field-error").text()).contains("类别");
        assertThat(bad.html().select("#filterForm")).hasSize(1);
        assertThat(bad.html().select("a.ticket")).isEmpty();
    }
}
