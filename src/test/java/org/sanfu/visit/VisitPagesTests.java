package org.sanfu.visit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.Pages;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.MultiValueMap;

/**
 * The visit pages (docs/UI.md): {@code /visits/new} and its {@code POST /visits}, and {@code /visits/{id}}.
 * Each test logs visits on an enterprise of its own and counts them through the API.
 */
@SanfuTest
class VisitPagesTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    Pages pages;
    @Autowired
    Api api;

    // --- helpers -------------------------------------------------------------------------------

    /** The form as /visits/new renders it for the user, the enterprise chosen. */
    private Document blankForm(String user, String code) {
        Pages.Answer form = pages.get("/visits/new?enterpriseCreditCode=" + code, user);
        assertThat(form.status()).isEqualTo(200);
        return form.html();
    }

    private static String key(Document form) {
        String key = form.select("#visitForm input[type=hidden][name=idempotencyKey]").val();
        assertThat(key).isNotBlank();
        return key;
    }

    /** Two problems, container and financing, as a staff member types them an hour after the visit. */
    private static MultiValueMap<String, String> twoProblems(String code, String key, String visitedAt) {
        return Pages.form("idempotencyKey", key, "enterpriseCreditCode", code, "visitedAt", visitedAt,
                "source", "VISIT", "operatingStatus", "WATCH", "orderBacklogMonths", "3", "notes", "订单排到明年3月",
                "problems[0].category", "CONTAINER", "problems[0].title", "出口集装箱紧张",
                "problems[0].description", "一个月缺柜20个", "problems[0].urgency", "NORMAL",
                "problems[0].resolvedOnSite", "false", "problems[0].onSiteResolution", "",
                "problems[1].category", "FINANCING", "problems[1].title", "流动资金贷款难",
                "problems[1].description", "", "problems[1].urgency", "URGENT",
                "problems[1].resolvedOnSite", "false", "problems[1].onSiteResolution", "",
                // a third block the user opened and left empty: ignored, not refused
                "problems[2].category", "", "problems[2].title", "", "problems[2].description", "",
                "problems[2].urgency", "NORMAL", "problems[2].resolvedOnSite", "false",
                "problems[2].onSiteResolution", "", "save", "save");
    }

    private static String anHourAgo() {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
                .format(Instant.now().minus(1, ChronoUnit.HOURS).atZone(SHANGHAI));
    }

    private long visitsOf(String code) {
        Api.Response list = api.get("/api/visits?enterprise=" + code, "staff1");
        assertThat(list.status()).isEqualTo(200);
        return list.json().get("total").asLong();
    }

    private static String visitId(Pages.Answer saved) {
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.redirect()).matches("/visits/\\d+");
        return saved.redirect().substring("/visits/".length());
    }

    // --- the form ------------------------------------------------------------------------------

    @Test
    void theFormHasTheApisFieldNamesAFreshIdempotencyKeyAndItsChoicesInChinese() {
        String code = api.enterprise("台州表单字段有限公司", "大溪镇");
        Document form = blankForm("staff1", code);
        assertThat(form.select("html").attr("lang")).isEqualTo("zh-CN");
        Element visit = form.selectFirst("form#visitForm[method=post][action=/visits]");
        assertThat(visit).isNotNull();
        for (String name : List.of("_csrf", "idempotencyKey", "enterpriseCreditCode", "visitedAt", "source",
                "operatingStatus", "orderBacklogMonths", "notes", "problems[0].category", "problems[0].title",
                "problems[0].description", "problems[0].urgency", "problems[0].resolvedOnSite",
                "problems[0].onSiteResolution")) {
            assertThat(visit.select("[name=\"" + name + "\"]")).as(name).isNotEmpty();
        }
        assertThat(visit.select("input[name=enterpriseCreditCode]").val()).isEqualTo(code);
        assertThat(form.select("#chosenEnterprise").text()).contains("台州表单字段有限公司");
        assertThat(visit.select("input[name=visitedAt]").attr("type")).isEqualTo("datetime-local");
        assertThat(visit.select("select[name=\"problems[0].category\"] option").eachText()).contains("集装箱/海运舱位");
        assertThat(visit.select("select[name=source] option[selected]").text()).isEqualTo("走访");
        assertThat(key(form)).isNotEqualTo(key(blankForm("staff1", code)));
    }

    /**
     * Before saving, the one who logs a problem knows where its category sends it: straight to the department the
     * routing table names, or, for 其他, to the office to be assigned; for a hotline entry as for a visit.
     */
    @Test
    void theCategorySaysWhichCategoriesGoStraightToWhichDepartmentAndWhichComeToTheOffice() {
        for (String user : List.of("staff1", "dispatch")) {
            Element routing = blankForm(user, api.enterprise()).selectFirst("#problem-0 #categoryRouting");
            assertThat(routing).as(user).isNotNull();
            assertThat(routing.tagName()).as("one line on a phone, the departments a tap away").isEqualTo("details");
            assertThat(routing.select("summary").text())
                    .isEqualTo("其他类问题先到专班办公室，由其交办；其余类别保存后直接交主办部门。");
            assertThat(routing.select("li[data-category=CONTAINER]").text()).isEqualTo("集装箱/海运舱位：交通运输局（港航）");
            assertThat(routing.select("li[data-category=CREDIT_INSURANCE]").text()).isEqualTo("出口信保：商务局");
            assertThat(routing.select("li[data-category=OTHER]")).as("it goes to no department").isEmpty();
        }
    }

    /** The form calls what a problem makes by the name the saved visit's page counts it by (生成 2 件事项), not a second one. */
    @Test
    void theFormSaysEachProblemMakesATicketInTheSavedVisitsWords() {
        Document form = blankForm("staff1", api.enterprise());
        assertThat(form.select("#visitForm p.hint").eachText()).contains("每个问题生成一件事项。留空的问题框不会保存。");
        assertThat(form.text()).doesNotContain("事项交办单");
    }

    @Test
    void staffLogsAVisitWithTwoProblemsAndSeesBothTicketsWithTheirDepartments() {
        String code = api.enterprise("台州两个问题有限公司", "大溪镇");
        String visitedAt = anHourAgo();
        Pages.Answer saved = pages.post("/visits", "staff1", twoProblems(code, key(blankForm("staff1", code)), visitedAt));
        String id = visitId(saved);

        JsonNode visit = api.get("/api/visits/" + id, "staff1").json();
        assertThat(visit.get("enterpriseCreditCode").asText()).isEqualTo(code);
        assertThat(visit.get("tickets")).hasSize(2);
        assertThat(OffsetDateTime.parse(visit.get("visitedAt").asText()).atZoneSameInstant(SHANGHAI)
                .toLocalDateTime().toString()).as("datetime-local read in the service's zone").isEqualTo(visitedAt);
        assertThat(visit.get("operatingStatus").asText()).isEqualTo("WATCH");
        assertThat(visit.get("orderBacklogMonths").asInt()).isEqualTo(3);
        assertThat(visit.get("tickets").get(1).get("urgency").asText()).isEqualTo("URGENT");

        Pages.Answer page = pages.get("/visits/" + id, "staff1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("#flash").text()).as("the answer of saving says so")
                .isEqualTo("走访已登记，生成 2 件事项，见下方“生成的事项”。");
        assertThat(pages.get("/visits/" + id, "staff1").html().select("#flash")).as("once, not on the next load")
                .isEmpty();
        // the top bar marks the enterprises (a saved visit is in its file), not 登记走访, the form for a new one
        assertThat(page.html().select("header.bar nav a.current").text()).isEqualTo("企业");
        assertThat(pages.get("/visits/new", "staff1").html().select("header.bar nav a.current").text())
                .isEqualTo("登记走访");
        List<Element> tickets = page.html().select("#visitTickets a.ticket");
        assertThat(tickets).hasSize(2);
        String container = visit.get("tickets").get(0).get("id").asText();
        String financing = visit.get("tickets").get(1).get("id").asText();
        assertThat(tickets.get(0).attr("href")).isEqualTo("/tickets/" + container);
        assertThat(tickets.get(0).text()).contains("出口集装箱紧张", "主办：交通运输局", "待签收");
        assertThat(tickets.get(0).select(".left").text()).matches("剩 \\d+(\\.\\d)? 个工作日");
        assertThat(tickets.get(0).text()).as("waiting to be signed, the sign deadline comes first").contains("签收期限");
        assertThat(tickets.get(1).attr("href")).isEqualTo("/tickets/" + financing);
        assertThat(tickets.get(1).text()).contains("流动资金贷款难", "主办：金融办", "紧急");
        assertThat(page.html().select("#visitFacts").text()).contains("台州两个问题有限公司", "关注", "3 个月",
                "订单排到明年3月");
    }

    @Test
    void aVisitWithoutProblemsSaysItMadeNoTicket() {
        String code = api.enterprise();
        String id = visitId(pages.post("/visits", "staff2", Pages.form("idempotencyKey", key(blankForm("staff2", code)),
                "enterpriseCreditCode", code, "visitedAt", anHourAgo(), "source", "VISIT", "notes", "企业经营正常",
                "problems[0].category", "", "problems[0].title", "", "problems[0].urgency", "NORMAL", "save", "save")));
        assertThat(pages.get("/visits/" + id, "staff2").html().select("#flash").text())
                .isEqualTo("走访已登记；没有填写问题，未生成事项。");
        assertThat(pages.get("/visits/" + id, "staff2").html().select("#flash")).isEmpty();
    }

    /** The credit code as a Chinese input method types it, with a no-break space pasted after it. */
    @Test
    void aCreditCodeTypedInFullWidthChoosesItsEnterprise() {
        String code = api.enterprise();
        String id = visitId(pages.post("/visits", "staff2", Pages.form("idempotencyKey", key(blankForm("staff2", code)),
                "enterpriseCreditCode", Api.fullWidth(code.toLowerCase()) + "\u00A0", "visitedAt", anHourAgo(),
                "source", "VISIT", "notes", "", "problems[0].category", "CONTAINER", "problems[0].title", "全角代码走访",
                "problems[0].urgency", "NORMAL", "save", "save")));
        assertThat(api.get("/api/visits/" + id, "leader").json().get("enterpriseCreditCode").asText()).isEqualTo(code);
    }

    @Test
    void aVisitLoggedLateShowsTheReplyDeadlineItMissedByItsName() {
        String code = api.enterprise("台州补录走访有限公司", "大溪镇");
        String monthAgo = OffsetDateTime.now(SHANGHAI).minusDays(30).truncatedTo(ChronoUnit.MINUTES).toString();
        Api.Response logged = api.post("/api/visits", "staff1", java.util.Map.of("enterpriseCreditCode", code,
                "visitedAt", monthAgo, "problems", List.of(Api.problem("CONTAINER", "补录的集装箱问题"))));
        assertThat(logged.status()).as(logged.text()).isEqualTo(201);
        JsonNode ticket = logged.json().get("tickets").get(0);
        assertThat(ticket.get("status").asText()).isEqualTo("ASSIGNED");

        Element card = pages.get("/visits/" + logged.json().get("id").asText(), "staff1").html()
                .selectFirst("#visitTickets a.ticket");
        String replyDeadline = OffsetDateTime.parse(ticket.get("replyDeadline").asText()).atZoneSameInstant(SHANGHAI)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        assertThat(card.text()).as("the deadline missed is the reply deadline, though the sign deadline is ahead")
                .contains("答复期限 " + replyDeadline).doesNotContain("签收期限");
        assertThat(card.select(".left").hasClass("overdue")).isTrue();
    }

    @Test
    void aProblemResolvedOnSiteIsShownSoWithItsResolution() {
        String code = api.enterprise();
        Pages.Answer saved = pages.post("/visits", "staff2", Pages.form("idempotencyKey",
                key(blankForm("staff2", code)), "enterpriseCreditCode", code, "visitedAt", anHourAgo(),
                "source", "VISIT", "problems[0].category", "POLICY", "problems[0].title", "不清楚稳岗补贴怎么申请",
                "problems[0].urgency", "NORMAL", "problems[0].resolvedOnSite", "false",
                "problems[0].resolvedOnSite", "true", "problems[0].onSiteResolution", "当场讲解申请流程"));
        Element ticket = pages.get("/visits/" + visitId(saved), "staff2").html().selectFirst("#visitTickets a.ticket");
        assertThat(ticket).isNotNull();
        assertThat(ticket.select(".on-site").text()).isEqualTo("当场解决");
        assertThat(ticket.text()).contains("已答复待回访", "解决情况：当场讲解申请流程");
    }

    /**
     * 当场解决 still makes a ticket, which goes straight to 回访 (bpmn/ticket.bpmn) and closes on the enterprise's
     * rating: the form says so beside the choice, and the saved visit's page does, so that a specialist does not
     * leave believing the problem is struck off.
     */
    @Test
    void aProblemResolvedOnSiteIsSaidToWaitForTheEnterprisesRatingOnTheFormAndWhenSaved() {
        String code = api.enterprise();
        Document form = blankForm("staff1", code);
        Element choice = form.selectFirst("#problem-0 .field:has(#problems0-resolvedOnSite)");
        assertThat(choice).isNotNull();
        assertThat(choice.select("#problems0-onSiteNext.on-site-next").text()).as("beside the box it is ticked in")
                .isEqualTo("当场解决的问题也会生成事项，状态为“已答复待回访”：还需企业评价，满意或基本满意后销号，"
                        + "不满意则由专班办公室交办重办。");

        MultiValueMap<String, String> two = twoProblems(code, key(form), anHourAgo());
        two.set("problems[1].resolvedOnSite", "true");
        two.set("problems[1].onSiteResolution", "当场联系银行客户经理");
        String id = visitId(pages.post("/visits", "staff1", two));
        Document page = pages.get("/visits/" + id, "staff1").html();
        assertThat(page.select("#flash").text()).isEqualTo("走访已登记，生成 2 件事项，见下方“生成的事项”。"
                + "其中当场解决的 1 件还需企业评价，满意或基本满意后销号。");
        List<Element> rows = page.select("#visitTickets a.ticket");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).select(".on-site-next").text()).as("the row of the one resolved on site")
                .isEqualTo("待企业评价，满意或基本满意后销号");
        assertThat(rows.get(0).select(".on-site-next")).as("the one handed to a department waits for no rating yet")
                .isEmpty();
        assertThat(rows.get(1).select(".lead").text()).as("dispatch owes it nothing yet")
                .doesNotContain("待专班办公室交办");

        // the enterprise's 不满意 sends it to dispatch to assign: its row says so, and no longer waits for a rating
        api.act(rows.get(1).attr("data-id"), "feedback", "staff1",
                Map.of("satisfaction", "DISSATISFIED", "comment", "还是不清楚"));
        Element sentBack = pages.get("/visits/" + id, "staff1").html().select("#visitTickets a.ticket").get(1);
        assertThat(sentBack.select(".lead").text()).isEqualTo("待专班办公室交办");
    }

    @Test
    void theSameFormPostedTwiceWithOneKeyLogsOneVisitAndBothAnswersLeadToIt() {
        String code = api.enterprise();
        MultiValueMap<String, String> form = twoProblems(code, key(blankForm("staff1", code)), anHourAgo());
        String first = visitId(pages.post("/visits", "staff1", form));
        String second = visitId(pages.post("/visits", "staff1", form));
        assertThat(second).isEqualTo(first);
        assertThat(visitsOf(code)).isEqualTo(1);
        assertThat(api.get("/api/tickets?enterprise=" + code, "staff1").json().get("total").asLong()).isEqualTo(2);

        // a fresh form (a new key) is a new visit
        visitId(pages.post("/visits", "staff1", twoProblems(code, key(blankForm("staff1", code)), anHourAgo())));
        assertThat(visitsOf(code)).isEqualTo(2);
    }

    @Test
    void aKeyThatSavedAnotherFormIsRefusedAndTheFormComesBackWithAKeyOfItsOwn() {
        String code = api.enterprise();
        String key = key(blankForm("staff1", code));
        String first = visitId(pages.post("/visits", "staff1", twoProblems(code, key, anHourAgo())));

        // back button, one word changed, saved again: not the same form, so not the same visit
        MultiValueMap<String, String> edited = twoProblems(code, key, anHourAgo());
        edited.set("problems[0].title", "出口集装箱非常紧张");
        Pages.Answer refused = pages.post("/visits", "staff1", edited);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.html().select("#formNotice").text()).contains("已经提交过");
        assertThat(refused.html().select("input[name=\"problems[0].title\"]").val()).isEqualTo("出口集装箱非常紧张");
        String fresh = refused.html().select("input[name=idempotencyKey]").val();
        assertThat(fresh).isNotBlank().isNotEqualTo(key);
        assertThat(visitsOf(code)).isEqualTo(1);

        edited.set("idempotencyKey", fresh);
        assertThat(visitId(pages.post("/visits", "staff1", edited))).isNotEqualTo(first);
        assertThat(visitsOf(code)).isEqualTo(2);
    }

    @Test
    void aMissingTitleIsShownByItsInputWithEverythingTypedKeptAndNothingLogged() {
        String code = api.enterprise();
        String key = key(blankForm("staff1", code));
        MultiValueMap<String, String> form = twoProblems(code, key, anHourAgo());
        form.set("problems[1].title", "  ");
        form.set("problems[1].description", "利率太高");

        Pages.Answer refused = pages.post("/visits", "staff1", form);
        assertThat(refused.status()).isEqualTo(400);
        Document html = refused.html();
        Element title = html.selectFirst("input[name=\"problems[1].title\"]");
        assertThat(title).isNotNull();
        Element field = title.parent();
        assertThat(field.hasClass("has-error")).isTrue();
        assertThat(field.select(".field-error").text()).isEqualTo("不能为空");
        assertThat(html.select("#errorSummary").text()).contains("1 处");
        assertThat(html.select("#toFirstError").attr("href")).isEqualTo("#" + title.id());
        assertThat(html.select("input[name=\"problems[0].title\"]").val()).isEqualTo("出口集装箱紧张");
        assertThat(html.select("select[name=\"problems[1].category\"] option[selected]").val()).isEqualTo("FINANCING");
        assertThat(html.select("select[name=\"problems[1].urgency\"] option[selected]").val()).isEqualTo("URGENT");
        assertThat(html.select("textarea[name=\"problems[1].description\"]").text()).isEqualTo("利率太高");
        assertThat(html.select("textarea[name=notes]").text()).isEqualTo("订单排到明年3月");
        assertThat(html.select("select[name=operatingStatus] option[selected]").val()).isEqualTo("WATCH");
        assertThat(html.select("input[name=idempotencyKey]").val()).as("the same form, the same key").isEqualTo(key);
        assertThat(html.select("fieldset.problem")).as("the empty third block is dropped").hasSize(2);
        assertThat(html.selectFirst("input[name=\"problems[0].title\"]").parent().select(".field-error")).isEmpty();
        assertThat(visitsOf(code)).isZero();

        // put right, the same form saves once
        form.set("problems[1].title", "流动资金贷款难");
        visitId(pages.post("/visits", "staff1", form));
        assertThat(visitsOf(code)).isEqualTo(1);
    }

    @Test
    void aNumberWithoutAWholeNumberAndAnUnchosenCategoryAreNamedInWords() {
        String code = api.enterprise();
        MultiValueMap<String, String> form = twoProblems(code, key(blankForm("staff1", code)), anHourAgo());
        form.set("orderBacklogMonths", "1.5");
        form.set("problems[1].category", "");
        form.set("problems[0].title", " ");

        // the number, and what the intake itself finds in the rest, in one answer
        Pages.Answer refused = pages.post("/visits", "staff1", form);
        assertThat(refused.status()).isEqualTo(400);
        Document html = refused.html();
        assertThat(html.selectFirst("[name=orderBacklogMonths]").parent().select(".field-error").text())
                .isEqualTo("请填写整数");
        assertThat(html.select("[name=orderBacklogMonths]").val()).isEqualTo("1.5");
        assertThat(html.selectFirst("[name=\"problems[1].category\"]").parent().select(".field-error").text())
                .isEqualTo("请选择一项");
        assertThat(html.selectFirst("[name=\"problems[0].title\"]").parent().select(".field-error").text())
                .isNotBlank();
        assertThat(visitsOf(code)).isZero();

        form.set("orderBacklogMonths", "3");
        Document unchosen = pages.post("/visits", "staff1", form).html();
        assertThat(unchosen.selectFirst("[name=\"problems[1].category\"]").parent().select(".field-error").text())
                .isEqualTo("请选择一项");
        assertThat(unchosen.selectFirst("[name=orderBacklogMonths]").parent().select(".field-error")).isEmpty();
        assertThat(visitsOf(code)).isZero();
    }

    @Test
    void anUnknownEnterpriseAndAFutureTimeAreShownByTheirInputsInChinese() {
        Pages.Answer refused = pages.post("/visits", "staff1", Pages.form("idempotencyKey", "k-" + Api.creditCode(),
                "enterpriseCreditCode", Api.creditCode(), "visitedAt",
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(Instant.now().plus(2, ChronoUnit.DAYS)
                        .atZone(SHANGHAI)), "source", "VISIT"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.html().selectFirst("input[name=enterpriseCreditCode]").parent().select(".field-error").text())
                .startsWith("没有使用此统一社会信用代码的企业");
        assertThat(refused.html().selectFirst("input[name=visitedAt]").parent().select(".field-error").text())
                .isEqualTo("不能晚于当前时间");
    }

    @Test
    void addingAProblemWithoutJavaScriptShowsTheFormAgainWithOneMoreBlockAndNothingLost() {
        String code = api.enterprise();
        String key = key(blankForm("staff1", code));
        Pages.Answer more = pages.post("/visits", "staff1", Pages.form("idempotencyKey", key,
                "enterpriseCreditCode", code, "visitedAt", "2026-11-30T09:30", "source", "FORUM", "notes", "座谈会",
                "problems[0].category", "LABOR", "problems[0].title", "招工难", "problems[0].urgency", "NORMAL",
                "problems[0].resolvedOnSite", "false", "addProblem", "true"));
        assertThat(more.status()).isEqualTo(200);
        Document html = more.html();
        assertThat(html.select("fieldset.problem")).hasSize(2);
        assertThat(html.select("#addProblem").attr("formaction")).as("back at the next new block")
                .isEqualTo("/visits#problem-2");
        assertThat(html.select("select[autofocus]").eachAttr("id")).as("the cursor in the new block")
                .containsExactly("problems1-category");
        assertThat(html.select("input[name=\"problems[1].title\"]")).hasSize(1);
        assertThat(html.select("input[name=\"problems[1].title\"]").val()).isEmpty();
        assertThat(html.select("input[name=\"problems[0].title\"]").val()).isEqualTo("招工难");
        assertThat(html.select("input[name=visitedAt]").val()).isEqualTo("2026-11-30T09:30");
        assertThat(html.select("select[name=source] option[selected]").val()).isEqualTo("FORUM");
        assertThat(html.select("input[name=idempotencyKey]").val()).isEqualTo(key);
        assertThat(html.select(".field-error")).isEmpty();
        assertThat(visitsOf(code)).isZero();
        // saving comes before "添加问题" in the form (查找企业, above it, is the default button)
        assertThat(html.select("#visitForm button[type=submit]").first().id()).isEqualTo("saveVisit");
    }

    @Test
    void theEnterprisePickerFindsByNameOrCodeAndAChoiceFillsInTheCodeKeepingWhatWasTyped() {
        String code = api.enterprise("椒江选取测试泵业有限公司", "椒江");
        for (String words : List.of("选取测试泵业", code.substring(4, 14))) {
            Pages.Answer found = pages.get("/visits/new?enterprise=" + words, "staff1");
            assertThat(found.status()).isEqualTo(200);
            Element pick = found.html().selectFirst("#enterpriseMatches button[data-code=" + code + "]");
            assertThat(pick).as(words).isNotNull();
            assertThat(pick.text()).contains("椒江选取测试泵业有限公司");
            assertThat(pick.attr("form")).isEqualTo("visitForm");
            assertThat(pick.attr("name")).isEqualTo("chooseEnterprise");
            assertThat(pick.val()).isEqualTo(code);
        }
        assertThat(pages.get("/visits/new?enterprise=没有这种企业名字", "staff1").html().select("#noMatches")).hasSize(1);

        // the search and the choice are the visit form's own buttons: what was typed below them stays
        Document blank = blankForm("staff1", "");
        assertThat(blank.select("#findEnterprise").attr("form")).isEqualTo("visitForm");
        assertThat(blank.select("#enterpriseWords").attr("form")).isEqualTo("visitForm");
        // the default button (HTML's implicit submission: the form's first submit button in tree order) is 查找企业:
        // Enter in the search box searches without a script, and Enter in no field saves the visit
        assertThat(blank.select("button[type=submit][form=visitForm], #visitForm button[type=submit], "
                + "input[type=submit][form=visitForm], #visitForm input[type=submit]").first().id())
                .isEqualTo("findEnterprise");
        assertThat(blank.select("button[type=submit][form=visitForm], #visitForm button[type=submit]")
                .select("[name=save]").eachAttr("id")).as("one button saves").containsExactly("saveVisit");
        String key = key(blank);
        Pages.Answer found = pages.post("/visits", "staff1", Pages.form("idempotencyKey", key, "visitedAt",
                "2026-11-30T09:30", "notes", "先写的走访记录", "problems[0].category", "LABOR", "problems[0].title",
                "招工难", "enterprise", "选取测试泵业", "findEnterprise", "true"));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.html().select("#enterpriseMatches button[data-code=" + code + "]")).hasSize(1);
        assertThat(found.html().select("#enterpriseWords").val()).isEqualTo("选取测试泵业");
        assertThat(found.html().select("#notes").text()).isEqualTo("先写的走访记录");
        assertThat(found.html().select(".field-error")).isEmpty();

        Pages.Answer chosen = pages.post("/visits", "staff1", Pages.form("idempotencyKey", key, "visitedAt",
                "2026-11-30T09:30", "notes", "先写的走访记录", "problems[0].category", "LABOR", "problems[0].title",
                "招工难", "enterprise", "选取测试泵业", "chooseEnterprise", code));
        assertThat(chosen.status()).isEqualTo(200);
        Document html = chosen.html();
        assertThat(html.select("#enterpriseCreditCode").val()).isEqualTo(code);
        assertThat(html.select("#chosenEnterprise").text()).contains("椒江选取测试泵业有限公司");
        assertThat(html.select("#notes").text()).isEqualTo("先写的走访记录");
        assertThat(html.select("input[name=\"problems[0].title\"]").val()).isEqualTo("招工难");
        assertThat(html.select("input[name=idempotencyKey]").val()).isEqualTo(key);
        assertThat(html.select("#enterpriseWords").val()).as("the words looked up stay, to choose again")
                .isEqualTo("选取测试泵业");
        assertThat(visitsOf(code)).as("neither logs a visit").isZero();

        // Enter in another one-line input, the search box left blank, presses 查找企业 too: the form as it was
        Pages.Answer entered = pages.post("/visits", "staff1", Pages.form("idempotencyKey", key,
                "enterpriseCreditCode", code, "visitedAt", "2026-11-30T09:30", "problems[0].category", "LABOR",
                "problems[0].title", "招工难", "enterprise", "", "findEnterprise", "true"));
        assertThat(entered.status()).isEqualTo(200);
        assertThat(entered.html().select("#enterpriseMatches, .field-error")).isEmpty();
        assertThat(entered.html().select("input[name=\"problems[0].title\"]").val()).isEqualTo("招工难");
        assertThat(entered.html().select("#enterpriseCreditCode").val()).isEqualTo(code);
        assertThat(visitsOf(code)).as("not saved").isZero();

        // and so they do when the visit is refused (no title)
        Pages.Answer refused = pages.post("/visits", "staff1", Pages.form("idempotencyKey", key,
                "enterpriseCreditCode", code, "visitedAt", "2026-11-30T09:30", "problems[0].category", "LABOR",
                "problems[0].title", "", "problems[0].description", "只写了描述", "enterprise", "选取测试泵业"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.html().select("#enterpriseWords").val()).isEqualTo("选取测试泵业");
    }

    @Test
    void findingAWholeCreditCodeOnFileChoosesThatEnterpriseSoTheVisitSaves() {
        String code = api.enterprise("椒江整码测试阀门有限公司", "椒江");
        Document blank = blankForm("staff1", "");
        String key = key(blank);
        // as a specialist types it on a phone: lower case, a space after it
        Pages.Answer found = pages.post("/visits", "staff1", Pages.form("idempotencyKey", key, "visitedAt",
                "2026-11-30T09:30", "notes", "先写的走访记录", "problems[0].category", "LABOR", "problems[0].title",
                "招工难", "enterprise", code.toLowerCase() + " ", "findEnterprise", "true"));
        assertThat(found.status()).isEqualTo(200);
        Document html = found.html();
        assertThat(html.select("#enterpriseCreditCode").val()).as("taken as 选择 would").isEqualTo(code);
        assertThat(html.select("#chosenEnterprise").text()).contains("椒江整码测试阀门有限公司");
        assertThat(html.select("#notes").text()).isEqualTo("先写的走访记录");
        assertThat(html.select("input[name=\"problems[0].title\"]").val()).isEqualTo("招工难");
        assertThat(html.select("#enterpriseWords").val()).isEqualTo(code.toLowerCase());
        assertThat(html.select(".field-error")).isEmpty();
        assertThat(visitsOf(code)).isZero();

        // saving the form as it came back logs the visit on that enterprise, without a tap on 选择
        MultiValueMap<String, String> again = Pages.form("save", "save");
        html.select("#visitForm input[name], #visitForm select[name], #visitForm textarea[name], #enterpriseWords")
                .forEach(e -> {
                    boolean unticked = e.attr("type").equals("checkbox") && !e.hasAttr("checked");
                    if (!unticked && !e.attr("name").equals("_csrf")) {
                        String value = e.tagName().equals("select") ? e.select("option[selected]").val()
                                : e.tagName().equals("textarea") ? e.text() : e.val();
                        again.add(e.attr("name"), value);
                    }
                });
        assertThat(pages.post("/visits", "staff1", again).status()).isEqualTo(303);
        assertThat(visitsOf(code)).isEqualTo(1);

        // part of a code still lists the matches and chooses nothing, as does a valid code not on file
        for (String words : List.of(code.substring(0, 17), Api.creditCode())) {
            Pages.Answer listed = pages.post("/visits", "staff1", Pages.form("idempotencyKey", key(blankForm("staff1",
                    "")), "enterprise", words, "findEnterprise", "true"));
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.html().select("#enterpriseCreditCode").val()).as(words).isEmpty();
            assertThat(listed.html().select("#enterpriseMatches, #noMatches")).as(words).isNotEmpty();
        }
    }

    /**
     * (addition) {@code /visits/new?enterprise=} with the whole credit code of an enterprise on file (a link, a code
     * pasted into the address) opens the form with it chosen, as 查找企业 then 选择 would; a code not on file opens it
     * with nothing chosen and the usual 没有找到匹配的企业.
     */
    @Test
    void theFormOpenedWithAWholeCreditCodeOnFileAsItsSearchHasThatEnterpriseChosen() {
        String code = api.enterprise("椒江链接测试机械有限公司", "椒江");
        for (String words : List.of(code, code.toLowerCase() + " ")) {
            Pages.Answer opened = pages.get("/visits/new?enterprise=" + words, "staff1");
            assertThat(opened.status()).as(words).isEqualTo(200);
            Document html = opened.html();
            assertThat(html.select("#enterpriseCreditCode").val()).as(words).isEqualTo(code);
            assertThat(html.select("#chosenEnterprise").text()).isEqualTo("椒江链接测试机械有限公司（椒江）");
            assertThat(html.select(".field-error, #noMatches")).isEmpty();
        }
        // the field itself, when given, is what the form holds
        String other = api.enterprise("椒江链接测试另一家有限公司", "椒江");
        assertThat(blankFormWith("enterpriseCreditCode=" + other + "&enterprise=" + code)
                .select("#enterpriseCreditCode").val()).isEqualTo(other);
        // a blank field is no field: the words choose
        assertThat(blankFormWith("enterpriseCreditCode=&enterprise=" + code).select("#chosenEnterprise").text())
                .isEqualTo("椒江链接测试机械有限公司（椒江）");

        for (String unknown : List.of(Api.creditCode(), "91331000MA2XXXXXX1")) {
            Document html = blankFormWith("enterprise=" + unknown);
            assertThat(html.select("#enterpriseCreditCode").val()).as(unknown).isEmpty();
            assertThat(html.select("#noMatches").text()).as(unknown).startsWith("没有找到匹配的企业");
            assertThat(html.select("#enterpriseWords").val()).isEqualTo(unknown);
        }
    }

    private Document blankFormWith(String query) {
        Pages.Answer form = pages.get("/visits/new?" + query, "staff1");
        assertThat(form.status()).as(query).isEqualTo(200);
        return form.html();
    }

    /**
     * Words longer than any enterprise's name: 400, as /enterprises answers them, said by the search, the form kept
     * as typed; on the blank form (/visits/new?enterprise=) too. Words of 200 characters are looked up.
     */
    @Test
    void searchWordsLongerThanAnyNameAreSaidByTheSearchKeepingTheForm() {
        Pages.Answer found = pages.post("/visits", "staff1", Pages.form("idempotencyKey", key(blankForm("staff1", "")),
                "notes", "先写的走访记录", "enterprise", "泵".repeat(201), "findEnterprise", "true"));
        assertThat(found.status()).isEqualTo(400);
        Document html = found.html();
        assertThat(html.select("#enterpriseWordsError").text()).isEqualTo("不能超过 200 个字符");
        assertThat(html.select("#notes").text()).isEqualTo("先写的走访记录");
        assertThat(html.select("#enterpriseWords").attr("maxlength")).isEqualTo("200");
        assertThat(html.select("#enterpriseMatches, #noMatches")).isEmpty();

        Pages.Answer linked = pages.get("/visits/new?enterprise=" + "泵".repeat(201), "staff1");
        assertThat(linked.status()).isEqualTo(400);
        assertThat(linked.html().select("#enterpriseWordsError").text()).isEqualTo("不能超过 200 个字符");

        Pages.Answer longest = pages.post("/visits", "staff1",
                Pages.form("idempotencyKey", key(blankForm("staff1", "")), "enterprise", "泵".repeat(200),
                        "findEnterprise", "true"));
        assertThat(longest.status()).isEqualTo(200);
        assertThat(longest.html().select("#enterpriseWordsError")).isEmpty();
        assertThat(longest.html().select("#noMatches")).hasSize(1);
    }

    @Test
    void dispatchLogsHotlineAndOnlineEntriesOnly() {
        String code = api.enterprise();
        Document form = blankForm("dispatch", code);
        assertThat(form.select("select[name=source] option").eachAttr("value")).containsExactly("HOTLINE", "ONLINE");
        String id = visitId(pages.post("/visits", "dispatch", Pages.form("idempotencyKey", key(form),
                "enterpriseCreditCode", code, "source", "HOTLINE", "problems[0].category", "CUSTOMS",
                "problems[0].title", "报关单退回", "problems[0].urgency", "NORMAL")));
        assertThat(api.get("/api/visits/" + id, "dispatch").json().get("source").asText()).isEqualTo("HOTLINE");

        Pages.Answer visit = pages.post("/visits", "dispatch", Pages.form("enterpriseCreditCode", code,
                "source", "VISIT", "problems[0].category", "CUSTOMS", "problems[0].title", "另一件"));
        assertThat(visit.status()).as("as the API: dispatch logs no visits").isEqualTo(403);
        assertThat(visit.html().select("#errorTitle").text()).contains("无权访问");
        assertThat(visitsOf(code)).isEqualTo(1);
    }

    @Test
    void dispatchsEntryFormSpeaksOfAnEntryNotAVisit() {
        String code = api.enterprise();
        Document entry = blankForm("dispatch", code);
        assertThat(entry.title()).startsWith("登记热线/网上诉求");
        assertThat(entry.select("label[for=visitedAt]").text()).isEqualTo("反映时间");
        assertThat(entry.select("label[for=notes]").text()).isEqualTo("诉求记录");
        assertThat(entry.select("#saveVisit").text()).isEqualTo("保存诉求");

        Document visit = blankForm("staff1", code);
        assertThat(visit.title()).startsWith("登记走访");
        assertThat(visit.select("label[for=visitedAt]").text()).isEqualTo("走访时间");
        assertThat(visit.select("label[for=notes]").text()).isEqualTo("走访记录");
        assertThat(visit.select("#saveVisit").text()).isEqualTo("保存走访");
    }

    @Test
    void aHotlineEntrysPageSaysWhoLoggedWhatNotAVisit() {
        String code = api.enterprise();
        String id = visitId(pages.post("/visits", "dispatch", Pages.form("idempotencyKey", key(blankForm("dispatch", code)),
                "enterpriseCreditCode", code, "source", "HOTLINE", "notes", "企业来电", "problems[0].category", "OTHER",
                "problems[0].title", "园区路灯损坏", "problems[0].urgency", "NORMAL")));
        Document entry = pages.get("/visits/" + id, "dispatch").html();
        assertThat(entry.select("#flash").text()).isEqualTo("诉求已登记，生成 1 件事项，见下方“生成的事项”。");
        assertThat(entry.select("#visitFacts dt").eachText()).contains("反映时间", "登记人", "诉求记录")
                .doesNotContain("走访时间", "服务专员", "走访记录");
        assertThat(entry.select("#anotherVisit").text()).isEqualTo("再登记一条诉求");
        // the record is headed by what it is, wherever it is named
        assertThat(entry.select("h1").text()).isEqualTo("热线诉求 #" + id);
        assertThat(entry.title()).startsWith("热线诉求 #" + id);
        String ticket = entry.select("#visitTickets .card.ticket").attr("data-id");
        Document ticketPage = pages.get("/tickets/" + ticket, "dispatch").html();
        assertThat(ticketPage.select("#visitRecord").text()).isEqualTo("热线诉求 #" + id);
        assertThat(ticketPage.select("#visitRecord").parents().first().previousElementSibling().text()).isEqualTo("登记记录");
        assertThat(pages.get("/enterprises/" + code, "staff1").html().select("#enterpriseVisits .card.visit[data-id=" + id
                + "] .title").text()).startsWith("热线诉求 #" + id);
        Document seenByStaff = pages.get("/visits/" + id, "staff1").html();
        assertThat(seenByStaff.select("#visitFacts dt").eachText()).contains("反映时间", "登记人", "诉求记录");
        assertThat(seenByStaff.select("#anotherVisit").text()).as("staff's form logs a visit").isEqualTo("再登记一次走访");

        String visit = visitId(pages.post("/visits", "staff1", Pages.form("idempotencyKey", key(blankForm("staff1", code)),
                "enterpriseCreditCode", code, "source", "VISIT", "problems[0].category", "OTHER",
                "problems[0].title", "厂门口道路积水", "problems[0].urgency", "NORMAL")));
        Document visitPage = pages.get("/visits/" + visit, "staff1").html();
        assertThat(visitPage.select("#visitFacts dt").eachText()).contains("走访时间", "服务专员", "走访记录");
        assertThat(visitPage.select("h1").text()).isEqualTo("走访 #" + visit);
        Document visitTicket = pages.get("/tickets/" + visitPage.select("#visitTickets .card.ticket").attr("data-id"),
                "staff1").html();
        assertThat(visitTicket.select("#visitRecord").text()).isEqualTo("走访 #" + visit);
        assertThat(visitTicket.select("#visitRecord").parents().first().previousElementSibling().text()).isEqualTo("走访记录");
    }

    // --- who may ---------------------------------------------------------------------------------

    @Test
    void aDepartmentMayNeitherOpenTheFormNorPostItNorReadAVisit() {
        String code = api.enterprise();
        Pages.Answer form = pages.get("/visits/new", "transport");
        assertThat(form.status()).isEqualTo(403);
        assertThat(form.html().select("#errorTitle").text()).contains("无权访问");
        assertThat(form.html().select("html").attr("lang")).isEqualTo("zh-CN");

        Pages.Answer post = pages.post("/visits", "transport", twoProblems(code, "dept-key", anHourAgo()));
        assertThat(post.status()).isEqualTo(403);
        assertThat(visitsOf(code)).isZero();

        String id = visitId(pages.post("/visits", "staff1", twoProblems(code, key(blankForm("staff1", code)),
                anHourAgo())));
        Pages.Answer read = pages.get("/visits/" + id, "transport");
        assertThat(read.status()).as("as GET /api/visits/{id}").isEqualTo(403);
        assertThat(read.html().select("#errorTitle").text()).contains("无权访问");
        assertThat(pages.get("/visits/" + id, "leader").status()).isEqualTo(200);
        Pages.Answer leaders = pages.get("/visits/new", "leader");
        assertThat(leaders.status()).isEqualTo(403);
        assertThat(leaders.html().text()).as("refused by the pages' rule, said as the features say it")
                .contains("角色 领导 无权执行此操作；允许的角色：服务专员、专班办公室");
    }

    @Test
    void anUnknownVisitIsAChinese404Page() {
        for (String id : List.of("987654321", "abc")) {
            Pages.Answer missing = pages.get("/visits/" + id, "staff1");
            assertThat(missing.status()).as(id).isEqualTo(404);
            assertThat(missing.html().select("#errorTitle").text()).contains("未找到");
        }
        assertThat(pages.get("/visits/987654321", "transport").status()).as("404 before 403").isEqualTo(404);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndLogsNothing() {
        String code = api.enterprise();
        Pages.Answer forged = pages.postWithoutToken("/visits", "staff1",
                twoProblems(code, "forged-key", anHourAgo()));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.html().select("#errorTitle").text()).contains("无权访问");
        assertThat(visitsOf(code)).isZero();
    }
}
